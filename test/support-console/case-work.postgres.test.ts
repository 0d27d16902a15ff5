import { openDb } from '../../src/db/index.js';
import { freshPgDatabase } from '../production/support/pg.js';
import { caseWorkSuite } from './case-work.case.js';

caseWorkSuite({
  name: 'PostgreSQL',
  async create() {
    const database = await freshPgDatabase();
    return {
      env: { DATABASE_URL: database.url },
      open: () => openDb(database.url),
      done: () => database.drop(),
    };
  },
});
