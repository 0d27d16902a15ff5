/**
 * Chat turns: POST /api/v1/conversations/:id/turns with the turn mix of lib/mix.ts, on SQLite
 * and on PostgreSQL, against a bare restify route that parses the same bodies (servers/bare-json).
 * Runs are interleaved (baseline, SQLite, PostgreSQL, then again) so a neighbour's burst of
 * work on this shared machine hits all three alike.
 */
import { startBaseline, startServer, type BenchContext } from './lib/context.js';
import { load, type LoadResult } from './lib/load.js';
import { chatLanes, newChatConversation, type ChatConversation } from './lib/mix.js';
import { ENTRY, type Child } from './lib/proc.js';
import { fmt, median, spread, type Row } from './lib/report.js';

export const CONNECTIONS = [1, 10, 100];

interface Target {
  name: string;
  label: string;
  server: Child;
  conversations: ChatConversation[];
}

export async function chatTurns(ctx: BenchContext): Promise<Row[]> {
  const servers: Child[] = [];
  try {
    const bare = await startBaseline(ctx, 'bare-json', ENTRY.bare);
    servers.push(bare);
    const targets: Target[] = [];
    for (const [name, label, url] of [
      ['sqlite', 'SQLite', undefined],
      ['postgres', 'PostgreSQL', ctx.postgresUrl],
    ] as const) {
      if (name === 'postgres' && !url) continue;
      const server = await startServer(ctx, `chat-${name}`, url);
      servers.push(server);
      const conversations = await prepare(server, Math.max(...CONNECTIONS));
      targets.push({ name, label, server, conversations });
    }
    // The baseline gets the very same requests (paths, tokens, bodies) as SQLite.
    const all = [
      { name: 'bare', label: 'bare', server: bare, conversations: targets[0]!.conversations },
      ...targets,
    ];

    ctx.log(`chat: warming up ${all.map((t) => t.name).join(', ')}`);
    for (const t of all) await load(t.server.url, 10, 1, chatLanes(t.conversations));

    const results = new Map<string, LoadResult[]>();
    for (let rep = 0; rep < ctx.reps; rep++) {
      for (const connections of CONNECTIONS) {
        for (const t of all) {
          const r = await load(
            t.server.url,
            connections,
            ctx.seconds,
            chatLanes(t.conversations.slice(0, connections)),
            t.server.cpu,
          );
          const key = `${t.name}:${connections}`;
          results.set(key, [...(results.get(key) ?? []), r]);
          ctx.log(
            `chat ${key} rep ${rep + 1}: ${fmt.rps(r.rps)} p50 ${fmt.ms(r.p50)} p99 ${fmt.ms(r.p99)}${r.failures ? ` FAILURES ${r.failures} ${JSON.stringify(r.statuses)}` : ''}`,
          );
        }
      }
    }

    const rows: Row[] = [];
    for (const t of targets) {
      for (const connections of CONNECTIONS) {
        rows.push(
          ...compare(
            `chat turns, ${t.label}`,
            `${connections} conn`,
            results.get(`${t.name}:${connections}`)!,
            results.get(`bare:${connections}`)!,
            t.name === 'sqlite' ? connections : 0,
          ),
        );
      }
    }
    for (const t of targets) {
      const heap = await t.server.heap();
      rows.push({
        section: `chat turns, ${t.label}`,
        measure: 'heap / RSS after GC, after all runs',
        ours: `${fmt.mb(heap.heapUsed)} / ${fmt.mb(heap.rss)}`,
        baseline: '',
        ratio: '',
      });
    }
    return rows;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** Throughput, p50 and p99 rows for one target against the baseline; ratios are per-rep pairs. */
export function compare(
  section: string,
  what: string,
  ours: LoadResult[],
  base: LoadResult[],
  aims: number,
): Row[] {
  const ratio = (pick: (r: LoadResult) => number) =>
    median(ours.map((r, i) => pick(r) / pick(base[i]!)));
  const failures = ours.reduce((n, r) => n + r.failures, 0);
  const tput = ratio((r) => r.rps);
  const p50 = median(ours.map((r) => r.p50));
  const rows: Row[] = [
    {
      section,
      measure: `${what}: turns/s${failures ? ` (${failures} FAILED)` : ''}`,
      ours: `${fmt.rps(median(ours.map((r) => r.rps)))} ${spread(ours.map((r) => r.rps))}`.trim(),
      baseline: fmt.rps(median(base.map((r) => r.rps))),
      ratio: fmt.ratio(tput),
      ...(aims === 10 ? { aim: '≥ 0.30×', met: tput >= 0.3 ? 'yes' : 'NO' } : {}),
    },
    {
      section,
      measure: `${what}: p50`,
      ours: fmt.ms(p50),
      baseline: fmt.ms(median(base.map((r) => r.p50))),
      ratio: fmt.ratio(ratio((r) => r.p50)),
      ...(aims === 10 ? { aim: '< 1 ms', met: p50 < 1 ? 'yes' : 'NO' } : {}),
    },
    {
      section,
      measure: `${what}: p99`,
      ours: fmt.ms(median(ours.map((r) => r.p99))),
      baseline: fmt.ms(median(base.map((r) => r.p99))),
      ratio: fmt.ratio(ratio((r) => r.p99)),
    },
    {
      section,
      // Inverted, so it reads like the throughput ratio each would reach on a core of its own.
      measure: `${what}: server CPU per turn (ratio: baseline ÷ ours)`,
      ours: fmt.us(median(ours.map((r) => r.cpuPerRequest))),
      baseline: fmt.us(median(base.map((r) => r.cpuPerRequest))),
      ratio: fmt.ratio(median(ours.map((r, i) => base[i]!.cpuPerRequest / r.cpuPerRequest))),
    },
  ];
  return rows;
}

async function prepare(server: Child, count: number): Promise<ChatConversation[]> {
  const conversations: ChatConversation[] = [];
  // A few at a time: quick, and no burst that the first measurement would still feel.
  for (let i = 0; i < count; i += 10) {
    conversations.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(10, count - i) }, () => newChatConversation(server.url)),
      )),
    );
  }
  return conversations;
}
