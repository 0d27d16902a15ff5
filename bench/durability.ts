/**
 * Durability: what SQLite's WAL with synchronous=NORMAL (src/db) trades against FULL. Runs the
 * app in this process (the only way to reach its SQLite connection) and measures
 *
 * - how many WAL pages one turn writes (with NORMAL the WAL is synced only at a checkpoint: every
 *   SQLITE_CHECKPOINT_MS by the worker thread; here the worker is off so the count is exact);
 * - sequential turn time with synchronous=FULL (a sync at every commit) against NORMAL,
 *   alternating on the same connection.
 */
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pino from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { SESSION_SECRET, type BenchContext } from './lib/context.js';
import { CHAT_PRELUDE, CHAT_ROUND, engineTurn } from './lib/mix.js';
import { fmt, median, type Row } from './lib/report.js';

const TURNS = 160;
const SECTION = 'SQLite durability (in-process)';

export async function durability(ctx: BenchContext): Promise<Row[]> {
  // The app opens its own connection; the first statement it prepares tells us which one.
  let connection: SQLite.Database | undefined;
  const prototype = SQLite.prototype as unknown as {
    prepare: (this: SQLite.Database, sql: string) => unknown;
  };
  const prepare = prototype.prepare;
  prototype.prepare = function (sql) {
    connection ??= this;
    return prepare.call(this, sql);
  };
  const dir = join(ctx.dir, 'durability');
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'info',
    SESSION_SECRET,
    PORT: '0',
    SQLITE_CHECKPOINT_MS: '0',
  });
  const app = await createApp(config, {
    logger: createLogger(
      'info',
      pino.destination({ dest: join(ctx.dir, 'durability.log'), sync: false, mkdir: true }),
    ),
  });
  prototype.prepare = prepare;
  try {
    const conversations: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { conversationId } = await app.engine.start({
        channel: 'web',
        clientKey: 'bench',
        locale: 'en',
      });
      for (const body of CHAT_PRELUDE) await app.engine.turn(conversationId, engineTurn(body));
      conversations.push(conversationId);
    }
    let n = 0;
    const turns = async (count: number) => {
      for (let i = 0; i < count; i++, n++) {
        await app.engine.turn(
          conversations[Math.floor(n / CHAT_ROUND.length) % conversations.length]!,
          engineTurn(CHAT_ROUND[n % CHAT_ROUND.length]!),
        );
      }
    };
    await turns(TURNS);
    const db = connection!;

    db.pragma('wal_autocheckpoint = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
    await turns(TURNS);
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
    db.pragma('wal_autocheckpoint = 1000');
    const pagesPerTurn = log / TURNS;

    const times: Record<'NORMAL' | 'FULL', number[]> = { NORMAL: [], FULL: [] };
    for (let rep = 0; rep < ctx.reps + 1; rep++) {
      for (const mode of ['NORMAL', 'FULL'] as const) {
        db.pragma(`synchronous = ${mode}`);
        const started = performance.now();
        await turns(TURNS);
        times[mode].push((performance.now() - started) / TURNS);
      }
    }
    db.pragma('synchronous = NORMAL');
    ctx.log(
      `durability: ${pagesPerTurn.toFixed(1)} WAL pages per turn; ms per turn ${JSON.stringify(times)}`,
    );
    return [
      {
        section: SECTION,
        measure: 'sequential turn, synchronous=FULL (sync every commit) vs NORMAL (ours)',
        ours: fmt.ms(median(times.FULL)),
        baseline: fmt.ms(median(times.NORMAL)),
        ratio: fmt.ratio(median(times.FULL.map((t, i) => t / times.NORMAL[i]!))),
      },
      {
        section: SECTION,
        measure: 'WAL pages written per turn (the WAL is synced at each checkpoint, every 100 ms)',
        ours: `${pagesPerTurn.toFixed(1)} pages`,
        baseline: '',
        ratio: '',
      },
    ];
  } finally {
    await app.close();
  }
}
