import { createRequire } from 'node:module';
import { RateLimiterRes, type RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import type { Executor } from '../db/index.js';

/**
 * rate-limiter-flexible over the project's own database, through Kysely, in the turn's own
 * transaction and on the turn's own clock.
 *
 * Why not the library's RateLimiterSQLite / RateLimiterPostgres as they come:
 * - they read `Date.now()` for every window, so tests could not move a started server's time
 *   (CLOCK_OFFSET_FILE) and a limit could not be shown to reset after its window;
 * - RateLimiterPostgres takes a second connection from the pool while the turn holds one: under
 *   load every connection is a turn waiting for another, and the count commits apart from the
 *   mail it allows;
 * - RateLimiterSQLite needs the raw better-sqlite3 handle and writes past Kysely's connection
 *   lock, into whatever transaction happens to be open.
 *
 * So this is a store of the library's own kind: the README (Contributions) says a store extends
 * `RateLimiterStoreAbstract` and implements `_upsert`, `_get`, `_delete` and
 * `_getRateLimiterRes`; every built-in store does exactly that. The library keeps the limiting
 * (points, windows, rejections with `msBeforeNext`); the store keeps the rows. The executor and
 * the time travel in the `options` argument that `consume`, `get` and `delete` pass through to
 * the store. The upsert is one atomic INSERT … ON CONFLICT DO UPDATE on both SQLite and
 * PostgreSQL, so concurrent turns on any number of instances count every point.
 */

/** What every call passes as `options`: where to count, and the turn's time. */
export interface StoreCall {
  tx: Executor;
  /** Milliseconds since the epoch, from the injected clock. */
  now: number;
}

interface StoredRow {
  points: number;
  expire: number | null;
  now: number;
}

export interface KyselyRateLimiterOptions {
  /** Prefix of every key this limiter counts (`address`, `client`, `conversation`). */
  keyPrefix: string;
  /** Points allowed per window. */
  points: number;
  /** Length of the window in seconds, counted from the first point used. */
  duration: number;
}

// index.js exports every store but not the abstract class they share (types.d.ts declares it);
// it is loaded by its path, and test/actions/limits.test.ts pins the behaviour we rely on.
const require = createRequire(import.meta.url);
const StoreAbstract =
  require('rate-limiter-flexible/lib/RateLimiterStoreAbstract.js') as typeof RateLimiterStoreAbstract;

// PostgreSQL returns BIGINT as text unless a type parser says otherwise; be sure of numbers.
const stored = (row: { points: unknown; expire: unknown }, now: number): StoredRow => ({
  points: Number(row.points),
  expire: row.expire === null ? null : Number(row.expire),
  now,
});

const callOf = (options: unknown): StoreCall => {
  const call = options as Partial<StoreCall> | undefined;
  if (!call?.tx || typeof call.now !== 'number') {
    throw new TypeError('pass { tx, now } as the options of every rate limiter call');
  }
  return call as StoreCall;
};

/** A rate-limiter-flexible limiter whose counters live in the `rate_limits` table. */
export class KyselyRateLimiter extends StoreAbstract {
  constructor(options: KyselyRateLimiterOptions) {
    // storeClient is required by the base class but unused: each call brings its executor.
    super({ ...options, storeClient: 'kysely' });
  }

  async _upsert(
    key: string,
    points: number,
    msDuration: number,
    forceExpire = false,
    options?: unknown,
  ): Promise<StoredRow> {
    const { tx, now } = callOf(options);
    const expire = msDuration > 0 ? now + msDuration : null;
    const row = await tx
      .insertInto('rate_limits')
      .values({ key, points, expire })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => {
          if (forceExpire) {
            return { points: eb.ref('excluded.points'), expire: eb.ref('excluded.expire') };
          }
          // A window still running adds up; an ended one starts again from these points.
          const running = eb.or([
            eb('rate_limits.expire', 'is', null),
            eb('rate_limits.expire', '>', now),
          ]);
          return {
            points: eb
              .case()
              .when(running)
              .then(eb('rate_limits.points', '+', eb.ref('excluded.points')))
              .else(eb.ref('excluded.points'))
              .end(),
            expire: eb
              .case()
              .when(running)
              .then(eb.ref('rate_limits.expire'))
              .else(eb.ref('excluded.expire'))
              .end(),
          };
        }),
      )
      .returning(['points', 'expire'])
      .executeTakeFirstOrThrow();
    return stored(row, now);
  }

  async _get(key: string, options?: unknown): Promise<StoredRow | null> {
    const { tx, now } = callOf(options);
    const row = await tx
      .selectFrom('rate_limits')
      .select(['points', 'expire'])
      .where('key', '=', key)
      .where((eb) => eb.or([eb('expire', 'is', null), eb('expire', '>', now)]))
      .executeTakeFirst();
    return row ? stored(row, now) : null;
  }

  async _delete(key: string, options?: unknown): Promise<boolean> {
    const { tx } = callOf(options);
    const result = await tx.deleteFrom('rate_limits').where('key', '=', key).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  _getRateLimiterRes(_key: string, changedPoints: number, row: StoredRow): RateLimiterRes {
    const consumed = row.points;
    const msBeforeNext = row.expire === null ? -1 : Math.max(row.expire - row.now, 0);
    const remaining = Math.max(this.points - consumed, 0);
    return new RateLimiterRes(remaining, msBeforeNext, consumed, changedPoints === consumed);
  }
}

/**
 * Deletes counters whose window ended before `before`. A counter that is used again is reset by
 * the upsert anyway; this only keeps the table from collecting a row per visitor forever.
 */
export async function pruneRateLimits(tx: Executor, before: number): Promise<number> {
  const result = await tx.deleteFrom('rate_limits').where('expire', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
