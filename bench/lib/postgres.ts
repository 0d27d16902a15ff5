import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the bench may use; override with BENCH_POSTGRES (a URL to an admin database). */
const ADMIN_URL = process.env.BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates a database of this run only (`lh_bench_<random>`); undefined when PostgreSQL is not there. */
export async function createDatabase(
  log: (line: string) => void,
): Promise<BenchDatabase | undefined> {
  const name = `lh_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    log(`PostgreSQL not available (${(error as Error).message}): its rows are skipped`);
    await admin.end().catch(() => undefined);
    return undefined;
  }
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
