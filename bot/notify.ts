import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from '../src/log.js';
import { textActivity } from './cards.js';
import { say } from './messages.js';
import type { BotStore } from './store.js';

export type NoticeResult = 'sent' | 'unknown_case' | 'not_teams';

/** The proactive message could not be delivered (the user removed the app, Teams is down, ...). */
export class TeamsNoticeError extends Error {
  readonly code = 'TEAMS_NOTICE_FAILED';
}

/**
 * Sends a message into the Teams chat a case came from, through the conversation reference
 * stored with its conversation. The support console calls this when support resolves a case.
 * https://learn.microsoft.com/azure/bot-service/bot-builder-howto-proactive-message
 */
export class TeamsNotifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly store: BotStore,
    private readonly appId: string,
    private readonly logger: Logger,
  ) {}

  /**
   * @param text What to tell the user; by default that the case is resolved, in their language.
   * @returns `sent`, or why nothing was sent: `unknown_case`, or `not_teams` for a case that
   *   did not come from Teams (nothing to do: the web user gets the e-mail).
   * @throws TeamsNoticeError when Teams did not take the message.
   */
  async notifyTeamsUser(caseRef: string, text?: string): Promise<NoticeResult> {
    const target = await this.store.caseTarget(caseRef);
    if (!target) return 'unknown_case';
    if (target.channel !== 'teams' || !target.channelRef) return 'not_teams';

    const reference = JSON.parse(target.channelRef) as Partial<ConversationReference>;
    const locale = target.locale === 'nl' ? 'nl' : 'en';
    const message = text ?? say(locale, 'notice.resolved', { caseRef });
    try {
      // A failure inside the callback goes to the adapter's onTurnError, which handles it and
      // does not rethrow: catch it here, or a notice Teams never took would count as sent.
      let failed: unknown;
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        try {
          await context.sendActivity(textActivity(message));
        } catch (error) {
          failed = error;
        }
      });
      if (failed) throw failed;
    } catch (error) {
      this.logger.warn({ caseRef, err: (error as Error).message }, 'teams notice not delivered');
      throw new TeamsNoticeError(
        `the Teams notice for case ${caseRef} was not delivered; the user still has the e-mail`,
        { cause: error },
      );
    }
    this.logger.info({ caseRef }, 'teams notice sent');
    return 'sent';
  }
}
