import { sql } from 'kysely';
import type { Db } from '../db/index.js';

const MINUTE = 60_000;

export interface LockPolicy {
  /** Failures allowed before the first lock. */
  free: number;
}

/**
 * Five failures for one account cover typos, caps lock and an old password; beyond that it is
 * guessing. A client gets twenty, across accounts, to stop password spraying from one address.
 */
export const ACCOUNT_POLICY: LockPolicy = { free: 5 };
export const CLIENT_POLICY: LockPolicy = { free: 20 };

/** The first lock lasts a minute and each further failure doubles it, up to an hour. */
export const lockMs = (failures: number, policy: LockPolicy): number =>
  failures < policy.free ? 0 : Math.min(MINUTE * 2 ** (failures - policy.free), 60 * MINUTE);

/** A day without failures forgets the earlier ones. */
const FORGET_MS = 24 * 60 * MINUTE;

/** How long the longest lock among `keys` still runs, in ms (0: not locked). */
export async function lockedFor(db: Db, keys: string[], now: number): Promise<number> {
  const rows = await db
    .selectFrom('staff_login_attempts')
    .select('locked_until')
    .where('key', 'in', keys)
    .execute();
  const until = Math.max(0, ...rows.map((r) => Number(r.locked_until ?? 0)));
  return Math.max(0, until - now);
}

/**
 * Counts one failure for `key` in a single statement, so parallel guesses each count, and locks
 * the key once the policy's free failures are used up.
 */
export async function recordFailure(
  db: Db,
  key: string,
  now: number,
  policy: LockPolicy,
): Promise<void> {
  const row = await db
    .insertInto('staff_login_attempts')
    .values({ key, failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when staff_login_attempts.updated_at < ${now - FORGET_MS}
          then 1 else staff_login_attempts.failures + 1 end`,
        updated_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();

  const lock = lockMs(Number(row.failures), policy);
  if (lock > 0) {
    await db
      .updateTable('staff_login_attempts')
      .set({ locked_until: now + lock })
      .where('key', '=', key)
      .execute();
  }
}

/**
 * Forgets `key`'s failures after a full sign-in, and every count a day has made moot, so guesses
 * at made-up addresses do not pile up rows.
 */
export async function clearFailures(db: Db, key: string, now: number): Promise<void> {
  await db
    .deleteFrom('staff_login_attempts')
    .where((eb) =>
      eb.or([
        eb('key', '=', key),
        eb.and([
          eb('updated_at', '<', now - FORGET_MS),
          eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]),
        ]),
      ]),
    )
    .execute();
}
