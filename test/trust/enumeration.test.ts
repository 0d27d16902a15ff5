import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';
import { chatAt, mailsTo, neutral, rawTurn, withServerDb } from './helpers.js';

let smtp: TestSmtp;
let server: StartedServer;

// Every case on the identity server, the login page where an address can be unverified. The
// demo directory has no SSO account there, so the test adds one.
const ADDRESSES = {
  existing: 'tom@demo.econnect.test',
  unverified: 'ivo@demo.econnect.test',
  ssoOnly: 'sso-only@customer.example',
  unknown: 'nobody@example.org',
};

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url });
  await withServerDb(server, (db) =>
    db
      .insertInto('accounts')
      .values({
        id: 'sso-only-account',
        portal: 'identity',
        email: ADDRESSES.ssoOnly,
        display_name: 'Sam Single Sign-On',
        password_hash: 'none: the organisation signs in',
        verified: 1,
        sso: 1,
        totp_enabled: 0,
        recovery_codes: 0,
        org_linked: 1,
        created_at: Date.now(),
        updated_at: Date.now(),
      })
      .execute(),
  );
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

/** Submits each address at the same question and returns the neutral reply bodies. */
async function answersAt(path: string, choices: string[]) {
  const replies: Record<string, { status: number; body: string }> = {};
  for (const [who, address] of Object.entries(ADDRESSES)) {
    const chat = await chatAt(server, path, choices);
    expect(chat.last.prompt?.input?.kind).toBe('email');
    const reply = await rawTurn(chat, address);
    replies[who] = { status: reply.status, body: neutral(reply.body, chat, address) };
  }
  return replies;
}

const mailFor = (address: string, subject: RegExp) =>
  smtp.waitFor((m) => recipient(m) === address && subject.test(m.subject ?? ''));

describe('no enumeration', () => {
  it('answers a reset alike for existing, unverified, SSO-only and unknown addresses', async () => {
    const replies = await answersAt('forgotPassword', ['identity', 'reset']);
    for (const reply of Object.values(replies)) expect(reply).toEqual(replies.existing);
    expect(replies.existing!.status).toBe(200);
    expect(JSON.parse(replies.existing!.body)).toMatchObject({ status: 'active' });

    // What is true is told only to the address itself.
    const existing = await mailFor(ADDRESSES.existing, /^Reset your eConnect password/);
    expect(existing.text).toMatch(/\/reset\?token=/);
    const unverified = await mailFor(ADDRESSES.unverified, /^Verify your e-mail address/);
    expect(unverified.text).toMatch(/\/verify\?token=/);
    const sso = await mailFor(ADDRESSES.ssoOnly, /managed by your organisation/);
    expect(sso.text).not.toMatch(/token=/);
    const unknown = await mailFor(ADDRESSES.unknown, /^No eConnect account on identity/);
    expect(unknown.text).not.toMatch(/token=/);
  });

  it('answers a verification resend alike for the same four addresses', async () => {
    const before = Object.values(ADDRESSES).map((a) => mailsTo(smtp, a).length);
    const replies = await answersAt('unverifiedEmail', ['resend']);
    for (const reply of Object.values(replies)) expect(reply).toEqual(replies.existing);
    expect(replies.existing!.status).toBe(200);

    const [existing, unverified, sso, unknown] = await Promise.all(
      Object.values(ADDRESSES).map((address, i) =>
        smtp
          .waitFor(() => mailsTo(smtp, address).length > before[i]!)
          .then(() => mailsTo(smtp, address).at(-1)!),
      ),
    );
    expect(existing!.subject).toMatch(/is already verified$/);
    expect(unverified!.subject).toMatch(/^Verify your e-mail address for/);
    expect(unverified!.text).toMatch(/\/verify\?token=/);
    for (const mail of [sso!, unknown!]) {
      expect(mail.text).toContain('You asked for a new verification link');
      expect(mail.text).not.toMatch(/token=/);
    }
  });
});
