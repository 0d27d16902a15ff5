import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/db/checkpointer.js';
import { migrate, openDb, WORKER_BACKSTOP_PAGES } from '../../src/db/index.js';

const PAGE = 4096;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WAL checkpoints in a worker thread (SQLite)', () => {
  it('keeps the log short while the server’s connection leaves checkpoints to it, and loses nothing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lh-checkpoint-')), 'db.sqlite');
    const opened = openDb(file, { checkpointIntervalMs: 20 });
    await migrate(opened.db);
    const setting = (
      await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(opened.db)
    ).rows[0];
    // The server's connection checkpoints only as a backstop, far above what this test writes
    // between two of the worker's passes.
    expect(setting?.wal_autocheckpoint).toBe(WORKER_BACKSTOP_PAGES);

    // 1,500 commits of about four log frames each: some 6,000 frames if nothing checkpointed.
    const body = 'x'.repeat(3000);
    let largest = 0;
    for (let batch = 0; batch < 15; batch++) {
      for (let i = 0; i < 100; i++) {
        await opened.db
          .insertInto('settings')
          .values({ key: `k${batch}-${i}`, value: body })
          .execute();
      }
      largest = Math.max(largest, statSync(`${file}-wal`).size);
      await sleep(150);
    }
    // The log was checkpointed and reused while the commits went on: a batch is about 400 frames;
    // left to the backstop alone it would reach its 4,000 pages. Half of that leaves room for a
    // busy machine delaying the worker by a batch or two.
    expect(largest).toBeLessThan((WORKER_BACKSTOP_PAGES / 2) * (PAGE + 24));
    await opened.close();

    const again = openDb(file, { checkpointInWorker: false });
    const { count } = await again.db
      .selectFrom('settings')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('key', 'like', 'k%')
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(1_500);
    await again.close();
  });

  it('reports a worker that cannot do its work', async () => {
    const failures: Error[] = [];
    const checkpointer = startCheckpointer(join(tmpdir(), 'no-such-dir', 'x', 'db.sqlite'), {
      onFailure: (error) => failures.push(error),
    });
    await expect.poll(() => failures.length).toBe(1);
    await checkpointer.stop();
  });
});
