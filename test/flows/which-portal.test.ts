import { describe, expect, it } from 'vitest';
import { whichPortalMachine } from '../../flows/which-portal.js';
import { rendersEverythingItSaid, start } from './harness.js';

describe('whichPortal', () => {
  it('explains the two login pages and offers Platform, Control/PSB and "not sure"', async () => {
    const chat = await start(whichPortalMachine, { then: 'forgotPassword' });

    expect(chat.says()).toEqual(['portal.ask']);
    expect(chat.choiceIds()).toEqual(['platform', 'identity', 'unsure']);
  });

  it('continues in the path that asked, with the portal in the facts', async () => {
    const chat = await start(whichPortalMachine, { then: 'forgotPassword' });
    await chat.choose('identity');

    expect(chat.output).toMatchObject({
      outcome: 'next',
      next: 'forgotPassword',
      facts: { portal: 'identity' },
    });
  });

  it('explains both pages when the user is not sure, and still lets them pick', async () => {
    const chat = await start(whichPortalMachine, { then: 'wrongPortal' });
    await chat.choose('unsure');

    expect(chat.says()).toContain('portal.tryBoth');
    expect(chat.choiceIds()).toEqual(['platform', 'identity', 'continue']);

    await chat.choose('platform');
    expect(chat.output).toMatchObject({ next: 'wrongPortal', facts: { portal: 'platform' } });
  });

  it('carries on with portal "unsure" when the user still cannot tell', async () => {
    const chat = await start(whichPortalMachine, { then: 'setup2fa' });
    await chat.choose('unsure');
    await chat.choose('continue');

    expect(chat.output).toMatchObject({
      outcome: 'next',
      next: 'setup2fa',
      facts: { portal: 'unsure' },
    });
  });

  it('returns to triage when no path asked', async () => {
    const chat = await start(whichPortalMachine);
    await chat.choose('platform');

    expect(chat.output).toMatchObject({ outcome: 'next', next: 'triage' });
  });

  rendersEverythingItSaid();
});
