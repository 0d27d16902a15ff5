import { describe, expect, it } from 'vitest';
import { ESCALATION_REASONS, MAX_DESCRIPTION, escalationMachine } from '../../flows/escalation.js';
import type { ActionResult } from '../../flows/types.js';
import { T0, rendersEverythingItSaid, start } from './harness.js';

const email = 'noor@example.com';
const created = { createCase: (): ActionResult => ({ status: 'ok', at: T0, caseRef: 'LH-7K2Q' }) };
const known = { email, portal: 'platform' as const };

describe('escalation', () => {
  for (const reason of ESCALATION_REASONS) {
    it(`words the reason ${reason} in its opening line`, async () => {
      const chat = await start(escalationMachine, { facts: { escalationReason: reason } });

      expect(chat.says()[0]).toBe(`escalation.reason.${reason}`);
    });
  }

  it('takes the reason from its input when the facts have none, and "other" for an unknown one', async () => {
    const fromInput = await start(escalationMachine, { reason: 'reset_did_not_help' });
    expect(fromInput.says()[0]).toBe('escalation.reason.reset_did_not_help');

    const unknown = await start(escalationMachine, { reason: 'made_up' });
    expect(unknown.says()[0]).toBe('escalation.reason.other');
  });

  it('collects address, portal and description, creates the case and gives its number', async () => {
    const chat = await start(escalationMachine, {
      facts: { escalationReason: '2fa_reset', tried: ['lostPhone', 'action:ownershipVerified'] },
      from: 'lostPhone',
      actions: created,
    });
    expect(chat.lastAsk().input?.kind).toBe('email');
    await chat.send({ type: 'user.email', email });

    expect(chat.choiceIds()).toEqual(['platform', 'identity', 'unsure']);
    await chat.choose('unsure');

    expect(chat.lastAsk().input?.kind).toBe('text');
    await chat.send({ type: 'user.input', value: '  New phone, no recovery codes.  ' });

    expect(chat.calls.createCase).toEqual([
      {
        facts: expect.objectContaining({
          email,
          portal: 'unsure',
          description: 'New phone, no recovery codes.',
          tried: ['lostPhone', 'action:ownershipVerified'],
        }),
        reason: '2fa_reset',
        path: 'lostPhone',
      },
    ]);
    expect(chat.said('escalation.created')?.params).toEqual({ caseRef: 'LH-7K2Q', email });
    expect(chat.output).toMatchObject({ outcome: 'escalated', facts: { caseRef: 'LH-7K2Q' } });
  });

  it('asks only for what it does not know yet', async () => {
    const chat = await start(escalationMachine, { facts: known, actions: created });

    expect(chat.says()).toEqual(['escalation.reason.other', 'escalation.askDescription']);
    await chat.choose('skip');
    expect(chat.calls.createCase).toEqual([
      { facts: expect.objectContaining({ description: '' }), reason: 'other', path: 'triage' },
    ]);
  });

  it('keeps at most 1000 characters of the description', async () => {
    const chat = await start(escalationMachine, { facts: known, actions: created });
    await chat.send({ type: 'user.input', value: 'x'.repeat(MAX_DESCRIPTION + 500) });

    expect(chat.facts.description).toHaveLength(1000);
  });

  it('apologises with the phone number and retries when creating the case failed', async () => {
    let attempt = 0;
    const chat = await start(escalationMachine, {
      facts: { ...known, description: 'help' },
      actions: {
        createCase: (): ActionResult => {
          if (++attempt === 1) throw new Error('database away');
          return { status: 'ok', at: T0, caseRef: 'LH-9' };
        },
      },
    });
    expect(chat.says().at(-1)).toBe('escalation.failed');
    expect(chat.choiceIds()).toEqual(['retry']);

    await chat.choose('retry');
    expect(chat.output).toMatchObject({ outcome: 'escalated', facts: { caseRef: 'LH-9' } });
  });

  it('says when case creation is rate limited', async () => {
    const chat = await start(escalationMachine, {
      facts: { ...known, description: 'help' },
      actions: { createCase: () => ({ status: 'limited', retryAfterMinutes: 5 }) },
    });

    expect(chat.said('escalation.limited')?.params).toEqual({ minutes: 5 });
    expect(chat.status).toBe('active');
  });

  it('keeps the open question when the user asks for a person again', async () => {
    const chat = await start(escalationMachine);
    await chat.send({ type: 'nav.human' }, { expectAsk: false });

    expect(chat.says().at(-1)).toBe('escalation.already');
    expect(chat.value).toBe('email');
  });

  it('starts over on request', async () => {
    const chat = await start(escalationMachine);
    await chat.send({ type: 'nav.restart' });

    expect(chat.output).toMatchObject({ outcome: 'next', next: 'triage' });
  });

  rendersEverythingItSaid();
});
