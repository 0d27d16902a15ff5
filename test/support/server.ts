import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPgDatabase } from '../production/support/pg.js';

export interface StartedServer {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  /** Every log line the server printed, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The raw output, for secret-leak checks. */
  output(): string;
  /** Moves the server's clock (through CLOCK_OFFSET_FILE). */
  setClockOffset(ms: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * `TEST_STORE=postgres` (see package.json, `test:postgres`) gives every server a fresh PostgreSQL
 * database of its own instead of its SQLite file. Its URL is kept in the data folder, so a
 * restart on that folder and openServerDb find the same database; globalSetup drops them all
 * when the run ends.
 */
export const DATABASE_URL_FILE = 'database-url';

async function storeFor(dir: string, env: Record<string, string>): Promise<Record<string, string>> {
  if (env.DATABASE_URL || process.env.TEST_STORE !== 'postgres') return {};
  const file = join(dir, DATABASE_URL_FILE);
  if (existsSync(file)) return { DATABASE_URL: readFileSync(file, 'utf8') };
  const run = process.env.LH_TEST_RUN;
  if (!run) throw new Error('TEST_STORE=postgres needs the run id that globalSetup sets');
  const database = await freshPgDatabase(undefined, `lh_e2e_${run}_`);
  writeFileSync(file, database.url);
  return { DATABASE_URL: database.url };
}

/**
 * Starts the server from source (through tsx) on a free port with its own data folder, and waits
 * until it listens. Pass `dataDir` to restart a server on the same database.
 */
export async function startServer(
  env: Record<string, string> = {},
  dataDir?: string,
): Promise<StartedServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'login-help-'));
  const clockFile = join(dir, 'clock-offset');
  const store = await storeFor(dir, env);
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dir,
      LOG_LEVEL: 'info',
      CLOCK_OFFSET_FILE: clockFile,
      // Every test client is 127.0.0.1, so one client to the per-client limit (30 an hour), which
      // suites walking every path would pass; test/actions/limits.test.ts covers that limit.
      RATE_LIMIT_CLIENT_PER_HOUR: '10000',
      ...store,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let raw = '';
  let buffer = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${raw}`)), 30_000);
    const onData = (chunk: Buffer) => {
      raw += chunk.toString();
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === 'listening') {
            clearTimeout(timer);
            resolve(Number(entry.port));
          }
        } catch {
          // not a JSON log line (e.g. a Node warning)
        }
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => (raw += c.toString()));
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${raw}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir: dir,
    proc,
    logs,
    output: () => raw,
    async setClockOffset(ms) {
      writeFileSync(clockFile, String(ms));
      // The server re-reads the file at most every 100 ms.
      await new Promise((r) => setTimeout(r, 150));
    },
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode);
        proc.once('exit', (code) => resolve(code));
        proc.kill(signal);
      });
    },
  };
}
