import type { Locale } from '../../flows/types.js';
import type { DbRow } from '../db/schema.js';

export type TranscriptRow = Pick<
  DbRow<'transcript'>,
  'line' | 'role' | 'kind' | 'body' | 'created_at'
>;

const ROLES: Record<Locale, Record<TranscriptRow['role'], string>> = {
  en: { assistant: 'Assistant', user: 'User', system: 'System' },
  nl: { assistant: 'Assistent', user: 'Gebruiker', system: 'Systeem' },
};
const REMOVED: Record<Locale, string> = { en: 'removed', nl: 'verwijderd' };

/** `2026-12-04 09:00:12 UTC`: support reads times from several places, so one unambiguous zone. */
export const formatTime = (ms: number): string =>
  `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

function parse(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    if (value && typeof value === 'object') return value as Record<string, unknown>;
    return { text: String(value) };
  } catch {
    return { text: body };
  }
}

// Assistant text is {key, params, text}; user lines are {text}, {label} (a button) or {marker}
// (a secret the user pasted, kept only as its kind). Anything else is shown compactly as JSON.
function says(row: TranscriptRow, locale: Locale): string {
  const body = parse(row.body);
  if (typeof body.text === 'string') return body.text;
  if (typeof body.label === 'string') return `[${body.label}]`;
  if (typeof body.marker === 'string') return `[${REMOVED[locale]}: ${body.marker}]`;
  const json = JSON.stringify(body);
  return `${row.kind} ${json.length > 200 ? `${json.slice(0, 200)}…` : json}`;
}

/** The whole conversation as plain text, one turn per line, for the support mail. */
export function formatTranscript(rows: readonly TranscriptRow[], locale: Locale): string {
  return rows
    .map((row) => {
      const time = new Date(row.created_at).toISOString().slice(11, 19);
      const text = says(row, locale).replace(/\r?\n/g, '\n           ');
      return `[${time}] ${ROLES[locale][row.role] ?? row.role}: ${text}`;
    })
    .join('\n');
}
