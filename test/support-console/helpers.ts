import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ChatClient } from '../support/chat.js';
import type { StartedServer } from '../support/server.js';
import { recipient, type TestSmtp } from '../support/smtp.js';

export const API = '/api/v1/support';

/**
 * Runs `npm run staff -- …` (the CLI from source) on a server's database: the SQLite file in its
 * data folder, or the PostgreSQL database `env.DATABASE_URL` names.
 */
export function staffCli(
  dataDir: string,
  args: string[],
  stdin?: string,
  env: Record<string, string> = {},
) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/staff.ts', ...args], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    input: stdin,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Adds a staff member through the CLI and returns the one-time password it printed. */
export function addStaff(
  server: { dataDir: string; env?: Record<string, string> },
  email: string,
  name: string,
): string {
  const out = staffCli(server.dataDir, ['add', email, name], undefined, server.env);
  const password = /^ {4}(\S+)$/m.exec(out.stdout)?.[1];
  if (out.status !== 0 || !password) {
    throw new Error(`staff add failed (${out.status}): ${out.stdout}${out.stderr}`);
  }
  return password;
}

/** The TOTP code an authenticator shows now, or `steps` periods of 30 s later. */
export const totp = (secret: string, steps = 0): Promise<string> =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A staff member's API client: keeps the session cookie and the CSRF token like the console. */
export class StaffApi {
  cookie = '';
  csrf = '';
  secret = '';

  constructor(readonly base: string) {}

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    opts: { csrf?: boolean } = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (opts.csrf !== false && this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(`${this.base}${API}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // a download or a page
    }
    const csrf = (parsed as { csrfToken?: string } | null)?.csrfToken;
    if (csrf) this.csrf = csrf;
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** Password, first-time password change and TOTP enrolment: a fully signed-in session. */
  async enrol(
    email: string,
    password: string,
    newPassword = 'Staff-only passphrase 2026!',
  ): Promise<string[]> {
    const first = await this.call('POST', '/session', { email, password });
    if (first.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(first.body)}`);
    if (first.body.next === 'change_password')
      await this.call('POST', '/session/password', { password: newPassword });
    const enrolment = await this.call('POST', '/session/enrolment');
    this.secret = enrolment.body.secret;
    const confirmed = await this.call('POST', '/session/enrolment/confirm', {
      code: await totp(this.secret),
    });
    if (confirmed.status !== 200)
      throw new Error(`enrolment failed: ${JSON.stringify(confirmed.body)}`);
    return confirmed.body.recoveryCodes;
  }
}

/**
 * A user who lost their phone walks the lost-phone path over the chat API (as the widget does):
 * the ownership code arrives at the real SMTP server, then the case is created.
 */
export async function lostPhoneCase(
  server: StartedServer,
  smtp: TestSmtp,
  opts: { email: string; description: string; locale?: 'en' | 'nl' },
): Promise<{ chat: ChatClient; ref: string }> {
  const chat = new ChatClient(server.url);
  await chat.start({ locale: opts.locale ?? 'en' });
  await chat.choose('lostPhone');
  await chat.choose('none');
  await chat.choose('send');
  const before = smtp.mails.length;
  await chat.value(opts.email);
  const mail = await smtp.waitFor(
    (m) => smtp.mails.indexOf(m) >= before && recipient(m) === opts.email,
  );
  await chat.value(/\b(\d{6})\b/.exec(mail.text ?? '')![1]!);
  while (chat.last.status === 'active') {
    if (chat.last.prompt?.input?.kind === 'text') await chat.value(opts.description);
    else if (chat.choices.includes('identity')) await chat.choose('identity');
    else throw new Error(`unexpected question: ${chat.said}`);
  }
  if (!chat.last.caseRef) throw new Error(`no case: ${chat.said}`);
  return { chat, ref: chat.last.caseRef };
}

/** Debian's Chromium, headless, with a fresh profile directory that is removed afterwards. */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'lh-console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 1000 },
    locale: 'en-GB',
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
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Records CSP violations, dialogs and console errors: each is a failure for the console. */
export async function watch(page: Page): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript({
    content: `addEventListener('securitypolicyviolation', (e) => console.error('CSP ' + e.violatedDirective + ' ' + e.blockedURI));`,
  });
  return { problems };
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** axe-core's serious and critical findings on the page, one readable line each. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Injected as a CDP evaluation: the console's CSP allows no inline script, rightly.
  await page.evaluate(axeSource);
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as {
    violations: Array<{
      id: string;
      impact: string;
      help: string;
      nodes: Array<{ target: unknown }>;
    }>;
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`,
    );
}

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
