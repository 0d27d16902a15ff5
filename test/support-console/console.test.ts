import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient } from '../support/chat.js';
import { openServerDb } from '../support/db.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';
import {
  accessibilityProblems,
  addStaff,
  launchChromium,
  lostPhoneCase,
  screenshot,
  totp,
  watch,
} from './helpers.js';

let smtp: TestSmtp;
let server: StartedServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url, SUPPORT_MAILBOX: 'desk@support.test' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** Polls for up to 15 s: the machine runs other suites' servers and browsers meanwhile. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

/** A second, older case, so the queue shows more than the one the test works on. */
async function askForAPerson(email: string): Promise<string> {
  const chat = new ChatClient(server.url);
  await chat.start({ locale: 'nl' });
  await chat.choose('codeRejected');
  await chat.choose('nav.human');
  while (chat.last.status === 'active') {
    const input = chat.last.prompt?.input?.kind;
    if (input === 'text') await chat.value('Mijn code wordt steeds geweigerd.');
    else if (input === 'email') await chat.value(email);
    else if (chat.choices.includes('platform')) await chat.choose('platform');
    else if (chat.choices.includes('same')) await chat.choose('same');
    else throw new Error(`unexpected question: ${chat.said}`);
  }
  return chat.last.caseRef!;
}

/** A first sign-in through the page: one-time password, own password, authenticator, codes. */
async function firstSignIn(
  page: Page,
  email: string,
  oneTime: string,
  password: string,
): Promise<string> {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(oneTime);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('New password again').fill(password);
  await page.getByRole('button', { name: 'Save password' }).click();
  await page.getByRole('img', { name: /QR code/ }).waitFor();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  await page.getByLabel('6-digit code from the app').fill(await totp(secret));
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await eventually(() =>
    page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count(),
  ).toBe(10);
  await page.getByLabel('I have stored these codes somewhere safe').check();
  await page.getByRole('button', { name: 'Continue to the console' }).click();
  await page.getByRole('heading', { name: 'Escalation queue' }).waitFor();
  return secret;
}

