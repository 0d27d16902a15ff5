import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Db } from '../src/db/index.js';
import type { DbRow } from '../src/db/schema.js';
import type { Scope } from './activity.js';
import { tenantOf } from './activity.js';
import type { CardSummary } from './cards.js';

export type BotConversation = DbRow<'bot_conversations'>;

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
    return this.db.selectFrom('bot_conversations').selectAll().where('key', '=', key).executeTakeFirst();
  }

  /**
   * Records a new mapping; returns the row that won when another instance inserted the same key
   * first (its conversation is the one to use).
   */
  async insert(row: Omit<BotConversation, 'last_card_id' | 'last_card_seq' | 'last_card'>): Promise<BotConversation> {
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

  async rememberCard(key: string, card: { id: string | null; seq: number; summary: CardSummary } | null, now: number): Promise<void> {
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

  /** The engine's current step of a conversation, and whether it is still there. */
  async currentSeq(conversationId: string): Promise<number | undefined> {
    const row = await this.db.selectFrom('conversations').select('seq').where('id', '=', conversationId).executeTakeFirst();
    return row?.seq;
  }

  /** The engine conversation's language (the user may have switched it). */
  async locale(conversationId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('conversations').select('locale').where('id', '=', conversationId).executeTakeFirst();
    return row?.locale;
  }

  /** Stored status of the engine conversation: `active` while a help path runs. */
  async status(conversationId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('conversations').select('status').where('id', '=', conversationId).executeTakeFirst();
    return row?.status;
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
  async caseTarget(caseRef: string): Promise<{ channelRef: string | null; channel: string; locale: string } | undefined> {
    return this.db
      .selectFrom('cases')
      .innerJoin('conversations', 'conversations.id', 'cases.conversation_id')
      .select(['conversations.channel_ref as channelRef', 'conversations.channel as channel', 'conversations.locale as locale'])
      .where('cases.ref', '=', caseRef)
      .executeTakeFirst();
  }
}
