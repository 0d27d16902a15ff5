import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the PostgreSQL suites use; CI and every developer machine run one here. */
export const PG_ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface PgDatabase {
  name: string;
  url: string;
  /** Runs one statement on the fresh database (fault tests use it to terminate backends). */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<T>>;
  drop(): Promise<void>;
}

async function admin<T>(
  work: (client: pg.Client) => Promise<T>,
  adminUrl = PG_ADMIN_URL,
): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    // Never a skip: a missing database server is a broken test machine, and must read as one.
    throw new Error(
      `PostgreSQL is required by this suite and is not reachable at ${adminUrl} ` +
        `(${(error as Error).message}). Start it (CI: .ci/run does) or set TEST_DATABASE_URL.`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops every database whose name starts with `prefix` (a test run's leftovers). */
export async function dropPgDatabases(prefix: string, adminUrl = PG_ADMIN_URL): Promise<number> {
  if (!/^lh_[a-z0-9_]+$/.test(prefix)) throw new Error(`refusing to drop databases by "${prefix}"`);
  return admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows)
      await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    return rows.length;
  }, adminUrl);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A new, empty database for one test file (`lh_<random>`), so files running in parallel never
 * see each other's rows. `drop` removes it, closing whatever connections are left.
 */
export async function freshPgDatabase(
  adminUrl = PG_ADMIN_URL,
  prefix = 'lh_',
): Promise<PgDatabase> {
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`), adminUrl);
  const url = withDatabase(adminUrl, name);
  return {
    name,
    url,
    async query(text, values) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await client.query(text, values);
      } finally {
        await client.end();
      }
    },
    drop: () =>
      admin(
        async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
        adminUrl,
      ),
  };
}
