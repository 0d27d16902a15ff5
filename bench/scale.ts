/**
 * Scale: the same turn load on a server holding 1,000 stored conversations and on one holding
 * 100,000 (the baseline is the small one, measured in the same run). Turns go to conversations
 * picked at random from the stored ones, so the big database is really read from. Also reports
 * heap and RSS after a full GC: idle conversations should cost memory nothing.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startServer, type BenchContext } from './lib/context.js';
import { load, type LoadResult, type NextRequest } from './lib/load.js';
import { CHAT_ROUND, chatTurn, newChatConversation } from './lib/mix.js';
import { createDatabase, type BenchDatabase } from './lib/postgres.js';
import type { Child, Heap } from './lib/proc.js';
import { fmt, median, type Row } from './lib/report.js';
import { seed, seededConversation } from './lib/seed.js';

export const SIZES = [1_000, 100_000] as const;
const CONNECTIONS = 10;
/** One visit to a stored conversation: start over, forgot password, "hmm", "that worked". */
const VISIT = CHAT_ROUND.slice(0, 4);

interface Store {
  size: number;
  server: Child;
  /** What the next start-up measurement can start again on. */
  env: { database?: string; dataDir: string };
  bytes: () => Promise<number>;
  seedMs: number;
  idle?: Heap;
  touched: Set<number>;
}

export interface ScaleResult {
  rows: Row[];
  /** The SQLite data folder holding 100,000 conversations, for the start-up section. */
  largeDataDir?: string;
}

export async function scale(ctx: BenchContext): Promise<ScaleResult> {
  const databases: BenchDatabase[] = [];
  const rows: Row[] = [];
  let largeDataDir: string | undefined;
  try {
    for (const kind of ['sqlite', 'postgres'] as const) {
      if (kind === 'postgres' && !ctx.postgresUrl) continue;
      const stores: Store[] = [];
      try {
        for (const size of SIZES) {
          let database: string | undefined;
          if (kind === 'postgres') {
            const created = await createDatabase(ctx.log);
            if (!created) break;
            databases.push(created);
            database = created.url;
          }
          stores.push(await prepareStore(ctx, kind, size, database));
        }
        if (stores.length === SIZES.length) rows.push(...(await measure(ctx, kind, stores)));
      } finally {
        await Promise.all(stores.map((s) => s.server.stop()));
      }
      if (kind === 'sqlite') largeDataDir = stores.at(-1)?.env.dataDir;
    }
  } finally {
    for (const d of databases)
      await d.drop().catch((e: Error) => ctx.log(`could not drop a bench database: ${e.message}`));
  }
  return { rows, largeDataDir };
}

async function prepareStore(
  ctx: BenchContext,
  kind: 'sqlite' | 'postgres',
  size: number,
  database?: string,
): Promise<Store> {
  const name = `scale-${kind}-${size}`;
  const dataDir = join(ctx.dir, name, 'data');
  // The server creates the schema and the template conversation; the copies go in directly.
  let server = await startServer(ctx, name, database);
  const template = await newChatConversation(server.url);
  await server.stop();
  const started = performance.now();
  await seed(database ?? join(dataDir, 'login-help.sqlite'), template.id, size - 1);
  const seedMs = performance.now() - started;
  ctx.log(`scale: ${name} seeded in ${(seedMs / 1000).toFixed(1)} s`);
  server = await startServer(ctx, name, database);
  const bytes = database ? () => postgresBytes(database) : async () => sqliteBytes(dataDir);
  return { size, server, env: { database, dataDir }, bytes, seedMs, touched: new Set() };
}

/** Lane i visits stored conversations i, i + 10, i + 20, … at random, one visit at a time. */
function lanes(store: Store) {
  const at = Array.from({ length: CONNECTIONS }, () => ({ id: 0, step: 0 }));
  // Seeded ids run from 1 to size - 1.
  const perLane = Math.floor((store.size - 1) / CONNECTIONS);
  return (lane: number): NextRequest => {
    const state = at[lane]!;
    if (state.step % VISIT.length === 0) {
      state.id = 1 + lane + CONNECTIONS * Math.floor(Math.random() * perLane);
      store.touched.add(state.id);
    }
    return chatTurn(seededConversation(state.id), VISIT[state.step++ % VISIT.length]!);
  };
}

