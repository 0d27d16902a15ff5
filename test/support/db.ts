import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type OpenedDb } from '../../src/db/index.js';
import { DATABASE_URL_FILE } from './server.js';

/**
 * Opens a started server's database: its SQLite file beside it (WAL lets both read and write),
 * or the PostgreSQL database it was given (TEST_STORE=postgres).
 */
export function openServerDb(dataDir: string): OpenedDb {
  const named = join(dataDir, DATABASE_URL_FILE);
  if (existsSync(named)) return openDb(readFileSync(named, 'utf8'), { poolSize: 2 });
  return openDb(join(dataDir, 'login-help.sqlite'), { checkpointInWorker: false });
}
