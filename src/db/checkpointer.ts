import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The worker's whole program (CommonJS, evaluated): its own connection to the database file,
 * a PASSIVE checkpoint every `intervalMs` (it never waits for or blocks the server's
 * connection), and a last one when told to stop.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.module);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 0');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // SQLITE_BUSY: the server's connection holds the lock just now; the next tick catches up.
    if (error.code !== 'SQLITE_BUSY') parentPort.postMessage({ error: String(error.message) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Runs a last checkpoint and ends the worker. */
  stop(): Promise<void>;
}

/**
 * Checkpoints a SQLite database in WAL mode from a worker thread. A checkpoint copies the log's
 * pages into the database file and syncs it to disk. Left to SQLite, the connection that commits
 * does it (every 1,000 pages, about 85 chat turns here), on the event loop's thread, so every
 * request in flight waits for the disk; the 100-connection p99 of the bench showed it.
 *
 * The caller turns its own connection's automatic checkpoints off while this runs and back on
 * through `onFailure` if the worker stops by itself, so the log never grows without bound.
 */
export function startCheckpointer(
  file: string,
  opts: { intervalMs?: number; onFailure: (error: Error) => void },
): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: opts.intervalMs ?? 100,
    },
  });
  // A process that forgets to close its database is not kept alive by this thread.
  worker.unref();
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fail = (error: Error) => {
    if (stopping) return;
    stopping = true;
    void worker.terminate();
    opts.onFailure(error);
  };
  worker.on('message', (m: { error?: string }) => m.error && fail(new Error(m.error)));
  worker.on('error', fail);
  worker.once('exit', (code) => fail(new Error(`checkpoint worker exited (${code})`)));
  return {
    async stop() {
      if (!stopping) {
        stopping = true;
        worker.postMessage('stop');
      }
      await exited;
    },
  };
}
