import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Db } from '../src/db/index.js';
import type { DbRow } from '../src/db/schema.js';
import type { Scope } from './activity.js';
import { tenantOf } from './activity.js';
import type { CardSummary } from './cards.js';

export type BotConversation = DbRow<'bot_conversations'>;

/** The engine conversation's step, language (the user may have switched it) and status. */
export interface EngineState {
  seq: number;
  locale: string;
  status: string;
  /** The stored proactive-message reference (JSON). */
  channelRef: string | null;
}

/**
 * Which engine conversation an activity belongs to. A personal chat is one conversation; in a
 * group chat or channel every member gets their own, so two colleagues asking at once do not
 * answer each other's questions. Hashed: Teams conversation ids run to hundreds of characters.
 */
export function keyOf(activity: Activity, scope: Scope): string {
  const parts = [activity.channelId, tenantOf(activity) ?? '', activity.conversation.id];
  if (scope === 'group') parts.push(activity.from?.aadObjectId ?? activity.from?.id ?? '');
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** The group chat itself (not one member): remembers that the bot said hello there. */
export const groupKeyOf = (activity: Activity): string => `group:${keyOf(activity, 'personal')}`;

/** The bot's storage: its own table plus the two engine columns it may read or keep current. */
export class BotStore {
  constructor(private readonly db: Db) {}

  find(key: string): Promise<BotConversation | undefined> {
    return this.db
      .selectFrom('bot_conversations')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
  }

  /**
   * Records a new mapping; returns the row that won when another instance inserted the same key
   * first (its conversation is the one to use).
   */
  async insert(
    row: Omit<BotConversation, 'last_card_id' | 'last_card_seq' | 'last_card'>,
  ): Promise<BotConversation> {
    await this.db
      .insertInto('bot_conversations')
      .values({ ...row, last_card_id: null, last_card_seq: null, last_card: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.find(row.key))!;
  }

  async remove(key: string): Promise<void> {
    await this.db.deleteFrom('bot_conversations').where('key', '=', key).execute();
  }

  async rememberCard(
    key: string,
    card: { id: string | null; seq: number; summary: CardSummary } | null,
    now: number,
  ): Promise<void> {
    await this.db
      .updateTable('bot_conversations')
      .set({
        last_card_id: card?.id ?? null,
        last_card_seq: card?.seq ?? null,
        last_card: card ? JSON.stringify(card.summary) : null,
        updated_at: now,
      })
      .where('key', '=', key)
      .execute();
  }

  /**
   * The mapping and, in the same read, what the bot needs of its engine conversation (one
   * statement instead of four on every activity). `engine` is undefined when that conversation
   * is gone.
   */
  async findWithEngine(
    key: string,
  ): Promise<{ row: BotConversation; engine: EngineState | undefined } | undefined> {
    const found = await this.db
      .selectFrom('bot_conversations as b')
      .leftJoin('conversations as c', 'c.id', 'b.conversation_id')
      .selectAll('b')
      .select([
        'c.seq as engine_seq',
        'c.locale as engine_locale',
        'c.status as engine_status',
        'c.channel_ref as engine_channel_ref',
      ])
      .where('b.key', '=', key)
      .executeTakeFirst();
    if (!found) return undefined;
    const { engine_seq, engine_locale, engine_status, engine_channel_ref, ...row } = found;
    const engine =
      engine_seq === null || engine_locale === null || engine_status === null
        ? undefined
        : {
            seq: engine_seq,
            locale: engine_locale,
            status: engine_status,
            channelRef: engine_channel_ref,
          };
    return { row, engine };
  }

  /** What the bot needs of an engine conversation; undefined when it is gone. */
  async engineState(conversationId: string): Promise<EngineState | undefined> {
    const row = await this.db
      .selectFrom('conversations')
      .select(['seq', 'locale', 'status', 'channel_ref as channelRef'])
      .where('id', '=', conversationId)
      .executeTakeFirst();
    return row;
  }

  /** Whether the engine already answered this turn id (a retried delivery). */
  async answered(conversationId: string, turnId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('turns')
      .select('seq')
      .where('conversation_id', '=', conversationId)
      .where('turn_id', '=', turnId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Keeps the proactive-message reference current: Teams may move a conversation to another
   * serviceUrl, and a notice sent to the old one is lost.
   */
  async updateChannelRef(conversationId: string, ref: string): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set({ channel_ref: ref })
      .where('id', '=', conversationId)
      .where((eb) => eb.or([eb('channel_ref', 'is', null), eb('channel_ref', '!=', ref)]))
      .execute();
  }

  /** Where a case's conversation can be reached, if it came from Teams. */
  async caseTarget(
    caseRef: string,
  ): Promise<{ channelRef: string | null; channel: string; locale: string } | undefined> {
    return this.db
      .selectFrom('cases')
      .innerJoin('conversations', 'conversations.id', 'cases.conversation_id')
      .select([
        'conversations.channel_ref as channelRef',
        'conversations.channel as channel',
        'conversations.locale as locale',
      ])
      .where('cases.ref', '=', caseRef)
      .executeTakeFirst();
  }
}
