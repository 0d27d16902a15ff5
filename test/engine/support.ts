import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyStateMachine } from 'xstate';
import type { FlowId } from '../../flows/types.js';
import { createActions } from '../../src/actions/index.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { migrate, openDb, type OpenedDb } from '../../src/db/index.js';
import { seedDemoAccounts } from '../../src/directory/index.js';
import { Engine } from '../../src/engine/engine.js';
import { createLogger } from '../../src/log.js';
import { PhrasingClassifier } from '../../src/understanding/phrasing-classifier.js';

export interface EngineHarness {
  engine: Engine;
  database: OpenedDb;
  clock: ManualClock;
  /** A second engine on the same database, e.g. with changed machines (a deploy). */
  redeploy(machines?: Record<FlowId, AnyStateMachine>): Engine;
}

/** An engine over a real SQLite file with the real actions and a clock the test moves. */
export async function engineHarness(
  machines?: Record<FlowId, AnyStateMachine>,
): Promise<EngineHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'login-help-engine-'));
  const config = loadConfig({ DATA_DIR: dir, NODE_ENV: 'test' });
  const database = openDb(config.databaseUrl);
  await migrate(database.db);
  const clock = new ManualClock();
  await seedDemoAccounts(database.db, clock.now());
  const logger = createLogger('silent');
  const make = (m?: Record<FlowId, AnyStateMachine>) =>
    new Engine({
      db: database.db,
      clock,
      content: config.content,
      resetLinkMinutes: config.RESET_LINK_MINUTES,
      actions: createActions({ config, content: config.content, clock, logger }),
      classifier: new PhrasingClassifier(),
      logger,
      machines: m,
    });
  return { engine: make(machines), database, clock, redeploy: make };
}
