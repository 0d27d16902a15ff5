/**
 * How long the reset, verification-resend and locator answers take for an existing, an
 * unverified, an SSO-only and an unknown address: the time half of the no-enumeration rule.
 *
 *   npx tsx bench/enumeration.ts            (BENCH_ROUNDS=80 for more samples; 40 by default)
 *
 * Starts its own server (SQLite, real SMTP sink, 127.0.0.1) and times the one HTTP turn that
 * submits the address, as a browser would see it. Each round runs every case once, in a fresh
 * conversation, in shuffled order; the next case waits until the previous mail was delivered, so
 * no sending overlaps a measurement. Between rounds the server's clock moves on an hour, so the
 * per-address limits (3 an hour) never answer instead of the action (and the test server raises
 * the per-client one, since every request comes from 127.0.0.1). Prints the medians side by
 * side and their ratio to the existing-account case, measured in the same run.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ChatClient } from '../test/support/chat.js';
import { startServer, type StartedServer } from '../test/support/server.js';
import { startSmtp, type TestSmtp } from '../test/support/smtp.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const WARMUP = 3;
const DEADLINE_MS = 8 * 60_000;

type Who = 'existing' | 'unverified' | 'ssoOnly' | 'unknown';
const WHO: Who[] = ['existing', 'unverified', 'ssoOnly', 'unknown'];

interface Action {
  name: string;
  /** Flow path and the buttons that lead to its address question. */
  path: string;
  steps: (who: Who) => string[];
  address: Record<Who, string>;
}

// Demo accounts (src/directory/demo.ts). A verification resend is for the identity server,
// where there is no SSO account: the SSO address there has an account on Platform only.
const actions: Action[] = [
  {
    name: 'reset',
    path: 'forgotPassword',
    steps: (who) => [who === 'unverified' ? 'identity' : 'platform', 'reset'],
    address: {
      existing: 'anna@demo.econnect.test',
      unverified: 'ivo@demo.econnect.test',
      ssoOnly: 'sara@demo.econnect.test',
      unknown: 'nobody@example.org',
    },
  },
  {
    name: 'resend',
    path: 'unverifiedEmail',
    steps: () => ['resend'],
    address: {
      existing: 'tom@demo.econnect.test',
      unverified: 'ivo@demo.econnect.test',
      ssoOnly: 'sara@demo.econnect.test',
      unknown: 'nobody@example.org',
    },
  },
  {
    name: 'locator',
    path: 'wrongPortal',
    steps: () => ['platform', 'locate'],
    address: {
      existing: 'anna@demo.econnect.test',
      unverified: 'ivo@demo.econnect.test',
      ssoOnly: 'sara@demo.econnect.test',
      unknown: 'nobody@example.org',
    },
  },
];

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** The q-quantile by linear interpolation between the nearest ranks. */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const low = Math.floor(at);
  return s[low]! + (s[Math.ceil(at)]! - s[low]!) * (at - low);
}

/** One measurement: the turn that submits the address, from request to parsed reply. */
async function measure(server: StartedServer, smtp: TestSmtp, action: Action, who: Who) {
  const chat = new ChatClient(server.url);
  await chat.start({ locale: 'en', path: action.path });
  for (const step of action.steps(who)) await chat.choose(step);
  if (chat.last.prompt?.input?.kind !== 'email') {
    throw new Error(`${action.name}/${who}: no address question after ${action.steps(who)}`);
  }

  const before = smtp.mails.length;
  const started = performance.now();
  const res = await chat.raw({ turnId: randomUUID(), value: action.address[who] });
  const ms = performance.now() - started;

  const said = (res.body as { messages?: Array<{ text: string }> }).messages ?? [];
  if (res.status !== 200 || said.some((m) => /try again in about/.test(m.text))) {
    throw new Error(`${action.name}/${who}: answered ${res.status} ${JSON.stringify(res.body)}`);
  }
  // Every case sends one mail; wait for it so delivery never overlaps the next measurement.
  await smtp.waitFor(() => smtp.mails.length > before, 10_000);
  return { ms, status: res.status };
}

async function main() {
  const deadline = setTimeout(() => {
    console.error(`bench/enumeration: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();

  const smtp = await startSmtp();
  const server = await startServer({ SMTP_URL: smtp.url });
  const samples = new Map<string, number[]>();
  try {
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      await server.setClockOffset(round * 61 * 60_000);
      const cases = shuffle(actions.flatMap((a) => WHO.map((who) => [a, who] as const)));
      for (const [action, who] of cases) {
        const { ms } = await measure(server, smtp, action, who);
        if (round < WARMUP) continue;
        const key = `${action.name}/${who}`;
        samples.set(key, [...(samples.get(key) ?? []), ms]);
      }
    }
  } finally {
    await server.stop();
    await smtp.close();
  }

  console.log(`\nMedian time of the turn that submits the address, ms (${ROUNDS} rounds)\n`);
  console.log(['action', ...WHO.map((w) => w.padStart(11)), '  ratio to existing'].join(' '));
  for (const action of actions) {
    const medians = WHO.map((who) => quantile(samples.get(`${action.name}/${who}`)!, 0.5));
    const ratios = medians.map((m) => (m / medians[0]!).toFixed(2)).join(' / ');
    const cells = medians.map((m) => m.toFixed(2).padStart(11));
    console.log([action.name.padEnd(6), ...cells, `  ${ratios}`].join(' '));
  }

  // The spread says how much of a difference between medians is other load on the machine.
  console.log('\nSpread (25th to 75th percentile), ms\n');
  for (const action of actions) {
    const spreads = WHO.map((who) => {
      const xs = samples.get(`${action.name}/${who}`)!;
      return `${quantile(xs, 0.25).toFixed(1)}–${quantile(xs, 0.75).toFixed(1)}`.padStart(11);
    });
    console.log([action.name.padEnd(6), ...spreads].join(' '));
  }
  console.log('\nEvery reply: status 200, no limit. test/trust/enumeration.test.ts compares the');
  console.log('replies themselves byte for byte.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
