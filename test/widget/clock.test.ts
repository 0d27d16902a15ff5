import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../support/server.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import {
  axeViolations,
  consoleOf,
  cspViolations,
  describeViolations,
  launchBrowser,
  newPage,
  PHONE,
  screenshot,
  settled,
  widget,
} from './browser.js';

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

/** A device whose clock runs `ms` ahead: every Date.now() the page makes is off by that much. */
const skewClock = (page: Page, ms: number) =>
  page.addInitScript({
    content: `{ const real = Date.now.bind(Date); Date.now = () => real() + (${ms}); }`,
  });

/** From the demo page (which starts in "forgotten password") over to the 2FA path. */
async function toCodeRejected(page: Page): Promise<void> {
  const w = widget(page);
  await page.goto(`${server.url}/?lang=en`);
  await w.launcher.click();
  await settled(page, /Caps Lock/);
  await page
    .locator('login-help-widget nav.nav')
    .getByRole('button', { name: 'Start over' })
    .click();
  await settled(page, /What is going wrong/);
  await w.choice('My 2FA code keeps being rejected').click();
  await settled(page, /Are you chatting on the phone/);
}

describe('clock check for rejected 2FA codes', () => {
  it('measures the chat device itself from the time the widget sends with each turn', async () => {
    const { page, context } = await newPage(browser);
    await skewClock(page, 2 * 60_000);
    await toCodeRejected(page);
    await widget(page).choice('Yes, on that phone').click();
    await settled(page, /Did this solve it/);
    expect(await widget(page).log.innerText()).toMatch(/about 2 minutes fast/);
    await context.close();
  });

  it('shows a QR code and link; the phone page reports its skewed clock into the chat', async () => {
    const { page, context } = await newPage(browser);
    const w = widget(page);
    await toCodeRejected(page);
    await w.choice('No, on another device').click();
    await settled(page, /open it on the phone/);

    const qr = page.locator('login-help-widget .qr');
    await expect.poll(() => qr.count()).toBe(1);
    expect(await qr.locator('svg[role=img]').getAttribute('aria-label')).toMatch(/QR code/);
    expect(await qr.locator('svg path[stroke]').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+h/);
    const link = (await qr.locator('a').getAttribute('href'))!;
    expect(link).toMatch(new RegExp(`^${server.url}/c/[A-Za-z0-9_-]{43}$`));
    expect(await qr.locator('a').getAttribute('rel')).toBe('noopener noreferrer');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(page, 'desktop-en-clock-qr');

    // A reload keeps the question, and the QR code comes back with it.
    await page.reload();
    await expect.poll(() => qr.count(), { timeout: 15_000 }).toBe(1);

    // The "phone": its own context, its clock three minutes fast.
    const phone = await newPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    await skewClock(phone.page, 3 * 60_000);
    await phone.page.goto(link);
    await expect
      .poll(() => phone.page.locator('#said').innerText(), { timeout: 15_000 })
      .toMatch(/about 3 minutes fast/);
    expect(await phone.page.locator('#status').innerText()).toMatch(
      /differs from ours by \+1[78]\d\.\d seconds/,
    );
    const phoneViolations = await axeViolations(phone.page);
    expect(phoneViolations, describeViolations(phoneViolations)).toEqual([]);
    expect(await cspViolations(phone.page)).toEqual([]);
    expect(consoleOf(phone.page)).toEqual([]);
    await screenshot(phone.page, 'phone-en-clock-check');
    await phone.context.close();

    // Back in the chat, without touching it: the widget picks up the report by itself.
    await expect
      .poll(() => w.log.innerText(), { timeout: 15_000 })
      .toMatch(/Clock check from my phone[\s\S]*about 3 minutes fast/);
    await expect.poll(() => qr.count()).toBe(0);
    expect(await w.choice('Yes, solved').count()).toBe(1);
    await screenshot(page, 'desktop-en-clock-result');
    expect(consoleOf(page)).toEqual([]);
    await context.close();
  });

  it('turns an expired or forged link away with a clear page', async () => {
    const { page, context } = await newPage(browser);
    const forged = await page.goto(`${server.url}/c/${'A'.repeat(43)}`);
    expect(forged?.status()).toBe(404);
    expect(await page.locator('#status').innerText()).toMatch(/not valid/);
    await context.close();
  });
});
