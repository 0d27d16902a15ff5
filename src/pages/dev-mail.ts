import type { Server } from 'restify';
import { escapeHtml } from '../mail/escape.js';
import { formatTime } from '../mail/transcript.js';
import { page } from './common.js';
import { pageCopy } from './copy.js';
import type { PagesDeps } from './deps.js';
import { sendPage } from './http.js';

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

/** Escaped text with its web addresses made clickable (escaped first, then matched). */
const linkify = (text: string) =>
  escapeHtml(text).replace(
    URL_IN_TEXT,
    (url) => `<a href="${url}" target="_blank" rel="noopener">${url}</a>`,
  );

/**
 * The dev mailbox: every mail the server "sent" while no SMTP server is configured. Development
 * only; it shows full addresses and live links, so it is never registered with SMTP_URL set.
 */
export function registerDevMailPages(server: Server, deps: PagesDeps): void {
  server.get(
    '/dev/mail',
    page(deps, async (_req, res, locale) => {
      const copy = pageCopy[locale].dev;
      const mails = await deps.db
        .selectFrom('dev_mailbox')
        .select(['id', 'to_address', 'subject', 'created_at'])
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(200)
        .execute();

      const rows = mails.map((m) => {
        const href = `/dev/mail/${encodeURIComponent(m.id)}?lang=${locale}`;
        const cells = [formatTime(m.created_at), m.to_address]
          .map((c) => `<td>${escapeHtml(c)}</td>`)
          .join('');
        return `<tr>${cells}<td><a href="${href}">${escapeHtml(m.subject)}</a></td></tr>`;
      });
      const head = `<tr><th>${copy.at}</th><th>${copy.to}</th><th>${copy.subject}</th></tr>`;
      const empty = `<p>${escapeHtml(copy.empty)}</p>`;
      const table = mails.length ? `<table>${head}${rows.join('')}</table>` : empty;
      const body = `<p class="muted">${escapeHtml(copy.note)}</p>${table}`;
      sendPage(res, locale, { title: copy.title, body, switchLanguage: true });
    }),
  );

  server.get(
    '/dev/mail/:id',
    page(deps, async (req, res, locale) => {
      const copy = pageCopy[locale].dev;
      const id = String((req.params as { id?: unknown }).id ?? '');
      const mail = await deps.db
        .selectFrom('dev_mailbox')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!mail) {
        const body = `<p>${escapeHtml(copy.empty)}</p>`;
        sendPage(res, locale, { status: 404, title: copy.title, body });
        return;
      }

      const links = [...new Set(mail.text_body.match(URL_IN_TEXT) ?? [])];
      const linkList = links.map((l) => `<li>${linkify(l)}</li>`).join('');
      // The HTML body runs in a sandbox without scripts, forms or same-origin access; its links
      // open in a new tab, outside the sandbox.
      const frame =
        `<iframe title="${escapeHtml(mail.subject)}" ` +
        'sandbox="allow-popups allow-popups-to-escape-sandbox" ' +
        `srcdoc="${escapeHtml(`<base target="_blank">${mail.html_body}`)}"></iframe>`;
      const body =
        `<p><a href="../mail?lang=${locale}">← ${escapeHtml(copy.back)}</a></p>` +
        `<p><strong>${copy.to}:</strong> ${escapeHtml(mail.to_address)}<br>` +
        `<strong>${copy.at}:</strong> ${escapeHtml(formatTime(mail.created_at))}</p>` +
        frame +
        (links.length ? `<h2>${copy.links}</h2><ul>${linkList}</ul>` : '') +
        `<h2>${copy.text}</h2><pre>${linkify(mail.text_body)}</pre>`;
      sendPage(res, locale, { title: mail.subject, body });
    }),
  );
}
