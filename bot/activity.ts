import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { Locale } from '../flows/types.js';

/**
 * The shape of an incoming activity that the bot relies on. botbuilder itself checks only that
 * `type` is a string; anything missing here would surface later as a crash inside a turn, so it
 * is refused up front with a 400 that names the field. Unknown fields pass through untouched;
 * optional ones may be null, as some channels send them.
 */
const account = z.looseObject({
  id: z.string().min(1).max(512),
  name: z.string().max(512).nullish(),
  aadObjectId: z.string().max(128).nullish(),
});

export const activitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().min(1).max(512).nullish(),
  name: z.string().max(256).nullish(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  conversation: z.looseObject({
    id: z.string().min(1).max(1024),
    conversationType: z.string().max(64).nullish(),
    tenantId: z.string().max(128).nullish(),
    isGroup: z.boolean().nullish(),
  }),
  from: account,
  recipient: account,
  text: z.string().max(60_000).nullish(),
  locale: z.string().max(35).nullish(),
  timestamp: z.string().max(64).nullish(),
  localTimestamp: z.string().max(64).nullish(),
  replyToId: z.string().max(512).nullish(),
  deliveryMode: z.enum(['normal', 'notification', 'expectReplies', 'ephemeral']).nullish(),
  entities: z
    .array(z.looseObject({ type: z.string().max(128) }))
    .max(64)
    .nullish(),
  attachments: z
    .array(z.looseObject({ contentType: z.string().max(256) }))
    .max(32)
    .nullish(),
  membersAdded: z.array(account).max(512).nullish(),
  channelData: z.looseObject({}).nullish(),
});

export type IncomingActivity = z.infer<typeof activitySchema>;

/**
 * Gives the activity the Date fields botbuilder's own HTTP path would give it (it keeps the raw
 * strings beside them), without the offset being lost: `rawLocalTimestamp` is what the user's
 * device said.
 */
export function toBotActivity(parsed: IncomingActivity): Activity {
  const activity = Object.fromEntries(
    Object.entries(parsed).filter(([, v]) => v !== null),
  ) as unknown as Activity & Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp'] as const) {
    const raw = parsed[field];
    if (raw === undefined || raw === null) continue;
    const date = new Date(raw);
    const rawField = field === 'timestamp' ? 'rawTimestamp' : 'rawLocalTimestamp';
    activity[rawField] = raw;
    if (Number.isNaN(date.getTime())) delete activity[field];
    else activity[field] = date;
  }
  return activity;
}

/** personal: one user and the bot. group: a group chat or a team channel. */
export type Scope = 'personal' | 'group';

export function scopeOf(activity: Activity): Scope {
  const type = activity.conversation?.conversationType;
  if (type === 'groupChat' || type === 'channel') return 'group';
  if (type === 'personal') return 'personal';
  return activity.conversation?.isGroup ? 'group' : 'personal';
}

export function tenantOf(activity: Activity): string | undefined {
  const fromChannel = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant
    ?.id;
  return (
    activity.conversation?.tenantId ?? (typeof fromChannel === 'string' ? fromChannel : undefined)
  );
}

/** The user's Teams language, from the activity or Teams' clientInfo entity. */
export function localeOf(activity: Activity): Locale | undefined {
  const clientInfo = activity.entities?.find((e) => e.type === 'clientInfo') as
    { locale?: unknown } | undefined;
  const tag =
    activity.locale ?? (typeof clientInfo?.locale === 'string' ? clientInfo.locale : undefined);
  if (!tag) return undefined;
  return tag.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/** Same plausibility window as the chat API: a clock outside 2000..2100 is not a clock. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/**
 * The user's device clock when the message was sent, from `localTimestamp` (ISO 8601 with the
 * device's offset). The 2FA path compares it with the server clock.
 */
export function clientTimeOf(activity: Activity): number | undefined {
  const raw = (activity as { rawLocalTimestamp?: unknown }).rawLocalTimestamp;
  const time = typeof raw === 'string' ? Date.parse(raw) : activity.localTimestamp?.getTime();
  if (time === undefined || Number.isNaN(time) || time < EARLIEST || time > LATEST)
    return undefined;
  return time;
}

interface MentionEntity {
  type: string;
  mentioned?: { id?: string };
  text?: string;
}

const mentionsOf = (activity: Activity): MentionEntity[] =>
  ((activity.entities ?? []) as MentionEntity[]).filter((e) => e.type === 'mention');

export function mentionsBot(activity: Activity): boolean {
  return mentionsOf(activity).some((m) => m.mentioned?.id === activity.recipient?.id);
}

/**
 * The user's words without the bot's @mention. Teams puts `<at>Name</at>` in the text for each
 * mention (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations);
 * other people's mentions stay, as their names.
 */
export function textOf(activity: Activity): string {
  let text = activity.text ?? '';
  for (const mention of mentionsOf(activity)) {
    if (mention.mentioned?.id === activity.recipient?.id && mention.text)
      text = text.split(mention.text).join(' ');
  }
  return text
    .replace(/<at>([^<]*)<\/at>/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Attachments the user sent that are files or pictures (Teams adds a text/html copy of every message). */
export function filesOf(activity: Activity): number {
  return (activity.attachments ?? []).filter(
    (a) =>
      a.contentType !== 'text/html' &&
      a.contentType !== 'text/plain' &&
      !a.contentType.startsWith('application/vnd.microsoft.card.'),
  ).length;
}

/** What the user did, as far as the engine is concerned. */
export type UserInput =
  | { kind: 'choice'; choice: string; turnRef?: string }
  | { kind: 'value'; value: string; turnRef?: string }
  | { kind: 'text'; text: string }
  | { kind: 'greeting' }
  | { kind: 'files' }
  | { kind: 'unknown' };

/** Data our cards put on their buttons (see cards.ts). */
export const cardData = z.looseObject({
  turnRef: z.string().max(80).optional(),
  choice: z.string().min(1).max(100).optional(),
  answer: z.string().max(1000).optional(),
});

/** Opening words that mean "hello", not a problem description: they get the current question. */
const GREETINGS = new Set([
  'hi',
  'hello',
  'hey',
  'hallo',
  'hoi',
  'help',
  'start',
  'goedemorgen',
  'goedemiddag',
  'goedenavond',
  'good morning',
  'hulp',
]);

export function inputOf(activity: Activity, value: unknown = activity.value): UserInput {
  if (value !== undefined && value !== null) {
    const data = cardData.safeParse(value);
    if (!data.success) return { kind: 'unknown' };
    if (data.data.choice)
      return { kind: 'choice', choice: data.data.choice, turnRef: data.data.turnRef };
    if (data.data.answer !== undefined)
      return { kind: 'value', value: data.data.answer, turnRef: data.data.turnRef };
    return { kind: 'unknown' };
  }
  const text = textOf(activity);
  if (!text) return filesOf(activity) > 0 ? { kind: 'files' } : { kind: 'greeting' };
  if (GREETINGS.has(text.toLowerCase().replace(/[!.?,\s]+$/g, ''))) return { kind: 'greeting' };
  return { kind: 'text', text };
}

/** A stable, non-reversible id for rate limits: the Teams user, never their name or address. */
export function clientKeyOf(activity: Activity): string {
  const who = activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown';
  return `teams:${createHash('sha256')
    .update(`${tenantOf(activity) ?? ''}|${who}`)
    .digest('hex')
    .slice(0, 32)}`;
}
