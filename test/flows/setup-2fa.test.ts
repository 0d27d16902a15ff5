import { describe, expect, it } from 'vitest';
import { setup2faMachine } from '../../flows/setup-2fa.js';
import { rendersEverythingItSaid, start } from './harness.js';

const steps = [
  'setup2fa.step2',
  'setup2fa.step3',
  'setup2fa.step4',
  'setup2fa.step5',
  'setup2fa.recoveryMatters',
];

describe('setup2fa', () => {
  it('walks the five steps for the known login page and stresses the recovery codes', async () => {
    const chat = await start(setup2faMachine, { facts: { portal: 'identity' } });
    await chat.choose('password');

    expect(chat.said('setup2fa.step1')?.params).toEqual({ portal: 'identity' });
    expect(chat.says()).toEqual(expect.arrayContaining(steps));

    await chat.choose('yes');
    expect(chat.output?.outcome).toBe('resolved');
    expect(chat.feedback()).toEqual([{ type: 'feedback', flow: 'setup2fa', solved: true }]);
  });

  it('names both login pages when the portal is not known', async () => {
    const chat = await start(setup2faMachine, { facts: { portal: 'unsure' } });
    await chat.choose('password');

    expect(chat.says()).toContain('setup2fa.step1.either');
    expect(chat.says()).not.toContain('setup2fa.step1');
  });

  it('sends Single Sign-On users to their identity provider instead', async () => {
    const chat = await start(setup2faMachine);
    await chat.choose('sso');

    expect(chat.says()).toContain('setup2fa.sso');
    expect(chat.says()).not.toContain('setup2fa.step2');

    await chat.choose('no');
    await chat.choose('human');
    expect(chat.output).toMatchObject({
      next: 'escalation',
      facts: { escalationReason: 'asked_for_person' },
    });
  });

  it('leads on to the missing-option and rejected-code paths when stuck', async () => {
    const noOption = await start(setup2faMachine);
    await noOption.choose('password');
    await noOption.choose('no');
    expect(noOption.choiceIds()).toEqual(['noOption', 'codeRejected', 'human']);
    await noOption.choose('noOption');
    expect(noOption.output).toMatchObject({ outcome: 'next', next: 'no2faOption' });

    const rejected = await start(setup2faMachine);
    await rejected.choose('password');
    await rejected.choose('no');
    await rejected.choose('codeRejected');
    expect(rejected.output).toMatchObject({ outcome: 'next', next: 'codeRejected' });
  });

  rendersEverythingItSaid();
});
