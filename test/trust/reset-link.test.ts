import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/directory/index.js';
import { getPage, linkIn } from '../support/pages.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';
import { mailsTo, requestAs, withServerDb } from './helpers.js';

// Users reach the server through a proxy at this address; the server itself listens elsewhere.
const PUBLIC_URL = 'https://help.econnect.example/login-help';
const FOREIGN = { host: 'evil.example', 'x-forwarded-host': 'evil.example' };

let smtp: TestSmtp;
let server: StartedServer;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url, PUBLIC_URL });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

/** Asks for a Platform reset for `address` with every request claiming another domain. */
async function resetWithForeignHost(address: string): Promise<void> {
  const json = { 'content-type': 'application/json', ...FOREIGN };
  const started = await requestAs(`${server.url}/api/v1/conversations`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ locale: 'en', path: 'forgotPassword' }),
  });
  expect(started.status).toBe(201);
  const { conversationId, token } = JSON.parse(started.body) as Record<string, string>;
  const headers = { ...json, authorization: `Bearer ${token}` };
  for (const answer of [{ choice: 'platform' }, { choice: 'reset' }, { value: address }]) {
    const turn = await requestAs(`${server.url}/api/v1/conversations/${conversationId}/turns`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ turnId: randomUUID(), ...answer }),
    });
    expect(turn.status).toBe(200);
  }
}

/** The link of the newest reset mail to `address`, pointed at the server as the proxy would. */
async function resetLink(address: string): Promise<{ mailed: string; local: string }> {
  const before = mailsTo(smtp, address).length;
  await resetWithForeignHost(address);
  await smtp.waitFor(() => mailsTo(smtp, address).length > before);
  const mailed = linkIn(mailsTo(smtp, address).at(-1)!, '/login-help/reset');
  return { mailed, local: mailed.replace(PUBLIC_URL, server.url) };
}

const passwordOf = (address: string) =>
  withServerDb(server, (db) =>
    db
      .selectFrom('accounts')
      .select('password_hash')
      .where('email', '=', address)
      .where('portal', '=', 'platform')
      .executeTakeFirstOrThrow(),
  );

describe('reset link', () => {
  it('is built from the configured public URL whatever Host and X-Forwarded-Host say', async () => {
    const { mailed, local } = await resetLink('anna@demo.econnect.test');
    expect(mailed).toMatch(/^https:\/\/help\.econnect\.example\/login-help\/reset\?token=/);
    const mail = mailsTo(smtp, 'anna@demo.econnect.test').at(-1)!;
    expect(`${mail.text}${String(mail.html)}`).not.toContain('evil.example');

    const landing = await getPage(local);
    expect(landing.status).toBe(303);
    expect(landing.location).toBe('reset?lang=en');
    // The token left the address bar for a cookie, and no log line carries it.
    const secret = new URL(mailed).searchParams.get('token')!;
    expect(landing.cookie).toBe(`lh_reset=${secret}`);
    expect(server.output()).not.toContain(secret);
  });

  it('changes the password for exactly one of ten redemptions at the same moment', async () => {
    const address = 'noor@demo.econnect.test';
    const { local } = await resetLink(address);
    const landing = await getPage(local);
    expect(landing.status).toBe(303);
    const form = await getPage(new URL(landing.location!, local).toString(), landing.cookie);
    expect(form.html).toContain('At least 12 characters');

    const password = 'ten parallel tries, one change';
    const post = () =>
      fetch(`${server.url}/reset?lang=en`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: landing.cookie!,
        },
        body: new URLSearchParams({ password, repeat: password }).toString(),
      });
    const answers = await Promise.all(Array.from({ length: 10 }, post));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 410, 410, 410, 410, 410, 410, 410, 410, 410]);

    const changed = answers.find((a) => a.status === 200)!;
    // Logs nobody in: the only cookie is the link's own, cleared.
    expect(changed.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^lh_reset=; Max-Age=0;/),
    ]);
    expect(await changed.text()).toContain('This page has not logged you in anywhere.');
    expect(await verifyPassword(password, (await passwordOf(address)).password_hash)).toBe(true);

    await smtp.waitFor((m) => recipient(m) === address && /was changed$/.test(m.subject ?? ''));
    await new Promise((r) => setTimeout(r, 1500));
    const changedMails = mailsTo(smtp, address).filter((m) => /was changed$/.test(m.subject ?? ''));
    expect(changedMails).toHaveLength(1);
  });
});
