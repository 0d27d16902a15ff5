/**
 * `npm run bench`: every benchmark of login-help, each figure beside a baseline measured in the
 * same run on the same machine, printed as one Markdown table (and written to
 * bench/.build/latest.md).
 *
 *   npm run bench                      all sections, 3 repetitions of 2 s loads (about 5 min)
 *   npm run bench -- --quick           one repetition of short loads (a smoke test)
 *   npm run bench -- --only=chat,scale sections: chat, teams, scale, startup, durability, widget,
 *                                      free-text, enumeration
 *   npm run bench -- --profile         CPU profile of the SQLite chat load (node --cpu-prof);
 *                                      --profile --only=teams profiles the Teams load instead
 *
 * Every load is on 127.0.0.1, bounded in duration and count. PostgreSQL rows use a database of
 * this run (lh_bench_…) on BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432/test),
 * dropped at the end; without PostgreSQL those rows are left out.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chatTurns } from './chat.js';
import { addressTiming } from './address-timing.js';
import { freeText } from './free-text.js';
import { startServer, type BenchContext } from './lib/context.js';
import { summarise } from './lib/cpuprofile.js';
import { load } from './lib/load.js';
import { chatLanes, newChatConversation, newTeamsUser, teamsLanes } from './lib/mix.js';
import { createDatabase } from './lib/postgres.js';
import { build, BUILD } from './lib/proc.js';
import { table, type Row } from './lib/report.js';
import { scale } from './scale.js';
import { startup } from './startup.js';
import { teamsTurns } from './teams-turns.js';
import { widget } from './widget.js';

const SECTIONS = [
  'chat',
  'teams',
  'scale',
  'startup',
  'durability',
  'widget',
  'free-text',
  'enumeration',
] as const;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    reps: { type: 'string' },
    seconds: { type: 'string' },
  },
});
const only = new Set(args.only ? args.only.split(',') : SECTIONS);
for (const name of only)
  if (!(SECTIONS as readonly string[]).includes(name))
    throw new Error(`unknown section "${name}"; known: ${SECTIONS.join(', ')}`);

const began = Date.now();
const log = (line: string) =>
  process.stderr.write(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

function machine(): string {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return [
    `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, node ${process.version}`,
    `load average ${load} (1, 5, 15 min) when the table was printed`,
  ].join('; ');
}

async function profile(ctx: BenchContext): Promise<void> {
  const dir = join(ctx.dir, 'cpu-profile');
  const server = await startServer(
    { ...ctx, serverFlags: ['--cpu-prof', '--cpu-prof-dir', dir] },
    'profile-sqlite',
  );
  try {
    let lanes: ReturnType<typeof chatLanes>;
    if (only.has('teams') && !only.has('chat')) {
      const users = [];
      for (let i = 0; i < 10; i++) users.push(await newTeamsUser(server.url));
      lanes = teamsLanes(users);
    } else {
      const conversations = [];
      for (let i = 0; i < 10; i++) conversations.push(await newChatConversation(server.url));
      lanes = chatLanes(conversations);
    }
    await load(server.url, 10, 2, lanes);
    const r = await load(server.url, 10, 10, lanes, server.cpu);
    log(
      `profiled load: ${Math.round(r.rps)} turns/s, ${Math.round(r.cpuPerRequest)} µs CPU per turn`,
    );
  } finally {
    await server.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
  const kept = join(BUILD, 'profiles');
  mkdirSync(kept, { recursive: true });
  copyFileSync(join(dir, file), join(kept, file));
  console.log(summarise(join(dir, file), 20));
  console.log(`\nprofile kept in ${join(kept, file)} (open it in Chrome DevTools > Performance)`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lh-bench-'));
  log(`building the server into ${BUILD}`);
  const built = build();
  if (built.warnings) log(`type errors in the tree (built anyway):\n${built.warnings}`);
  log(`built in ${(built.ms / 1000).toFixed(1)} s`);

  const quick = args.quick;
  const database =
    only.has('chat') || only.has('scale') || args.profile ? await createDatabase(log) : undefined;
  const ctx: BenchContext = {
    dir,
    reps: Number(args.reps ?? (quick ? 1 : 3)),
    seconds: Number(args.seconds ?? (quick ? 1.5 : 2)),
    postgresUrl: database?.url,
    serverFlags: [],
    log,
  };
  const stop = async () => {
    await database?.drop().catch((e: Error) => log(`could not drop ${database.url}: ${e.message}`));
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));

  try {
    if (args.profile) return await profile(ctx);
    const rows: Row[] = [];
    const run = async (name: (typeof SECTIONS)[number], section: () => Promise<Row[]> | Row[]) => {
      if (!only.has(name)) return;
      log(`section ${name}`);
      try {
        rows.push(...(await section()));
      } catch (error) {
        log(`section ${name} failed: ${(error as Error).stack}`);
        rows.push({
          section: name,
          measure: `FAILED: ${(error as Error).message.split('\n')[0]}`,
          ours: '',
          baseline: '',
          ratio: '',
        });
      }
    };
    await run('chat', () => chatTurns(ctx));
    await run('teams', () => teamsTurns(ctx));
    let largeDataDir: string | undefined;
    await run('scale', async () => {
      const result = await scale(ctx);
      largeDataDir = result.largeDataDir;
      return result.rows;
    });
    await run('startup', () => startup(ctx, largeDataDir));
    // Loaded only here: it runs the whole app inside this process.
    await run('durability', async () => (await import('./durability.js')).durability(ctx));
    await run('widget', () => widget(ctx));
    await run('free-text', () => freeText(ctx));
    await run('enumeration', () => addressTiming(ctx, quick ? 10 : 30));

    const heading = [
      `login-help bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${ctx.reps} repetition(s), ${ctx.seconds} s per load, medians`,
      machine(),
    ].join('\n');
    const text = `${heading}\n\n${table(rows)}\n`;
    writeFileSync(join(BUILD, 'latest.md'), text);
    console.log(`\n${text}`);
    log(
      `done in ${((Date.now() - began) / 1000).toFixed(0)} s; table also in ${join(BUILD, 'latest.md')}`,
    );
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
