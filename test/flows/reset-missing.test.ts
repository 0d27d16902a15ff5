import { describe, expect, it } from 'vitest';
import { resetMissingMachine } from '../../flows/reset-missing.js';
import type { ActionResult } from '../../flows/types.js';
import { MINUTE, T0, rendersEverythingItSaid, start } from './harness.js';

const email = 'joke@example.com';
const requested = { portal: 'platform' as const, email, resetRequestedAt: T0 };

/** A resend stub that answers "sent" at the time it is called in the walk. */
const resendAt = (...times: number[]) => {
  const queue = [...times];
  return { sendPasswordReset: (): ActionResult => ({ status: 'ok', at: queue.shift()! }) };
};

describe('resetMissing', () => {
  it('asks for the login page first when it is not known', async () => {
    const chat = await start(resetMissingMachine);

    expect(chat.output).toMatchObject({ outcome: 'next', next: 'whichPortal' });
  });

  it('starts with the spam folder and a few minutes of patience', async () => {
    const chat = await start(resetMissingMachine, { facts: requested });

    expect(chat.says()).toEqual(['missing.advice']);
    expect(chat.choiceIds()).toEqual(['found', 'stillNothing']);
  });

  it('ends resolved when the e-mail turns up', async () => {
    const chat = await start(resetMissingMachine, { facts: requested });
    await chat.choose('found');

    expect(chat.output?.outcome).toBe('resolved');
    expect(chat.feedback()).toEqual([{ type: 'feedback', flow: 'resetMissing', solved: true }]);
  });

  it('says to wait while less than 15 minutes have passed since the request', async () => {
    const chat = await start(resetMissingMachine, { facts: requested });
    await chat.choose('stillNothing', T0 + 15 * MINUTE - 1);

    expect(chat.value).toBe('waiting');
    expect(chat.said('missing.waitElapsed')?.params).toEqual({ minutes: 14, waitMinutes: 15 });
    expect(chat.says()).not.toContain('missing.overdue');
  });

  it('escalates once 15 minutes have passed since the request, checked with the new event time', async () => {
    const chat = await start(resetMissingMachine, { facts: requested });
    await chat.choose('stillNothing', T0 + 5 * MINUTE);
    expect(chat.value).toBe('waiting');

    await chat.choose('stillNothing', T0 + 15 * MINUTE);
    expect(chat.says().at(-1)).toBe('missing.overdue');
    expect(chat.output).toMatchObject({
      outcome: 'next',
      next: 'escalation',
      facts: { escalationReason: 'reset_mail_missing' },
    });
  });

  it('follows the configured waiting time rather than a fixed one', async () => {
    const chat = await start(resetMissingMachine, {
      facts: requested,
      settings: { resetWaitMinutes: 5 },
    });
    await chat.choose('stillNothing', T0 + 5 * MINUTE);

    expect(chat.said('missing.overdue')?.params).toEqual({ waitMinutes: 5 });
    expect(chat.output?.next).toBe('escalation');
  });

  it('asks "more or less than 15 minutes ago" when the request time is unknown', async () => {
    const longAgo = await start(resetMissingMachine, { facts: { portal: 'platform' } });
    expect(longAgo.said('missing.askWhen')?.params).toEqual({ waitMinutes: 15 });
    expect(longAgo.choiceIds()).toEqual(['recent', 'long', 'found']);
    await longAgo.choose('long');
    expect(longAgo.output).toMatchObject({
      next: 'escalation',
      facts: { escalationReason: 'reset_mail_missing' },
    });

    const recent = await start(resetMissingMachine, { facts: { portal: 'platform' } });
    await recent.choose('recent');
    expect(recent.says()).toContain('missing.wait');
    expect(recent.value).toBe('waiting');
  });

  it('resends the reset at most twice, and only says "sent" after it was', async () => {
    const chat = await start(resetMissingMachine, {
      facts: requested,
      actions: resendAt(T0 + 3 * MINUTE, T0 + 6 * MINUTE),
    });
    await chat.choose('stillNothing', T0 + 2 * MINUTE);
    expect(chat.choiceIds()).toEqual(['resend', 'stillNothing', 'found']);

    await chat.choose('resend');
    await chat.choose('same');
    expect(chat.says().filter((k) => k === 'missing.resent')).toHaveLength(1);
    expect(chat.facts.resetRequestedAt).toBe(T0 + 3 * MINUTE);

    await chat.choose('resend');
    await chat.choose('same');
    expect(chat.calls.sendPasswordReset).toEqual([
      { email, portal: 'platform' },
      { email, portal: 'platform' },
    ]);
    expect(chat.choiceIds()).toEqual(['stillNothing', 'found']);
  });

  it('counts the waiting time from the newest reset it sent', async () => {
    const chat = await start(resetMissingMachine, {
      facts: requested,
      actions: resendAt(T0 + 10 * MINUTE),
    });
    await chat.choose('stillNothing', T0 + 9 * MINUTE);
    await chat.choose('resend');
    await chat.choose('same');

    await chat.choose('stillNothing', T0 + 16 * MINUTE);
    expect(chat.value).toBe('waiting');

    await chat.choose('stillNothing', T0 + 25 * MINUTE);
    expect(chat.output?.next).toBe('escalation');
  });

  it('offers the verification resend on the identity server only', async () => {
    const identity = await start(resetMissingMachine, {
      facts: { ...requested, portal: 'identity' },
    });
    await identity.choose('stillNothing', T0 + MINUTE);
    expect(identity.choiceIds()).toContain('verify');
    await identity.choose('verify');
    expect(identity.output).toMatchObject({ outcome: 'next', next: 'unverifiedEmail' });

    const platform = await start(resetMissingMachine, { facts: requested });
    await platform.choose('stillNothing', T0 + MINUTE);
    expect(platform.choiceIds()).not.toContain('verify');
  });

  it('offers no resend when the login page is still unknown', async () => {
    const chat = await start(resetMissingMachine, { facts: { ...requested, portal: 'unsure' } });
    await chat.choose('stillNothing', T0 + MINUTE);

    expect(chat.choiceIds()).toEqual(['stillNothing', 'found']);
  });

  it('offers a person when the resend is rate limited', async () => {
    const chat = await start(resetMissingMachine, {
      facts: requested,
      actions: { sendPasswordReset: () => ({ status: 'limited', retryAfterMinutes: 30 }) },
    });
    await chat.choose('stillNothing', T0 + MINUTE);
    await chat.choose('resend');
    await chat.choose('same');

    expect(chat.says()).not.toContain('missing.resent');
    await chat.choose('human');
    expect(chat.output).toMatchObject({
      next: 'escalation',
      facts: { escalationReason: 'rate_limited' },
    });
  });

  rendersEverythingItSaid();
});
