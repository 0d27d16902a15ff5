import { afterEach, describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { machines } from '../../flows/index.js';
import {
  flow,
  endings,
  finalOutput,
  initialContext,
  navigation,
  say,
  ask,
  choice,
} from '../../flows/common.js';
import { engineHarness, type EngineHarness } from './support.js';

let h: EngineHarness;
afterEach(async () => {
  await h?.database.close();
});

const start = (engine: EngineHarness['engine']) =>
  engine.start({ channel: 'web', clientKey: 'test', locale: 'en', flow: 'forgotPassword' });

describe('a deploy that changes a machine', () => {
  it('lets an older conversation continue when its state still exists', async () => {
    h = await engineHarness();
    const first = await start(h.engine);
    await h.engine.turn(first.conversationId, { turnId: 'a', kind: 'choice', choice: 'platform' });

    // One state more: the structure hash changes, the conversation's state still exists.
    const config = machines.forgotPassword.config as unknown as { states: Record<string, unknown> };
    const grown = flow.createMachine({
      ...(config as object),
      states: {
        ...config.states,
        survey: {
          entry: [say('common.solved.ask'), ask([{ id: 'yes', label: 'common.solved.yes' }])],
        },
      },
    } as never);
    const after = h.redeploy({ ...machines, forgotPassword: grown as unknown as AnyStateMachine });
    const reply = await after.turn(first.conversationId, {
      turnId: 'b',
      kind: 'choice',
      choice: 'reset',
    });
    expect(reply.flow).toBe('forgotPassword');
    expect(reply.prompt?.input?.kind).toBe('email');
    const versions = await h.database.db
      .selectFrom('steps')
      .select('flow_version')
      .where('conversation_id', '=', first.conversationId)
      .where('flow_id', '=', 'forgotPassword')
      .orderBy('seq')
      .execute();
    expect(new Set(versions.map((v) => v.flow_version)).size).toBe(2);
  });

  it('restarts politely, keeping the facts, when the state is gone', async () => {
    h = await engineHarness();
    const first = await start(h.engine);
    await h.engine.turn(first.conversationId, { turnId: 'a', kind: 'choice', choice: 'platform' });

    const rewritten = flow.createMachine({
      id: 'forgotPassword',
      context: initialContext,
      initial: 'onlyState',
      output: finalOutput,
      on: navigation,
      states: {
        onlyState: {
          entry: [say('common.solved.ask'), ask([{ id: 'yes', label: 'common.solved.yes' }])],
          on: { 'user.choice': { guard: choice('yes'), target: 'resolved' } },
        },
        ...endings,
      },
    });
    const after = h.redeploy({ ...machines, forgotPassword: rewritten });
    const reply = await after.turn(first.conversationId, {
      turnId: 'b',
      kind: 'choice',
      choice: 'reset',
    });

    expect(reply.status).toBe('active');
    expect(reply.flow).toBe('triage');
    expect(reply.messages[0]!.text).toMatch(/updated/);
    const step = await h.database.db
      .selectFrom('steps')
      .select('facts')
      .where('conversation_id', '=', first.conversationId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(step.facts).portal).toBe('platform');
  });
});

describe('turns and time', () => {
  it('stores the snapshot, transcript and reply of a turn together', async () => {
    h = await engineHarness();
    const first = await start(h.engine);
    const reply = await h.engine.turn(first.conversationId, {
      turnId: 't1',
      kind: 'choice',
      choice: 'platform',
    });
    const { db } = h.database;
    const step = await db
      .selectFrom('steps')
      .selectAll()
      .where('conversation_id', '=', first.conversationId)
      .where('seq', '=', reply.seq)
      .executeTakeFirstOrThrow();
    const turn = await db
      .selectFrom('turns')
      .selectAll()
      .where('conversation_id', '=', first.conversationId)
      .where('turn_id', '=', 't1')
      .executeTakeFirstOrThrow();
    const lines = await db
      .selectFrom('transcript')
      .selectAll()
      .where('conversation_id', '=', first.conversationId)
      .where('seq', '=', reply.seq)
      .execute();
    expect(step.flow_id).toBe('forgotPassword');
    expect(JSON.parse(turn.response)).toEqual(reply);
    expect(lines.map((l) => l.role)).toEqual(
      expect.arrayContaining(['user', 'assistant', 'system']),
    );
  });

  it('never stores a password pasted into the chat', async () => {
    h = await engineHarness();
    const first = await start(h.engine);
    const reply = await h.engine.turn(first.conversationId, {
      turnId: 't1',
      kind: 'text',
      text: 'my password is Hunter2-Secret!',
    });
    expect(reply.messages[0]!.kind).toBe('warning');
    const { db } = h.database;
    const everything = JSON.stringify([
      await db.selectFrom('transcript').selectAll().execute(),
      await db.selectFrom('steps').selectAll().execute(),
      await db.selectFrom('turns').selectAll().execute(),
    ]);
    expect(everything).not.toContain('Hunter2');
    expect(everything).toContain('secret_password');
  });

  it('shows the conversation as left after 30 quiet minutes and continues it on the next turn', async () => {
    h = await engineHarness();
    const first = await start(h.engine);
    h.clock.advance(31 * 60_000);
    expect((await h.engine.read(first.conversationId)).status).toBe('left');
    const reply = await h.engine.turn(first.conversationId, {
      turnId: 't1',
      kind: 'choice',
      choice: 'platform',
    });
    expect(reply.status).toBe('active');
  });

  it('goes back to the previous question with "back"', async () => {
    h = await engineHarness();
    const first = await start(h.engine);
    await h.engine.turn(first.conversationId, { turnId: 't1', kind: 'choice', choice: 'platform' });
    const back = await h.engine.turn(first.conversationId, {
      turnId: 't2',
      kind: 'choice',
      choice: 'nav.back',
    });
    expect(back.flow).toBe('whichPortal');
    expect(back.prompt?.choices.map((c) => c.id)).toEqual(first.prompt?.choices.map((c) => c.id));
    const again = await h.engine.turn(first.conversationId, {
      turnId: 't3',
      kind: 'choice',
      choice: 'identity',
    });
    expect(again.flow).toBe('forgotPassword');
  });

  it("offers the channel's address on every later e-mail question, never filling it in", async () => {
    h = await engineHarness();
    const first = await h.engine.start({
      channel: 'teams',
      clientKey: 'u1',
      locale: 'en',
      emailSuggestion: 'anna@demo.econnect.test',
    });
    await h.engine.turn(first.conversationId, {
      turnId: 't1',
      kind: 'choice',
      choice: 'forgotPassword',
    });
    await h.engine.turn(first.conversationId, { turnId: 't2', kind: 'choice', choice: 'platform' });
    const asked = await h.engine.turn(first.conversationId, {
      turnId: 't3',
      kind: 'choice',
      choice: 'reset',
    });
    expect(asked.prompt?.input).toMatchObject({
      kind: 'email',
      suggestion: 'anna@demo.econnect.test',
    });
    expect(asked.messages.map((m) => m.text).join(' ')).not.toContain('anna@');
  });
});
