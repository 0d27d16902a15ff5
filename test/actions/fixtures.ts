import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Locale } from '../../flows/types.js';
import type { ActionContext } from '../../src/actions/types.js';
import { loadConfig, type Config } from '../../src/config.js';
import { migrate, openDb, type Db, type Tx } from '../../src/db/index.js';
import { createLogger } from '../../src/log.js';

export const logger = createLogger('silent');

/** A fresh SQLite file in its own temp folder, migrated; `close` removes both. */
export async function openTestDb(): Promise<{ db: Db; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'login-help-actions-'));
  const opened = openDb(join(dir, 'test.sqlite'));
  await migrate(opened.db);
  return {
    db: opened.db,
    close: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: 'https://help.example.test',
    SUPPORT_MAILBOX: 'support@help.example.test',
    SUPPORT_EMAIL: 'support@econnect.example',
    DATA_DIR: join(tmpdir(), 'login-help-unused'),
    LOG_LEVEL: 'silent',
    ...env,
  });
}

export interface TestSmtp {
  port: number;
  url: string;
  received: ParsedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts, parsed. */
export async function startSmtp(
  port = 0,
  received: ParsedMail[] = [],
  opts: { refuse?: string } = {},
): Promise<TestSmtp> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A mailbox this server says does not exist, as a real one answers for a mistyped address.
    onRcptTo(address, _session, callback) {
      if (opts.refuse && address.address.toLowerCase() === opts.refuse) {
        const refused = new Error('5.1.1 mailbox unavailable') as Error & { responseCode: number };
        refused.responseCode = 550;
        return callback(refused);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function addConversation(db: Db, id: string, now: number, locale: Locale = 'en') {
  await db
    .insertInto('conversations')
    .values({
      id,
      channel: 'web',
      locale,
      locale_chosen: 0,
      status: 'active',
      seq: 0,
      client_key: 'client-1',
      channel_ref: null,
      case_ref: null,
      lines: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/**
 * Runs `work` the way the engine runs an action: in one transaction, with deferred work run at
 * the end of it, inside the same transaction.
 */
export async function inTurn<T>(
  db: Db,
  turn: { conversationId: string; now: number; locale?: Locale },
  work: (ctx: ActionContext) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const deferred: ((tx: Tx) => Promise<void>)[] = [];
    const ctx: ActionContext = {
      tx,
      conversationId: turn.conversationId,
      locale: turn.locale ?? 'en',
      channel: 'web',
      clientKey: 'client-1',
      now: turn.now,
      defer: (job) => void deferred.push(job),
    };
    const result = await work(ctx);
    for (const job of deferred) await job(tx);
    return result;
  });
}

/** The secret of the first `/reset` or `/verify` link in a mail text. */
export function linkSecret(text: string, page: 'reset' | 'verify'): string | undefined {
  const match = new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  return match?.[1];
}
