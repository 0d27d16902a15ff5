import { join } from 'node:path';
import { openDb } from '../../src/db/index.js';
import { caseWorkSuite } from './case-work.case.js';

caseWorkSuite({
  name: 'SQLite',
  async create() {
    return {
      env: {},
      open: (dataDir) => openDb(join(dataDir, 'login-help.sqlite')),
      done: async () => {},
    };
  },
});
