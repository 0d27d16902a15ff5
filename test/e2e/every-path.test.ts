import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowIds } from '../../flows/index.js';
import type { FlowId } from '../../flows/types.js';
import type { Reply } from '../../src/engine/output.js';
import { ChatClient } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';

/**
 * Walks every help path over HTTP against a started server (SQLite, dev mailbox, real actions):
 * from its start, every button of every question is pressed and every field filled, until the
 * path ends (resolved, escalated) or hands over to another path. Each prefix is replayed in a
 * fresh conversation, so every branch runs the real engine and the real actions.
 */

let server: StartedServer;
let serial = 0;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

type Move = { choice: string } | { value: string };

function valueFor(reply: Reply): string {
  const kind = reply.prompt?.input?.kind;
  if (kind === 'email') return `walker${++serial}@example.org`;
  if (kind === 'code') return '000000';
  return 'I still cannot get in.';
}

function movesOf(reply: Reply): Move[] {
  const moves: Move[] = (reply.prompt?.choices ?? []).map((c) => ({ choice: c.id }));
  if (reply.prompt?.input) moves.push({ value: valueFor(reply) });
  return moves;
}

const signature = (r: Reply) =>
  JSON.stringify([
    r.flow,
    r.status,
    r.prompt?.choices.map((c) => c.id),
    r.prompt?.input?.kind,
    r.messages.map((m) => m.text.replace(/walker\d+@example\.org|LH-\S+/g, '')),
  ]);

async function replay(flow: FlowId, moves: Move[]): Promise<ChatClient> {
  const chat = new ChatClient(server.url);
  await chat.start({ locale: serial % 2 ? 'nl' : 'en', path: flow });
  for (const m of moves)
    await chat.send(
      'choice' in m
        ? { choice: m.choice }
        : {
            value:
              'value' in m && m.value.includes('@') ? `walker${++serial}@example.org` : m.value,
          },
    );
  return chat;
}

describe('every help path over HTTP', () => {
  for (const flow of flowIds) {
    it(`walks ${flow} to each of its endings`, async () => {
      const endings = new Set<string>();
      const seen = new Set<string>();
      const queue: Move[][] = [[]];
      let questions = 0;

      while (queue.length) {
        const prefix = queue.shift()!;
        const chat = await replay(flow, prefix);
        const reply = chat.last;
        if (reply.flow !== flow && prefix.length > 0) {
          endings.add(reply.status === 'active' ? `next:${reply.flow}` : reply.status);
          continue;
        }
        if (reply.status !== 'active') {
          endings.add(reply.status);
          continue;
        }
        if (reply.flow !== flow) {
          // The path asked for something first (which login page): continue from there.
          endings.add(`via:${reply.flow}`);
        }
        const key = signature(reply);
        if (seen.has(key) || prefix.length > 7) continue;
        seen.add(key);
        questions++;
        // A question always has a way forward and the moves that are always possible.
        expect(
          movesOf(reply).length,
          `no way forward in ${flow} after ${JSON.stringify(prefix)}`,
        ).toBeGreaterThan(0);
        expect(reply.prompt!.nav.map((n) => n.id)).toContain('nav.restart');
        for (const move of movesOf(reply)) queue.push([...prefix, move]);
      }

      if (process.env.EXPLORE_STATS) console.log(flow, questions, [...endings].join(','));
      expect(questions).toBeGreaterThan(0);
      const ends = [...endings];
      expect(
        ends.some(
          (e) =>
            e === 'resolved' || e === 'escalated' || e.startsWith('next:') || e.startsWith('via:'),
        ),
        ends.join(','),
      ).toBe(true);
      if (flow === 'escalation') expect(ends).toContain('escalated');
      if (!['triage', 'whichPortal', 'escalation', 'unverifiedEmail'].includes(flow))
        expect(ends).toContain('resolved');
    });
  }

  it('reaches a person and starts over from a question of every path', async () => {
    for (const flow of flowIds.filter((f) => f !== 'escalation')) {
      const human = await replay(flow, []);
      await human.choose('nav.human');
      expect(human.last.flow, flow).toBe('escalation');
      const restart = await replay(flow, []);
      await restart.choose('nav.restart');
      expect(restart.last.flow, flow).toBe('triage');
    }
  });
});
