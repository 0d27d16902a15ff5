import { describe, expect, it } from 'vitest';
import { codeRejectedMachine, offsetMessage } from '../../flows/code-rejected.js';
import { T0, rendersEverythingItSaid, start } from './harness.js';

const SECOND = 1000;

/** Answers "I am chatting on that phone" from a device whose clock reads `offset` ms off. */
const fromThisPhone = (offset: number) => ({
  type: 'user.choice' as const,
  choice: 'thisPhone',
  at: T0,
  clientTime: T0 + offset,
});

describe('codeRejected', () => {
  it('names a phone clock 180 seconds fast as 3 minutes fast and says how to fix it', async () => {
    const chat = await start(codeRejectedMachine);
    await chat.send(fromThisPhone(180 * SECOND));

    expect(chat.said('code.fast.minutes')?.params).toEqual({ minutes: 3 });
    expect(chat.says()).toContain('code.autoTime');
    expect(chat.facts.clockOffsetMs).toBe(180 * SECOND);
    expect(chat.choiceIds()).toEqual(['yes', 'no']);

    await chat.choose('yes');
    expect(chat.output?.outcome).toBe('resolved');
  });

  it('names a slow clock in seconds', async () => {
    const chat = await start(codeRejectedMachine);
    await chat.send(fromThisPhone(-40 * SECOND));

    expect(chat.said('code.slow.seconds')?.params).toEqual({ seconds: 40 });
  });

  it('says the clock is in sync within the tolerance and moves on to the other causes', async () => {
    const chat = await start(codeRejectedMachine);
    await chat.send(fromThisPhone(15 * SECOND));

    expect(chat.said('code.inSync')?.params).toEqual({ seconds: 15 });
    expect(chat.says()).toContain('code.otherCauses');
    expect(chat.says()).not.toContain('code.autoTime');
    expect(chat.choiceIds()).toEqual(['yes', 'no', 'measurePhone']);
  });

  it('follows the configured tolerance', async () => {
    const chat = await start(codeRejectedMachine, { settings: { clockToleranceSeconds: 5 } });
    await chat.send(fromThisPhone(10 * SECOND));

    expect(chat.said('code.fast.seconds')?.params).toEqual({ seconds: 10 });
  });

  it('measures the phone itself when the user chats on another device', async () => {
    const chat = await start(codeRejectedMachine);
    await chat.choose('otherDevice');
    expect(chat.says()).toContain('code.phoneCheck');
    expect(chat.value).toBe('phoneCheck');

    await chat.send({ type: 'clock.measured', offsetMs: -5 * 60 * SECOND });
    expect(chat.said('code.slow.minutes')?.params).toEqual({ minutes: 5 });
    expect(chat.facts.clockOffsetMs).toBe(-5 * 60 * SECOND);
  });

  it('offers the phone check after an in-sync result and takes its measurement', async () => {
    const chat = await start(codeRejectedMachine);
    await chat.send(fromThisPhone(0));
    await chat.choose('measurePhone');
    await chat.send({ type: 'clock.measured', offsetMs: 2 * 60 * 60 * SECOND });

    expect(chat.said('code.fast.hours')?.params).toEqual({ hours: 2 });
  });

  it('gives the general advice when the phone cannot be measured, then leads to re-linking', async () => {
    const chat = await start(codeRejectedMachine);
    await chat.choose('otherDevice');
    await chat.choose('skip');

    expect(chat.says().slice(-3)).toEqual([
      'code.autoTime',
      'code.otherCauses',
      'common.solved.ask',
    ]);
    await chat.choose('no');
    await chat.choose('lostPhone');
    expect(chat.output).toMatchObject({ outcome: 'next', next: 'lostPhone' });
    expect(chat.feedback()).toEqual([{ type: 'feedback', flow: 'codeRejected', solved: false }]);
  });

  it('offers a person when fixing the clock did not help', async () => {
    const chat = await start(codeRejectedMachine);
    await chat.send(fromThisPhone(180 * SECOND));
    await chat.choose('no');
    await chat.choose('human');

    expect(chat.output).toMatchObject({
      next: 'escalation',
      facts: { escalationReason: 'asked_for_person' },
    });
  });

  it('asks for the phone check when this device sent no time of its own', async () => {
    const chat = await start(codeRejectedMachine);
    await chat.choose('thisPhone');

    expect(chat.value).toBe('phoneCheck');
  });

  it('words offsets in the unit a person would use', () => {
    expect(offsetMessage(89 * SECOND)).toEqual({
      key: 'code.fast.seconds',
      params: { seconds: 89 },
    });
    expect(offsetMessage(90 * SECOND)).toEqual({
      key: 'code.fast.minutes',
      params: { minutes: 2 },
    });
    expect(offsetMessage(-89 * 60 * SECOND)).toEqual({
      key: 'code.slow.minutes',
      params: { minutes: 89 },
    });
    expect(offsetMessage(-90 * 60 * SECOND)).toEqual({
      key: 'code.slow.hours',
      params: { hours: 2 },
    });
  });

  rendersEverythingItSaid();
});
