import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

export interface OpenedDb {
  db: Db;
  kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export interface DbOptions {
  /** Connections per instance (PostgreSQL). @default 10 */
  poolSize?: number;
  /**
   * How long to wait for a new PostgreSQL connection before the request fails with 503.
   * @default 5000
   */
  connectTimeoutMs?: number;
  /**
   * Longest a statement may run, waiting for a lock included. A turn takes milliseconds; this
   * only bounds how long a user waits when the database is stuck. @default 15000
   */
  statementTimeoutMs?: number;
  /** Told about a pooled connection that failed while idle (the pool replaces it). */
  onConnectionError?: (error: Error) => void;
  /**
   * SQLite: checkpoint the WAL from a worker thread instead of on commit (src/db/checkpointer.ts).
   * @default true for a database file
   */
  checkpointInWorker?: boolean;
  /** How often the worker checkpoints. @default 100 */
  checkpointIntervalMs?: number;
  /** Told when the checkpoint worker failed (commits then checkpoint again, as by default). */
  onCheckpointError?: (error: Error) => void;
}

/**
 * Opens the database named by `url`: `postgres://…` for PostgreSQL, anything else is a SQLite
 * file path. SQLite runs in WAL mode with synchronous=NORMAL: a crash of the process loses
 * nothing committed; a power cut can lose the last transactions before the WAL is synced.
 * That trade buys about 13× the write throughput of the default journal here. Checkpoints (the
 * WAL copied into the database file, and synced) run in a worker thread, off the requests' path.
 *
 * SQLite serves one instance: its one connection runs every transaction in turn, which is what
 * keeps turns and rate limits consistent there. Several instances need PostgreSQL, where row
 * locks (`FOR UPDATE`, see `isPostgres`) and atomic upserts do that work across processes.
 */
/** Log pages after which the server's own connection checkpoints while the worker runs. */
export const WORKER_BACKSTOP_PAGES = 4_000;

export function openDb(url: string, options: DbOptions = {}): OpenedDb {
  if (/^postgres(ql)?:\/\//.test(url)) {
    // BIGINT (OID 20) comes back as a string by default; every BIGINT here is a time in ms.
    pg.types.setTypeParser(20, (v) => Number(v));
    const statementTimeout = options.statementTimeoutMs ?? 15_000;
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      statement_timeout: statementTimeout,
      // The client-side bound for a server that stopped answering without closing the socket.
      query_timeout: statementTimeout + 5_000,
      application_name: 'login-help',
    });
    // A connection the server or network drops emits 'error' on its client, and on the pool too
    // while it is idle; unheard, either ends the process. A client checked out by a transaction
    // has no listener of the pool's, so each gets its own for life. The broken client's queries
    // fail (answered 503), and the pool discards it when it comes back.
    pool.on('connect', (client) =>
      client.on('error', (error) => options.onConnectionError?.(error)),
    );
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  let checkpointer: Checkpointer | undefined;
  if (url !== ':memory:' && options.checkpointInWorker !== false) {
    // The worker does the copying; this connection checkpoints only as a backstop, at 4,000
    // pages (16 MB). Under sustained writes the worker's passes rarely catch the very last
    // frame, and only a checkpoint between two of this connection's transactions lets the log
    // start over: without one the file grew past 100 MB in the bench. By then the worker has
    // copied nearly everything, so the backstop has little left to do on this thread.
    sqlite.pragma(`wal_autocheckpoint = ${WORKER_BACKSTOP_PAGES}`);
    // After a checkpoint the log is reused from its start; this trims a file a burst grew.
    sqlite.pragma(`journal_size_limit = ${64 * 2 ** 20}`);
    checkpointer = startCheckpointer(url, {
      intervalMs: options.checkpointIntervalMs,
      onFailure: (error) => {
        if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
        options.onCheckpointError?.(error);
      },
    });
  }
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: preparedOnce(sqlite) }),
  });
  return {
    db,
    kind: 'sqlite',
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** Whether queries on `executor` go to PostgreSQL (row locks and advisory locks exist there). */
export function isPostgres(executor: Executor): boolean {
  return executor.getExecutor().adapter instanceof PostgresAdapter;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // PostgreSQL: shut down by an administrator or a crash, starting up, too many connections,
  // a lock or statement that waited too long, a serialisation failure under load.
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '55P03',
  '57014',
  '40001',
  '40P01',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

/** What node-postgres and better-sqlite3 say when a connection broke or the database is busy. */
const UNAVAILABLE_MESSAGES = new RegExp(
  [
    'Connection terminated',
    'timeout exceeded when trying to connect',
    'not queryable',
    'Query read timeout',
    'connection error',
    'Connection ended',
    'pool (is|was) (ended|destroyed)',
    'database is locked',
  ].join('|'),
  'i',
);

/**
 * Whether an error means "the database cannot be reached or is too busy just now" (answered
 * 503, try again) rather than a bug (answered 500). Follows `cause` chains.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08')))
      return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    e = cause;
  }
  return false;
}

export class MigrationError extends Error {
  readonly code = 'MIGRATION_FAILED';
}

export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new MigrationError(`database migration ${failed?.migrationName ?? ''} failed`, {
      cause: error,
    });
  }
}

export type { Database } from './schema.js';

/**
 * Hands Kysely each distinct SQL text prepared once: re-preparing every statement on every turn
 * was a fifth of a turn's CPU (README, "Performance"). Kysely's statements are few and
 * fixed; the bound only guards against a runaway. Safe because Kysely's SQLite driver runs one
 * statement at a time on its single connection.
 */
function preparedOnce(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size < 1000) statements.set(sql, statement);
      }
      return statement;
    },
  };
}
