import { ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { Clock } from '../src/clock.js';
import type { Config } from '../src/config.js';
import type { Db } from '../src/db/index.js';
import type { Engine } from '../src/engine/engine.js';
import { readJson } from '../src/http/body.js';
import { parseWith, route, sendJson } from '../src/http/respond.js';
import type { Logger } from '../src/log.js';
import { activitySchema, localeOf, toBotActivity } from './activity.js';
import { authenticate, authOptions, BotAdapter } from './auth.js';
import { LoginHelpBot } from './bot.js';
import { errorCard } from './cards.js';
import { say } from './messages.js';
import { TeamsNotifier, type NoticeResult } from './notify.js';
import { teamsProfileLookup, type ProfileLookup } from './profile.js';
import { BotStore } from './store.js';

export { TeamsNoticeError, type NoticeResult } from './notify.js';

export interface TeamsBotDeps {
  config: Config;
  engine: Engine;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Replaces the Teams roster lookup of profile addresses. */
  profiles?: ProfileLookup;
}

export interface TeamsBot {
  /** Whether tokens are checked (an app id is configured) or the Emulator is served. */
  authenticated: boolean;
  /** Tells the Teams user of a case, in the chat it came from (see TeamsNotifier). */
  notifyTeamsUser(caseRef: string, text?: string): Promise<NoticeResult>;
}

/**
 * The Teams channel: `POST /api/messages` on the app's restify server. The body is read here
 * (size-capped, JSON, activity shape checked) and the caller authenticated before botbuilder
 * runs the turn, so a bad request is a 4xx with a JSON error and changes nothing.
 */
export function registerTeamsBot(server: Server, deps: TeamsBotDeps): TeamsBot {
  const { config, engine, db, clock, logger } = deps;
  const auth = new ConfigurationBotFrameworkAuthentication(authOptions(config));
  const adapter = new BotAdapter(auth);
  const store = new BotStore(db);
  const bot = new LoginHelpBot({
    engine,
    store,
    clock,
    logger,
    content: config.content,
    profiles: deps.profiles ?? teamsProfileLookup(logger),
    allowedTenants: (config.ALLOWED_TENANTS ?? '')
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  });

  // The one place a failed turn ends: logged with its stack, the user gets a short card.
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'teams turn failed');
    if (context.activity.type !== 'message' && context.activity.type !== 'invoke') return;
    const locale = localeOf(context.activity) ?? 'en';
    const text = say(locale, 'error', { phone: config.content.support.phone });
    try {
      if (context.activity.type === 'invoke') {
        // An invoke needs its own response, or Teams shows its generic failure on the card.
        await context.sendActivity({
          type: 'invokeResponse',
          value: {
            status: 200,
            body: {
              statusCode: 200,
              type: 'application/vnd.microsoft.activity.message',
              value: text,
            },
          },
        });
        return;
      }
      await context.sendActivity(errorCard(text));
    } catch (sendError) {
      logger.warn({ err: (sendError as Error).message }, 'teams error card not delivered');
    }
  };

  if (!config.MicrosoftAppId) {
    logger.warn(
      'MicrosoftAppId is not set: /api/messages accepts unauthenticated calls (Bot Framework Emulator mode)',
    );
  }

  server.post(
    '/api/messages',
    route(logger, async (req, res) => {
      const body = await readJson(req, config.BOT_MAX_BODY_BYTES);
      const activity = toBotActivity(parseWith(activitySchema, body));
      const header = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
      const authResult = await authenticate(auth, activity, header, logger);
      const result = await adapter.run(authResult, activity, (context) => bot.run(context));
      if (result?.body !== undefined) {
        sendJson(res, result.status, result.body);
        return;
      }
      res.writeHead(result?.status ?? 200, { 'Cache-Control': 'no-store', 'Content-Length': 0 });
      res.end();
    }),
  );

  const notifier = new TeamsNotifier(adapter, store, config.MicrosoftAppId ?? '', logger);
  return {
    authenticated: !!config.MicrosoftAppId,
    notifyTeamsUser: (caseRef, text) => notifier.notifyTeamsUser(caseRef, text),
  };
}
