import { openDb, type OpenedDb } from '../../../src/db/index.js';
import { startServer, type StartedServer } from '../../support/server.js';
import { freshPgDatabase, type PgDatabase } from './pg.js';

/** Two server processes on one fresh PostgreSQL database, as behind a load balancer. */
export interface TwoInstances {
  pg: PgDatabase;
  a: StartedServer;
  b: StartedServer;
  /** A connection of the test's own, to look at what the instances stored. */
  database: OpenedDb;
  stop(): Promise<void>;
}

/**
 * Starts both instances together, so they migrate, seed and create the session secret at the
 * same moment, as a rolling deploy's first two would.
 */
export async function startTwoInstances(env: Record<string, string>): Promise<TwoInstances> {
  const pg = await freshPgDatabase();
  const shared = { ...env, DATABASE_URL: pg.url };
  const [a, b] = await Promise.all([startServer(shared), startServer(shared)]);
  const database = openDb(pg.url);
  return {
    pg,
    a,
    b,
    database,
    async stop() {
      await Promise.all([a.stop(), b.stop()]);
      await database.close();
      await pg.drop();
    },
  };
}
