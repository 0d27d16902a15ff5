import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/index.js';
import { startRetention } from '../../src/retention.js';
import { addConversation, logger, openTestDb } from '../actions/fixtures.js';

const DAY = 24 * 60 * 60_000;

describe('retention', () => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => ({ db, close } = await openTestDb()));
  afterAll(async () => close());

  const exists = async (id: string) =>
    (await db.selectFrom('conversations').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined;

  it('keeps 90 days of conversations and 365 days of cases unless configured otherwise', () => {
    expect(loadConfig({})).toMatchObject({ RETENTION_DAYS: 90, CASE_RETENTION_DAYS: 365 });
    expect(loadConfig({ RETENTION_DAYS: '30', CASE_RETENTION_DAYS: '730' })).toMatchObject({
      RETENTION_DAYS: 30,
      CASE_RETENTION_DAYS: 730,
    });
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
  });

  it('purges at start-up and again on each daily run, by the injected clock', async () => {
    const clock = new ManualClock();
    const old = randomUUID();
    const recent = randomUUID();
    await addConversation(db, old, clock.now() - 91 * DAY);
    await addConversation(db, recent, clock.now() - 89 * DAY);

    const job = startRetention({
      db,
      clock,
      logger,
      policy: { retentionDays: 90, caseRetentionDays: 365 },
      intervalMs: 50,
    });
    try {
      await expect.poll(() => exists(old)).toBe(false);
      expect(await exists(recent)).toBe(true);
      clock.advance(2 * DAY);
      // Nothing is called by hand: the next timed run sees the new time.
      await expect.poll(() => exists(recent), { timeout: 2000 }).toBe(false);
    } finally {
      await job.stop();
    }
  });
});
