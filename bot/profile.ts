import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from '../src/log.js';

/** Looks up the address in a user's Teams profile; undefined when Teams does not say. */
export type ProfileLookup = (context: TurnContext) => Promise<string | undefined>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Long enough for one conversation, short enough that a changed profile shows up the same day. */
const CACHE_MS = 10 * 60_000;
const CACHE_SIZE = 5_000;
/** A lookup that takes longer than this is skipped: the suggestion is a courtesy, not a step. */
const LOOKUP_MS = 3_000;

/**
 * The Teams roster call (GET /v3/conversations/{id}/members/{userId} on the activity's
 * serviceUrl) gives the user's e-mail or UPN. The bot only ever offers it as a suggestion.
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context
 */
export function teamsProfileLookup(logger: Logger, now: () => number = Date.now): ProfileLookup {
  const cache = new Map<string, { email: string | undefined; at: number }>();
  return async (context) => {
    const userId = context.activity.from?.id;
    if (!userId) return undefined;
    const cacheKey = `${context.activity.serviceUrl}|${context.activity.conversation.id}|${userId}`;
    const hit = cache.get(cacheKey);
    if (hit && now() - hit.at < CACHE_MS) return hit.email;

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>(
      (resolve) => (timer = setTimeout(resolve, LOOKUP_MS, undefined)),
    );
    let email: string | undefined;
    try {
      const member = await Promise.race([TeamsInfo.getMember(context, userId), timeout]);
      const candidate = member?.email ?? member?.userPrincipalName;
      email = candidate && EMAIL.test(candidate) ? candidate.toLowerCase() : undefined;
    } catch (error) {
      logger.debug({ err: (error as Error).message }, 'teams profile lookup failed');
    } finally {
      clearTimeout(timer);
    }
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey, { email, at: now() });
    return email;
  };
}