async function measure(
  ctx: BenchContext,
  kind: 'sqlite' | 'postgres',
  stores: Store[],
): Promise<Row[]> {
  const label = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  for (const s of stores) {
    s.idle = await s.server.heap();
    await load(s.server.url, CONNECTIONS, 1, lanes(s));
  }
  const results = new Map<number, LoadResult[]>();
  for (let rep = 0; rep < ctx.reps; rep++) {
    for (const s of stores) {
      const r = await load(s.server.url, CONNECTIONS, ctx.seconds, lanes(s), s.server.cpu);
      results.set(s.size, [...(results.get(s.size) ?? []), r]);
      ctx.log(
        `scale ${kind} ${s.size} rep ${rep + 1}: ${Math.round(r.rps)}/s p50 ${r.p50.toFixed(2)} ms${r.failures ? ` FAILURES ${r.failures} ${JSON.stringify(r.statuses)}` : ''}`,
      );
    }
  }
  const [small, large] = stores as [Store, Store];
  const after = await Promise.all(stores.map((s) => s.server.heap()));
  const [r1, r2] = [results.get(small.size)!, results.get(large.size)!];
  const section = `scale, ${label} (100k vs 1k stored)`;
  const pair = (
    measure: string,
    a: number,
    b: number,
    show: (n: number) => string,
    aim?: [string, boolean],
  ): Row => ({
    section,
    measure,
    ours: show(b),
    baseline: show(a),
    ratio: fmt.ratio(b / a),
    ...(aim ? { aim: aim[0], met: aim[1] ? 'yes' : 'NO' } : {}),
  });
  const perRep = (pick: (r: LoadResult) => number) =>
    median(r2.map((r, i) => pick(r) / pick(r1[i]!)));
  // "Within noise": as close to 1× as the small store's own runs are to their median (±15% at
  // least, since one run cannot show its own noise).
  const within = (pick: (r: LoadResult) => number): [string, boolean] => {
    const noise = Math.max(0.15, ...r1.map((r) => Math.abs(pick(r) / median(r1.map(pick)) - 1)));
    return [`≈ 1× (±${Math.round(noise * 100)}%)`, Math.abs(perRep(pick) - 1) <= noise];
  };
  const failures = [...r1, ...r2].reduce((n, r) => n + r.failures, 0);
  const heapRatio = after[1]!.heapUsed / after[0]!.heapUsed;
  return [
    {
      ...pair(
        `${CONNECTIONS} conn: turns/s${failures ? ` (${failures} FAILED)` : ''}`,
        median(r1.map((r) => r.rps)),
        median(r2.map((r) => r.rps)),
        fmt.rps,
      ),
      ratio: fmt.ratio(perRep((r) => r.rps)),
    },
    {
      ...pair(
        `${CONNECTIONS} conn: p50`,
        median(r1.map((r) => r.p50)),
        median(r2.map((r) => r.p50)),
        fmt.ms,
        within((r) => r.p50),
      ),
      ratio: fmt.ratio(perRep((r) => r.p50)),
    },
    {
      ...pair(
        `${CONNECTIONS} conn: p99`,
        median(r1.map((r) => r.p99)),
        median(r2.map((r) => r.p99)),
        fmt.ms,
      ),
      ratio: fmt.ratio(perRep((r) => r.p99)),
    },
    {
      ...pair(
        'server CPU per turn',
        median(r1.map((r) => r.cpuPerRequest)),
        median(r2.map((r) => r.cpuPerRequest)),
        fmt.us,
        within((r) => r.cpuPerRequest),
      ),
      ratio: fmt.ratio(perRep((r) => r.cpuPerRequest)),
    },
    pair('heap after GC, idle after start', small.idle!.heapUsed, large.idle!.heapUsed, fmt.mb),
    pair(
      `heap after GC, after load (${large.touched.size.toLocaleString('en')} conversations touched)`,
      after[0]!.heapUsed,
      after[1]!.heapUsed,
      fmt.mb,
      ['flat', Math.abs(heapRatio - 1) <= 0.1],
    ),
    pair('RSS after load', after[0]!.rss, after[1]!.rss, fmt.mb),
    pair('database size', await small.bytes(), await large.bytes(), fmt.mb),
  ];
}

function sqliteBytes(dataDir: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(join(dataDir, `login-help.sqlite${suffix}`)).size;
    } catch {
      // no WAL file after a checkpoint
    }
  }
  return total;
}

async function postgresBytes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ size: string }>(
      'SELECT pg_database_size(current_database()) AS size',
    );
    return Number(rows[0]!.size);
  } finally {
    await client.end();
  }
}
