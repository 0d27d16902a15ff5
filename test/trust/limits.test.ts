import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../support/server.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { chatAt, mailsTo, MINUTE, withServerDb } from './helpers.js';

let smtp: TestSmtp;
let server: StartedServer;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const ANNA = 'anna@demo.econnect.test';

/** A new conversation that asks for a Platform reset for `address`. */
async function requestReset(address: string, locale: 'en' | 'nl' = 'en') {
  const chat = await chatAt(server, 'forgotPassword', ['platform', 'reset'], locale);
  await chat.value(address);
  return chat;
}

const queued = () =>
  withServerDb(server, (db) =>
    db.selectFrom('outbox').select('id').where('to_address', '=', ANNA).execute(),
  );

describe('rate limits', () => {
  it('says kindly when to try again, sends no mail, and has room after its hour', async () => {
    for (let i = 1; i <= 3; i++) {
      const chat = await requestReset(ANNA);
      expect(chat.said).toMatch(/spam/);
      await smtp.waitFor(() => mailsTo(smtp, ANNA).length === i);
    }

    // The fourth reset for the address within the hour, from yet another conversation.
    const limited = await requestReset(ANNA);
    expect(limited.last.status).toBe('active');
    const kind = new RegExp(
      'I cannot send another e-mail for this right now, to protect the address from a flood ' +
        'of mail\\. Please try again in about (\\d+) minutes, or talk to a person\\.',
    );
    // The hour runs from the first reset, a few seconds of this test ago.
    const minutes = Number(kind.exec(limited.said)?.[1]);
    expect(minutes).toBeGreaterThanOrEqual(58);
    expect(minutes).toBeLessThanOrEqual(60);
    expect(limited.choices).toContain('human');
    const dutch = await requestReset(ANNA, 'nl');
    expect(dutch.said).toMatch(/Probeer het over ongeveer (58|59|60) minuten nog eens/);

    expect(await queued()).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailsTo(smtp, ANNA)).toHaveLength(3);

    await server.setClockOffset(60 * MINUTE);
    const again = await requestReset(ANNA);
    expect(again.said).toMatch(/spam/);
    await smtp.waitFor(() => mailsTo(smtp, ANNA).length === 4);
    expect(await queued()).toHaveLength(4);
  });
});
