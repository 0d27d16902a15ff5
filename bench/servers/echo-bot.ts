/**
 * The Teams baseline: the smallest botbuilder bot, an echo, behind the same restify route shape,
 * the same body reader and the same adapter (bot/auth.ts) as our /api/messages. What is left
 * when this is subtracted from our bot is the cost of our flows, cards and storage.
 */
import {
  ActivityHandler,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
} from 'botbuilder';
import restify from 'restify';
import { BotAdapter } from '../../bot/auth.js';
import { readJson } from '../../src/http/body.js';
import { route, sendJson } from '../../src/http/respond.js';
import { createLogger } from '../../src/log.js';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const { text, value } = context.activity;
      await context.sendActivity(`echo: ${text ?? JSON.stringify(value ?? null)}`);
      await next();
    });
  }
}

// No app id: botbuilder's Emulator mode, exactly as the bench runs our server.
const auth = new ConfigurationBotFrameworkAuthentication({
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
  MicrosoftAppTenantId: '',
  MicrosoftAppType: 'MultiTenant',
});
const adapter = new BotAdapter(auth);
const bot = new EchoBot();
const logger = createLogger('warn');
const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });

server.post(
  '/api/messages',
  route(logger, async (req, res) => {
    const activity = (await readJson(req, 131_072)) as Activity;
    const authResult = await auth.authenticateRequest(
      activity,
      String(req.headers.authorization ?? ''),
    );
    const result = await adapter.run(authResult, activity, (context) => bot.run(context));
    if (result?.body !== undefined) return sendJson(res, result.status, result.body);
    res.writeHead(result?.status ?? 200, { 'Content-Length': 0 });
    res.end();
  }),
);

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'listening', port: server.address().port }));
});
process.on('SIGTERM', () => process.exit(0));
