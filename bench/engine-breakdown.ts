/**
 * Where a chat turn's time goes inside the engine, without HTTP: the turn mix of lib/mix.ts run
 * in this process against a SQLite file, with every better-sqlite3 call timed by statement.
 * It is what pointed at Kysely's query building and at COMMIT (the WAL write) in #9.
 *
 * Run with `npx tsx bench/engine-breakdown.ts [rounds]`; PRAGMAS="wal_autocheckpoint=0;…" runs
 * those first. Nothing here is asserted; it prints numbers.
 */
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { engineHarness } from '../test/engine/support.js';
import { CHAT_PRELUDE, CHAT_ROUND, engineTurn } from './lib/mix.js';

let inSqlite = 0n;
const bySql = new Map<string, bigint>();
const prepareStatement = SQLite.prototype.prepare;
// Time every run/all/get of every statement prepared from here on.
SQLite.prototype.prepare = function (this: SQLite.Database, source: string) {
  const statement = prepareStatement.call(this, source) as unknown as Record<
    string,
    (...a: unknown[]) => unknown
  >;
  for (const method of ['run', 'all', 'get']) {
    const original = statement[method]!.bind(statement);
    statement[method] = (...args: unknown[]) => {
      const t = process.hrtime.bigint();
      try {
        return original(...args);
      } finally {
        const spent = process.hrtime.bigint() - t;
        inSqlite += spent;
        const key = source.slice(0, 70);
        bySql.set(key, (bySql.get(key) ?? 0n) + spent);
      }
    };
  }
  return statement as unknown as SQLite.Statement;
} as typeof SQLite.prototype.prepare;

const harness = await engineHarness();
const { engine, database } = harness;
for (const pragma of (process.env.PRAGMAS ?? '').split(';').filter(Boolean)) {
  console.log(pragma, (await sql.raw(`pragma ${pragma}`).execute(database.db)).rows);
}

const conversations: string[] = [];
for (let i = 0; i < 10; i++) {
  const started = await engine.start({ channel: 'web', clientKey: `c${i}`, locale: 'en' });
  for (const b of CHAT_PRELUDE) await engine.turn(started.conversationId, engineTurn(b));
  conversations.push(started.conversationId);
}
async function rounds(count: number): Promise<number> {
  for (let r = 0; r < count; r++)
    for (const b of CHAT_ROUND) for (const c of conversations) await engine.turn(c, engineTurn(b));
  return count * CHAT_ROUND.length * conversations.length;
}

await rounds(20); // warm-up
inSqlite = 0n;
bySql.clear();
const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
const turns = await rounds(Number(process.argv[2] ?? 40));
const cpu = process.cpuUsage(cpuBefore);
const wall = Number(process.hrtime.bigint() - started) / 1e3;
const per = (us: number) => `${(us / turns).toFixed(0)} µs`;
console.log(
  `${turns} turns, one after another: ${per(wall)} wall and ${per(cpu.user + cpu.system)} CPU per turn, ${per(Number(inSqlite) / 1e3)} of it in SQLite calls:`,
);
for (const [statement, ns] of [...bySql].sort((a, b) => Number(b[1] - a[1])).slice(0, 10)) {
  console.log(`  ${(Number(ns) / 1e3 / turns).toFixed(1).padStart(6)} µs  ${statement}`);
}
await database.close();
