import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Config } from '../../src/config.js';
import type { Db } from '../../src/db/index.js';
import {
  DEMO_PASSWORD,
  findAccount,
  issueToken,
  seedDemoAccounts,
  verifyPassword,
} from '../../src/directory/index.js';
import { createTransport, enqueueMail, OutboxSender } from '../../src/mail/index.js';
import { redactTokens, registerPages } from '../../src/pages/index.js';
import { logger, openTestDb, testConfig } from './fixtures.js';

const ANNA = 'anna@demo.econnect.test';
const NEW_PASSWORD = 'purple tractor umbrella';
const NEW = { password: NEW_PASSWORD, repeat: NEW_PASSWORD };

describe('pages', () => {
  let db: Db;
  let close: () => Promise<void>;
  let server: restify.Server;
  let base: string;
  let clock: ManualClock;
  let mailKicks: number;

  async function start(config: Config, setup?: (server: restify.Server) => void) {
    server = restify.createServer({ handleUncaughtExceptions: false });
    setup?.(server);
    const onMail = () => void mailKicks++;
    registerPages(server, { db, config, content: config.content, clock, logger, onMail });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeEach(async () => {
    ({ db, close } = await openTestDb());
    clock = new ManualClock();
    mailKicks = 0;
    await seedDemoAccounts(db, clock.now());
    await start(testConfig());
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(base + path, { redirect: 'manual', headers });

  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(base + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });

  async function resetToken(email = ANNA, accountId?: string) {
    const id = accountId ?? (await findAccount(db, 'platform', email))!.id;
    const ttlMs = 60 * 60_000;
    const token = { kind: 'reset' as const, email, portal: 'platform', accountId: id, ttlMs };
    return issueToken(db, { ...token, now: clock.now() });
  }

  const annasPassword = async () => (await findAccount(db, 'platform', ANNA))!.password_hash;

  /** Follows the mail link: returns the cookie the redirect set. */
  async function openLink(secret: string, lang = 'en') {
    const res = await get(`/reset?token=${secret}&lang=${lang}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`reset?lang=${lang}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  describe('reset', () => {
    it('moves the link secret out of the address bar into a short-lived cookie', async () => {
      const secret = await resetToken();
      const res = await get(`/reset?token=${secret}`);

      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('reset?lang=en');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('set-cookie')).toBe(
        `lh_reset=${secret}; Max-Age=3600; Path=/reset; HttpOnly; SameSite=Lax; Secure`,
      );
    });

    it('shows the password rules before anything is submitted, with strict headers', async () => {
      const cookie = await openLink(await resetToken());
      const res = await get('/reset?lang=en', { cookie });
      const html = await res.text();

      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(html).toContain('Choose a new password for Platform');
      expect(html).toContain('At least 12 characters');
      expect(html).toContain('autocomplete="new-password"');
      expect(html).not.toContain('<script');
    });

    it('changes the password, mails the user and logs nobody in', async () => {
      const secret = await resetToken();
      const cookie = await openLink(secret);
      const res = await post('/reset?lang=en', NEW, { cookie });
      const html = await res.text();

      expect(res.status).toBe(200);
      expect(html).toContain('Your password has been changed');
      expect(html).toContain('href="https://platform.econnect.eu"');
      expect(res.headers.get('set-cookie')).toMatch(/^lh_reset=; Max-Age=0; Path=\/reset/);
      expect(html).not.toContain(secret);

      expect(await verifyPassword(NEW_PASSWORD, await annasPassword())).toBe(true);
      expect(await verifyPassword(DEMO_PASSWORD, await annasPassword())).toBe(false);
      const outbox = db.selectFrom('outbox').select(['kind', 'to_address', 'subject']);
      const mails = await outbox.execute();
      const subject = 'Your eConnect Platform password was changed';
      expect(mails).toEqual([{ kind: 'password-changed', to_address: ANNA, subject }]);
      expect(mailKicks).toBe(1);

      const again = await post('/reset?lang=en', NEW, { cookie });
      expect(again.status).toBe(410);
      expect(await again.text()).toContain('This link has already been used');
    });

    it('reads the form also when the server parses bodies itself', async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await start(testConfig(), (s) => s.use(restify.plugins.bodyParser()));
      const cookie = await openLink(await resetToken());
      const res = await post('/reset', NEW, { cookie });
      expect(res.status).toBe(200);
    });

    it('refuses a weak password and keeps the link usable', async () => {
      const cookie = await openLink(await resetToken());
      const weak = { password: 'Wachtwoord2026!', repeat: 'Wachtwoord2026!' };
      const res = await post('/reset?lang=en', weak, { cookie });

      expect(res.status).toBe(422);
      expect(await res.text()).toContain('This password is too common');
      const ok = await post('/reset?lang=en', NEW, { cookie });
      expect(ok.status).toBe(200);
    });

    it('explains unknown, used, expired and missing links, with the way forward', async () => {
      const unknown = await get('/reset?token=not-a-real-token-at-all-000000');
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toContain('Ask the eConnect login help for one');

      const expiring = await resetToken();
      clock.advance(60 * 60_000);
      const expired = await get(`/reset?token=${expiring}`);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('This link has expired');

      const missing = await post('/reset', NEW);
      expect(missing.status).toBe(400);
      expect(await missing.text()).toContain('Open the link from your e-mail again');
    });

    it('refuses a form another site posted', async () => {
      const cookie = await openLink(await resetToken());
      const res = await post('/reset', NEW, { cookie, 'sec-fetch-site': 'cross-site' });
      expect(res.status).toBe(403);
      expect(await verifyPassword(DEMO_PASSWORD, await annasPassword())).toBe(true);
    });

    it('speaks Dutch for ?lang=nl and for a Dutch browser', async () => {
      const cookie = await openLink(await resetToken(), 'nl');
      const dutch = await (await get('/reset?lang=nl', { cookie })).text();
      expect(dutch).toContain('Kies een nieuw wachtwoord voor Platform');
      const browser = await get('/reset', { cookie, 'accept-language': 'nl-NL,nl;q=0.9,en;q=0.8' });
      expect(await browser.text()).toContain('<html lang="nl">');
    });

    it('escapes the account address on the form', async () => {
      const email = 'o"neil<b>@demo.econnect.test';
      const anna = (await findAccount(db, 'platform', ANNA))!;
      await db
        .insertInto('accounts')
        .values({ ...anna, id: 'x', email })
        .execute();
      const secret = await resetToken(email, 'x');
      const html = await (await get('/reset', { cookie: await openLink(secret) })).text();
      expect(html).toContain('o&quot;neil&lt;b&gt;@demo.econnect.test');
      expect(html).not.toContain('<b>@');
    });
  });

  describe('verify', () => {
    it('verifies the address once and says the reset can now be requested', async () => {
      const ivo = (await findAccount(db, 'identity', 'ivo@demo.econnect.test'))!;
      const secret = await issueToken(db, {
        kind: 'verify',
        email: ivo.email,
        portal: 'identity',
        accountId: ivo.id,
        ttlMs: 60_000,
        now: clock.now(),
      });
      const res = await get(`/verify?token=${secret}`);

      expect(res.status).toBe(200);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await res.text()).toContain('a password reset works for it');
      expect(await findAccount(db, 'identity', ivo.email)).toMatchObject({ verified: 1 });

      const again = await get(`/verify?token=${secret}&lang=nl`);
      expect(again.status).toBe(410);
      expect(await again.text()).toContain('Deze link is al gebruikt');
    });
  });

  describe('dev mailbox', () => {
    it('lists the mail newest first and shows one mail, its HTML sandboxed', async () => {
      const transport = createTransport(testConfig(), db, clock);
      const sender = new OutboxSender({ db, transport, clock, logger });
      const mail = (subject: string) => ({
        kind: 'reset' as const,
        to: { address: 'anna@demo.econnect.test' },
        subject,
        text: 'Open https://help.example.test/reset?token=abc&lang=en now',
        html: '<p onclick="x()">Hello <script>alert(1)</script></p>',
      });
      await enqueueMail(db, mail('First <mail>'), clock.now());
      await sender.drain();
      clock.advance(1000);
      await enqueueMail(db, mail('Second mail'), clock.now());
      await sender.drain();

      const list = await (await get('/dev/mail')).text();
      expect(list.indexOf('Second mail')).toBeLessThan(list.indexOf('First &lt;mail&gt;'));

      const { id } = await db
        .selectFrom('dev_mailbox')
        .select('id')
        .where('subject', '=', 'First <mail>')
        .executeTakeFirstOrThrow();
      const one = await (await get(`/dev/mail/${id}`)).text();
      expect(one).toContain('sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="');
      expect(one).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(one).not.toContain('<script>');
      const href = 'https://help.example.test/reset?token=abc&amp;lang=en';
      expect(one).toContain(`<a href="${href}" target="_blank" rel="noopener">`);
    });

    it('is not there when mail goes out through SMTP', async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await start(testConfig({ SMTP_URL: 'smtp://127.0.0.1:1' }));
      expect((await get('/dev/mail')).status).toBe(404);
    });
  });

  describe('outbox status', () => {
    it('shows mail that waits or failed, masked, in English and Dutch', async () => {
      const mail = { kind: 'reset' as const, to: { address: ANNA }, subject: 'Reset <it>' };
      const id = await enqueueMail(db, { ...mail, text: 't', html: 'h' }, clock.now());
      await db
        .updateTable('outbox')
        .set({ status: 'failed', attempts: 10, last_error: 'ECONNREFUSED <smtp>' })
        .where('id', '=', id)
        .execute();

      const en = await get('/dev/outbox');
      expect(en.status).toBe(200);
      expect(en.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await en.text();
      expect(html).toContain(`<code>${id}</code>`);
      expect(html).toContain('gave up: retry by hand');
      expect(html).toContain('a***@demo.econnect.test');
      expect(html).not.toContain(ANNA);
      expect(html).toContain('Reset &lt;it&gt;');
      expect(html).toContain('ECONNREFUSED &lt;smtp&gt;');
      expect(await (await get('/dev/outbox?lang=nl')).text()).toContain('mislukt: 1');
    });

    it('is not there in production', async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await start(
        testConfig({
          NODE_ENV: 'production',
          MicrosoftAppId: 'app-id',
          SMTP_URL: 'smtp://127.0.0.1:9',
        }),
      );
      expect((await get('/dev/outbox')).status).toBe(404);
      expect((await get('/dev/mail')).status).toBe(404);
    });
  });

  it('hides link secrets from logged URLs', () => {
    expect(redactTokens('/reset?token=abc&lang=nl')).toBe('/reset?token=[redacted]&lang=nl');
    expect(redactTokens('/verify?lang=en&token=abc')).toBe('/verify?lang=en&token=[redacted]');
  });
});
