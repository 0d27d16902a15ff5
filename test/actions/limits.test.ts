import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionLimits, type LimitScope } from '../../src/actions/limits.js';
import { KyselyRateLimiter } from '../../src/actions/rate-limiter.js';
import { migrate, openDb, type Db } from '../../src/db/index.js';
import { freshPgDatabase, type PgDatabase } from '../production/support/pg.js';
import { openTestDb } from './fixtures.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 4, 9, 0, 0);

interface Backend {
  name: string;
  open(): Promise<{ db: Db; close(): Promise<void> }>;
}

const sqlite: Backend = { name: 'SQLite', open: openTestDb };

let pg: PgDatabase | undefined;
const postgres: Backend = {
  name: 'PostgreSQL',
  async open() {
    pg = await freshPgDatabase();
    const opened = openDb(pg.url);
    await migrate(opened.db);
    return {
      db: opened.db,
      close: async () => {
        await opened.close();
        await pg?.drop();
      },
    };
  },
};

for (const backend of [sqlite, postgres]) {
  describe(`rate limits on ${backend.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ db, close } = await backend.open());
    });
    afterAll(() => close());

    const limits = new ActionLimits({ perAddress: 3, perClient: 5, perConversation: 4 });
    const scope = (over: Partial<LimitScope> = {}): LimitScope => ({
      kind: 'reset',
      conversationId: randomUUID(),
      clientKey: `ip:${randomUUID()}`,
      address: `${randomUUID()}@example.test`,
      ...over,
    });
    const take = (at: number, s: LimitScope) =>
      db.transaction().execute((tx) => limits.take(tx, at, s));

    it('counts the window from the first use and says how long until it has room', async () => {
      const address = `anna-${randomUUID()}@example.test`;
      for (const minute of [0, 10, 20]) {
        expect(await take(T0 + minute * MINUTE, scope({ address }))).toBeUndefined();
      }
      expect(await take(T0 + 30 * MINUTE, scope({ address }))).toEqual({
        status: 'limited',
        retryAfterMinutes: 30,
      });
      expect(await take(T0 + 30 * MINUTE, scope({ address, kind: 'locator' }))).toBeUndefined();
      expect(await take(T0 + 60 * MINUTE, scope({ address }))).toBeUndefined();
    });

    it('limits one client over many conversations and addresses', async () => {
      const clientKey = `ip:${randomUUID()}`;
      for (let i = 0; i < 5; i++) expect(await take(T0, scope({ clientKey }))).toBeUndefined();
      expect(await take(T0 + MINUTE, scope({ clientKey }))).toEqual({
        status: 'limited',
        retryAfterMinutes: 59,
      });
      expect(await take(T0 + MINUTE, scope())).toBeUndefined();
    });

    it('limits one conversation, and then uses nothing of the address allowance', async () => {
      const conversationId = randomUUID();
      const address = `bob-${randomUUID()}@example.test`;
      for (let i = 0; i < 4; i++) expect(await take(T0, scope({ conversationId }))).toBeUndefined();
      for (let i = 0; i < 5; i++) {
        expect(await take(T0, scope({ conversationId, address }))).toMatchObject({
          status: 'limited',
        });
      }
      for (let i = 0; i < 3; i++) expect(await take(T0, scope({ address }))).toBeUndefined();
    });

    it('counts nothing for a turn that rolls back', async () => {
      const address = `rolled-${randomUUID()}@example.test`;
      for (let i = 0; i < 3; i++) {
        const turn = db.transaction().execute(async (tx) => {
          expect(await limits.take(tx, T0, scope({ address }))).toBeUndefined();
          throw new Error('the turn failed after the check');
        });
        await expect(turn).rejects.toThrow('the turn failed');
      }
      expect(await take(T0, scope({ address }))).toBeUndefined();
    });

    it('lets exactly the allowance through when turns ask at the same moment', async () => {
      const address = `burst-${randomUUID()}@example.test`;
      const results = await Promise.all(
        Array.from({ length: 8 }, () => take(T0, scope({ address }))),
      );
      expect(results.filter((r) => r === undefined)).toHaveLength(3);
      expect(results.filter((r) => r?.status === 'limited')).toHaveLength(5);
    });

    it('keeps the library contract: get, delete, and time from the caller only', async () => {
      const limiter = new KyselyRateLimiter({ keyPrefix: 'contract', points: 2, duration: 60 });
      const key = randomUUID();
      const at = (now: number) => ({ tx: db, now });

      const first = await limiter.consume(key, 1, at(T0));
      expect(first).toMatchObject({ consumedPoints: 1, remainingPoints: 1, msBeforeNext: 60_000 });
      expect(first.isFirstInDuration).toBe(true);
      await limiter.consume(key, 1, at(T0 + 1000));
      await expect(limiter.consume(key, 1, at(T0 + 2000))).rejects.toMatchObject({
        consumedPoints: 3,
        msBeforeNext: 58_000,
      });
      expect(await limiter.get(key, at(T0 + 2000))).toMatchObject({ consumedPoints: 3 });
      expect(await limiter.get(key, at(T0 + 60_000))).toBeNull();
      expect(await limiter.delete(key, at(T0))).toBe(true);
      await expect(limiter.consume(key, 1)).rejects.toThrow(/pass \{ tx, now \}/);
    });

    it('prunes counters a whole window after they ended', async () => {
      const fresh = new ActionLimits({ perAddress: 3, perClient: 5, perConversation: 4 });
      const late = T0 + 10 * 60 * MINUTE;
      await db.transaction().execute((tx) => fresh.take(tx, late, scope()));
      const stale = await db
        .selectFrom('rate_limits')
        .select('key')
        .where('expire', '<', late - 60 * MINUTE)
        .execute();
      expect(stale).toEqual([]);
    });
  });
}
