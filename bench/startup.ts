/**
 * Start-up: from spawning the process to the first answered turn (a conversation started and one
 * turn taken), against the bare restify baseline process answering its first request.
 */
import { join } from 'node:path';
import { SESSION_SECRET, type BenchContext } from './lib/context.js';
import { newChatConversation, sendChat } from './lib/mix.js';
import { ENTRY, start } from './lib/proc.js';
import { fmt, median, spread, type Row } from './lib/report.js';

/** Answers true once the server took a whole first turn; false while it does not listen yet. */
async function firstTurn(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/healthz`);
  } catch {
    return false;
  }
  const conversation = await newChatConversation(url);
  await sendChat(url, conversation, { choice: 'nav.restart' });
  return true;
}

async function firstEcho(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/v1/conversations/x/turns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"turnId":"a","choice":"x"}',
    });
    return res.ok;
  } catch {
    return false;
  }
}

export async function startup(ctx: BenchContext, largeDataDir?: string): Promise<Row[]> {
  const times: Record<'bare' | 'cold' | 'large', number[]> = { bare: [], cold: [], large: [] };
  for (let rep = 0; rep < ctx.reps; rep++) {
    const bare = await start({
      name: `startup-bare-${rep}`,
      entry: ENTRY.bare,
      dir: join(ctx.dir, `startup-bare-${rep}`),
      ready: firstEcho,
    });
    times.bare.push(bare.startMs);
    await bare.stop();

    // An empty data folder: the schema is created and the demo accounts seeded first.
    const cold = await start({
      name: `startup-cold-${rep}`,
      entry: ENTRY.server,
      dir: join(ctx.dir, `startup-cold-${rep}`),
      env: serverEnv(join(ctx.dir, `startup-cold-${rep}`, 'data')),
      ready: firstTurn,
    });
    times.cold.push(cold.startMs);
    await cold.stop();

    if (largeDataDir) {
      // The scale section's database (its server stopped): each start adds one conversation.
      const large = await start({
        name: `startup-large-${rep}`,
        entry: ENTRY.server,
        dir: join(ctx.dir, `startup-large-${rep}`),
        env: serverEnv(largeDataDir),
        ready: firstTurn,
      });
      times.large.push(large.startMs);
      await large.stop();
    }
  }
  ctx.log(`startup: ${JSON.stringify(times)}`);
  const base = median(times.bare);
  const row = (measure: string, values: number[]): Row => ({
    section: 'start-up (spawn → first answered turn)',
    measure,
    ours: `${fmt.ms(median(values))} ${spread(values)}`.trim(),
    baseline: fmt.ms(base),
    ratio: fmt.ratio(median(values) / base),
  });
  const rows = [row('SQLite, empty data folder (migrations, demo accounts)', times.cold)];
  if (times.large.length) rows.push(row('SQLite, 100,000 stored conversations', times.large));
  return rows;
}

function serverEnv(dataDir: string): Record<string, string> {
  return { NODE_ENV: 'development', LOG_LEVEL: 'info', DATA_DIR: dataDir, SESSION_SECRET };
}
