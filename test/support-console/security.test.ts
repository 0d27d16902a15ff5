import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORT_API } from '../../src/support/routes.js';
import { openServerDb } from '../support/db.js';
import { startServer, type StartedServer } from '../support/server.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { addStaff, API, lostPhoneCase, StaffApi, totp } from './helpers.js';

let smtp: TestSmtp;
let server: StartedServer;
let ref: string;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url });
  const description = `Help <script>document.title = 'pwned'</script> <img src=x onerror="alert('img')">`;
  ({ ref } = await lostPhoneCase(server, smtp, { email: 'tom@demo.econnect.test', description }));
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const METHOD = { get: 'GET', post: 'POST', put: 'PUT', del: 'DELETE' } as const;
const guarded = SUPPORT_API.filter((r) => r.access !== 'public');
const writes = guarded.filter((r) => r.method !== 'get');

/** Calls a route of the table with a real case number in place of `:ref` and an empty body. */
function callRoute(
  staff: StaffApi,
  r: (typeof SUPPORT_API)[number],
  opts: { csrf?: boolean } = {},
) {
  const path = r.path.replace(':ref', ref);
  return staff.call(METHOD[r.method], path, r.method === 'get' ? undefined : {}, opts);
}

/** A staff member past password and TOTP, with an API client holding the session. */
async function signedIn(email: string): Promise<StaffApi> {
  const staff = new StaffApi(server.url);
  await staff.enrol(email, addStaff(server, email, email.split('@')[0]!));
  return staff;
}

