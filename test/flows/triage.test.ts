import { describe, expect, it } from 'vitest';
import { triageMachine, triagePaths } from '../../flows/triage.js';
import type { Intent } from '../../flows/types.js';
import { rendersEverythingItSaid, start } from './harness.js';

const text = (intent?: Intent) => ({
  type: 'user.text' as const,
  text: 'whatever the user typed',
  intent,
});

describe('triage', () => {
  it('offers one button per path and "something else"', async () => {
    const chat = await start(triageMachine);

    expect(chat.says()).toEqual(['triage.welcome', 'triage.ask']);
    expect(chat.choiceIds()).toEqual([...triagePaths, 'other']);
  });

  it('continues in the path the user picks', async () => {
    const chat = await start(triageMachine);
    await chat.choose('lostPhone');

    expect(chat.output).toMatchObject({ outcome: 'next', next: 'lostPhone' });
  });

  it('hands "something else" to a person with the reason other', async () => {
    const chat = await start(triageMachine);
    await chat.choose('other');

    expect(chat.output).toMatchObject({ outcome: 'next', next: 'escalation' });
    expect(chat.facts.escalationReason).toBe('other');
  });

  it('goes straight to a path the classifier is sure of, naming it in words', async () => {
    const chat = await start(triageMachine);
    await chat.send(
      text({ flow: 'codeRejected', confidence: 0.6, alternatives: ['codeRejected'] }),
    );

    expect(chat.said('triage.understood')?.params).toEqual({
      pathKey: 'engine.topic.codeRejected',
    });
    expect(chat.output).toMatchObject({ outcome: 'next', next: 'codeRejected' });
  });

  it('suggests at most three likely paths when the classifier is unsure', async () => {
    const chat = await start(triageMachine);
    await chat.send(
      text({
        flow: 'forgotPassword',
        confidence: 0.59,
        alternatives: ['forgotPassword', 'resetMissing', 'wrongPortal', 'sso'],
      }),
    );

    expect(chat.value).toBe('suggest');
    expect(chat.choiceIds()).toEqual(['forgotPassword', 'resetMissing', 'wrongPortal', 'else']);

    await chat.choose('resetMissing');
    expect(chat.output).toMatchObject({ outcome: 'next', next: 'resetMissing' });
  });

  it('suggests the paths reached only through others too, and leaves out the menu itself', async () => {
    const chat = await start(triageMachine);
    await chat.send(
      text({ flow: 'other', confidence: 0.2, alternatives: ['triage', 'whichPortal', 'sso'] }),
    );

    expect(chat.choiceIds()).toEqual(['whichPortal', 'sso', 'else']);
  });

  it('shows the whole menu again for "none of these"', async () => {
    const chat = await start(triageMachine);
    await chat.send(text({ flow: 'other', confidence: 0.3, alternatives: ['sso'] }));
    await chat.choose('else');

    expect(chat.value).toBe('menu');
    expect(chat.choiceIds()).toContain('noOrganisations');
  });

  it('asks again when the words match no path', async () => {
    const chat = await start(triageMachine);
    await chat.send(text());

    expect(chat.value).toBe('menu');
    expect(chat.says().slice(-2)).toEqual(['triage.notUnderstood', 'triage.ask']);
  });

  it('goes to a person when the words confidently ask for one', async () => {
    const chat = await start(triageMachine);
    await chat.send(text({ flow: 'escalation', confidence: 0.95, alternatives: [] }));

    expect(chat.output).toMatchObject({ outcome: 'next', next: 'escalation' });
  });

  it('asks again when a confident intent is the menu itself', async () => {
    const chat = await start(triageMachine);
    await chat.send(text({ flow: 'triage', confidence: 0.95, alternatives: [] }));

    expect(chat.value).toBe('menu');
  });

  it('hands over to a person on "talk to a person"', async () => {
    const chat = await start(triageMachine);
    await chat.send({ type: 'nav.human' });

    expect(chat.output).toMatchObject({ outcome: 'next', next: 'escalation' });
    expect(chat.facts.escalationReason).toBe('asked_for_person');
  });

  rendersEverythingItSaid();
});
