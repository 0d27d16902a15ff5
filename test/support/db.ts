import { join } from 'node:path';
import { openDb, type OpenedDb } from '../../src/db/index.js';

/** Opens a started server's SQLite database beside it (WAL lets both read and write). */
export function openServerDb(dataDir: string): OpenedDb {
  return openDb(join(dataDir, 'login-help.sqlite'));
}
