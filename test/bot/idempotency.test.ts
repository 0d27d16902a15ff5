import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recipient } from '../support/smtp.js';
import { startServer, type StartedServer } from '../support/server.js';
import { startConnector, type FakeConnector } from './support/connector.js';
import { ServerDb } from './support/db.js';
import { startSlowSmtp, type SlowSmtp } from './support/slow-smtp.js';
import { actionsOf, cardOf, TeamsUser, type Json } from './support/teams.js';

/**
 * Teams retries an activity it got no timely answer for, with the same activity id. Here the
 * mail server is slow on purpose, and (in normal delivery) so is Teams' connector, so retries
 * arrive while the first delivery is still busy. A reset mail must still go out once.
 */

let smtp: SlowSmtp;
let connector: FakeConnector;
let server: StartedServer;
let db: ServerDb;

beforeAll(async () => {
  smtp = await startSlowSmtp();
  connector = await startConnector();
  server = await startServer({ SMTP_URL: smtp.url });
  db = new ServerDb(server.dataDir);
});
afterAll(async () => {
  smtp?.release();
  db?.close();
  await server?.stop();
  await connector?.close();
  await smtp?.close();
});

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting until ${what}`);
}

/** Walks to the e-mail question of the reset path and returns the activity that answers it. */
async function atResetQuestion(user: TeamsUser, email: string): Promise<Json> {
  await user.say('hi');
  await user.press('forgotPassword');
  await user.press('platform');
  await user.press('reset');
  const send = actionsOf(user.lastCard).find(
    (a) => a.data && a.data.choice === undefined && a.data.answer === undefined,
  )!;
  return user.activity('card-submit', { value: { ...send.data, answer: email } });
}

const resetRows = (email: string) => db.count('outbox', "kind = 'reset' and to_address = ?", email);
const resetMails = (email: string) =>
  smtp.mails.filter((m) => recipient(m) === email && /reset/i.test(m.subject ?? '')).length;

describe('a retried activity', () => {
  it('sends one reset mail when Teams repeats the activity while the mail server is slow', async () => {
    smtp.hold();
    const email = 'anna@demo.econnect.test';
    const anna = new TeamsUser({ base: server.url, serviceUrl: connector.url });
    const answer = await atResetQuestion(anna, email);

    const first = await anna.post(answer);
    const said = anna.said;
    await until('the mail server is busy with the reset mail', () => smtp.held() === 1);
    const retries = await Promise.all([anna.post(answer), anna.post(answer)]);

    expect([first.status, ...retries.map((r) => r.status)]).toEqual([200, 200, 200]);
    expect(said).toMatch(/reset link is on its way/);
    for (const retry of retries) {
      const texts = (retry.body.activities as Json[])
        .filter((a) => a.type === 'message')
        .map((a) => a.text ?? JSON.stringify(cardOf(a)));
      expect(texts.join('\n')).toContain('reset link is on its way');
    }
    expect(resetRows(email)).toBe(1);

    smtp.release();
    await until('the reset mail arrived', () => resetMails(email) === 1);
    await until(
      'the outbox is empty',
      () => db.count('outbox', "status in ('pending', 'sending')") === 0,
    );
    expect(resetMails(email)).toBe(1);
  });

  it('sends one reset mail and one answer when the retry arrives while the first delivery is still sending', async () => {
    smtp.hold();
    const email = 'bob@demo.econnect.test';
    const bob: TeamsUser = new TeamsUser({
      base: server.url,
      serviceUrl: connector.url,
      mode: 'normal',
      received: () => connector.sent(bob.conversationId),
    });
    const answer = await atResetQuestion(bob, email);
    const before = connector.sent(bob.conversationId).length;

    connector.pause();
    const first = bob.post(answer);
    await until('the first delivery is sending its answer', () => connector.held() > 0);
    await until('the mail server is busy with the reset mail', () => smtp.held() === 1);
    const retry = bob.post(answer);
    // Give the retry time to reach the server while the first delivery is still held.
    await new Promise((r) => setTimeout(r, 300));
    expect(resetRows(email)).toBe(1);
    connector.resume();
    const results = await Promise.all([first, retry]);

    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const answers = connector.sent(bob.conversationId).slice(before);
    expect(answers.filter((a) => cardOf(a))).toHaveLength(1);
    expect(
      answers.filter((a) => /reset link is on its way/.test(String(a.text ?? ''))),
    ).toHaveLength(1);

    smtp.release();
    await until('the reset mail arrived', () => resetMails(email) === 1);
    await until(
      'the outbox is empty',
      () => db.count('outbox', "status in ('pending', 'sending')") === 0,
    );
    expect(resetMails(email)).toBe(1);
    expect(resetRows(email)).toBe(1);
  });
});
