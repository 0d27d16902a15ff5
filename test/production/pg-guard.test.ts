import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freshPgDatabase } from './support/pg.js';

describe('the PostgreSQL suites', () => {
  it('fail with a message naming the server when PostgreSQL is unreachable, instead of skipping', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await expect(freshPgDatabase(`postgres://postgres@127.0.0.1:${port}/test`)).rejects.toThrow(
      new RegExp(
        `PostgreSQL is required by this suite and is not reachable at postgres://postgres@127.0.0.1:${port}/test`,
      ),
    );
  });

  it('reach the PostgreSQL server of this machine', async () => {
    const database = await freshPgDatabase();
    const { rows } = await database.query<{ ok: number }>('select 1 as ok');
    expect(rows).toEqual([{ ok: 1 }]);
    await database.drop();
  });
});
