import type { Db } from '../db/index.js';
import type { DbRow } from '../db/schema.js';
import { maskEmail } from '../log.js';

type OutboxRow = DbRow<'outbox'>;
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/**
 * Why a mail needs a look, or null when it is on its way as it should be:
 * - `failed`: the sender gave up (10 attempts); only `npm run outbox -- retry <id>` sends it;
 * - `retrying`: at least one attempt failed, the next one is planned (SMTP down, refused);
 * - `overdue`: due for over 5 minutes and not picked up: no sender is running;
 * - `lease expired`: a sender claimed it and stopped mid-send; the next pass retries it.
 */
export type OutboxProblem = 'failed' | 'retrying' | 'overdue' | 'lease expired';

/** One outbox row as the status page and the CLI show it: no body, the address masked. */
export interface OutboxEntry {
  id: string;
  kind: string;
  status: OutboxStatus;
  problem: OutboxProblem | null;
  /** `a***@example.nl`: enough to tell mails apart, not to mail anyone. */
  to: string;
  subject: string;
  attempts: number;
  createdAt: number;
  nextAttemptAt: number;
  sentAt: number | null;
  lastError: string | null;
  messageId: string;
}

// A sender polls every second: five minutes past due means none is running.
const OVERDUE_MS = 5 * 60_000;

function problemOf(row: OutboxRow, now: number): OutboxProblem | null {
  if (row.status === 'failed') return 'failed';
  if (row.status === 'sending') return (row.lease_until ?? 0) <= now ? 'lease expired' : null;
  if (row.status !== 'pending') return null;
  if (row.attempts > 0) return 'retrying';
  return row.next_attempt_at < now - OVERDUE_MS ? 'overdue' : null;
}

const entryOf = (row: OutboxRow, now: number): OutboxEntry => ({
  id: row.id,
  kind: row.kind,
  status: row.status as OutboxStatus,
  problem: problemOf(row, now),
  to: maskEmail(row.to_address) ?? '',
  subject: row.subject,
  attempts: row.attempts,
  createdAt: row.created_at,
  nextAttemptAt: row.next_attempt_at,
  sentAt: row.sent_at,
  lastError: row.last_error,
  messageId: row.message_id,
});

export interface ListOptions {
  now: number;
  /** `unsent` (default): everything not yet sent; `all`: sent mail too, newest first. */
  include?: 'unsent' | 'all';
  /** @default 100 */
  limit?: number;
}

/** The outbox, mail with a problem first, then newest first. */
export async function listOutbox(db: Db, options: ListOptions): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .$if(options.include !== 'all', (q) => q.where('status', '!=', 'sent'))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(options.limit ?? 100)
    .execute();
  const entries = rows.map((row) => entryOf(row, options.now));
  return [...entries.filter((e) => e.problem), ...entries.filter((e) => !e.problem)];
}

/** How many mails are in each status. */
export async function countOutbox(db: Db): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status as OutboxStatus] = Number(row.n);
  return counts;
}

export type RetryResult =
  { ok: true; entry: OutboxEntry } | { ok: false; reason: 'unknown' | 'sent' | 'sending' };

/**
 * Makes a failed (or waiting) mail due now with a fresh set of attempts; the running server's
 * sender delivers it within a second. It keeps its Message-ID. A sent mail is refused (sending it
 * again is a duplicate), and so is one a sender holds right now.
 */
export async function retryMail(db: Db, id: string, now: number): Promise<RetryResult> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_until: null })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['failed', 'pending']),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
      ]),
    )
    .executeTakeFirst();
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (result.numUpdatedRows === 1n) return { ok: true, entry: entryOf(row, now) };
  return { ok: false, reason: row.status === 'sent' ? 'sent' : 'sending' };
}
