import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDb } from '../../src/db/index.js';
import { ChatClient } from '../support/chat.js';
import type { StartedServer } from '../support/server.js';
import { startTwoInstances, type TwoInstances } from './support/instances.js';
import { startCountingSmtp, type CountingSmtp } from './support/smtp.js';

// Two server processes on different ports sharing one PostgreSQL database and one mail server,
// as behind a load balancer.
let smtp: CountingSmtp;
let cluster: TwoInstances;
let a: StartedServer;
let b: StartedServer;
let database: OpenedDb;

beforeAll(async () => {
  smtp = await startCountingSmtp();
  cluster = await startTwoInstances({ SMTP_URL: smtp.url });
  ({ a, b, database } = cluster);
});
afterAll(async () => {
  await cluster?.stop();
  await smtp?.close();
});

/** The same conversation seen through the other instance. */
function via(server: StartedServer, chat: ChatClient): ChatClient {
  return Object.assign(new ChatClient(server.url), {
    id: chat.id,
    token: chat.token,
    last: chat.last,
  });
}

/** A conversation on `server` that is asking for the login address of a Platform reset. */
async function askingForAddress(server: StartedServer): Promise<ChatClient> {
  const chat = new ChatClient(server.url);
  await chat.start({ locale: 'en' });
  await chat.choose('forgotPassword');
  await chat.choose('platform');
  await chat.choose('reset');
  expect(chat.last.prompt?.input?.kind).toBe('email');
  return chat;
}

describe('two instances sharing one PostgreSQL database', () => {
  it('continues a conversation whose turns alternate between the instances', async () => {
    const onA = new ChatClient(a.url);
    await onA.start({ locale: 'nl' });
    const onB = via(b, onA);
    await onB.choose('forgotPassword');
    await onA.choose('platform');
    await onB.choose('reset');
    const sent = await onA.value('anna@demo.econnect.test');
    expect(sent.seq).toBe(5);
    expect(sent.locale).toBe('nl');
    const view = await fetch(`${b.url}/api/v1/conversations/${onA.id}`, {
      headers: { authorization: `Bearer ${onA.token}` },
    });
    expect(((await view.json()) as { seq: number }).seq).toBe(5);
    const mail = (await smtp.waitForCount(1)).find((m) => m.to === 'anna@demo.econnect.test');
    expect(mail?.raw).toContain('/reset?token=');
  });

  it('runs concurrent turns on one conversation one after the other, across the instances', async () => {
    const onA = new ChatClient(a.url);
    await onA.start({ locale: 'en' });
    const onB = via(b, onA);
    const turns = Array.from({ length: 20 }, (_, i) =>
      (i % 2 ? onA : onB).raw({ turnId: `c${i}`, locale: i % 3 ? 'en' : 'nl' }),
    );
    const replies = await Promise.all(turns);
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    const seqs = replies.map((r) => (r.body as { seq: number }).seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));

    // One turn id sent to both at once (a client retrying on the other instance) runs once.
    const [first, second] = await Promise.all([
      onA.raw({ turnId: 'same', locale: 'nl' }),
      onB.raw({ turnId: 'same', locale: 'nl' }),
    ]);
    const [x, y] = [first.body, second.body] as Array<{ seq: number; replayed?: boolean }>;
    expect(x.seq).toBe(y.seq);
    expect([x.replayed, y.replayed].filter(Boolean)).toHaveLength(1);
    const steps = await database.db
      .selectFrom('steps')
      .select('seq')
      .where('conversation_id', '=', onA.id)
      .execute();
    expect(steps).toHaveLength(22);
  });

  it('holds the per-address mail limit across instances when conversations ask at once', async () => {
    const address = `limit-${randomUUID().slice(0, 8)}@example.test`;
    const before = smtp.mails.length;
    const chats = await Promise.all(
      Array.from({ length: 8 }, (_, i) => askingForAddress(i % 2 ? a : b)),
    );
    await Promise.all(chats.map((c) => c.value(address)));
    await smtp.waitForCount(before + 3);
    expect(smtp.mails.filter((m) => m.to === address)).toHaveLength(3);
    const queued = await database.db
      .selectFrom('outbox')
      .select('id')
      .where('to_address', '=', address)
      .execute();
    expect(queued).toHaveLength(3);
    const limited = chats.filter((c) => /cannot send another e-mail/i.test(c.said));
    expect(limited).toHaveLength(5);
  });

  it('sends each mail exactly once with both instances delivering the outbox', async () => {
    smtp.delayMs = 100; // a slow mail server: both senders are busy at the same time
    const before = smtp.mails.length;
    const addresses = Array.from(
      { length: 16 },
      (_, i) => `once-${i}-${randomUUID().slice(0, 6)}@example.test`,
    );
    const chats = await Promise.all(addresses.map((_, i) => askingForAddress(i % 2 ? a : b)));
    await Promise.all(chats.map((c, i) => c.value(addresses[i]!)));
    await smtp.waitForCount(before + 16);
    smtp.delayMs = 0;
    expect([...smtp.counts().values()].every((n) => n === 1)).toBe(true);
    expect(new Set(smtp.mails.filter((m) => addresses.includes(m.to)).map((m) => m.to)).size).toBe(
      16,
    );
    const rows = await database.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .where('to_address', 'in', addresses)
      .execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    // Both instances took part in the sending.
    const senders = [a, b].map((s) => s.logs.filter((l) => l.msg === 'mail sent').length);
    expect(senders.every((n) => n > 0)).toBe(true);
  });
});
