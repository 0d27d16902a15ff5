import { createHash } from 'node:crypto';
import type { Response } from 'restify';
import { z } from 'zod';
import { parseWith } from '../http/respond.js';
import { escapeHtml } from '../mail/escape.js';
import { formatTime } from '../mail/transcript.js';
import { audit } from './audit.js';
import { caseDetail, type CaseDetail } from './cases.js';
import type { SupportContext } from './deps.js';
import { caseRefParam, query, type SignedInCall } from './http.js';
import { itemText } from './transcript.js';

const yesNo = (v: boolean | null) => (v === null ? 'not asked' : v ? 'yes' : 'no');

/** The case's header facts as label/value pairs, shared by the text export and the print page. */
function summary(d: CaseDetail): Array<[string, string]> {
  const f = d.facts;
  return [
    ['Case', d.case.ref],
    ['Status', d.case.status],
    ['Opened', formatTime(d.case.createdAt)],
    ['Channel', d.case.channel],
    ['Language', d.case.locale],
    ['Help path', `${d.case.path} (${d.case.reason})`],
    ['Login page', f.portal ?? 'not known'],
    ['Login address', f.email ?? 'not given'],
    ['Ownership verified', f.ownershipVerifiedAt ? formatTime(f.ownershipVerifiedAt) : 'no'],
    ['Recovery codes', yesNo(f.hasRecoveryCodes)],
    [
      'Device clock offset',
      f.clockOffsetSeconds === null ? 'not measured' : `${f.clockOffsetSeconds} s`,
    ],
    [
      'Reset mail requested',
      f.resetRequestedAt
        ? `${formatTime(f.resetRequestedAt)} (${f.minutesSinceResetAtEscalation} min before the case)`
        : 'no',
    ],
    ['Tried', f.tried.join(' → ') || 'nothing'],
    ['Description', f.description ?? '(none)'],
    ...(d.case.resolvedAt
      ? [
          ['Resolved', `${formatTime(d.case.resolvedAt)}: ${d.case.resolutionNote}`] as [
            string,
            string,
          ],
        ]
      : []),
  ];
}

const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);

export function caseText(d: CaseDetail): string {
  const width = Math.max(...summary(d).map(([k]) => k.length));
  const head = summary(d).map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  const lines = d.transcript.map((item) => {
    const { who, text } = itemText(item);
    return `[${time(item.at)}] ${who}: ${text.replace(/\r?\n/g, '\n           ')}`;
  });
  const messages = d.messages.map(
    (m) => `[${formatTime(m.at)}] ${m.staff ?? 'support'} (${m.kind}): ${m.body}`,
  );
  const auditLines = d.audit.map(
    (a) => `[${formatTime(a.at)}] ${a.staff ?? '-'}: ${a.action} ${JSON.stringify(a.details)}`,
  );
  return [
    ...head,
    '',
    'Transcript (times UTC)',
    '----------------------',
    ...lines,
    '',
    'Support messages',
    '----------------',
    ...(messages.length ? messages : ['(none)']),
    '',
    'Audit log',
    '---------',
    ...(auditLines.length ? auditLines : ['(none)']),
    '',
  ].join('\n');
}

const PRINT_STYLE = `
body{font:12pt/1.45 Georgia,serif;color:#000;margin:2cm;max-width:48rem}
h1{font-size:16pt;margin:0 0 .5rem}h2{font-size:13pt;margin:1.5rem 0 .5rem;border-bottom:1px solid #000}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.15rem .5rem .15rem 0}
th{white-space:nowrap;font-weight:600}.t{white-space:nowrap;color:#444;font:10pt monospace}
.who{font-weight:600;white-space:nowrap}.sys td{color:#555;font-size:10pt}.text{white-space:pre-wrap;word-break:break-word}
@media print{body{margin:0}a{color:#000;text-decoration:none}}
`;
// The page has no script; its one style block is allowed by hash, nothing else by anything.
const PRINT_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(PRINT_STYLE).digest('base64')}'; ` +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** One row of a three-column log table (time, who, what), every cell escaped. */
const logRow = (at: string, who: string, what: string, cls = '') =>
  `<tr${cls ? ` class="${cls}"` : ''}><td class="t">${escapeHtml(at)}</td>` +
  `<td class="who">${escapeHtml(who)}</td><td class="text">${escapeHtml(what)}</td></tr>`;

const table = (rows: string[]) =>
  rows.length ? `<table>${rows.join('')}</table>` : '<p>(none)</p>';

export function casePrintHtml(d: CaseDetail): string {
  const e = escapeHtml;
  const head = summary(d).map(([k, v]) => `<tr><th>${e(k)}</th><td class="text">${e(v)}</td></tr>`);
  const lines = d.transcript.map((item) => {
    const { who, text } = itemText(item);
    const system =
      item.type === 'state' || item.type === 'action' || item.type === 'buttons-offered';
    return logRow(time(item.at), who, text, system ? 'sys' : '');
  });
  const messages = d.messages.map((m) => logRow(formatTime(m.at), m.staff ?? 'support', m.body));
  const auditRows = d.audit.map((a) =>
    logRow(formatTime(a.at), a.staff ?? '-', `${a.action} ${JSON.stringify(a.details)}`),
  );
  const title = `Case ${e(d.case.ref)}`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    `<style>${PRINT_STYLE}</style></head><body><h1>${title}</h1>${table(head)}` +
    `<h2>Transcript (times UTC)</h2>${table(lines)}` +
    `<h2>Support messages</h2>${table(messages)}` +
    `<h2>Audit log</h2>${table(auditRows)}</body></html>`
  );
}

function send(
  res: Response,
  type: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

const exportQuery = z.object({ format: z.enum(['text', 'json']) });

/** GET /cases/:ref/export?format=text|json: a download of the whole case. */
export async function exportCase(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const ref = caseRefParam(call.req);
  const { format } = parseWith(exportQuery, Object.fromEntries(query(call.req)));
  const detail = await caseDetail(ctx, ref);
  await audit(ctx.db, {
    action: 'case.exported',
    staffId: call.staff.id,
    caseId: detail.case.id,
    now: call.now,
    details: { format },
  });

  const file = `case-${ref}.${format === 'json' ? 'json' : 'txt'}`;
  const disposition = { 'Content-Disposition': `attachment; filename="${file}"` };
  if (format === 'json') {
    const text = JSON.stringify(detail, null, 2);
    return send(call.res, 'application/json; charset=utf-8', text, disposition);
  }
  send(call.res, 'text/plain; charset=utf-8', caseText(detail), disposition);
}

/** GET /cases/:ref/print: the case as a page made for paper (or "save as PDF"). */
export async function printCase(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const ref = caseRefParam(call.req);
  const detail = await caseDetail(ctx, ref);
  await audit(ctx.db, {
    action: 'case.exported',
    staffId: call.staff.id,
    caseId: detail.case.id,
    now: call.now,
    details: { format: 'print' },
  });
  send(call.res, 'text/html; charset=utf-8', casePrintHtml(detail), {
    'Content-Security-Policy': PRINT_CSP,
  });
}