async function signInWithCode(
  page: Page,
  email: string,
  password: string,
  secret: string,
  steps: number,
) {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('6-digit code from your authenticator app').fill(await totp(secret, steps));
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('support console in Chromium', () => {
  it('takes a staff member from first sign-in to a resolved case the user hears about', async () => {
    await askForAPerson('bob@demo.econnect.test');
    const description = 'New phone, my authenticator app is gone and I have no recovery codes.';
    const { chat, ref } = await lostPhoneCase(server, smtp, {
      email: 'tom@demo.econnect.test',
      description,
    });
    const confirmation = await smtp.waitFor(
      (m) => recipient(m) === 'tom@demo.econnect.test' && (m.subject ?? '').includes(ref),
    );
    expect(confirmation.text).toMatch(/\/case-status\?token=/);

    const oneTime = addStaff(server, 'ana@support.test', 'Ana de Wit');
    const page = await browser.context.newPage();
    const { problems } = await watch(page);
    await page.goto(`${server.url}/console`);

    // First sign-in: the one-time password, a password of her own, then the authenticator.
    const password = 'Ana her own passphrase 2026';
    const secret = await firstSignIn(page, 'ana@support.test', oneTime, password);

    // Every later sign-in: password and a code from the app (the next one: the first is used).
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInWithCode(page, 'ana@support.test', password, secret, 1);
    await page.getByRole('heading', { name: 'Escalation queue' }).waitFor();

    const queue = page.getByRole('table');
    await eventually(() => queue.getByRole('row').count()).toBe(3);
    await eventually(() => queue.getByRole('row').nth(1).innerText()).toContain(ref);
    expect(await page.getByRole('link', { name: /Open\s*2/ }).count()).toBe(1);
    await screenshot(page, 'console-queue');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByLabel('Case number or address').fill(ref.toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await eventually(() => queue.getByRole('row').count()).toBe(2);
    await page.getByRole('link', { name: ref }).click();

    // The conversation as the user saw it: the buttons, the one they pressed, the code as a marker.
    await page.getByRole('heading', { name: `Case ${ref}` }).waitFor();
    const transcript = page.locator('.transcript');
    await eventually(() => transcript.locator('.chip.chosen').first().innerText()).toMatch(
      /new or lost phone|phone/i,
    );
    expect(await transcript.innerText()).toContain(description);
    expect(await transcript.innerText()).toContain('typed the e-mailed one-time code (not stored)');
    expect(await transcript.locator('.event.action').allInnerTexts()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/sendOwnershipCode: ok/),
        expect.stringMatching(/createCase: ok/),
      ]),
    );
    expect(await page.locator('.facts').innerText()).toMatch(/Ownership verified\s+Yes/);
    await screenshot(page, 'console-case');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Reset 2FA…' }).click();
    await page.getByRole('button', { name: 'Yes, reset 2FA' }).click();
    await eventually(() => page.getByRole('status').innerText()).toMatch(/2FA is now off/);
    const { db, close } = openServerDb(server.dataDir);
    const account = await db
      .selectFrom('accounts')
      .selectAll()
      .where('email', '=', 'tom@demo.econnect.test')
      .executeTakeFirstOrThrow();
    await close();
    expect(account.totp_enabled).toBe(0);

    const note =
      'We turned off 2FA for your account. Log in with your password and set it up again.';
    await page.getByLabel('Resolution note (the user reads this)').fill(note);
    await page.getByRole('button', { name: 'Resolve and tell the user' }).click();
    await eventually(() => page.getByRole('status').innerText()).toMatch(
      /Case resolved\. The user was told by e-mail and in the chat/,
    );

    const resolved = await smtp.waitFor(
      (m) => recipient(m) === 'tom@demo.econnect.test' && /is resolved/.test(m.subject ?? ''),
    );
    expect(resolved.subject).toContain(ref);
    expect(resolved.text).toContain(note);
    const audit = page.getByRole('region', { name: 'Audit log' });
    await eventually(() => audit.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/Ana de Wit · Reset 2FA/),
      expect.stringMatching(/Ana de Wit · Resolved the case/),
    ]);
    await screenshot(page, 'console-case-resolved');

    // The widget's next read of the conversation carries support's line.
    const view = await fetch(`${server.url}/api/v1/conversations/${chat.id}`, {
      headers: { authorization: `Bearer ${chat.token}` },
    });
    const lines = ((await view.json()) as { transcript: Array<{ kind: string; text: string }> })
      .transcript;
    expect(lines.at(-1)).toMatchObject({ kind: 'support', text: expect.stringContaining(note) });

    // The status page behind the mail's link shows the resolution, without signing in.
    const statusLink = /https?:\/\/\S+\/case-status\?token=\S+/.exec(resolved.text ?? '')![0];
    const statusPage = await fetch(statusLink);
    expect(statusPage.status).toBe(200);
    expect(await statusPage.text()).toContain(note);

    // Print-friendly export, in a tab of the same signed-in browser.
    const print = await browser.context.newPage();
    await print.goto(`${server.url}/api/v1/support/cases/${ref}/print`);
    expect(await print.getByRole('heading', { name: `Case ${ref}` }).count()).toBe(1);
    expect(await print.locator('body').innerText()).toContain(note);
    await screenshot(print, 'console-print');
    await print.goto(statusLink);
    await screenshot(print, 'case-status-page');
    await print.close();

    // The notice support sets is live for new conversations and shown on every console page.
    await page.getByRole('link', { name: 'Notice' }).click();
    await page.getByLabel('English').fill('Reset e-mails are delayed this morning.');
    await page.getByLabel('Dutch').fill('Resetmails zijn vanochtend vertraagd.');
    await page.getByRole('button', { name: 'Show this notice' }).click();
    await eventually(() => page.getByRole('status').innerText()).toMatch(/The notice is live/);
    await eventually(() => page.locator('.notice-banner').innerText()).toContain(
      'Reset e-mails are delayed this morning.',
    );
    const newcomer = new ChatClient(server.url);
    await newcomer.start({ locale: 'nl' });
    expect(newcomer.last.messages[0]).toMatchObject({
      kind: 'notice',
      text: 'Resetmails zijn vanochtend vertraagd.',
    });
    await screenshot(page, 'console-notice');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('link', { name: 'Overview' }).click();
    const perPath = page.getByRole('table', { name: 'Per help path, whole period' });
    await eventually(() =>
      perPath.getByRole('row', { name: /Lost or new phone/ }).innerText(),
    ).toMatch(/Lost or new phone\s+1\s/);
    await screenshot(page, 'console-overview');
    expect(await accessibilityProblems(page)).toEqual([]);

    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a transcript holding script and img tags as inert text', async () => {
    await browser.context.clearCookies();
    const script = `<script>document.title = 'pwned'</script>`;
    const img = `<img src=x onerror="document.title = 'pwned'">`;
    const { ref } = await lostPhoneCase(server, smtp, {
      email: 'tom@demo.econnect.test',
      description: `Help ${script} ${img}`,
    });

    const oneTime = addStaff(server, 'eve@support.test', 'Eve');
    const page = await browser.context.newPage();
    const { problems } = await watch(page);
    await page.goto(`${server.url}/console`);
    await firstSignIn(page, 'eve@support.test', oneTime, 'Eve her own passphrase 2026');

    await page.goto(`${server.url}/console#/cases/${ref}`);
    const transcript = page.locator('.transcript');
    await eventually(() => transcript.innerText()).toContain(script);
    expect(await transcript.innerText()).toContain(img);
    expect(await page.locator('.description').innerText()).toContain(script);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('#content script').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    expect(problems).toEqual([]);
    await page.close();
  });
});
