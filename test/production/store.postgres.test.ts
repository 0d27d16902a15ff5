import { openDb } from '../../src/db/index.js';
import { freshPgDatabase } from './support/pg.js';
import { storeContract } from './store.case.js';

// Each open() is its own connection pool: a second instance on the same database.
storeContract({
  name: 'postgres',
  async create() {
    const database = await freshPgDatabase();
    return { open: () => openDb(database.url), destroy: () => database.drop() };
  },
});
