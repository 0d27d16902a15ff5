import { describe, expect, it } from 'vitest';
import { unverifiedEmailMachine } from '../../flows/unverified-email.js';
import { rendersEverythingItSaid, start } from './harness.js';

const email = 'kees@example.com';
const resent = { resendVerification: () => ({ status: 'ok' as const, at: 1 }) };

describe('unverifiedEmail', () => {
  it('resends the verification link on the identity server, then offers the reset again', async () => {
    const chat = await start(unverifiedEmailMachine, { actions: resent });
    expect(chat.says()).toEqual(['unverified.explain']);

    await chat.choose('resend');
    await chat.send({ type: 'user.email', email });
    expect(chat.calls.resendVerification).toEqual([{ email, portal: 'identity' }]);
    expect(chat.said('unverified.sent')?.params).toEqual({ email });

    await chat.choose('reset');
    expect(chat.output).toMatchObject({
      outcome: 'next',
      next: 'forgotPassword',
      facts: { portal: 'identity' },
    });
  });

  it('escalates when the verification e-mail does not arrive either', async () => {
    const chat = await start(unverifiedEmailMachine, { facts: { email }, actions: resent });
    await chat.choose('resend');
    await chat.choose('same');
    await chat.choose('noMail');

    expect(chat.output).toMatchObject({
      next: 'escalation',
      facts: { escalationReason: 'reset_mail_missing' },
    });
  });

  it('does not claim a resend that a rate limit stopped', async () => {
    const chat = await start(unverifiedEmailMachine, {
      facts: { email },
      actions: { resendVerification: () => ({ status: 'limited', retryAfterMinutes: 10 }) },
    });
    await chat.choose('resend');
    await chat.choose('same');

    expect(chat.says()).not.toContain('unverified.sent');
    expect(chat.says()).toContain('common.limited');
  });

  it('goes to a person straight away if the user prefers', async () => {
    const chat = await start(unverifiedEmailMachine);
    await chat.choose('human');

    expect(chat.output).toMatchObject({
      next: 'escalation',
      facts: { escalationReason: 'reset_mail_missing' },
    });
  });

  rendersEverythingItSaid();
});
