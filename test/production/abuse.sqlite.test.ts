import { join } from 'node:path';
import { openDb } from '../../src/db/index.js';
import { abuseSuite } from './abuse.case.js';

abuseSuite({
  name: 'sqlite',
  runs: 3400,
  async create() {
    return {
      env: {},
      open: (dataDir) => openDb(join(dataDir, 'login-help.sqlite')),
      done: async () => undefined,
    };
  },
});
