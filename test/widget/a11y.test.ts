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
  startHostPage,
  widget,
  type HostPage,
} from './browser.js';

let smtp: TestSmtp;
let server: StartedServer;
let browser: Browser;
let hostile: HostPage;
let dark: HostPage;
let stranger: HostPage;
let strict: HostPage;

const embed = (api: string, attrs = '') =>
  `<script src="${api}/widget.js" data-lang="en"${attrs} defer></script>`;

/** The page rules that break most embedded widgets. */
const HOSTILE_CSS = `
  * { all: unset !important; }
  button, [role=button] { display: none !important; }
  div, p, span, aside, svg, h2 { display: none !important; color: red !important; }
  html { font-size: 4px; line-height: 9; font-family: serif; }
  :root, * { --lh-accent: hotpink; --a: hotpink; --ink: yellow; }
  login-help-widget { display: none; position: static; opacity: 0.1; }
`;

beforeAll(async () => {
  smtp = await startSmtp();
  let api = '';
  hostile = await startHostPage(
    (
      a,
    ) => `<!doctype html><html lang="en"><head><title>Hostile host</title><style>${HOSTILE_CSS}</style></head>
      <body><main><h1>A page that resets everything</h1><button id="own">Own button</button></main>${embed(a, ' data-accent="#ffd400"')}</body></html>`,
    () => api,
  );
  dark = await startHostPage(
    (a) => `<!doctype html><html lang="en"><head><title>Dark host</title>
      <style>body{background:#111;color:#eee;font:20px Georgia,serif} .m,.a,.panel,.launch{background:#333;color:#ddd;font-size:30px;border:9px solid lime}</style></head>
      <body><main><h1>A dark help page</h1><p class="m a" id="probe">Host text with the widget's class names.</p></main>${embed(a, ' data-position="left" data-path="noSuchPath"')}</body></html>`,
    () => api,
  );
  stranger = await startHostPage(
    (a) =>
      `<!doctype html><html lang="en"><head><title>Not allowed</title></head><body><main><h1>Unknown site</h1></main>${embed(a)}</body></html>`,
    () => api,
  );
  // The documented host CSP for browsers without constructable stylesheets: a nonce for the
  // script tag, which the widget gives its <style> element.
  strict = await startHostPage(
    (a) => `<!doctype html><html lang="en"><head><title>Strict host</title>
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-n0nc3' ${a}; style-src 'nonce-n0nc3'; connect-src ${a}">
      </head><body><main><h1>Strict CSP</h1></main><script nonce="n0nc3" src="${a}/widget.js" data-lang="en" defer></script></body></html>`,
    () => api,
  );
  server = await startServer({
    SMTP_URL: smtp.url,
    ALLOWED_ORIGINS: `${hostile.origin},${dark.origin},${strict.origin}`,
  });
  api = server.url;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await Promise.all([
    smtp?.close(),
    hostile?.close(),
    dark?.close(),
    stranger?.close(),
    strict?.close(),
  ]);
});

