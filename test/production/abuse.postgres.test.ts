import { openDb } from '../../src/db/index.js';
import { abuseSuite } from './abuse.case.js';
import { freshPgDatabase } from './support/pg.js';

abuseSuite({
  name: 'postgres',
  runs: 1800,
  async create() {
    const database = await freshPgDatabase();
    return {
      env: { DATABASE_URL: database.url },
      open: () => openDb(database.url),
      done: () => database.drop(),
    };
  },
});
