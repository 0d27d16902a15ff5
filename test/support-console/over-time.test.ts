import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';
import { addStaff, lostPhoneCase, StaffApi } from './helpers.js';

// These tests move the server's clock (CLOCK_OFFSET_FILE); each starts from the real time.

const MINUTE = 60_000;
const PASSWORD = 'Staff-only passphrase 2026!';

let smtp: TestSmtp;
let server: StartedServer;
let ref: string;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url, STAFF_SESSION_MAX_HOURS: '1' });
  ({ ref } = await lostPhoneCase(server, smtp, {
    email: 'tom@demo.econnect.test',
    description: 'My phone was stolen.',
  }));
});
afterEach(() => server.setClockOffset(0));
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

async function enrolled(email: string): Promise<StaffApi> {
  const staff = new StaffApi(server.url);
  await staff.enrol(email, addStaff(server, email, email.split('@')[0]!), PASSWORD);
  return staff;
}

describe('sign-in lockout', () => {
  it('locks an account after five failed passwords and doubles the wait after the next failure', async () => {
    const staff = await enrolled('lock@support.test');
    await staff.call('DELETE', '/session');
    const attempt = (password: string) =>
      staff.call('POST', '/session', { email: 'lock@support.test', password });

    for (let i = 0; i < 5; i++) expect((await attempt(`wrong guess ${i}`)).status).toBe(401);
    const locked = await attempt(PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('locked_out');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    await server.setClockOffset(61_000);
    expect((await attempt(PASSWORD)).status).toBe(200);
    await staff.call('DELETE', '/session');

    // The password alone does not clear the count (the code could still be guessed), so the
    // sixth failure locks again, for twice as long.
    expect((await attempt('one more wrong guess')).status).toBe(401);
    const longer = await attempt(PASSWORD);
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(Number(longer.headers.get('retry-after'))).toBeLessThanOrEqual(120);
  });

  it('answers an unknown address exactly like a wrong password', async () => {
    addStaff(server, 'same@support.test', 'Same');
    const staff = new StaffApi(server.url);
    const unknown = await staff.call('POST', '/session', {
      email: 'nobody@support.test',
      password: PASSWORD,
    });
    const wrong = await staff.call('POST', '/session', {
      email: 'same@support.test',
      password: PASSWORD,
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });
});

describe('session expiry', () => {
  it('ends a session after 30 minutes without a request', async () => {
    const staff = await enrolled('idle@support.test');
    await server.setClockOffset(25 * MINUTE);
    expect((await staff.call('GET', '/cases')).status).toBe(200);
    await server.setClockOffset(56 * MINUTE);
    const idle = await staff.call('GET', '/cases');
    expect(idle.status).toBe(401);
    await server.setClockOffset(0);
    expect((await staff.call('GET', '/session')).status).toBe(401);
  });

  it('ends a busy session at its absolute limit', async () => {
    const staff = await enrolled('busy@support.test');
    for (const minutes of [20, 40, 55]) {
      await server.setClockOffset(minutes * MINUTE);
      expect((await staff.call('GET', '/cases')).status).toBe(200);
    }
    await server.setClockOffset(61 * MINUTE);
    expect((await staff.call('GET', '/cases')).status).toBe(401);
  });
});

describe('case status link', () => {
  it('shows the case without signing in, and stops working when it expires', async () => {
    const mail = await smtp.waitFor(
      (m) => recipient(m) === 'tom@demo.econnect.test' && (m.subject ?? '').includes(ref),
    );
    const link = /https?:\/\/\S+\/case-status\?token=\S+/.exec(mail.text ?? '')![0];

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain(`Your support case ${ref}`);
    expect(html).not.toContain('tom@demo.econnect.test');

    const tampered = link.replace(
      /token=([^.]+)\.(\d+)\./,
      (_m, id: string, exp: string) => `token=${id}.${Number(exp) + 86_400}.`,
    );
    expect((await fetch(tampered)).status).toBe(404);

    await server.setClockOffset(31 * 24 * 60 * MINUTE);
    const expired = await fetch(link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
  });
});

describe('overview', () => {
  it('counts conversations per path: resolved without a person, escalated, left at which step, feedback', async () => {
    const solved = new ChatClient(server.url);
    await solved.start({ locale: 'en' });
    await solved.choose('setup2fa');
    await solved.choose('password');
    await solved.choose('yes');
    expect(solved.last.status).toBe('resolved');

    const left = new ChatClient(server.url);
    await left.start({ locale: 'en' });
    await left.choose('forgotPassword');

    const staff = await enrolled('overview@support.test');
    // Half an hour of silence makes the forgotten-password conversation "left"; the staff
    // session stays alive by being used on the way.
    await server.setClockOffset(20 * MINUTE);
    expect((await staff.call('GET', '/session')).status).toBe(200);
    await server.setClockOffset(31 * MINUTE);
    const { rows } = (await staff.call('GET', '/overview?days=7')).body as {
      rows: Array<{
        path: string;
        conversations: number;
        resolvedWithoutPerson: number;
        escalated: number;
        left: number;
        leftAt: Array<{ state: string }>;
        solvedYes: number;
        solvedNo: number;
      }>;
    };
    const byPath = (path: string) => rows.filter((r) => r.path === path);
    expect(byPath('setup2fa')).toEqual([
      expect.objectContaining({
        conversations: 1,
        resolvedWithoutPerson: 1,
        solvedYes: 1,
        solvedNo: 0,
      }),
    ]);
    expect(byPath('lostPhone')).toEqual([
      expect.objectContaining({ conversations: 1, escalated: 1, left: 0 }),
    ]);
    expect(byPath('forgotPassword')).toEqual([
      expect.objectContaining({
        conversations: 1,
        left: 1,
        leftAt: [
          expect.objectContaining({
            state: expect.stringMatching(/^(forgotPassword|whichPortal)\./),
          }),
        ],
      }),
    ]);
  });
});
