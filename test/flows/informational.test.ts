import { describe, expect, it } from 'vitest';
import { invitedUserMachine } from '../../flows/invited-user.js';
import { no2faOptionMachine } from '../../flows/no-2fa-option.js';
import { noOrganisationsMachine } from '../../flows/no-organisations.js';
import { ssoMachine } from '../../flows/sso.js';
import { rendersEverythingItSaid, start } from './harness.js';

describe('sso', () => {
  it('explains that the identity provider handles 2FA and ends resolved when that helps', async () => {
    const chat = await start(ssoMachine);
    expect(chat.says()).toEqual(['sso.explain', 'common.solved.ask']);

    await chat.choose('yes');
    expect(chat.output?.outcome).toBe('resolved');
    expect(chat.feedback()).toEqual([{ type: 'feedback', flow: 'sso', solved: true }]);
  });

  it('points to the organisation and offers a person when it does not', async () => {
    const chat = await start(ssoMachine);
    await chat.choose('no');
    expect(chat.says().at(-1)).toBe('sso.notSolved');

    await chat.choose('human');
    expect(chat.output).toMatchObject({
      next: 'escalation',
      facts: { escalationReason: 'asked_for_person' },
    });
  });
});

describe('invitedUser', () => {
  it('explains the invitation through User management and the advice to enable 2FA', async () => {
    const chat = await start(invitedUserMachine);

    expect(chat.says()).toEqual(['invited.explain', 'invited.securityTip', 'common.solved.ask']);
    expect(chat.choiceIds()).toEqual(['yes', 'no', 'setup2fa']);
  });

  it('leads on to setting up 2FA', async () => {
    const chat = await start(invitedUserMachine);
    await chat.choose('setup2fa');

    expect(chat.output).toMatchObject({ outcome: 'next', next: 'setup2fa' });
  });

  it('offers a person when the invitation does not help', async () => {
    const chat = await start(invitedUserMachine);
    await chat.choose('no');
    await chat.choose('human');

    expect(chat.output?.next).toBe('escalation');
  });
});

describe('noOrganisations', () => {
  it('sends the user to the account administrator of their organisation', async () => {
    const chat = await start(noOrganisationsMachine);
    expect(chat.says()[0]).toBe('noorg.explain');

    await chat.choose('yes');
    expect(chat.output?.outcome).toBe('resolved');
  });

  it('offers a person when there is no administrator to ask', async () => {
    const chat = await start(noOrganisationsMachine);
    await chat.choose('no');
    expect(chat.says().at(-1)).toBe('noorg.notSolved');

    await chat.choose('human');
    expect(chat.output?.next).toBe('escalation');
  });
});

describe('no2faOption', () => {
  it('escalates with the reason no_2fa_option when the setting is really missing', async () => {
    const chat = await start(no2faOptionMachine);
    await chat.choose('no');

    expect(chat.says().at(-1)).toBe('no2fa.toSupport');
    expect(chat.output).toMatchObject({
      outcome: 'next',
      next: 'escalation',
      facts: { escalationReason: 'no_2fa_option' },
    });
    expect(chat.feedback()).toEqual([{ type: 'feedback', flow: 'no2faOption', solved: false }]);
  });

  it('sends Single Sign-On users to the SSO path', async () => {
    const chat = await start(no2faOptionMachine);
    await chat.choose('sso');

    expect(chat.output).toMatchObject({ outcome: 'next', next: 'sso' });
  });

  it('ends resolved when the user finds it after all', async () => {
    const chat = await start(no2faOptionMachine);
    await chat.choose('yes');

    expect(chat.output?.outcome).toBe('resolved');
  });
});

rendersEverythingItSaid();
