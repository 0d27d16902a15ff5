import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../../src/db/index.js';
import { LEASE_MS } from '../../src/mail/index.js';
import { ChatClient, http } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';
import { freshPgDatabase, type PgDatabase } from './support/pg.js';
import { startProxy } from './support/proxy.js';
import { startCountingSmtp, type CountingSmtp } from './support/smtp.js';

let database: PgDatabase;
let db: OpenedDb;
let smtp: CountingSmtp;
const servers: StartedServer[] = [];

beforeAll(async () => {
  database = await freshPgDatabase();
  smtp = await startCountingSmtp();
  db = openDb(database.url);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  await db?.close();
  await smtp?.close();
  await database?.drop();
});

async function boot(env: Record<string, string> = {}): Promise<StartedServer> {
  const server = await startServer({ DATABASE_URL: database.url, SMTP_URL: smtp.url, ...env });
  servers.push(server);
  return server;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const json = { 'content-type': 'application/json' };

async function askingForAddress(server: StartedServer): Promise<ChatClient> {
  const chat = new ChatClient(server.url);
  await chat.start({ locale: 'en' });
  await chat.choose('forgotPassword');
  await chat.choose('platform');
  await chat.choose('reset');
  return chat;
}

/** Holds a conversation's row locked from outside, so its next turn waits (stays in flight). */
async function holdConversation(id: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT id FROM conversations WHERE id = $1 FOR UPDATE', [id]);
  return async () => {
    await client.query('ROLLBACK');
    await client.end();
  };
}

describe('faults', () => {
  it('loses no conversation and sends no mail twice when killed during turns that send mail', async () => {
    let server = await boot();
    const address = (i: number) => `kill-${i}-${randomUUID().slice(0, 6)}@example.test`;
    const before = smtp.mails.length;

    // Delivered before the crash: these must not be sent again after it.
    const early = await Promise.all([0, 1, 2].map(() => askingForAddress(server)));
    const earlyAddresses = early.map((_, i) => address(i));
    await Promise.all(early.map((c, i) => c.value(earlyAddresses[i]!)));
    await smtp.waitForCount(before + 3);

    // A slow mail server: the sender is mid-delivery when the process dies.
    smtp.delayMs = 10_000;
    const chats = await Promise.all(Array.from({ length: 8 }, () => askingForAddress(server)));
    const addresses = chats.map((_, i) => address(10 + i));
    const turnIds = chats.map(() => randomUUID());
    // Two of the turns are certainly running when the kill comes: their rows are held.
    const release = await Promise.all(chats.slice(0, 2).map((c) => holdConversation(c.id)));
    const inFlight = chats.map((c, i) =>
      c.raw({ turnId: turnIds[i], value: addresses[i] }).catch((e: Error) => e),
    );
    await sleep(400);
    await server.stop('SIGKILL');
    await Promise.all(release.map((r) => r()));
    const answered = (await Promise.all(inFlight)).filter(
      (r) => !(r instanceof Error) && r.status === 200,
    ).length;
    expect(answered).toBeLessThan(8);

    smtp.delayMs = 0;
    server = await boot();
    // The dead sender's lease runs out (60 s) without waiting a minute.
    await server.setClockOffset(LEASE_MS + 5_000);

    // Every conversation is there; the client's retry of the same turn is answered exactly once.
    for (const [i, chat] of chats.entries()) {
      const retried = Object.assign(new ChatClient(server.url), { id: chat.id, token: chat.token });
      const res = await retried.raw({ turnId: turnIds[i], value: addresses[i] });
      expect(res.status).toBe(200);
      expect((res.body as { seq: number }).seq).toBe(5);
    }

    await smtp.waitForCount(before + 11);
    const mine = smtp.mails.filter((m) => [...earlyAddresses, ...addresses].includes(m.to));
    expect(mine.map((m) => m.to).sort()).toEqual([...earlyAddresses, ...addresses].sort());
    expect([...smtp.counts().values()].every((n) => n === 1)).toBe(true);
    // Some mail was mid-delivery when the process died: sent again after its lease, once.
    const retried = await db.db
      .selectFrom('outbox')
      .select('attempts')
      .where('to_address', 'in', addresses)
      .where('attempts', '>', 1)
      .execute();
    expect(retried.length).toBeGreaterThan(0);
    await server.stop();
  });

  it('answers 503 while the database is unreachable and recovers without a restart', async () => {
    const proxy = await startProxy({
      host: '127.0.0.1',
      port: Number(new URL(database.url).port || 5432),
    });
    try {
      const url = new URL(database.url);
      url.port = String(proxy.port);
      const server = await boot({ DATABASE_URL: url.toString() });
      const chat = new ChatClient(server.url);
      await chat.start({ locale: 'en' });
      await chat.choose('forgotPassword');

      proxy.cut();
      const started = Date.now();
      const down = await chat.raw({ turnId: 'while-down', choice: 'platform' });
      expect(down.status).toBe(503);
      expect(down.body).toEqual({
        error: { code: 'unavailable', message: expect.stringMatching(/try again/) },
      });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await http(`${server.url}/readyz`)).status).toBe(503);
      const newConversation = await http(`${server.url}/api/v1/conversations`, {
        method: 'POST',
        headers: json,
        body: '{}',
      });
      expect(newConversation.status).toBe(503);

      proxy.restore();
      const back = await chat.raw({ turnId: 'while-down', choice: 'platform' });
      expect(back.status).toBe(200);
      expect((back.body as { seq: number }).seq).toBe(3);
      expect((await http(`${server.url}/readyz`)).status).toBe(200);
      expect(server.proc.exitCode).toBeNull();
      // Not one 500: every failure while the database was away was a 503.
      expect(
        server.logs.filter(
          (l) => l.msg === 'request' && Number(l.status) >= 500 && l.status !== 503,
        ),
      ).toEqual([]);
      expect(server.logs.filter((l) => l.msg === 'unhandled error')).toEqual([]);
      await server.stop();
    } finally {
      await proxy.close();
    }
  });

  it('recovers without a restart when the database terminates its connections', async () => {
    const server = await boot();
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en' });
    await database.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name = 'login-help'",
      [database.name],
    );
    const statuses: number[] = [];
    for (const choice of ['forgotPassword', 'platform', 'reset']) {
      let res = await chat.raw({ turnId: choice, choice });
      statuses.push(res.status);
      if (res.status === 503) res = await chat.raw({ turnId: choice, choice });
      expect(res.status).toBe(200);
    }
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(server.proc.exitCode).toBeNull();
    await server.stop();
  });

  it('on SIGTERM lets a running turn finish, refuses new requests with 503 and exits with 0', async () => {
    const server = await boot();
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en' });
    const release = await holdConversation(chat.id);
    const inFlight = chat.raw({ turnId: 'during-shutdown', choice: 'forgotPassword' });
    await sleep(300);

    const exited = server.stop('SIGTERM');
    await sleep(300);
    const refused = await http(`${server.url}/api/v1/conversations`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    expect(refused.status).toBe(503);
    expect((refused.body as { error: { code: string } }).error.code).toBe('shutting_down');

    await release();
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect((finished.body as { seq: number }).seq).toBe(2);
    expect(await exited).toBe(0);
    const count = await db.db
      .selectFrom('conversations')
      .select('id')
      .where(
        'client_key',
        '=',
        (
          await db.db
            .selectFrom('conversations')
            .select('client_key')
            .where('id', '=', chat.id)
            .executeTakeFirstOrThrow()
        ).client_key,
      )
      .execute();
    expect(count.map((c) => c.id)).toContain(chat.id);
    expect(server.logs.some((l) => l.msg === 'stopped' && l.finished === true)).toBe(true);
  });
});
