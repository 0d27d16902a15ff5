import { randomBytes } from 'node:crypto';
import { dropPgDatabases } from './production/support/pg.js';

/**
 * One id per test run, for the PostgreSQL databases TEST_STORE=postgres gives each server
 * (test/support/server.ts); they are dropped when the run ends, whatever the tests left.
 */
export function setup(): () => Promise<void> {
  const run = randomBytes(4).toString('hex');
  process.env.LH_TEST_RUN = run;
  return async () => {
    if (process.env.TEST_STORE === 'postgres') await dropPgDatabases(`lh_e2e_${run}_`);
  };
}
