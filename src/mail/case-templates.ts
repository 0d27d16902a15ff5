import { pathLabelIn, reasonLabelIn } from '../../flows/labels.js';
import type { Facts, Locale } from '../../flows/types.js';
import type { DbRow } from '../db/schema.js';
import { code, facts, h, p, pre, type Block } from './layout.js';
import { build, type Copy, type MailTarget } from './template-kit.js';
import { formatTime } from './transcript.js';

export interface CaseMailInput {
  case: DbRow<'cases'>;
  /** The conversation as formatted by formatTranscript. */
  transcript: string;
}

type Labels = Record<
  'case' | 'path' | 'reason' | 'portal' | 'email' | 'ownership' | 'locale' | 'channel' | 'created',
  string
> & { unknown: string; notVerified: string; none: string; yes: string; no: string };

const LABELS: Record<Locale, Labels> = {
  en: {
    case: 'Case',
    path: 'Help path',
    reason: 'Reason',
    portal: 'Login page',
    email: 'Login address',
    ownership: 'Address ownership',
    locale: 'Language',
    channel: 'Channel',
    created: 'Created',
    unknown: 'not known',
    notVerified: 'not verified',
    none: '(none)',
    yes: 'yes',
    no: 'no',
  },
  nl: {
    case: 'Melding',
    path: 'Hulppad',
    reason: 'Reden',
    portal: 'Inlogpagina',
    email: 'Inlogadres',
    ownership: 'Eigendom adres',
    locale: 'Taal',
    channel: 'Kanaal',
    created: 'Aangemaakt',
    unknown: 'onbekend',
    notVerified: 'niet bevestigd',
    none: '(geen)',
    yes: 'ja',
    no: 'nee',
  },
};

// Facts whose numbers are times, shown as such rather than as milliseconds.
const TIMES = new Set(['resetRequestedAt', 'ownershipVerifiedAt']);

function factValue(key: string, value: unknown, l: Labels): string {
  if (typeof value === 'number' && TIMES.has(key)) return formatTime(value);
  if (key === 'clockOffsetMs' && typeof value === 'number') return `${(value / 1000).toFixed(1)} s`;
  if (typeof value === 'boolean') return value ? l.yes : l.no;
  if (Array.isArray(value)) return value.length ? value.join(' → ') : l.none;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Everything the flow learned, except the description, which has its own section. */
function factRows(json: string, l: Labels): [string, string][] {
  const learned = JSON.parse(json) as Facts & Record<string, unknown>;
  return Object.entries(learned)
    .filter(([key, value]) => key !== 'description' && value !== undefined)
    .map(([key, value]) => [key, factValue(key, value, l)]);
}

function caseFacts(
  c: DbRow<'cases'>,
  v: Record<string, unknown>,
  l: Labels,
  locale: Locale,
): Block {
  const portal =
    c.portal === 'platform' || c.portal === 'identity'
      ? `${v[`${c.portal}Host`]} (${v[`${c.portal}Name`]})`
      : l.unknown;
  return facts([
    [l.case, c.ref],
    [l.path, `${pathLabelIn(locale, c.path)} (${c.path})`],
    [l.reason, `${reasonLabelIn(locale, c.reason)} (${c.reason})`],
    [l.portal, portal],
    [l.email, c.email ?? l.unknown],
    [l.ownership, c.ownership_verified_at ? formatTime(c.ownership_verified_at) : l.notVerified],
    [l.locale, c.locale],
    [l.channel, c.channel],
    [l.created, formatTime(c.created_at)],
  ]);
}

const support: Copy<CaseMailInput> = {
  en: (v, { case: c, transcript }) => ({
    subject: `[${c.ref}] Login help: ${reasonLabelIn('en', c.reason)} · ${pathLabelIn('en', c.path)}`,
    blocks: [
      p(
        `Someone asked the ${v.brand} login help for a person. The details and the whole`,
        'conversation are below; the user has been sent the case number.',
      ),
      caseFacts(c, v, LABELS.en, 'en'),
      h('Description'),
      pre(c.description ?? LABELS.en.none),
      h('What the assistant learned'),
      facts(factRows(c.facts, LABELS.en)),
      h('Transcript'),
      pre(transcript),
    ],
  }),
  nl: (v, { case: c, transcript }) => ({
    subject: `[${c.ref}] Inloghulp: ${reasonLabelIn('nl', c.reason)} · ${pathLabelIn('nl', c.path)}`,
    blocks: [
      p(
        `Iemand heeft de ${v.brand}-inloghulp om een persoon gevraagd. De gegevens en het hele`,
        'gesprek staan hieronder; de gebruiker heeft het meldingsnummer gekregen.',
      ),
      caseFacts(c, v, LABELS.nl, 'nl'),
      h('Omschrijving'),
      pre(c.description ?? LABELS.nl.none),
      h('Wat de assistent te weten kwam'),
      facts(factRows(c.facts, LABELS.nl)),
      h('Gesprek'),
      pre(transcript),
    ],
  }),
};

/**
 * The case for the support mailbox, in the conversation's language. Nothing is masked: support
 * needs the full login address to find the account.
 */
export const caseSupportMail = (t: MailTarget, input: CaseMailInput) =>
  build('case-support', support, t, input, { footer: 'none', caseId: input.case.id });

const confirmation: Copy<{ ref: string }> = {
  en: (v, { ref }) => ({
    subject: `Your ${v.brand} support case ${ref}`,
    blocks: [
      p(
        `We have passed your question to ${v.brand} support, together with your conversation with`,
        'the login help. Your case number is:',
      ),
      code(ref),
      p(
        `Please mention it when you call or write. Support: ${v.supportContacts}`,
        `(${v.supportHours}).`,
      ),
    ],
  }),
  nl: (v, { ref }) => ({
    subject: `Je ${v.brand}-supportmelding ${ref}`,
    blocks: [
      p(
        `We hebben je vraag doorgegeven aan ${v.brand} support, samen met je gesprek met de`,
        'inloghulp. Je meldingsnummer is:',
      ),
      code(ref),
      p(
        `Noem dit nummer als je belt of mailt. Support: ${v.supportContacts}`,
        `(${v.supportHours}).`,
      ),
    ],
  }),
};

/** The user's confirmation: their case number and how to reach support. */
export const caseUserMail = (t: MailTarget, input: { ref: string; caseId: string }) =>
  build('case-user', confirmation, t, input, { caseId: input.caseId });
