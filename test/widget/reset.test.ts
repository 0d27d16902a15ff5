import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/directory/index.js';
import { openServerDb } from '../support/db.js';
import { linkIn } from '../support/pages.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';
import { consoleOf, cspViolations, launchBrowser, newPage, settled, widget } from './browser.js';

let smtp: TestSmtp;
let server: StartedServer;
let browser: Browser;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

const resetMailsTo = (address: string) =>
  smtp.mails.filter((m) => recipient(m) === address && /reset/i.test(m.subject ?? ''));

async function passwordIs(email: string, candidate: string): Promise<boolean> {
  const { db, close } = openServerDb(server.dataDir);
  try {
    const row = await db
      .selectFrom('accounts')
      .select('password_hash')
      .where('email', '=', email)
      .where('portal', '=', 'platform')
      .executeTakeFirstOrThrow();
    return await verifyPassword(candidate, row.password_hash);
  } finally {
    await close();
  }
}

const isTurn = (r: Request) =>
  r.method() === 'POST' && /\/api\/v1\/conversations\/[^/]+\/turns$/.test(r.url());

describe('widget on the demo login page: forgotten password', () => {
  it('resets the password by clicks and typing only, through the link in the real mail', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/?lang=en`);
    const w = widget(page);

    await w.launcher.click();
    // The demo page says which login page it is, so the chat starts at the hints.
    await settled(page, /Caps Lock/);
    await w.choice('Send me a reset link').click();
    await settled(page, /Which e-mail address/);

    // The prompt's rules are checked before anything is sent.
    await expect.poll(() => w.field.getAttribute('type')).toBe('email');
    await w.field.pressSequentially('anna@');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('login-help-widget #lh-err').innerText())
      .toMatch(/e-mail address like/);
    expect(await w.field.getAttribute('aria-invalid')).toBe('true');

    await w.field.fill('');
    await w.field.pressSequentially('anna@demo.econnect.test');
    await page.keyboard.press('Enter');
    await settled(page, /Did this solve it/);
    expect(await w.log.innerText()).toContain('a reset link is on its way');

    const mail = await smtp.waitFor(
      (m) => recipient(m) === 'anna@demo.econnect.test' && /reset/i.test(m.subject ?? ''),
    );
    const resetPage = await context.newPage();
    await resetPage.goto(linkIn(mail, '/reset'));
    await resetPage.locator('#password').fill('correct horse battery staple 42');
    await resetPage.locator('#repeat').fill('correct horse battery staple 42');
    await resetPage.locator('button[type=submit]').click();
    await expect
      .poll(() => resetPage.locator('h1').innerText())
      .toMatch(/password has been changed/i);
    expect(await passwordIs('anna@demo.econnect.test', 'correct horse battery staple 42')).toBe(
      true,
    );
    expect(await passwordIs('anna@demo.econnect.test', 'Demo-Password-2026!')).toBe(false);

    await page.bringToFront();
    await w.choice('Yes, solved').click();
    await settled(page, /glad you are back in/);
    expect(consoleOf(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it('resumes after a reload, sends a double click once, and retries a lost answer without a second mail', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/?lang=en`);
    const w = widget(page);
    await w.launcher.click();
    // The demo page says which login page it is, so the chat starts at the hints.
    await settled(page, /Caps Lock/);

    await page.reload();
    // It was open when the page went away, so it opens again, with the conversation so far.
    await expect.poll(() => w.panel.isVisible()).toBe(true);
    await settled(page, /Caps Lock/);
    expect(await w.log.innerText()).toMatch(/Caps Lock[\s\S]*platform\.econnect\.eu/);

    const turns: Request[] = [];
    page.on('request', (r) => isTurn(r) && turns.push(r));
    await w.choice('Send me a reset link').dblclick();
    await settled(page, /Which e-mail address/);
    expect(turns).toHaveLength(1);

    // The answer reaches the server (the mail goes out), then the connection drops before the
    // reply arrives: the widget must send the same turn id again, and the server replay it.
    let dropped = false;
    await page.route('**/api/v1/conversations/*/turns', async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await context.setOffline(true);
      await route.abort('internetdisconnected');
    });
    await w.field.pressSequentially('bob@demo.econnect.test');
    await page.keyboard.press('Enter');
    await expect.poll(() => w.banner.innerText()).toContain('You are offline');
    await smtp.waitFor(
      (m) => recipient(m) === 'bob@demo.econnect.test' && /reset/i.test(m.subject ?? ''),
    );

    await context.setOffline(false);
    await settled(page, /Did this solve it/);
    expect(await w.banner.count()).toBe(0);

    const ids = turns.slice(1).map((r) => (r.postDataJSON() as { turnId: string }).turnId);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids).size).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(resetMailsTo('bob@demo.econnect.test')).toHaveLength(1);
    expect(await w.log.innerText()).toContain('a reset link is on its way');
    // Exactly one answer in the log, not the stored reply a second time.
    expect((await w.log.innerText()).match(/a reset link is on its way/g)).toHaveLength(1);
    await context.close();
  });

  it('switches language mid-path with a progress indicator, and hides a pasted password', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${server.url}/?lang=en`);
    const w = widget(page);
    await w.launcher.click();
    await settled(page, /Caps Lock/);

    // Hold the next turn back for a moment, to see what the widget shows while it runs.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/conversations/*/turns', async (route) => {
      await held;
      await route.continue();
    });
    await page
      .locator('login-help-widget header')
      .getByRole('button', { name: 'Nederlands' })
      .click();
    await expect.poll(() => w.busy.count()).toBe(1);
    expect(await w.busy.innerText()).toBe('Bezig…');
    expect(await w.log.getAttribute('aria-busy')).toBe('true');
    expect(await w.choices.first().getAttribute('aria-disabled')).toBe('true');
    await w.choices.first().click({ force: true });
    release();
    await settled(page, /Caps Lock/);
    await page.unrouteAll();

    expect(await w.log.innerText()).toContain('Ik ga verder in het Nederlands.');
    expect(await w.choices.allInnerTexts()).toContain('Stuur me een resetlink');
    expect(await w.send.innerText()).toBe('Versturen');
    expect(await page.locator('login-help-widget aside').getAttribute('lang')).toBe('nl');
    // The click made while the turn ran was not sent: still the same question, once.
    expect(await w.user.count()).toBe(0);

    await w.field.pressSequentially('mijn wachtwoord is Hunter2!Secret');
    await page.keyboard.press('Enter');
    await settled(page);
    await expect.poll(() => page.locator('login-help-widget .m.warn').count()).toBe(1);
    expect(await w.user.last().innerText()).toContain('(niet getoond)');
    expect(await w.log.innerText()).not.toContain('Hunter2');

    // A paste longer than the chat takes is kept in the field and explained, not cut short.
    const sent = await w.user.count();
    await w.field.fill('x'.repeat(5000));
    expect((await w.field.inputValue()).length).toBe(5000);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('login-help-widget #lh-err').innerText())
      .toMatch(/onder de 2000 tekens \(nu 5000\)/);
    expect(await w.user.count()).toBe(sent);
    await context.close();
  });
});