async function expectNoAxeViolations(page: Page, when: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${when}:\n${describeViolations(violations)}`).toEqual([]);
}

/** What has focus, looking into the widget's shadow root: class and text. */
const focused = (page: Page) =>
  page.evaluate(`(() => {
    const host = document.querySelector('login-help-widget');
    const el = document.activeElement === host ? host.shadowRoot.activeElement : document.activeElement;
    return el ? (el.id ? '#' + el.id : '.' + String(el.className || el.tagName).split(' ')[0]) + ' ' + (el.textContent || '').trim().slice(0, 40) : '';
  })()`) as Promise<string>;

describe('widget accessibility', () => {
  it('has no axe violations closed, open, and mid-conversation on the demo page', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${server.url}/?lang=en`);
    const w = widget(page);
    await expect.poll(() => w.launcher.count()).toBe(1);
    await expectNoAxeViolations(page, 'closed');

    await w.launcher.click();
    // The demo page says which login page it is (data-portal), so the chat starts at the hints.
    await settled(page, /Caps Lock/);
    await expectNoAxeViolations(page, 'open');
    await w.choice('Send me a reset link').click();
    await settled(page, /Which e-mail address/);
    await w.field.fill('not an address');
    await w.send.click();
    await expect.poll(() => page.locator('login-help-widget #lh-err').count()).toBe(1);
    await expectNoAxeViolations(page, 'mid-conversation, with a field error');

    expect(await cspViolations(page)).toEqual([]);
    expect(consoleOf(page)).toEqual([]);

    // The Control / PSB page embeds it with a green accent (data-accent).
    await page.goto(`${server.url}/demo/control?lang=en`);
    await expect.poll(() => w.panel.isVisible()).toBe(true);
    await settled(page);
    await expectNoAxeViolations(page, 'Control page, custom accent, resumed open');
    // The accent is set through the CSSOM, which style-src 'self' does not block.
    expect(await cspViolations(page)).toEqual([]);
    await screenshot(page, 'desktop-en-control');
    await context.close();
  });

  it('walks a path by keyboard alone: Tab to the launcher, answer, escalate, Escape back', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${server.url}/?lang=en`);
    const w = widget(page);
    await expect.poll(() => w.launcher.count()).toBe(1);

    for (let i = 0; i < 20 && !(await focused(page)).startsWith('.launch'); i++)
      await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^\.launch Help with logging in/);
    await page.keyboard.press('Enter');
    await settled(page, /Caps Lock/);
    // The answer's first button takes focus once the question is there.
    await expect.poll(() => focused(page)).toMatch(/^\.c Send me a reset link/);

    // Tab order: launcher, the panel's header, the links in the conversation, then the answers,
    // the other moves and the field.
    const order: string[] = [];
    while (order[0] !== '.launch' && order.length < 10) {
      await page.keyboard.press('Shift+Tab');
      order.unshift((await focused(page)).split(' ')[0]!);
    }
    for (let i = 0; i < order.length; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^\.c Send me a reset link/);
    // Two answers, three moves, the field and Send: five steps reach Send.
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      order.push((await focused(page)).split(' ')[0]!);
    }
    const kinds = order.filter((k, i) => k !== order[i - 1]);
    expect(kinds).toEqual(['.launch', '.hb', '.A', '.c', '.n', '#lh-in', '.send']);
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab');
    await expect.poll(() => focused(page)).toMatch(/^\.c Send me a reset link/);
    for (let i = 0; i < 8 && !(await focused(page)).startsWith('.n Talk to a person'); i++)
      await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^\.n Talk to a person/);
    await page.keyboard.press('Enter');
    await settled(page, /Which e-mail address do you log in with/);
    await expect.poll(() => focused(page)).toMatch(/^#lh-in/);
    await page.keyboard.type('anna@demo.econnect.test');
    await page.keyboard.press('Enter');
    await settled(page, /what is going on/);
    await page.keyboard.type('The reset link never arrives.');
    await page.keyboard.press('Enter');
    await settled(page, /Your case number is LH-/);

    // The case number stands on its own, above the conversation, as well as in it.
    const caseRef = await page.locator('login-help-widget .case strong').innerText();
    expect(caseRef).toMatch(/^LH-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await w.assistant.last().innerText()).toContain(caseRef);
    await expectNoAxeViolations(page, 'after escalation, case number shown');
    await screenshot(page, 'desktop-en-case-number');

    await page.keyboard.press('Escape');
    await expect.poll(() => w.panel.count()).toBe(0);
    await expect.poll(() => focused(page)).toMatch(/^\.launch/);
    await context.close();
  });

  it('works on a host page whose CSS resets everything and hides all buttons', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(hostile.origin);
    const w = widget(page);
    await expect.poll(() => w.launcher.isVisible()).toBe(true);
    const launcher = (await w.launcher.boundingBox())!;
    expect(launcher.height).toBeGreaterThanOrEqual(44);
    expect(launcher.width).toBeGreaterThan(120);
    // The page's own button really is hidden: its rules apply, just not inside the widget.
    expect(await page.locator('#own').isVisible()).toBe(false);

    await w.launcher.click();
    await settled(page, /What is going wrong|Hi!/);
    const panel = (await w.panel.boundingBox())!;
    expect(panel.width).toBe(380);
    expect(panel.height).toBeGreaterThan(400);
    const look = await page.evaluate(`(() => {
      const root = document.querySelector('login-help-widget').shadowRoot;
      const bubble = getComputedStyle(root.querySelector('.m.a'));
      const header = getComputedStyle(root.querySelector('header'));
      return { font: bubble.fontSize, family: bubble.fontFamily, header: header.backgroundColor, text: header.color };
    })()`);
    // A yellow accent gets dark text on it, not white.
    expect(look).toMatchObject({
      font: '15px',
      header: 'rgb(255, 212, 0)',
      text: 'rgb(17, 17, 17)',
    });
    expect((look as { family: string }).family).toMatch(/system-ui/);

    await w.choices.first().click();
    await settled(page);
    expect(await w.user.count()).toBe(1);
    await screenshot(page, 'hostile-host-en');

    // One global, no cookies; the conversation is kept in localStorage under the API's origin.
    const globals = (await page.evaluate(`(() => {
      const frame = document.createElement('iframe');
      document.documentElement.appendChild(frame);
      const clean = new Set(Object.getOwnPropertyNames(frame.contentWindow));
      frame.remove();
      return Object.getOwnPropertyNames(window).filter((k) => !clean.has(k));
    })()`)) as string[];
    expect(globals.filter((k) => k !== 'cspViolations')).toEqual(['LoginHelp']);
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate('document.cookie')).toBe('');
    expect(await page.evaluate('Object.keys(localStorage)')).toEqual([`login-help:${server.url}`]);
    await context.close();
  });

  // The dark page also names a help path this server does not have: the chat starts at triage.
  it('keeps AA contrast and its own look on a dark host page, without styling the host', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(dark.origin);
    const w = widget(page);
    await expect.poll(() => w.launcher.count()).toBe(1);
    await expectNoAxeViolations(page, 'dark host, closed');
    await w.launcher.click();
    await settled(page, /What is going wrong|Hi!/);
    await expectNoAxeViolations(page, 'dark host, open');

    // The host's `.m.a` rules stay outside, and ours do not reach the host's element.
    const probe = await page.evaluate(`(() => {
      const host = getComputedStyle(document.getElementById('probe'));
      const ours = getComputedStyle(document.querySelector('login-help-widget').shadowRoot.querySelector('.m.a'));
      return { hostFont: host.fontSize, hostBorder: host.borderTopWidth, ourFont: ours.fontSize, ourBorder: ours.borderTopWidth };
    })()`);
    expect(probe).toEqual({
      hostFont: '30px',
      hostBorder: '9px',
      ourFont: '15px',
      ourBorder: '0px',
    });
    const panel = (await w.panel.boundingBox())!;
    expect(panel.x).toBe(20);
    await screenshot(page, 'dark-host-en');
    await context.close();
  });

  it('tells a page on an origin that is not allowed that the chat is unavailable there', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(stranger.origin);
    const w = widget(page);
    await w.launcher.click();
    await expect
      .poll(() => page.locator('login-help-widget .fatal').innerText(), { timeout: 15_000 })
      .toMatch(/not available on this page/);
    await context.close();
  });

  it('falls back to a nonce-carrying <style> where constructable stylesheets are missing', async () => {
    const { page, context } = await newPage(browser);
    await page.addInitScript({ content: 'delete CSSStyleSheet.prototype.replaceSync;' });
    await page.goto(strict.origin);
    const w = widget(page);
    await w.launcher.click();
    await settled(page, /What is going wrong|Hi!/);
    expect((await w.panel.boundingBox())!.width).toBe(380);
    expect(
      await page.evaluate(
        `document.querySelector('login-help-widget').shadowRoot.querySelector('style').nonce`,
      ),
    ).toBe('n0nc3');
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it('respects prefers-reduced-motion', async () => {
    const { page, context } = await newPage(browser, { reducedMotion: 'reduce' });
    await page.goto(`${server.url}/?lang=en`);
    const w = widget(page);
    await w.launcher.click();
    const animation = await page.evaluate(
      `getComputedStyle(document.querySelector('login-help-widget').shadowRoot.querySelector('.panel')).animationName`,
    );
    expect(animation).toBe('none');
    await context.close();
  });
});

describe('widget screenshots', () => {
  for (const locale of ['en', 'nl'] as const) {
    for (const [device, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', PHONE],
    ] as const) {
      it(`shows the demo login page with the chat open (${device}, ${locale})`, async () => {
        const { page, context } = await newPage(browser, {
          viewport,
          locale: locale === 'nl' ? 'nl-NL' : 'en-GB',
        });
        await page.goto(`${server.url}/?lang=${locale}`);
        const w = widget(page);
        await expect.poll(() => w.launcher.count()).toBe(1);
        await screenshot(page, `${device}-${locale}-closed`);

        await w.launcher.click();
        await settled(page);
        await w.choices.first().click();
        await settled(page);
        const panel = (await w.panel.boundingBox())!;
        if (device === 'phone')
          expect(panel).toMatchObject({
            x: 0,
            y: 0,
            width: viewport.width,
            height: viewport.height,
          });
        else expect(panel.width).toBe(380);
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        expect(await w.panel.getAttribute('id')).toBe('lh-panel');
        await screenshot(page, `${device}-${locale}-open`);
        await context.close();
      });
    }
  }
});
