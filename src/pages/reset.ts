import type { Request, Response, Server } from 'restify';
import type { Locale, Portal } from '../../flows/types.js';
import {
  checkNewPassword,
  hashPassword,
  peekToken,
  redeemToken,
  setPassword,
  type Account,
  type PasswordIssue,
} from '../directory/index.js';
import { escapeHtml } from '../mail/escape.js';
import { enqueueMail } from '../mail/outbox.js';
import { mailEnv, passwordChangedMail } from '../mail/templates.js';
import { page, sendLinkProblem, sendNotice } from './common.js';
import { pageCopy } from './copy.js';
import type { PagesDeps } from './deps.js';
import { queryOf, readCookie, readForm, sendPage } from './http.js';

const COOKIE = 'lh_reset';

/**
 * The link secret leaves the address bar (and so history, screenshots and shoulder-surfers) at
 * once: GET /reset?token= answers 303 to /reset with the secret in an HttpOnly cookie limited to
 * this path. SameSite=Lax, not Strict: the redirect completes a navigation that started in a
 * mail client, i.e. cross-site, and browsers withhold Strict cookies for the whole redirect
 * chain. Lax still withholds the cookie from cross-site POSTs, which is the protection we need.
 */
function cookies(deps: PagesDeps) {
  const url = new URL(deps.config.publicUrl);
  const path = `${url.pathname.replace(/\/$/, '')}/reset`;
  const secure = url.protocol === 'https:' ? '; Secure' : '';
  const attributes = `Path=${path}; HttpOnly; SameSite=Lax${secure}`;
  const maxAge = deps.config.RESET_LINK_MINUTES * 60;
  return {
    set: (secret: string) =>
      `${COOKIE}=${encodeURIComponent(secret)}; Max-Age=${maxAge}; ${attributes}`,
    clear: { 'Set-Cookie': `${COOKIE}=; Max-Age=0; ${attributes}` },
  };
}

function portalText(deps: PagesDeps, portal: Portal, locale: Locale) {
  const p = deps.content.portals[portal];
  return { name: p.name[locale], host: p.host, url: p.loginUrl };
}

const list = (items: string[]) =>
  `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;

function formHtml(locale: Locale, account: Account, host: string, issues: PasswordIssue[]): string {
  const copy = pageCopy[locale].reset;
  const field = (id: string, label: string) =>
    `<label for="${id}">${escapeHtml(label)}</label>` +
    `<input type="password" id="${id}" name="${id}" autocomplete="new-password" minlength="12" ` +
    'maxlength="256" required aria-describedby="rules">';
  const problems = issues.length
    ? `<div class="issues" role="alert">${list(issues.map((i) => copy.issues[i]))}</div>`
    : '';
  return (
    `<p>${escapeHtml(copy.intro(account.email, host))}</p>${problems}` +
    `<h2>${escapeHtml(copy.rulesTitle)}</h2><div id="rules">${list(copy.rules)}</div>` +
    `<form method="post" action="reset?lang=${locale}">` +
    // Lets a password manager file the new password under the right login.
    `<input type="text" name="username" autocomplete="username" hidden readonly ` +
    `value="${escapeHtml(account.email)}">` +
    field('password', copy.password) +
    field('repeat', copy.repeat) +
    `<button type="submit">${escapeHtml(copy.submit)}</button></form>`
  );
}

function sendForm(
  res: Response,
  deps: PagesDeps,
  locale: Locale,
  account: Account,
  issues: PasswordIssue[],
) {
  const portal = portalText(deps, account.portal, locale);
  sendPage(res, locale, {
    status: issues.length ? 422 : 200,
    title: pageCopy[locale].reset.title(portal.name),
    body: formHtml(locale, account, portal.host, issues),
    switchLanguage: true,
  });
}

async function showForm(deps: PagesDeps, req: Request, res: Response, locale: Locale) {
  const cookie = cookies(deps);
  const brand = deps.content.brand;
  const now = deps.clock.now();
  const token = queryOf(req).get('token');
  if (token !== null) {
    const peek = await peekToken(deps.db, 'reset', token, now);
    if (!peek.ok) return sendLinkProblem(res, locale, brand, peek.error);
    res.writeHead(303, {
      Location: `reset?lang=${locale}`,
      'Set-Cookie': cookie.set(token),
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    res.end();
    return;
  }

  const secret = readCookie(req, COOKIE);
  if (!secret) return sendLinkProblem(res, locale, brand, 'missing');
  const peek = await peekToken(deps.db, 'reset', secret, now);
  if (!peek.ok) return sendLinkProblem(res, locale, brand, peek.error, cookie.clear);
  sendForm(res, deps, locale, peek.account, []);
}

async function changePassword(deps: PagesDeps, req: Request, res: Response, locale: Locale) {
  const cookie = cookies(deps);
  const brand = deps.content.brand;
  // Belt and braces beside SameSite: a form a browser says came from another site is refused.
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    return sendNotice(res, locale, 403, pageCopy[locale].error.crossSite);
  }
  const secret = readCookie(req, COOKIE);
  if (!secret) return sendLinkProblem(res, locale, brand, 'missing');

  const form = await readForm(req);
  const password = form.get('password') ?? '';
  const peek = await peekToken(deps.db, 'reset', secret, deps.clock.now());
  if (!peek.ok) return sendLinkProblem(res, locale, brand, peek.error, cookie.clear);
  const issues = checkNewPassword(password, peek.account.email, form.get('repeat') ?? '');
  if (issues.length) return sendForm(res, deps, locale, peek.account, issues);

  // Hash before the transaction: scrypt takes a while and SQLite has one writer.
  const hash = await hashPassword(password);
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (tx) => {
    const redeemed = await redeemToken(tx, 'reset', secret, now);
    if (!redeemed.ok) return redeemed;
    const { account } = redeemed;
    await setPassword(tx, account.id, hash, now);
    const env = mailEnv(deps.config, deps.content);
    const target = { env, locale, to: { address: account.email } };
    await enqueueMail(tx, passwordChangedMail(target, { portal: account.portal }), now);
    return redeemed;
  });
  if (!result.ok) return sendLinkProblem(res, locale, brand, result.error, cookie.clear);
  deps.onMail?.();

  const copy = pageCopy[locale].reset;
  const portal = portalText(deps, result.account.portal, locale);
  sendPage(res, locale, {
    title: copy.doneTitle,
    body:
      `<p>${escapeHtml(copy.done(portal.name))}</p><p>${escapeHtml(copy.doneMail)}</p>` +
      `<p><a class="button" href="${escapeHtml(portal.url)}">` +
      `${escapeHtml(copy.login(portal.host))}</a></p>`,
    headers: cookie.clear,
  });
}

/** GET /reset?token=, GET /reset (the form), POST /reset (the change). */
export function registerResetPages(server: Server, deps: PagesDeps): void {
  server.get(
    '/reset',
    page(deps, (req, res, locale) => showForm(deps, req, res, locale)),
  );
  server.post(
    '/reset',
    page(deps, (req, res, locale) => changePassword(deps, req, res, locale)),
  );
}
