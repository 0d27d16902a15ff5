import type { Content } from '../../flows/content.js';
import type { Locale } from '../../flows/types.js';
import type { Executor } from '../db/index.js';
import { renderText, type StoredPrompt } from '../engine/output.js';
import type { TranscriptItem } from './api-types.js';

export type { TranscriptItem };

/**
 * What support sees in place of something the user typed that is never stored. The text of the
 * secret itself is not in the database at all; these say only what kind of thing it was.
 */
export const MARKER_LABELS: Record<string, string> = {
  secret_password: 'pasted what looks like a password (not stored)',
  secret_code: 'pasted what looks like a 2FA code (not stored)',
  secret_link: 'pasted what looks like a reset link (not stored)',
  ownership_code: 'typed the e-mailed one-time code (not stored)',
  invalid_code: 'typed something that is not a 6-digit code (not stored)',
  invalid_email: 'typed something that is not an e-mail address (not stored)',
};

/** `{ lostPhone: 'awaitCode' }` → `awaitCode`; nested states read `a.b`. */
export function stateName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [key, inner] = Object.entries(value)[0] ?? [];
    if (key === undefined) return '';
    const rest = stateName(inner);
    return rest ? `${key}.${rest}` : key;
  }
  return '';
}

function parse(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function actionDetail(body: Record<string, unknown>): string | null {
  if (body.status === 'limited') return `rate limited, retry in ${body.retryAfterMinutes} min`;
  if (body.status === 'failed') return `failed: ${str(body.reason) || 'unknown reason'}`;
  if (typeof body.caseRef === 'string') return `case ${body.caseRef}`;
  return null;
}

type Row = {
  line: number;
  seq: number;
  role: string;
  kind: string;
  body: string;
  created_at: number;
};

function toItem(row: Row): TranscriptItem | undefined {
  const base = { line: row.line, seq: row.seq, at: row.created_at };
  const body = parse(row.body);
  if (row.role === 'assistant') {
    if (row.kind === 'support') return { ...base, type: 'support', text: str(body.text) };
    if (row.kind === 'notice') return { ...base, type: 'notice', text: str(body.text) };
    return { ...base, type: 'assistant', kind: row.kind, text: str(body.text) };
  }
  if (row.role === 'user') {
    if (row.kind === 'choice')
      return { ...base, type: 'button', choice: str(body.choice), label: str(body.label) };
    if (row.kind === 'marker') {
      const marker = str(body.marker);
      return {
        ...base,
        type: 'marker',
        marker,
        label: MARKER_LABELS[marker] ?? `${marker} (not stored)`,
      };
    }
    if (row.kind === 'clock')
      return { ...base, type: 'clock', offsetSeconds: Math.round(Number(body.offsetMs) / 1000) };
    if (row.kind === 'email') return { ...base, type: 'user-email', text: str(body.text) };
    return { ...base, type: 'user-text', text: str(body.text) };
  }
  if (row.kind === 'action') {
    return {
      ...base,
      type: 'action',
      name: str(body.name),
      status: str(body.status),
      detail: actionDetail(body),
    };
  }
  if (row.kind === 'state')
    return { ...base, type: 'state', flow: str(body.flow), state: stateName(body.state) };
  return undefined;
}

export interface TranscriptOptions {
  content: Content;
  resetLinkMinutes: number;
  locale: Locale;
}

/**
 * The conversation in order, with the buttons each question offered placed after the
 * assistant's words of that turn, so support sees what the user saw and which button they took.
 */
export async function loadTranscript(
  db: Executor,
  conversationId: string,
  opts: TranscriptOptions,
): Promise<TranscriptItem[]> {
  const [rows, steps] = await Promise.all([
    db
      .selectFrom('transcript')
      .select(['line', 'seq', 'role', 'kind', 'body', 'created_at'])
      .where('conversation_id', '=', conversationId)
      .orderBy('line')
      .execute(),
    db
      .selectFrom('steps')
      .select(['seq', 'prompt', 'created_at'])
      .where('conversation_id', '=', conversationId)
      .orderBy('seq')
      .execute(),
  ]);
  const render = {
    locale: opts.locale,
    content: opts.content,
    resetLinkMinutes: opts.resetLinkMinutes,
  };
  const offered = new Map<number, { labels: string[]; at: number }>();
  for (const step of steps) {
    const ask = step.prompt ? (parse(step.prompt) as Partial<StoredPrompt>).ask : null;
    const labels = ask?.choices?.map((c) => renderText(render, c.label, c.params)) ?? [];
    if (labels.length) offered.set(step.seq, { labels, at: step.created_at });
  }

  const items: TranscriptItem[] = [];
  // Where the buttons of the current turn go: right after the last thing the assistant said.
  let spoken = -1;
  const flush = (seq: number) => {
    const o = offered.get(seq);
    if (!o) return;
    const at = spoken >= 0 ? spoken + 1 : items.length;
    const line = items[at - 1]?.line ?? 0;
    items.splice(at, 0, { line, seq, at: o.at, type: 'buttons-offered', labels: o.labels });
    offered.delete(seq);
  };
  for (const row of rows) {
    // A line of a later turn closes the previous turn: its buttons were on screen until now.
    const last = items.at(-1);
    if (last && row.seq !== last.seq) {
      flush(last.seq);
      spoken = -1;
    }
    const item = toItem(row);
    if (!item) continue;
    items.push(item);
    if (item.type === 'assistant' || item.type === 'support' || item.type === 'notice')
      spoken = items.length - 1;
  }
  const last = items.at(-1);
  if (last) flush(last.seq);
  return items;
}

/** One line per item, for the plain-text export and the print page. */
export function itemText(item: TranscriptItem): { who: string; text: string } {
  switch (item.type) {
    case 'assistant':
      return { who: 'Assistant', text: item.text };
    case 'support':
      return { who: 'Support', text: item.text };
    case 'notice':
      return { who: 'Notice', text: item.text };
    case 'user-text':
    case 'user-email':
      return { who: 'User', text: item.text };
    case 'button':
      return { who: 'User', text: `[pressed: ${item.label}]` };
    case 'marker':
      return { who: 'User', text: `[${item.label}]` };
    case 'clock':
      return { who: 'User', text: `[device clock measured: ${item.offsetSeconds} s off]` };
    case 'buttons-offered':
      return { who: 'Buttons', text: item.labels.map((l) => `[${l}]`).join(' ') };
    case 'action':
      return {
        who: 'Action',
        text: `${item.name}: ${item.status}${item.detail ? ` (${item.detail})` : ''}`,
      };
    case 'state':
      return { who: 'Step', text: `${item.flow} → ${item.state}` };
  }
}
