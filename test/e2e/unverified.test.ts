import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/directory/index.js';
import { ChatClient } from '../support/chat.js';
import { openServerDb } from '../support/db.js';
import { getPage, linkIn, resetPasswordVia } from '../support/pages.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';

let smtp: TestSmtp;
let server: StartedServer;
const ivo = 'ivo@demo.econnect.test';

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe('unverified identity-server address', () => {
  it('leads from the reset to the verification resend, verifies, and then the reset works', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en' });
    await chat.choose('forgotPassword');
    await chat.choose('identity');
    await chat.choose('reset');
    await chat.value(ivo);
    expect(chat.said).toMatch(/verified/);

    // The identity server resets verified addresses only: the mail says so, with no reset link.
    const first = await smtp.waitFor((m) => recipient(m) === ivo);
    expect(first.text).not.toMatch(/\/reset\?token=/);

    await chat.choose('noMail');
    await chat.choose('stillNothing');
    expect(chat.choices).toContain('verify');
    await chat.choose('verify');
    expect(chat.last.flow).toBe('unverifiedEmail');
    await chat.choose('resend');
    const sentBefore = smtp.mails.length;
    if (chat.choices.includes('same')) await chat.choose('same');
    else await chat.value(ivo);
    expect(chat.said).toMatch(/verif/i);

    // The resent link replaces the one in the first mail, so only the newest one works.
    const verification = await smtp.waitFor(
      (m) =>
        smtp.mails.indexOf(m) >= sentBefore &&
        recipient(m) === ivo &&
        /\/verify/.test(m.text ?? ''),
    );
    const page = await getPage(linkIn(verification, '/verify'));
    expect(page.status).toBe(200);
    const { db, close } = openServerDb(server.dataDir);
    const row = await db
      .selectFrom('accounts')
      .select('verified')
      .where('email', '=', ivo)
      .executeTakeFirstOrThrow();
    expect(row.verified).toBe(1);

    // The assistant offers the reset again, and the button sends it: the mail carries a working
    // link this time.
    expect(chat.choices).toContain('reset');
    const before = smtp.mails.length;
    await chat.choose('reset');
    expect(chat.said).toMatch(/reset link is on its way/i);
    const reset = await smtp.waitFor(
      (m) =>
        smtp.mails.indexOf(m) >= before && recipient(m) === ivo && /\/reset/.test(m.text ?? ''),
    );
    const done = await resetPasswordVia(linkIn(reset, '/reset'), 'a brand new passphrase 2026');
    expect(done.status).toBe(200);
    const account = await db
      .selectFrom('accounts')
      .select('password_hash')
      .where('email', '=', ivo)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword('a brand new passphrase 2026', account.password_hash)).toBe(true);
    await close();
  });
});
