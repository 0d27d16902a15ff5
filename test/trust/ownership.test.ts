import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatClient } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';
import {
  chatAt,
  codeIn,
  completeEscalation,
  containsNumber,
  databaseBytes,
  mailsTo,
  MINUTE,
  withServerDb,
} from './helpers.js';

let smtp: TestSmtp;
let server: StartedServer;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url, SUPPORT_MAILBOX: 'desk@support.test' });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

// Tom has 2FA on the identity server; here he lost his phone and his recovery codes.
const TOM = 'tom@demo.econnect.test';

/** Waits for the n-th code mail to Tom and returns its code. */
async function nthCode(n: number): Promise<string> {
  await smtp.waitFor(() => mailsTo(smtp, TOM).length >= n);
  const mail = mailsTo(smtp, TOM)[n - 1]!;
  expect(mail.subject).toBe('Your eConnect login help code');
  expect(mail.text).toMatch(/never ask you for it/);
  return codeIn(mail);
}

/** A code that is surely not `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

const typed: string[] = [];
async function typeCode(chat: ChatClient, code: string) {
  typed.push(code);
  await chat.value(code);
}

describe('ownership code', () => {
  it('locks after five wrong guesses, refuses an expired code and verifies the case', async () => {
    const chat = await chatAt(server, 'lostPhone', ['none', 'send']);
    await chat.value(TOM);
    expect(chat.last.prompt?.input?.kind).toBe('code');
    const first = await nthCode(1);

    for (let attemptsLeft = 4; attemptsLeft >= 1; attemptsLeft--) {
      await typeCode(chat, wrong(first));
      expect(chat.said).toContain(`Attempts left: ${attemptsLeft}`);
    }
    await typeCode(chat, wrong(first));
    expect(chat.said).toMatch(/entered wrongly too often, so it no longer works/);
    expect(chat.choices).toEqual(['newCode']);
    // Locked means locked: the code field is gone, and the right code typed anyway opens nothing.
    expect(chat.last.prompt?.input).toBeUndefined();
    typed.push(first);
    await chat.text(first);
    expect(chat.last.flow).toBe('lostPhone');
    expect(chat.choices).toEqual(['newCode']);

    await chat.choose('newCode');
    const second = await nthCode(2);
    await server.setClockOffset(11 * MINUTE);
    await typeCode(chat, second);
    expect(chat.said).toMatch(/That code has expired/);

    await chat.choose('newCode');
    const third = await nthCode(3);
    await typeCode(chat, third);
    expect(chat.last.flow).toBe('escalation');
    const ref = await completeEscalation(chat, TOM);

    const stored = await withServerDb(server, (db) =>
      db.selectFrom('cases').selectAll().where('ref', '=', ref).executeTakeFirstOrThrow(),
    );
    expect(stored).toMatchObject({ email: TOM, path: 'lostPhone', reason: '2fa_reset' });
    expect(stored.ownership_verified_at).toBeGreaterThanOrEqual(stored.created_at - MINUTE);
    expect(stored.ownership_verified_at).toBeLessThanOrEqual(stored.created_at);
    const support = await smtp.waitFor(
      (m) => recipient(m) === 'desk@support.test' && (m.subject ?? '').includes(ref),
    );
    expect(support.text).toMatch(/Address ownership: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);

    // No code sent or typed is anywhere in the database file, its write-ahead log or the logs;
    // the transcript has a marker where the user typed one.
    const codes = [...new Set([first, second, third, ...typed])];
    const bytes = databaseBytes(server.dataDir);
    const output = server.output();
    for (const code of codes) {
      expect(containsNumber(bytes, code), `code ${code} in the database`).toBe(false);
      expect(containsNumber(output, code), `code ${code} in the logs`).toBe(false);
    }
    expect(bytes).toContain('ownership_code');
  });
});
