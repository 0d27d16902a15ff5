import type { Content } from '../../flows/content.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/index.js';
import type { Logger } from '../log.js';

export interface PagesDeps {
  db: Db;
  config: Config;
  content: Content;
  clock: Clock;
  logger: Logger;
  /** Called after a page queued mail, e.g. `() => sender.kick()`, so it leaves at once. */
  onMail?: () => void;
}
