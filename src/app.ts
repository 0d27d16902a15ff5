import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Server } from 'restify';
import { registerTeamsBot, type TeamsBot } from '../bot/index.js';
import { createActions } from './actions/index.js';
import { fileOffsetClock, systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { migrate, openDb, type OpenedDb } from './db/index.js';
import { seedDemoAccounts } from './directory/demo.js';
import { Engine } from './engine/engine.js';
import { registerChatRoutes } from './http/chat.js';
import { createHttpServer, drainServer } from './http/server.js';
import { ConversationTokens } from './http/tokens.js';
import { registerWidgetRoutes } from './http/widget.js';
import { createLogger, outsideRequest, type Logger } from './log.js';
import { OutboxSender } from './mail/outbox.js';
import { createTransport } from './mail/transport.js';
import { registerPages } from './pages/index.js';
import { startRetention, type RetentionJob } from './retention.js';
import { ensureSecret } from './settings.js';
import { createSupport } from './support/index.js';
import { PhrasingClassifier } from './understanding/phrasing-classifier.js';

export interface App {
  config: Config;
  server: Server;
  engine: Engine;
  database: OpenedDb;
  outbox: OutboxSender;
  logger: Logger;
  clock: Clock;
  /** The Teams channel; the support console calls `teams.notifyTeamsUser` on resolving a case. */
  teams: TeamsBot;
  listen(): Promise<{ host: string; port: number }>;
  /**
   * Stops gracefully: new requests get 503, running ones may finish for SHUTDOWN_GRACE_SECONDS,
   * then mail, retention and the database stop. Resolves false if requests were still running.
   */
  close(): Promise<boolean>;
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Builds the whole server from a configuration: storage, mail, actions, engine, routes. */
export async function createApp(
  config: Config,
  overrides: { clock?: Clock; logger?: Logger } = {},
): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const clock =
    overrides.clock ??
    (config.CLOCK_OFFSET_FILE && config.NODE_ENV !== 'production'
      ? fileOffsetClock(config.CLOCK_OFFSET_FILE, readOptional)
      : systemClock);

  const database = openDb(config.databaseUrl, {
    poolSize: config.DB_POOL_SIZE,
    checkpointInWorker: config.SQLITE_CHECKPOINT_MS > 0,
    checkpointIntervalMs: config.SQLITE_CHECKPOINT_MS,
    onConnectionError: (error) =>
      logger.warn({ err: error }, 'database connection lost; the pool opens a new one'),
    onCheckpointError: (error) =>
      logger.error({ err: error }, 'WAL checkpoint worker failed; commits checkpoint again'),
  });
  const { db } = database;
  await migrate(db);
  if (config.SEED_DEMO) await seedDemoAccounts(db, clock.now());
  const secret = config.SESSION_SECRET ?? (await ensureSecret(db, 'session_secret'));

  const transport = createTransport(config, db, clock);
  const outbox = new OutboxSender({ db, transport, clock, logger });
  // The sender delivers every instance's mail, not only the request's that woke it: its log
  // lines must not carry that request's ids.
  const kickMail = () => outsideRequest(() => outbox.kick());
  const support = createSupport({ db, config, clock, logger, secret, onMail: kickMail });
  const actions = support.withStatusLink(
    createActions({ config, content: config.content, clock, logger }),
  );
  const engine = new Engine({
    db,
    clock,
    content: config.content,
    resetLinkMinutes: config.RESET_LINK_MINUTES,
    actions,
    classifier: new PhrasingClassifier(),
    logger,
    notice: support.notice,
    onCommitted: kickMail,
  });

  const server = createHttpServer({
    logger,
    secure: config.publicUrl.startsWith('https://'),
    maxBodyBytes: Math.max(config.MAX_BODY_BYTES, config.BOT_MAX_BODY_BYTES),
    trustProxyHops: config.TRUST_PROXY_HOPS,
    ready: async () => {
      await sql`select 1`.execute(db);
      return true;
    },
  });
  let retention: RetentionJob | undefined;
  const tokens = new ConversationTokens(secret);
  registerChatRoutes(server, { engine, tokens, logger, maxBodyBytes: config.MAX_BODY_BYTES });
  registerPages(server, { db, config, content: config.content, clock, logger, onMail: kickMail });
  const teams = registerTeamsBot(server, { config, engine, db, clock, logger });
  support.register(server, {
    addSupportMessage: (conversationId, text) => engine.addSupportMessage(conversationId, text),
    notifyTeams: (caseRef, text) => teams.notifyTeamsUser(caseRef, text),
  });
  registerWidgetRoutes(server, { config, engine, tokens, logger, clock, secret });

  return {
    config,
    server,
    engine,
    database,
    outbox,
    logger,
    clock,
    teams,
    async listen() {
      await new Promise<void>((resolve, reject) => {
        // A port in use is the operator's to fix: say so in one line instead of crashing.
        const refused = (error: NodeJS.ErrnoException) =>
          reject(
            new Error(
              error.code === 'EADDRINUSE'
                ? `port ${config.PORT} on ${config.HOST} is already in use; set PORT to another port`
                : `cannot listen on ${config.HOST}:${config.PORT}: ${error.message}`,
            ),
          );
        server.once('error', refused);
        server.listen(config.PORT, config.HOST, () => {
          server.removeListener('error', refused);
          resolve();
        });
      });
      outbox.start();
      const policy = {
        retentionDays: config.RETENTION_DAYS,
        caseRetentionDays: config.CASE_RETENTION_DAYS,
      };
      retention = startRetention({ db, clock, logger, policy });
      const { port } = server.address();
      // With PORT=0 (tests) the real port is known only now; links in mails must carry it.
      if (!config.PUBLIC_URL) config.publicUrl = `http://${config.HOST}:${port}`;
      return { host: config.HOST, port };
    },
    async close() {
      const finished = await drainServer(server, config.SHUTDOWN_GRACE_SECONDS * 1000);
      await retention?.stop();
      await outbox.stop();
      support.stop();
      await database.close();
      return finished;
    },
  };
}
