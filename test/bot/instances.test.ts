import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDb } from '../../src/db/index.js';
import { startTwoInstances, type TwoInstances } from '../production/support/instances.js';
import type { StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';
import { startConnector, type FakeConnector } from './support/connector.js';
import { actionsOf, TeamsUser, type Json } from './support/teams.js';

/**
 * Two server processes sharing one PostgreSQL database, as behind a load balancer: Teams may
 * deliver one conversation's activities, and its retries, to either of them.
 */

let smtp: TestSmtp;
let connector: FakeConnector;
let cluster: TwoInstances;
let a: StartedServer;
let b: StartedServer;
let database: OpenedDb;

beforeAll(async () => {
  smtp = await startSmtp();
  connector = await startConnector();
  cluster = await startTwoInstances({ SMTP_URL: smtp.url });
  ({ a, b, database } = cluster);
});
afterAll(async () => {
  await cluster?.stop();
  await connector?.close();
  await smtp?.close();
});

/** The same Teams user talking to another instance. */
const via = (server: StartedServer, user: TeamsUser): TeamsUser =>
  Object.assign(
    new TeamsUser({
      base: server.url,
      serviceUrl: connector.url,
      conversationId: user.conversationId,
      userId: user.userId,
      aadObjectId: user.aadObjectId,
    }),
    { lastCard: user.lastCard },
  );

const mappings = async (bfConversationId: string) =>
  database.db
    .selectFrom('bot_conversations')
    .selectAll()
    .where('bf_conversation_id', '=', bfConversationId)
    .execute();

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe('two instances on PostgreSQL', () => {
  it('continues a Teams conversation on the other instance', async () => {
    const anna = new TeamsUser({ base: a.url, serviceUrl: connector.url });
    await anna.say('hi');
    const onB = via(b, anna);
    await onB.press('forgotPassword');
    expect(onB.choices).toEqual(['platform', 'identity', 'unsure']);
    expect(await mappings(anna.conversationId)).toHaveLength(1);
  });

  it('sends one reset mail when Teams retries the activity on the other instance', async () => {
    const email = 'anna@demo.econnect.test';
    const anna = new TeamsUser({ base: a.url, serviceUrl: connector.url });
    await anna.say('hi');
    await anna.press('forgotPassword');
    await anna.press('platform');
    await anna.press('reset');
    const send = actionsOf(anna.lastCard).find(
      (x) => x.data && x.data.choice === undefined && x.data.answer === undefined,
    )!;
    const answer: Json = anna.activity('card-submit', { value: { ...send.data, answer: email } });

    const [first, retry] = await Promise.all([anna.post(answer), via(b, anna).post(answer)]);

    expect([first.status, retry.status]).toEqual([200, 200]);
    const rows = await database.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'reset')
      .where('to_address', '=', email)
      .execute();
    expect(rows).toHaveLength(1);
    await until('the reset mail arrived', () => smtp.mails.some((m) => recipient(m) === email));
    const pending = () =>
      database.db
        .selectFrom('outbox')
        .select('id')
        .where('status', 'in', ['pending', 'sending'])
        .execute();
    for (let i = 0; i < 200 && (await pending()).length > 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(smtp.mails.filter((m) => recipient(m) === email)).toHaveLength(1);
  });

  it('maps a new Teams conversation once and greets once when its install events reach both instances at once', async () => {
    const anna = new TeamsUser({ base: a.url, serviceUrl: connector.url });
    const onB = via(b, anna);
    await Promise.all([
      anna.post(anna.activity('conversation-update')),
      onB.post(onB.activity('installation-update')),
    ]);

    expect(await mappings(anna.conversationId)).toHaveLength(1);
    const greetings = [...anna.replies, ...onB.replies].filter((r) => r.type === 'message');
    expect(greetings.length).toBeGreaterThan(0);
    expect(anna.replies.length === 0 || onB.replies.length === 0).toBe(true);
  });
});
