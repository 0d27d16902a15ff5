import type { Server } from 'restify';
import { escapeHtml } from '../mail/escape.js';
import { countOutbox, listOutbox, type OutboxEntry } from '../mail/outbox-admin.js';
import { formatTime } from '../mail/transcript.js';
import { page } from './common.js';
import { pageCopy } from './copy.js';
import type { PagesDeps } from './deps.js';
import { queryOf, sendPage } from './http.js';

type Copy = (typeof pageCopy)['en']['outbox'];

const cell = (text: string | number) => `<td>${escapeHtml(text)}</td>`;

function row(copy: Copy, e: OutboxEntry): string {
  const problem = e.problem ? `<strong>${escapeHtml(copy.problems[e.problem])}</strong>` : '';
  return (
    `<tr><td><code>${escapeHtml(e.id)}</code></td>` +
    cell(copy.counts[e.status]) +
    `<td>${problem}</td>` +
    [e.kind, e.to, e.subject, e.attempts, formatTime(e.createdAt)].map(cell).join('') +
    cell(e.status === 'sent' ? '' : formatTime(e.nextAttemptAt)) +
    cell(e.sentAt === null ? '' : formatTime(e.sentAt)) +
    cell(e.lastError ?? '') +
    '</tr>'
  );
}

/**
 * GET /dev/outbox: what waits to be sent and what could not be sent, for a developer or a test
 * environment; never registered in production, where `npm run outbox -- list` shows the same.
 * Read-only: a retry changes data, so it stays on the command line.
 */
export function registerOutboxPage(server: Server, deps: PagesDeps): void {
  server.get(
    '/dev/outbox',
    page(deps, async (req, res, locale) => {
      const copy = pageCopy[locale].outbox;
      const dev = pageCopy[locale].dev;
      const all = queryOf(req).get('all') === '1';
      const include = all ? 'all' : 'unsent';
      const entries = await listOutbox(deps.db, { now: deps.clock.now(), include, limit: 200 });
      const counts = await countOutbox(deps.db);

      const summary = Object.entries(counts)
        .map(([status, n]) => `${escapeHtml(copy.counts[status as keyof typeof counts])}: ${n}`)
        .join(' · ');
      const toggle = all
        ? `<a href="outbox?lang=${locale}">${escapeHtml(copy.showUnsent)}</a>`
        : `<a href="outbox?all=1&amp;lang=${locale}">${escapeHtml(copy.showAll)}</a>`;
      const heads = ['id', copy.status, copy.problem, copy.kind, dev.to, dev.subject, copy.attempts]
        .concat([dev.at, copy.next, copy.sent, copy.error])
        .map((h) => `<th>${escapeHtml(h)}</th>`)
        .join('');
      const table = entries.length
        ? `<div style="overflow-x:auto"><table><tr>${heads}</tr>` +
          `${entries.map((e) => row(copy, e)).join('')}</table></div>`
        : `<p>${escapeHtml(copy.empty)}</p>`;

      const body =
        `<p class="muted">${escapeHtml(copy.note)}</p>` +
        `<p id="counts">${summary}</p><p>${toggle}</p>${table}` +
        `<p class="muted">${escapeHtml(copy.cli)}</p>`;
      sendPage(res, locale, { title: copy.title, body, switchLanguage: true });
    }),
  );
}
