import { describe, expect, it } from 'vitest';
import { wrongPortalMachine } from '../../flows/wrong-portal.js';
import { rendersEverythingItSaid, start } from './harness.js';

const email = 'piet@example.com';
const located = { sendAccountLocator: () => ({ status: 'ok' as const, at: 1 }) };

describe('wrongPortal', () => {
  it('asks for the product first when the portal is not known', async () => {
    const chat = await start(wrongPortalMachine);

    expect(chat.output).toMatchObject({ outcome: 'next', next: 'whichPortal' });
  });

  it('gives the login page of the product and ends resolved when that works', async () => {
    const chat = await start(wrongPortalMachine, { facts: { portal: 'identity' } });

    expect(chat.said('wrong.explain')?.params).toEqual({ portal: 'identity' });
    await chat.choose('yes');

    expect(chat.output?.outcome).toBe('resolved');
    expect(chat.feedback()).toEqual([{ type: 'feedback', flow: 'wrongPortal', solved: true }]);
  });

  it('tells an unsure user to try both login pages', async () => {
    const chat = await start(wrongPortalMachine, { facts: { portal: 'unsure' } });

    expect(chat.says()).toContain('wrong.tryBoth');
    expect(chat.choiceIds()).toEqual(['yes', 'no', 'locate']);
  });

  it('e-mails the address which login page it belongs to, worded without revealing anything', async () => {
    const chat = await start(wrongPortalMachine, {
      facts: { portal: 'platform' },
      actions: located,
    });
    await chat.choose('locate');
    expect(chat.lastAsk().input?.kind).toBe('email');

    await chat.send({ type: 'user.email', email });
    expect(chat.calls.sendAccountLocator).toEqual([{ email }]);
    expect(chat.said('wrong.locatorSent')?.params).toEqual({ email });
    expect(chat.facts.tried).toContain('action:accountLocator');

    await chat.choose('no');
    await chat.choose('forgotPassword');
    expect(chat.output).toMatchObject({ outcome: 'next', next: 'forgotPassword' });
  });

  it('offers a person when the locator is rate limited', async () => {
    const chat = await start(wrongPortalMachine, {
      facts: { portal: 'platform', email },
      actions: { sendAccountLocator: () => ({ status: 'limited', retryAfterMinutes: 45 }) },
    });
    await chat.choose('locate');
    await chat.choose('same');

    expect(chat.says()).not.toContain('wrong.locatorSent');
    await chat.choose('human');
    expect(chat.output).toMatchObject({
      next: 'escalation',
      facts: { escalationReason: 'rate_limited' },
    });
  });

  it('lets the user retry when sending failed', async () => {
    let attempt = 0;
    const chat = await start(wrongPortalMachine, {
      facts: { portal: 'platform', email },
      actions: {
        sendAccountLocator: () => {
          if (++attempt === 1) throw new Error('mail down');
          return { status: 'ok', at: 1 };
        },
      },
    });
    await chat.choose('locate');
    await chat.choose('same');
    expect(chat.says()).toContain('common.actionFailed');

    await chat.choose('retry');
    expect(chat.says()).toContain('wrong.locatorSent');
  });

  it('leads on to the invited-user path or a person when it did not help', async () => {
    const invited = await start(wrongPortalMachine, { facts: { portal: 'platform' } });
    await invited.choose('no');
    await invited.choose('invited');
    expect(invited.output).toMatchObject({ next: 'invitedUser' });
    expect(invited.feedback()).toEqual([{ type: 'feedback', flow: 'wrongPortal', solved: false }]);

    const human = await start(wrongPortalMachine, { facts: { portal: 'platform' } });
    await human.choose('no');
    await human.choose('human');
    expect(human.output).toMatchObject({
      next: 'escalation',
      facts: { escalationReason: 'asked_for_person' },
    });
  });

  rendersEverythingItSaid();
});
