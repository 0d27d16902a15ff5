import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { http, type HttpResult } from '../../support/chat.js';

export type FixtureName =
  | 'message'
  | 'card-submit'
  | 'invoke-action'
  | 'conversation-update'
  | 'installation-update'
  | 'reaction'
  | 'typing'
  | 'group-mention'
  | 'file-attachment';

export type Json = Record<string, any>;

/** A recorded Teams activity from test/bot/fixtures, fresh for each use. */
export function fixture(name: FixtureName): Json {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(`../fixtures/${name}.json`, import.meta.url)), 'utf8'),
  );
}

/** An ISO 8601 time with the device's UTC offset, as Teams writes `localTimestamp`. */
export function localTimestamp(ms: number, offsetMinutes = 60): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().replace('Z', '');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export const BOT_ID = '28:1b2c3d4e-0000-4000-8000-00000000abcd';
export const TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

// --- reading what the bot sent ---------------------------------------------------------------

export const cardOf = (activity: Json | undefined): Json | undefined =>
  activity?.attachments?.find(
    (a: Json) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  )?.content;

/** Every Action.Submit / Action.Execute on a card, in body order, then the card-level ones. */
export function actionsOf(card: Json | undefined): Json[] {
  if (!card) return [];
  const fromBody = (card.body ?? [])
    .filter((e: Json) => e.type === 'ActionSet')
    .flatMap((e: Json) => e.actions);
  return [...fromBody, ...(card.actions ?? [])];
}

export const inputOfCard = (card: Json | undefined): Json | undefined =>
  card?.body?.find((e: Json) => e.type === 'Input.Text');

/** All text a person would read in these activities: messages and card text blocks. */
export function textsOf(activities: Json[]): string[] {
  return activities.flatMap((a) => {
    if (a.type !== 'message') return [];
    const card = cardOf(a);
    const blocks = card
      ? (card.body ?? []).filter((e: Json) => e.type === 'TextBlock').map((e: Json) => e.text)
      : [];
    return [...(a.text ? [a.text] : []), ...blocks];
  });
}

export interface TeamsUserOptions {
  base: string;
  serviceUrl: string;
  conversationId?: string;
  userId?: string;
  aadObjectId?: string;
  tenantId?: string;
  locale?: string;
  group?: boolean;
  /** `expectReplies` (answers in the response body) or `normal` (answers go to the connector). */
  mode?: 'expectReplies' | 'normal';
  /** Device clock minus real time, for `localTimestamp`. */
  clockOffsetMs?: number;
  /** Where normal-mode answers arrive (the fake connector's record). */
  received?: () => Json[];
  headers?: (activity: Json) => Promise<Record<string, string>> | Record<string, string>;
}

/**
 * One Teams user talking to the bot through `/api/messages`, with activities shaped like the
 * recorded fixtures. Keeps the last question card so `press` can use its buttons.
 */
export class TeamsUser {
  readonly conversationId: string;
  readonly userId: string;
  readonly aadObjectId: string;
  replies: Json[] = [];
  all: Json[] = [];
  lastCard: Json | undefined;
  /** The last activity this user posted, and its HTTP answer. */
  lastActivity: Json | undefined;
  last!: HttpResult<Json>;

  constructor(readonly opts: TeamsUserOptions) {
    const tag = randomUUID().slice(0, 8);
    this.conversationId =
      opts.conversationId ?? (opts.group ? `19:group-${tag}@thread.v2` : `a:1personal-${tag}`);
    this.userId = opts.userId ?? `29:1user-${tag}`;
    this.aadObjectId = opts.aadObjectId ?? randomUUID();
  }

