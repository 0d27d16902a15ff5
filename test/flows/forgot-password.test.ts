import { describe, expect, it } from 'vitest';
import { forgotPasswordMachine } from '../../flows/forgot-password.js';
import { MINUTE, T0, rendersEverythingItSaid, start } from './harness.js';

const email = 'anna@example.com';
const sentAt = T0 + 2 * MINUTE;
const resetOk = { sendPasswordReset: () => ({ status: 'ok' as const, at: sentAt }) };

describe('forgotPassword', () => {
  it('asks for the login page first when it is not known', async () => {
    const chat = await start(forgotPasswordMachine);

    expect(chat.output).toMatchObject({ outcome: 'next', next: 'whichPortal' });
  });

  it('asks for one login page when the portal is "unsure", instead of asking whichPortal again', async () => {
    const chat = await start(forgotPasswordMachine, { facts: { portal: 'unsure' } });
    expect(chat.choiceIds()).toEqual(['platform', 'identity']);

    await chat.choose('identity');
    expect(chat.value).toBe('hints');
    expect(chat.facts.portal).toBe('identity');
  });

  it('confirms a known address without first asking for it', async () => {
    const chat = await start(forgotPasswordMachine, { facts: { portal: 'platform', email } });
    await chat.choose('reset');

    expect(chat.value).toBe('confirmEmail');
    expect(chat.says()).not.toContain('forgot.askEmail');
  });

  it('sends the reset at once when the unverified-address path hands over with "send the reset link"', async () => {
    const chat = await start(forgotPasswordMachine, {
      from: 'unverifiedEmail',
      facts: { email, portal: 'identity' },
      actions: resetOk,
    });
    expect(chat.calls.sendPasswordReset).toEqual([{ email, portal: 'identity' }]);
    expect(chat.says()).not.toContain('forgot.hints');
    expect(chat.said('forgot.sent')?.params).toMatchObject({ email });
  });

  it('still shows the hints first when another path hands over', async () => {
    const chat = await start(forgotPasswordMachine, {
      from: 'whichPortal',
      facts: { email, portal: 'identity' },
      actions: resetOk,
    });
    expect(chat.calls.sendPasswordReset).toBeUndefined();
    expect(chat.says()).toContain('forgot.hints');
  });

  it('sends the reset for the portal and keeps the time it was sent', async () => {
    const chat = await start(forgotPasswordMachine, {
      facts: { portal: 'platform' },
      actions: resetOk,
    });
    await chat.choose('reset');
    await chat.send({ type: 'user.email', email });

    expect(chat.calls.sendPasswordReset).toEqual([{ email, portal: 'platform' }]);
    expect(chat.facts.resetRequestedAt).toBe(sentAt);
    expect(chat.says()).toContain('forgot.sent');

    await chat.choose('yes');
    expect(chat.output?.outcome).toBe('resolved');
    expect(chat.says().at(-1)).toBe('common.solved.thanks');
  });

  it('hands over to resetMissing when no e-mail arrived', async () => {
    const chat = await start(forgotPasswordMachine, {
      facts: { portal: 'identity', email },
      actions: resetOk,
    });
    await chat.choose('reset');
    await chat.choose('same');
    expect(chat.says()).toContain('forgot.identityNeedsVerified');

    await chat.choose('noMail');
    expect(chat.output).toMatchObject({ outcome: 'next', next: 'resetMissing' });
  });

  it('leads on to the other login page, or to a person, when the reset did not help', async () => {
    const other = await start(forgotPasswordMachine, {
      facts: { portal: 'platform', email },
      actions: resetOk,
    });
    await other.choose('reset');
    await other.choose('same');
    await other.choose('no');
    await other.choose('wrongPortal');
    expect(other.output).toMatchObject({ outcome: 'next', next: 'wrongPortal' });

    const human = await start(forgotPasswordMachine, {
      facts: { portal: 'platform', email },
      actions: resetOk,
    });
    await human.choose('reset');
    await human.choose('same');
    await human.choose('no');
    await human.choose('human');
    expect(human.output).toMatchObject({
      next: 'escalation',
      facts: { escalationReason: 'reset_did_not_help' },
    });
  });

  it('says nothing was sent when the reset is rate limited', async () => {
    const chat = await start(forgotPasswordMachine, {
      facts: { portal: 'platform', email },
      actions: { sendPasswordReset: () => ({ status: 'limited', retryAfterMinutes: 20 }) },
    });
    await chat.choose('reset');
    await chat.choose('same');

    expect(chat.said('common.limited')?.params).toEqual({ minutes: 20 });
    expect(chat.says()).not.toContain('forgot.sent');
  });

  rendersEverythingItSaid();
});
