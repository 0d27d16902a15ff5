import type { Clock } from './clock.js';
import type { Db } from './db/index.js';
import type { Logger } from './log.js';

const DAY_MS = 24 * 60 * 60_000;
/** Rows deleted per statement: small enough that no purge holds locks a turn would notice. */
const BATCH = 500;

export interface RetentionPolicy {
  /** Conversations (and their steps, transcript, turns, tokens, mails) untouched this long go. */
  retentionDays: number;
  /** A case, with its conversation and transcript, is kept this long after its last change. */
  caseRetentionDays: number;
}

export interface PurgeReport {
  cases: number;
  conversations: number;
  tokens: number;
  mails: number;
}

/**
 * Deletes what is older than the policy allows, as of `now`:
 *
 * 1. cases not changed for `caseRetentionDays`, with what support wrote on them;
 * 2. conversations not changed for `retentionDays` that no remaining case refers to, with their
 *    steps, transcript, turns, feedback, tokens, mails and Teams mapping (so a case keeps its
 *    transcript for the case's own period, however old the conversation is);
 * 3. tokens, mails and dev-mailbox copies older than `retentionDays` on their own.
 *
 * (A mail's link or code is stored sealed and dropped once the mail is sent: src/mail/seal.ts.)
 *
 * The audit log is kept: it records what staff did and carries no transcript.
 * Safe to run on several instances at once: every step only deletes, by age.
 */
export async function purgeExpired(
  db: Db,
  options: RetentionPolicy & { now: number },
): Promise<PurgeReport> {
  const { now } = options;
  const conversationCutoff = now - options.retentionDays * DAY_MS;
  const caseCutoff = now - options.caseRetentionDays * DAY_MS;
  const report: PurgeReport = { cases: 0, conversations: 0, tokens: 0, mails: 0 };

  for (;;) {
    const cases = await db
      .selectFrom('cases')
      .select('id')
      .where('updated_at', '<', caseCutoff)
      .limit(BATCH)
      .execute();
    if (cases.length === 0) break;
    const ids = cases.map((c) => c.id);
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('case_messages').where('case_id', 'in', ids).execute();
      await tx.deleteFrom('cases').where('id', 'in', ids).execute();
    });
    report.cases += ids.length;
  }

  for (;;) {
    const conversations = await db
      .selectFrom('conversations')
      .select('id')
      .where('updated_at', '<', conversationCutoff)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('cases')
              .select('cases.id')
              .whereRef('cases.conversation_id', '=', 'conversations.id'),
          ),
        ),
      )
      .limit(BATCH)
      .execute();
    if (conversations.length === 0) break;
    const ids = conversations.map((c) => c.id);
    await db.transaction().execute(async (tx) => {
      for (const table of [
        'steps',
        'transcript',
        'turns',
        'feedback',
        'tokens',
        'outbox',
        'bot_conversations',
      ] as const) {
        await tx.deleteFrom(table).where('conversation_id', 'in', ids).execute();
      }
      await tx.deleteFrom('conversations').where('id', 'in', ids).execute();
    });
    report.conversations += ids.length;
  }

  const tokens = await db
    .deleteFrom('tokens')
    .where('created_at', '<', conversationCutoff)
    .executeTakeFirst();
  report.tokens = Number(tokens.numDeletedRows);
  // Only finished mails: one still pending is owed to someone, however old.
  const mails = await db
    .deleteFrom('outbox')
    .where('created_at', '<', conversationCutoff)
    .where('status', 'in', ['sent', 'failed'])
    .executeTakeFirst();
  report.mails = Number(mails.numDeletedRows);
  await db.deleteFrom('dev_mailbox').where('created_at', '<', conversationCutoff).execute();
  return report;
}

export interface RetentionJob {
  /** Runs one purge now (also what start-up and the daily timer do). */
  run(): Promise<PurgeReport | undefined>;
  stop(): Promise<void>;
}

/**
 * Purges at start-up and then every `intervalMs` (a day). A failed run is logged and retried at
 * the next one; it never stops the server.
 */
export function startRetention(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  policy: RetentionPolicy;
  /** @default one day */
  intervalMs?: number;
}): RetentionJob {
  let running: Promise<PurgeReport | undefined> | undefined;
  const run = () => {
    running ??= purgeExpired(deps.db, { ...deps.policy, now: deps.clock.now() })
      .then(
        (report) => {
          deps.logger.info({ ...report, ...deps.policy }, 'retention purge');
          return report;
        },
        (error: unknown) => {
          deps.logger.warn({ err: error }, 'retention purge failed; trying again at the next run');
          return undefined;
        },
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void run(), deps.intervalMs ?? DAY_MS);
  timer.unref();
  void run();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