  /** A fixture addressed to this user's conversation, with a new id and current timestamps. */
  activity(name: FixtureName, over: Json = {}): Json {
    const a = fixture(name);
    const now = Date.now();
    const tenantId = this.opts.tenantId ?? TENANT;
    a.id = `${a.type === 'invoke' ? 'f:' : ''}${randomUUID()}`;
    a.serviceUrl = this.opts.serviceUrl;
    a.conversation = {
      ...a.conversation,
      id: this.conversationId,
      tenantId,
      ...(this.opts.group
        ? { isGroup: true, conversationType: 'groupChat' }
        : { conversationType: 'personal' }),
    };
    a.from = { ...a.from, id: this.userId, aadObjectId: this.aadObjectId };
    a.channelData = { ...a.channelData, tenant: { id: tenantId } };
    a.timestamp = new Date(now).toISOString();
    if ('localTimestamp' in a || a.type === 'message' || a.type === 'invoke') {
      a.localTimestamp = localTimestamp(now + (this.opts.clockOffsetMs ?? 0));
    }
    if (this.opts.locale) {
      a.locale = this.opts.locale;
      for (const e of a.entities ?? []) if (e.type === 'clientInfo') e.locale = this.opts.locale;
    }
    a.deliveryMode = this.opts.mode === 'normal' ? undefined : 'expectReplies';
    if (!a.deliveryMode) delete a.deliveryMode;
    return { ...a, ...over };
  }

  async post(activity: Json, headers: Record<string, string> = {}): Promise<HttpResult<Json>> {
    const extra = this.opts.headers ? await this.opts.headers(activity) : {};
    const before = this.opts.received?.().length ?? 0;
    this.lastActivity = activity;
    this.last = await http<Json>(`${this.opts.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...extra, ...headers },
      body: JSON.stringify(activity),
    });
    if (this.opts.mode === 'normal') this.replies = this.opts.received?.().slice(before) ?? [];
    else this.replies = Array.isArray(this.last.body?.activities) ? this.last.body.activities : [];
    this.all.push(...this.replies);
    const card = [...this.replies]
      .reverse()
      .map(cardOf)
      .find((c) => c && actionsOf(c).length > 0);
    if (card) this.lastCard = card;
    return this.last;
  }

  say(text: string, over: Json = {}) {
    return this.post(
      this.activity(this.opts.group ? 'group-mention' : 'message', { text, ...over }),
    );
  }

  /** Presses the button for `choice` on the last card (or on `card`). */
  press(choice: string, card: Json | undefined = this.lastCard) {
    const action = actionsOf(card).find((a) => a.data?.choice === choice);
    if (!action)
      throw new Error(
        `no button "${choice}" on the card; have: ${this.choicesOf(card).join(', ')}`,
      );
    return this.post(this.activity('card-submit', { value: action.data }));
  }

  /** Presses the same button as an Action.Execute (Universal Actions) invoke. */
  execute(choice: string, card: Json | undefined = this.lastCard) {
    const action = actionsOf(card).find((a) => a.data?.choice === choice);
    if (!action)
      throw new Error(
        `no button "${choice}" on the card; have: ${this.choicesOf(card).join(', ')}`,
      );
    return this.post(
      this.activity('invoke-action', {
        value: {
          action: { type: 'Action.Execute', verb: 'choose', data: action.data },
          trigger: 'manual',
        },
      }),
    );
  }

  /** Types into the card's field and presses its submit button. */
  answer(value: string, card: Json | undefined = this.lastCard) {
    const send = actionsOf(card).find(
      (a) => a.data && a.data.choice === undefined && a.data.answer === undefined,
    );
    if (!send || !inputOfCard(card)) throw new Error('the card has no field to answer');
    return this.post(this.activity('card-submit', { value: { ...send.data, answer: value } }));
  }

  choicesOf(card: Json | undefined = this.lastCard): string[] {
    return actionsOf(card)
      .map((a) => a.data?.choice)
      .filter((c): c is string => typeof c === 'string' && !c.startsWith('nav.'));
  }

  get choices(): string[] {
    return this.choicesOf();
  }

  get nav(): string[] {
    return actionsOf(this.lastCard)
      .map((a) => a.data?.choice)
      .filter((c): c is string => typeof c === 'string' && c.startsWith('nav.'));
  }

  get input(): Json | undefined {
    return inputOfCard([...this.replies].reverse().map(cardOf).find(Boolean));
  }

  /** The text of the last reply. */
  get said(): string {
    return textsOf(this.replies).join('\n');
  }
}