describe('support API access', () => {
  it('answers 401 on every route but sign-in without a session', async () => {
    expect(guarded.length).toBe(SUPPORT_API.length - 1);
    for (const r of guarded) {
      const anonymous = await callRoute(new StaffApi(server.url), r);
      expect([r.path, anonymous.status, anonymous.body.error?.code]).toEqual([
        r.path,
        401,
        'not_signed_in',
      ]);

      const forged = new StaffApi(server.url);
      forged.cookie = 'lh_staff=made-up-session-secret';
      expect([r.path, (await callRoute(forged, r)).status]).toEqual([r.path, 401]);
    }
  });

  it('answers 401 on the case routes to a session past the password but not the second factor', async () => {
    const staff = new StaffApi(server.url);
    await staff.enrol('half@support.test', addStaff(server, 'half@support.test', 'Half'));
    await staff.call('DELETE', '/session');
    const first = await staff.call('POST', '/session', {
      email: 'half@support.test',
      password: 'Staff-only passphrase 2026!',
    });
    expect(first.body).toMatchObject({ stage: 'password', next: 'second_factor' });

    for (const r of guarded.filter((g) => g.access === 'staff')) {
      expect([r.path, (await callRoute(staff, r)).status]).toEqual([r.path, 401]);
    }
  });

  it('refuses every write without the CSRF token with 403 and changes nothing', async () => {
    const staff = await signedIn('csrf@support.test');
    for (const r of writes) {
      const missing = await callRoute(staff, r, { csrf: false });
      expect([r.path, missing.status, missing.body.error?.code]).toEqual([
        r.path,
        403,
        'csrf_token_invalid',
      ]);
    }
    const token = staff.csrf;
    staff.csrf = 'x'.repeat(token.length);
    expect((await staff.call('POST', `/cases/${ref}/resolve`, { note: 'forged' })).status).toBe(
      403,
    );
    staff.csrf = token;

    const detail = await staff.call('GET', `/cases/${ref}`);
    expect(detail.body.case.status).toBe('open');
    expect(detail.body.audit).toEqual([]);
    expect((await staff.call('GET', '/session')).status).toBe(200);
  });

  it('refuses a sign-in a browser marks as coming from another site', async () => {
    const res = await fetch(`${server.url}${API}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ email: 'csrf@support.test', password: 'Staff-only passphrase 2026!' }),
    });
    expect(res.status).toBe(403);
  });

  it('sets the session cookie httpOnly and SameSite=Strict, and clears it on sign-out', async () => {
    const staff = new StaffApi(server.url);
    const first = await staff.call('POST', '/session', {
      email: 'csrf@support.test',
      password: 'Staff-only passphrase 2026!',
    });
    expect(first.headers.get('set-cookie')).toMatch(
      /^lh_staff=[\w-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Strict$/,
    );

    const staffIn = await signedIn('cookie@support.test');
    const out = await staffIn.call('DELETE', '/session');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(
      /^lh_staff=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict/,
    );
  });
});

describe('behind https', () => {
  it('makes the session cookie Secure with the __Host- prefix', async () => {
    const behindProxy = await startServer({ PUBLIC_URL: 'https://help.example.test' });
    try {
      const staff = new StaffApi(behindProxy.url);
      const oneTime = addStaff(behindProxy, 'tls@support.test', 'TLS');
      const first = await staff.call('POST', '/session', {
        email: 'tls@support.test',
        password: oneTime,
      });
      expect(first.headers.get('set-cookie')).toMatch(
        /^__Host-lh_staff=[\w-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Strict; Secure$/,
      );
      // The plain name is not read there: a cookie planted without Secure cannot pose as a session.
      staff.cookie = staff.cookie.replace('__Host-lh_staff', 'lh_staff');
      expect((await staff.call('GET', '/session')).status).toBe(401);
    } finally {
      await behindProxy.stop();
    }
  });
});

describe('second factor', () => {
  it('shows the same pending secret when the enrolment page is reloaded, so the scanned app still works', async () => {
    const staff = new StaffApi(server.url);
    const password = addStaff(server, 'reload@support.test', 'Reload');
    await staff.call('POST', '/session', { email: 'reload@support.test', password });
    await staff.call('POST', '/session/password', { password: 'Staff-only passphrase 2026!' });
    const scanned = await staff.call('POST', '/session/enrolment');
    const reloaded = await staff.call('POST', '/session/enrolment');
    expect(reloaded.body.secret).toBe(scanned.body.secret);
    expect(reloaded.body.qr).toBe(scanned.body.qr);
    const confirmed = await staff.call('POST', '/session/enrolment/confirm', {
      code: await totp(scanned.body.secret),
    });
    expect(confirmed.status).toBe(200);
  });

  it('accepts a TOTP code once and refuses it the second time', async () => {
    const staff = await signedIn('once@support.test');
    const password = 'Staff-only passphrase 2026!';
    await staff.call('DELETE', '/session');

    // The enrolment used the current code; the app's next one is the first a sign-in can use.
    const code = await totp(staff.secret, 1);
    await staff.call('POST', '/session', { email: 'once@support.test', password });
    expect((await staff.call('POST', '/session/second-factor', { code })).status).toBe(200);
    await staff.call('DELETE', '/session');

    await staff.call('POST', '/session', { email: 'once@support.test', password });
    const replay = await staff.call('POST', '/session/second-factor', { code });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('code_used');
    expect((await staff.call('GET', '/cases')).status).toBe(401);
  });

  it('lets each recovery code sign in once', async () => {
    const staff = new StaffApi(server.url);
    const codes = await staff.enrol(
      'codes@support.test',
      addStaff(server, 'codes@support.test', 'Codes'),
    );
    expect(new Set(codes).size).toBe(10);
    const password = 'Staff-only passphrase 2026!';
    await staff.call('DELETE', '/session');

    await staff.call('POST', '/session', { email: 'codes@support.test', password });
    const used = await staff.call('POST', '/session/second-factor', {
      recoveryCode: codes[0]!.toUpperCase(),
    });
    expect(used.body).toMatchObject({ stage: 'full', recoveryCodesLeft: 9 });
    await staff.call('DELETE', '/session');

    await staff.call('POST', '/session', { email: 'codes@support.test', password });
    const again = await staff.call('POST', '/session/second-factor', { recoveryCode: codes[0] });
    expect(again.body.error.code).toBe('recovery_code_invalid');
    expect(
      (await staff.call('POST', '/session/second-factor', { recoveryCode: codes[1] })).status,
    ).toBe(200);
  });

  it('keeps the TOTP secret sealed and the recovery codes hashed in the database', async () => {
    const staff = new StaffApi(server.url);
    const codes = await staff.enrol(
      'sealed@support.test',
      addStaff(server, 'sealed@support.test', 'Sealed'),
    );
    const { db, close } = openServerDb(server.dataDir);
    const row = await db
      .selectFrom('staff')
      .selectAll()
      .where('email', '=', 'sealed@support.test')
      .executeTakeFirstOrThrow();
    const stored = await db
      .selectFrom('staff_recovery_codes')
      .select('code_hash')
      .where('staff_id', '=', row.id)
      .execute();
    await close();
    expect(row.totp_secret).toMatch(/^v1\./);
    expect(row.totp_secret).not.toContain(staff.secret);
    expect(JSON.stringify(stored)).not.toContain(codes[0]!.replace('-', ''));
  });
});

describe('untrusted text from the chat', () => {
  it('stays inert in the exports and the print page', async () => {
    const staff = await signedIn('export@support.test');
    const text = await staff.call('GET', `/cases/${ref}/export?format=text`);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.headers.get('content-disposition')).toBe(`attachment; filename="case-${ref}.txt"`);
    expect(text.body).toContain(`<script>document.title = 'pwned'</script>`);

    const json = await staff.call('GET', `/cases/${ref}/export?format=json`);
    expect(json.headers.get('content-disposition')).toBe(`attachment; filename="case-${ref}.json"`);
    expect(json.body.facts.description).toContain('<img src=x onerror=');

    const print = await staff.call('GET', `/cases/${ref}/print`);
    expect(print.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(print.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'sha256-/,
    );
    expect(print.body).not.toMatch(/<script|<img/);
    expect(print.body).toContain('&lt;script&gt;document.title = &#39;pwned&#39;&lt;/script&gt;');

    const audit = (await staff.call('GET', `/cases/${ref}`)).body.audit.map(
      (a: { action: string; details: { format: string } }) => a.details.format,
    );
    expect(audit).toEqual(['text', 'json', 'print']);
  });

  it('serves the console page with a CSP that allows no inline script', async () => {
    const res = await fetch(`${server.url}/console`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(await res.text()).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)/);
  });
});
