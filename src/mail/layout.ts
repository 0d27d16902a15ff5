import type { Locale } from '../../flows/types.js';
import type { MailAddress } from './address.js';
import { escapeHtml } from './escape.js';
import type { MailKind, MailMessage } from './types.js';

/**
 * A mail is a list of blocks of plain text, rendered once as HTML and once as text. No block
 * carries markup, so every value in a mail, whoever typed it, is escaped on the way to HTML.
 */
export type Block =
  | { type: 'h'; text: string }
  | { type: 'p'; text: string }
  | { type: 'small'; text: string }
  | { type: 'link'; label: string; href: string }
  | { type: 'code'; text: string }
  | { type: 'facts'; rows: ReadonlyArray<readonly [string, string]> }
  | { type: 'pre'; text: string };

export const h = (text: string): Block => ({ type: 'h', text });
/** A paragraph; several parts are joined with spaces, so long sentences wrap in the source. */
export const p = (...parts: string[]): Block => ({ type: 'p', text: parts.join(' ') });
export const small = (...parts: string[]): Block => ({ type: 'small', text: parts.join(' ') });
export const code = (text: string): Block => ({ type: 'code', text });
export const pre = (text: string): Block => ({ type: 'pre', text });
export const facts = (rows: ReadonlyArray<readonly [string, string]>): Block => ({
  type: 'facts',
  rows,
});

export function link(label: string, href: string): Block {
  // Every link is built here from configuration; anything but http(s) is a programming error.
  if (!/^https?:\/\//.test(href)) {
    throw new Error(`mail link must be absolute http(s), got "${href}"`);
  }
  return { type: 'link', label, href };
}

export interface Draft {
  subject: string;
  blocks: Block[];
  footer: Block[];
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;line-height:1.5';
const MUTED = 'font-size:12px;color:#52606d';
const BUTTON =
  'display:inline-block;background:#0b5cad;color:#ffffff;padding:12px 20px;' +
  'border-radius:4px;text-decoration:none';
const CODE = 'margin:0 0 14px;font-size:28px;letter-spacing:6px;font-weight:bold';
const PRE = 'white-space:pre-wrap;background:#f4f5f7;padding:12px;font-size:13px';
const TH = 'text-align:left;vertical-align:top;padding:2px 12px 2px 0';
const CARD = 'max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px';

const lines = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

// Mail clients drop <style> blocks, so every style is inline.
function blockHtml(block: Block): string {
  switch (block.type) {
    case 'h':
      return `<h2 style="font-size:17px;margin:24px 0 8px">${escapeHtml(block.text)}</h2>`;
    case 'p':
      return `<p style="margin:0 0 14px">${lines(block.text)}</p>`;
    case 'small':
      return `<p style="margin:0 0 8px;${MUTED}">${lines(block.text)}</p>`;
    case 'code':
      return `<p style="${CODE}">${escapeHtml(block.text)}</p>`;
    case 'link': {
      const href = escapeHtml(block.href);
      const button = `<a href="${href}" style="${BUTTON}">${escapeHtml(block.label)}</a>`;
      return (
        `<p style="margin:20px 0 6px">${button}</p>` +
        `<p style="margin:0 0 16px;${MUTED};word-break:break-all">${href}</p>`
      );
    }
    case 'facts': {
      const rows = block.rows.map(
        ([k, v]) => `<tr><th style="${TH}">${escapeHtml(k)}</th><td>${lines(v)}</td></tr>`,
      );
      return `<table style="border-collapse:collapse;margin:0 0 14px">${rows.join('')}</table>`;
    }
    case 'pre':
      return `<pre style="${PRE}">${escapeHtml(block.text)}</pre>`;
  }
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'h':
      return `${block.text}\n${'-'.repeat(block.text.length)}`;
    case 'link':
      return `${block.label}:\n${block.href}`;
    case 'facts':
      return block.rows.map(([k, v]) => `${k}: ${v}`).join('\n');
    default:
      return block.text;
  }
}

export function renderHtml(draft: Draft, locale: Locale): string {
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width">' +
    `<title>${escapeHtml(draft.subject)}</title></head>` +
    `<body style="margin:0;padding:24px;background:#f4f5f7;color:#1f2933;${FONT}">` +
    `<div style="${CARD}">` +
    draft.blocks.map(blockHtml).join('\n') +
    (draft.footer.length
      ? `<hr style="border:none;border-top:1px solid #d9dee3;margin:24px 0 12px">` +
        draft.footer.map(blockHtml).join('\n')
      : '') +
    `</div></body></html>`
  );
}

export function renderText(draft: Draft): string {
  const body = draft.blocks.map(blockText).join('\n\n');
  if (draft.footer.length === 0) return `${body}\n`;
  // "-- " is the usual signature separator; mail clients fold what follows.
  return `${body}\n\n-- \n${draft.footer.map(blockText).join('\n\n')}\n`;
}

export function composeMail(
  kind: MailKind,
  to: MailAddress,
  locale: Locale,
  draft: Draft,
  refs: { conversationId?: string; caseId?: string; secrets?: string[] } = {},
): MailMessage {
  return {
    kind,
    to,
    subject: draft.subject,
    text: renderText(draft),
    html: renderHtml(draft, locale),
    ...refs,
  };
}
