import { readFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';

/**
 * Debian's Chromium, headless. Playwright gives every launch a fresh temporary profile of its
 * own (it refuses `--user-data-dir` in `args`), so nothing carries over between runs.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function newPage(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB', ...options });
  const page = await context.newPage();
  // Any Content-Security-Policy violation on the page is a failure the tests look for.
  await page.addInitScript({
    content: `globalThis.cspViolations = [];
      addEventListener('securitypolicyviolation', (e) => cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  // Anything the widget prints to the host's console would be a bug (house style, habit 12).
  const consoleLines: string[] = [];
  page.on('console', (m) => {
    // The browser's own network log lines (a missing favicon) are not the widget writing.
    if (!m.text().startsWith('Failed to load resource'))
      consoleLines.push(`${m.type()}: ${m.text()}`);
  });
  (page as Page & { consoleLines: string[] }).consoleLines = consoleLines;
  return { context, page };
}

export const consoleOf = (page: Page): string[] =>
  (page as Page & { consoleLines?: string[] }).consoleLines ?? [];

export const cspViolations = (page: Page): Promise<string[]> =>
  page.evaluate('globalThis.cspViolations ?? []') as Promise<string[]>;

/** Locators inside the widget (Playwright's CSS and role engines pierce open shadow roots). */
export const widget = (page: Page) => ({
  launcher: page.locator('login-help-widget .launch'),
  panel: page.locator('login-help-widget [role=dialog]'),
  log: page.locator('login-help-widget [role=log]'),
  choices: page.locator('login-help-widget .ch button'),
  nav: page.locator('login-help-widget nav.nav button'),
  field: page.locator('login-help-widget #lh-in'),
  send: page.locator('login-help-widget button.send'),
  banner: page.locator('login-help-widget .banner'),
  busy: page.locator('login-help-widget .dots'),
  assistant: page.locator('login-help-widget .log .m.a:not(.dots)'),
  user: page.locator('login-help-widget .log .m.u'),
  choice: (name: string | RegExp): Locator =>
    page.locator('login-help-widget .ch').getByRole('button', { name }),
});

/** Waits until no turn is running and the last assistant line matches. */
export async function settled(page: Page, lastSays?: RegExp): Promise<void> {
  const w = widget(page);
  await expect.poll(() => w.busy.count(), { timeout: 15_000 }).toBe(0);
  if (lastSays)
    await expect.poll(() => w.assistant.last().innerText(), { timeout: 15_000 }).toMatch(lastSays);
}

/** axe-core, injected through the DevTools protocol (the pages' CSP allows no inline script). */
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Contrast is judged on the settled look, not halfway through the panel's fade-in.
  await page.evaluate(
    `Promise.all((document.querySelector('login-help-widget')?.shadowRoot?.getAnimations() ?? []).filter((a) => a.effect.getComputedTiming().iterations !== Infinity).map((a) => a.finished))`,
  );
  await page.evaluate(axeSource);
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as {
    violations: AxeViolation[];
  };
  return result.violations;
}

/** Readable failure output: rule, impact and the first few offending nodes. */
export const describeViolations = (violations: AxeViolation[]): string =>
  violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .slice(0, 3)
          .map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
          .join('\n'),
    )
    .join('\n');

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

export interface HostPage {
  origin: string;
  close(): Promise<void>;
}

/**
 * A host page on another origin (its own port on 127.0.0.1), embedding the widget from the
 * login-help server the way a customer's help page would.
 */
export async function startHostPage(
  html: (apiOrigin: string) => string,
  apiOrigin: () => string,
): Promise<HostPage> {
  const server: Server = createServer((req, res) => {
    res.writeHead(req.url === '/' ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(req.url === '/' ? html(apiOrigin()) : 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
