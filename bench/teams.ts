/**
 * What the Teams channel costs on top of the engine: median milliseconds for the same short walk
 * (greeting, three button presses) through the chat API (the baseline, measured in the same run
 * on the same server) and through /api/messages, once with expectReplies and once in normal
 * delivery, where every answer is a call to a connector served here on 127.0.0.1.
 *
 * Run with `npx tsx bench/teams.ts`. Nothing here is asserted; it prints numbers.
 */
import { performance } from 'node:perf_hooks';
import { startConnector } from '../test/bot/support/connector.js';
import { TeamsUser } from '../test/bot/support/teams.js';
import { ChatClient } from '../test/support/chat.js';
import { startServer } from '../test/support/server.js';

/** Enough walks that one slow garbage collection does not move the median. */
const WALKS = 40;
const PRESSES = ['forgotPassword', 'platform', 'worked'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(walk: () => Promise<void>): Promise<number> {
  await walk(); // warm-up: first use of each code path
  const samples: number[] = [];
  for (let i = 0; i < WALKS; i++) {
    const start = performance.now();
    await walk();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const connector = await startConnector();
const server = await startServer();
try {
  const web = await time(async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en' });
    for (const choice of PRESSES) await chat.choose(choice);
  });
  const teams = (mode: 'expectReplies' | 'normal') =>
    time(async () => {
      const user: TeamsUser = new TeamsUser({
        base: server.url,
        serviceUrl: connector.url,
        mode,
        received: () => connector.sent(user.conversationId),
      });
      await user.say('hi');
      for (const choice of PRESSES) await user.press(choice);
    });
  const expectReplies = await teams('expectReplies');
  const normal = await teams('normal');

  const row = (name: string, ms: number) =>
    `${name.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms   ${(ms / web).toFixed(2)}× baseline`;
  console.log(
    `median of ${WALKS} walks (greeting + ${PRESSES.length} presses), same server, same run:`,
  );
  console.log(row('chat API (baseline)', web));
  console.log(row('/api/messages, expectReplies', expectReplies));
  console.log(row('/api/messages, normal via connector', normal));
} finally {
  await server.stop();
  await connector.close();
}
