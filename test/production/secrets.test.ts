import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectSecret, type SecretKind } from '../../src/engine/secrets.js';

interface Corpus {
  secrets: Array<{ text: string; kind: SecretKind }>;
  harmless: Array<{ text: string }>;
}

const corpus = JSON.parse(
  readFileSync(new URL('./fixtures/secrets.json', import.meta.url), 'utf8'),
) as Corpus;

describe('the secrets guard on its corpus', () => {
  it('holds at least 40 secrets and 40 harmless look-alikes', () => {
    expect(corpus.secrets.length).toBeGreaterThanOrEqual(40);
    expect(corpus.harmless.length).toBeGreaterThanOrEqual(40);
  });

  it('recognises every secret, as the right kind', () => {
    const verdicts = corpus.secrets.map((s) => ({ text: s.text, kind: detectSecret(s.text) }));
    expect(verdicts).toEqual(corpus.secrets);
  });

  it('lets every harmless look-alike through', () => {
    const verdicts = corpus.harmless.map((h) => ({ text: h.text, kind: detectSecret(h.text) }));
    expect(verdicts).toEqual(corpus.harmless.map((h) => ({ text: h.text, kind: null })));
  });
});
