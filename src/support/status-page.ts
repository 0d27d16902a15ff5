import type { Request, Response } from 'restify';
import type { Locale } from '../../flows/types.js';
import { vars } from '../mail/template-kit.js';
import { escapeHtml } from '../mail/escape.js';
import { pickLocale, queryOf, sendPage } from '../pages/http.js';
import { caseMessages } from './cases.js';
import { localeOf, userCopy } from './copy.js';
import type { SupportContext } from './deps.js';

// eConnect's users are in the Netherlands; the page shows their local time, in their language.
const formatters: Record<Locale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }),
  nl: new Intl.DateTimeFormat('nl-NL', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }),
};

const paragraphs = (text: string) =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');

/**
 * GET /case-status?token=: the page behind the link in a case's mails. No account: the signed,
 * expiring token is the key, and it shows only what support wrote and where the case stands,
 * never the conversation or the address, in case the link is forwarded.
 */
export async function statusPage(ctx: SupportContext, req: Request, res: Response): Promise<void> {
  const headers = { 'X-Robots-Tag': 'noindex' };
  const check = ctx.statusLinks.check(queryOf(req).get('token') ?? '', ctx.clock.now());
  if (!check.ok) {
    const locale = pickLocale(req);
    const copy = userCopy[locale].status;
    const status = check.error === 'expired' ? 410 : 404;
    return sendPage(res, locale, {
      status,
      title: copy.linkTitle,
      body: `<p>${escapeHtml(copy[check.error])}</p>`,
      headers,
    });
  }

  const c = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', check.caseId)
    .executeTakeFirst();
  const asked = queryOf(req).get('lang');
  const locale: Locale = asked === 'en' || asked === 'nl' ? asked : localeOf(c?.locale ?? 'en');
  const copy = userCopy[locale].status;
  if (!c)
    return sendPage(res, locale, {
      status: 404,
      title: copy.linkTitle,
      body: `<p>${escapeHtml(copy.invalid)}</p>`,
      headers,
    });

  const when = (ms: number) => escapeHtml(formatters[locale].format(ms));
  const messages = (await caseMessages(ctx.db, c.id)).filter((m) => m.kind === 'message');
  const v = vars(ctx.mail, locale);
  const body =
    `<p><strong>${escapeHtml(copy.state[c.status])}</strong></p>` +
    `<p class="muted">${escapeHtml(copy.opened)}: ${when(c.created_at)}<br>` +
    `${escapeHtml(copy.updated)}: ${when(c.updated_at)}</p>` +
    (c.status === 'resolved' && c.resolution_note
      ? `<h2>${escapeHtml(copy.resolution)}</h2><p class="muted">${when(c.resolved_at ?? c.updated_at)}</p>` +
        paragraphs(c.resolution_note)
      : '') +
    `<h2>${escapeHtml(copy.messages)}</h2>` +
    (messages.length
      ? messages
          .map((m) => `<section><p class="muted">${when(m.at)}</p>${paragraphs(m.body)}</section>`)
          .join('')
      : `<p>${escapeHtml(copy.none)}</p>`) +
    `<p class="muted">${escapeHtml(copy.contact(String(v.supportContacts), String(v.supportHours)))}</p>`;
  // No language switch link: the pages' switch replaces the query, which would drop the token.
  sendPage(res, locale, { title: copy.title(c.ref), body, headers });
}
