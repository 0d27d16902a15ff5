import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { phrasings } from '../../flows/phrasings/index.js';
import { Normaliser, words } from '../../src/understanding/normalise.js';
import { PhrasingClassifier } from '../../src/understanding/phrasing-classifier.js';
import { labelled } from './fixtures/labelled.js';
import { offTopic } from './fixtures/off-topic.js';
import { vague } from './fixtures/vague.js';

const messages = [...labelled.map((l) => l.text), ...offTopic, ...vague];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('understanding: PhrasingClassifier', () => {
  it('builds and classifies in-process, without opening a connection', async () => {
    const refuse = () => {
      throw new Error('the classifier must not use the network');
    };
    const spies = [
      vi.spyOn(globalThis, 'fetch').mockImplementation(refuse),
      vi.spyOn(http, 'request').mockImplementation(refuse),
      vi.spyOn(http, 'get').mockImplementation(refuse),
      vi.spyOn(https, 'request').mockImplementation(refuse),
      vi.spyOn(https, 'get').mockImplementation(refuse),
      vi.spyOn(net, 'connect').mockImplementation(refuse),
      vi.spyOn(net, 'createConnection').mockImplementation(refuse),
    ];

    vi.resetModules();
    const { PhrasingClassifier: Fresh } =
      await import('../../src/understanding/phrasing-classifier.js');
    const classifier = new Fresh();
    for (const text of messages) classifier.classify(text);

    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('gives the same answer every time, from every instance', () => {
    const a = new PhrasingClassifier();
    const b = new PhrasingClassifier();

    const first = messages.map((text) => a.classify(text));
    expect(messages.map((text) => a.classify(text))).toEqual(first);
    expect(messages.map((text) => b.classify(text))).toEqual(first);
  });

  it('keeps to the contract: no triage, confidence in 0..1, at most 3 alternatives, best first', () => {
    const classifier = new PhrasingClassifier();
    for (const text of messages) {
      const { intent } = classifier.classify(text);
      expect(intent.flow).not.toBe('triage');
      expect(intent.confidence).toBeGreaterThanOrEqual(0);
      expect(intent.confidence).toBeLessThanOrEqual(1);
      expect(intent.alternatives.length).toBeLessThanOrEqual(3);
      expect(intent.alternatives).not.toContain('triage');
      expect(intent.alternatives).not.toContain('other');
      if (intent.flow !== 'other' && intent.alternatives.length > 0)
        expect(intent.alternatives[0]).toBe(intent.flow);
    }
  });

  it('says what it understood, and in which language', () => {
    expect(new PhrasingClassifier().classify('ik ben mijn wachtwoord vergeten')).toEqual({
      intent: {
        flow: 'forgotPassword',
        confidence: expect.any(Number),
        alternatives: expect.arrayContaining(['forgotPassword']),
      },
      locale: 'nl',
    });
  });

  it('has example phrasings for every path in both languages', () => {
    for (const [locale, byTarget] of Object.entries(phrasings)) {
      for (const [target, list] of Object.entries(byTarget))
        expect(list.length, `${locale} ${target}`).toBeGreaterThanOrEqual(5);
    }
  });

  it('has no two examples for different paths that reduce to the same terms', () => {
    // Word order is lost in the terms, so "I can log in but see nothing" would read as "I can't
    // log in" and pull every such message to the wrong path.
    const all = Object.entries(phrasings).flatMap(([locale, byTarget]) =>
      Object.entries(byTarget).flatMap(([target, list]) =>
        list.map((text) => ({ locale, target, text })),
      ),
    );
    const normaliser = new Normaliser(all.flatMap((e) => words(e.text)));
    const byTerms = new Map<string, Array<{ target: string; text: string }>>();
    for (const example of all) {
      const key = normaliser.terms(example.text).sort().join(' ');
      byTerms.set(key, [...(byTerms.get(key) ?? []), example]);
    }
    const conflicts = [...byTerms.values()].filter(
      (list) => new Set(list.map((e) => e.target)).size > 1,
    );

    expect(conflicts).toEqual([]);
  });

  it('names an example that has no meaningful words, so support can fix it', () => {
    const broken = {
      ...phrasings,
      en: { ...phrasings.en, sso: [...phrasings.en.sso, 'hello, thanks!'] },
    };

    expect(() => new PhrasingClassifier(broken)).toThrow(/"hello, thanks!" \(en, sso\)/);
  });

  it('learns from a phrasing support adds, without code changes', () => {
    const text = 'the yubikey will not blink';
    expect(new PhrasingClassifier().classify(text).intent.flow).not.toBe('no2faOption');

    const extended = {
      ...phrasings,
      en: { ...phrasings.en, no2faOption: [...phrasings.en.no2faOption, 'yubikey does not blink'] },
    };
    expect(new PhrasingClassifier(extended).classify(text).intent).toMatchObject({
      flow: 'no2faOption',
    });
  });
});
