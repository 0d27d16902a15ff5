import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/directory/index.js';
import { ChatClient } from '../support/chat.js';
import { openServerDb } from '../support/db.js';
import { getPage, linkIn, resetPasswordVia } from '../support/pages.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';

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

async function requestReset(email: string, portal: 'platform' | 'identity') {
  const chat = new ChatClient(server.url);
  await chat.start({ locale: 'en' });
  await chat.choose('forgotPassword');
  await chat.choose(portal);
  await chat.choose('reset');
  expect(chat.last.prompt?.input?.kind).toBe('email');
  await chat.value(email);
  return chat;
}

async function passwordOf(email: string, portal: 'platform' | 'identity', candidate: string) {
  const { db, close } = openServerDb(server.dataDir);
  try {
    const row = await db
      .selectFrom('accounts')
      .select('password_hash')
      .where('email', '=', email)
      .where('portal', '=', portal)
      .executeTakeFirstOrThrow();
    return await verifyPassword(candidate, row.password_hash);
  } finally {
    await close();
  }
}

describe('forgotten password, end to end', () => {
  it('sends the reset mail whose link really changes the password, once', async () => {
    const chat = await requestReset('anna@demo.econnect.test', 'platform');
    expect(chat.said).toContain('anna@demo.econnect.test');
    expect(chat.said).toMatch(/spam/i);
    expect(chat.choices).toEqual(expect.arrayContaining(['yes', 'no']));

    const mail = await smtp.waitFor(
      (m) => recipient(m) === 'anna@demo.econnect.test' && /reset/i.test(m.subject ?? ''),
    );
    const link = linkIn(mail, '/reset');
    expect(link.startsWith(server.url)).toBe(true);

    const done = await resetPasswordVia(link, 'correct horse battery staple 42');
    expect(done.status).toBe(200);
    expect(
      await passwordOf('anna@demo.econnect.test', 'platform', 'correct horse battery staple 42'),
    ).toBe(true);
    expect(await passwordOf('anna@demo.econnect.test', 'platform', 'Demo-Password-2026!')).toBe(
      false,
    );

    const changed = await smtp.waitFor(
      (m) =>
        recipient(m) === 'anna@demo.econnect.test' && /changed|gewijzigd/i.test(m.subject ?? ''),
    );
    expect(changed.text).toMatch(/changed/i);

    const second = await getPage(link);
    expect(second.status).toBeGreaterThanOrEqual(400);
    expect(second.html).toMatch(/already been used|used/i);

    await chat.choose('yes');
    expect(chat.last.status).toBe('resolved');
  });

  it('refuses an expired link with a clear page', async () => {
    await requestReset('bob@demo.econnect.test', 'platform');
    const mail = await smtp.waitFor(
      (m) => recipient(m) === 'bob@demo.econnect.test' && /reset/i.test(m.subject ?? ''),
    );
    const link = linkIn(mail, '/reset');
    await server.setClockOffset(61 * 60_000);
    try {
      const page = await getPage(link);
      expect(page.status).toBe(410);
      expect(page.html).toMatch(/expired/i);
      expect(await passwordOf('bob@demo.econnect.test', 'platform', 'Demo-Password-2026!')).toBe(
        true,
      );
    } finally {
      await server.setClockOffset(0);
    }
  });

  it('answers an unknown address exactly like a known one, and tells the truth only by mail', async () => {
    const known = await requestReset('noor@demo.econnect.test', 'platform');
    const unknown = await requestReset('nobody@example.org', 'platform');
    expect(unknown.said.replace('nobody@example.org', 'X')).toBe(
      known.said.replace('noor@demo.econnect.test', 'X'),
    );
    const mail = await smtp.waitFor((m) => recipient(m) === 'nobody@example.org');
    expect(mail.text).toMatch(/no account/i);
    expect(mail.text).toContain('identity.econnect.eu');
  });
});
