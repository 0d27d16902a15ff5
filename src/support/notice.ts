import { z } from 'zod';
import type { Locale } from '../../flows/types.js';
import type { Db } from '../db/index.js';
import { parseWith, sendJson } from '../http/respond.js';
import { newId } from '../ids.js';
import { audit } from './audit.js';
import type { SupportContext } from './deps.js';
import { body, type SignedInCall } from './http.js';
import type { NoticeView } from './api-types.js';

export type { NoticeView };

/** The notice in force: the newest one not removed. */
export async function currentNotice(db: Db): Promise<NoticeView | null> {
  const row = await db
    .selectFrom('notices')
    .leftJoin('staff', 'staff.id', 'notices.created_by')
    .select(['notices.text_en', 'notices.text_nl', 'notices.created_at', 'staff.name'])
    .where('notices.removed_at', 'is', null)
    .orderBy('notices.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? { en: row.text_en, nl: row.text_nl, setAt: row.created_at, setBy: row.name ?? null }
    : null;
}

/** How often an instance re-reads the notice another instance may have changed. */
const REFRESH_MS = 10_000;

/**
 * The notice as the engine reads it, held in memory. The engine asks for it inside its own turn
 * transaction, where a query on another connection would wait for that very transaction (SQLite
 * has one writer), so the answer must not touch the database: it is read in the background every
 * ten seconds, and at once when this instance changes it.
 */
export class NoticeCache {
  #notice: NoticeView | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.#timer) return;
    void this.refresh();
    this.#timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async refresh(): Promise<void> {
    try {
      this.#notice = await currentNotice(this.db);
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * The engine's `notice` dependency: the notice in the conversation's language, or in the
   * other one when support wrote only one (better an English line for a Dutch user than none).
   */
  readonly forLocale = async (locale: Locale): Promise<string | null> => {
    const n = this.#notice;
    if (!n) return null;
    return (locale === 'nl' ? n.nl || n.en : n.en || n.nl) || null;
  };
}

// A notice is one or two sentences at the top of a chat on a phone; 280 characters is plenty.
const line = z.string().trim().max(280);
const noticeBody = z
  .strictObject({ en: line.default(''), nl: line.default('') })
  .refine((n) => n.en !== '' || n.nl !== '', {
    message: 'write the notice in English, Dutch or both',
  });

export async function getNotice(ctx: SupportContext, call: SignedInCall): Promise<void> {
  sendJson(call.res, 200, { notice: await currentNotice(ctx.db) });
}

/** PUT /notice: the new notice replaces the old one from the next conversation on. */
export async function setNotice(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const input = parseWith(noticeBody, await body(call.req));
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('notices')
      .set({ removed_at: call.now, removed_by: call.staff.id })
      .where('removed_at', 'is', null)
      .execute();
    await tx
      .insertInto('notices')
      .values({
        id: newId(),
        text_en: input.en,
        text_nl: input.nl,
        created_by: call.staff.id,
        created_at: call.now,
        removed_at: null,
        removed_by: null,
      })
      .execute();
    await audit(tx, {
      action: 'notice.set',
      staffId: call.staff.id,
      now: call.now,
      details: input,
    });
  });
  await ctx.notices.refresh();
  sendJson(call.res, 200, { notice: await currentNotice(ctx.db) });
}

export async function removeNotice(ctx: SupportContext, call: SignedInCall): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('notices')
      .set({ removed_at: call.now, removed_by: call.staff.id })
      .where('removed_at', 'is', null)
      .execute();
    await audit(tx, { action: 'notice.removed', staffId: call.staff.id, now: call.now });
  });
  await ctx.notices.refresh();
  sendJson(call.res, 200, { notice: null });
}
