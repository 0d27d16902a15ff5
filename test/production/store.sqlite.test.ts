import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type OpenedDb } from '../../src/db/index.js';
import { storeContract } from './store.case.js';

// SQLite serves one instance: the "second instance" of the contract is the same connection.
storeContract({
  name: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'login-help-store-'));
    let opened: OpenedDb | undefined;
    return {
      open: () => (opened ??= openDb(join(dir, 'store.sqlite'))),
      destroy: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
});
