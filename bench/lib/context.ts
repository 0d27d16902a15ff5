import { join } from 'node:path';
import { ENTRY, start, type Child } from './proc.js';

/** What every section gets from the runner. */
export interface BenchContext {
  /** Scratch folder of this run (data, logs), removed at the end. */
  dir: string;
  /** Repetitions of every measurement; the table shows medians. */
  reps: number;
  /** Seconds per load run. */
  seconds: number;
  /** A PostgreSQL database of this run, or undefined when none could be made. */
  postgresUrl?: string;
  /** Extra node flags for our server (the runner's --profile sets --cpu-prof here). */
  serverFlags: string[];
  log(line: string): void;
}

/** Signs conversation tokens in every server of the run, so seeded conversations can be used. */
export const SESSION_SECRET = 'bench-only-session-secret-0123456789abcdef';

/**
 * Our server as deployed by default (LOG_LEVEL info, one JSON line per request and per turn, to
 * a file), with its own data folder. `database` is a postgres:// URL or undefined for SQLite.
 */
export function startServer(
  ctx: BenchContext,
  name: string,
  database?: string,
  extra: Record<string, string> = {},
): Promise<Child> {
  return start({
    name,
    entry: ENTRY.server,
    dir: join(ctx.dir, name),
    nodeFlags: ctx.serverFlags,
    env: {
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATA_DIR: join(ctx.dir, name, 'data'),
      SESSION_SECRET,
      ...(database ? { DATABASE_URL: database } : {}),
      ...extra,
    },
    ready: async (url) => (await fetch(`${url}/healthz`)).ok,
  });
}

export function startBaseline(ctx: BenchContext, name: string, entry: string): Promise<Child> {
  return start({ name, entry, dir: join(ctx.dir, name) });
}
