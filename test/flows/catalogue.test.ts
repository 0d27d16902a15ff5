import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ESCALATION_REASONS } from '../../flows/escalation.js';
import { machines } from '../../flows/index.js';
import { en } from '../../flows/messages/en.js';
import { nl } from '../../flows/messages/nl.js';
import { contentParams, isMessageKey, placeholders, render } from '../../flows/render.js';
import { textPaths } from '../../flows/triage.js';
import { LOCALES } from '../../flows/types.js';
import { T0, renderOptions, start } from './harness.js';

/** Values machines pass themselves; everything else must come from the content configuration. */
const machineParams = [
  'email',
  'portal',
  'minutes',
  'seconds',
  'hours',
  'attemptsLeft',
  'caseRef',
  'path',
];
const contentNames = Object.keys(contentParams('en', renderOptions, { portal: 'platform' }));
const known = new Set([...contentNames, ...machineParams]);

const flowsDir = new URL('../../flows/', import.meta.url);
const machineSources = readdirSync(flowsDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(new URL(f, flowsDir), 'utf8'));

describe('the EN/NL catalogue', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders per key in both languages', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(nl[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('has no empty messages', () => {
    for (const catalogue of [en, nl]) {
      for (const [key, text] of Object.entries(catalogue)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses only placeholders that the content or a machine fills', () => {
    for (const [key, text] of Object.entries(en)) {
      for (const name of placeholders(text))
        expect(known.has(name), `${key}: {${name}}`).toBe(true);
    }
  });

  it('has a message for every key a machine names in its source', () => {
    const prefixes = new Set(Object.keys(en).map((k) => k.split('.')[0]!));
    const quoted = /'([a-z0-9]+(?:\.[A-Za-z0-9_]+)+)'/g;
    const named = machineSources.flatMap((src) => [...src.matchAll(quoted)].map((m) => m[1]!));
    const keys = named.filter((k) => prefixes.has(k.split('.')[0]!));

    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) expect(isMessageKey(key), key).toBe(true);
  });

  it('has a message for every key a machine builds at run time', () => {
    const built = [
      ...textPaths.flatMap((id) => [`triage.choice.${id}`, `engine.topic.${id}`]),
      ...ESCALATION_REASONS.map((reason) => `escalation.reason.${reason}`),
      ...['fast', 'slow'].flatMap((d) =>
        ['seconds', 'minutes', 'hours'].map((unit) => `code.${d}.${unit}`),
      ),
    ];
    for (const key of built) expect(isMessageKey(key), key).toBe(true);
  });

  it("names a path in the user's language through a nested key", () => {
    const params = { pathKey: 'engine.topic.forgotPassword' };

    expect(render('en', 'triage.understood', params, renderOptions)).toContain(
      'a forgotten password',
    );
    expect(render('nl', 'triage.understood', params, renderOptions)).toContain(
      'een vergeten wachtwoord',
    );
  });

  it('gives the support contacts without inventing an e-mail address', () => {
    const { content } = renderOptions;
    const withEmail = { ...content, support: { ...content.support, email: 'help@example.test' } };
    for (const locale of LOCALES) {
      const plain = render(locale, 'escalation.failed', undefined, renderOptions);
      expect(plain).toContain('+31 88 440 6633');
      expect(plain).not.toMatch(/@/);

      const configured = render(locale, 'escalation.failed', undefined, {
        ...renderOptions,
        content: withEmail,
      });
      expect(configured).toContain('help@example.test');
    }
  });
});

describe('the help paths', () => {
  const facts = { portal: 'platform' as const, email: 'an@example.com', resetRequestedAt: T0 };

  it('registers each machine under its own id', () => {
    for (const [id, machine] of Object.entries(machines)) expect(machine.id, id).toBe(id);
  });

  it('starts over from any first question', async () => {
    for (const machine of Object.values(machines)) {
      const chat = await start(machine, { facts });
      await chat.send({ type: 'nav.restart' });
      expect(chat.output, machine.id).toMatchObject({ outcome: 'next', next: 'triage' });
    }
  });

  it('hands over to a person from any first question, saying the user asked', async () => {
    for (const machine of Object.values(machines).filter((m) => m.id !== 'escalation')) {
      const chat = await start(machine, { facts });
      await chat.send({ type: 'nav.human' });
      expect(chat.output, machine.id).toMatchObject({
        outcome: 'next',
        next: 'escalation',
        facts: { escalationReason: 'asked_for_person' },
      });
    }
  });
});
