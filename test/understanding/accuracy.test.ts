import { describe, expect, it } from 'vitest';
import { phrasings } from '../../flows/phrasings/index.js';
import { CONFIDENT } from '../../flows/triage.js';
import { fold } from '../../src/understanding/normalise.js';
import { PhrasingClassifier } from '../../src/understanding/phrasing-classifier.js';
import { labelled, type Labelled } from './fixtures/labelled.js';

/**
 * Accuracy on the labelled set. A message counts as understood when the classifier names its
 * path with enough confidence for the assistant to go there without asking (the triage
 * threshold); naming it below that (offered as a button) is reported, but is not a hit.
 */

const classifier = new PhrasingClassifier();

interface Tally {
  hits: number;
  offered: number;
  total: number;
}

const results = labelled.map((item) => {
  const { intent } = classifier.classify(item.text);
  const hit = intent.flow === item.flow && intent.confidence >= CONFIDENT;
  const offered = hit || intent.alternatives.includes(item.flow);
  return { item, intent, hit, offered };
});

function tally(by: (item: Labelled) => string): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const r of results) {
    const t = out.get(by(r.item)) ?? { hits: 0, offered: 0, total: 0 };
    t.total += 1;
    t.hits += Number(r.hit);
    t.offered += Number(r.offered);
    out.set(by(r.item), t);
  }
  return out;
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;

function table(title: string, rows: Map<string, Tally>): string {
  const lines = [...rows].map(
    ([key, t]) =>
      `  ${key.padEnd(16)} ${pct(t.hits, t.total).padStart(6)}  (${t.hits}/${t.total}, offered ${t.offered})`,
  );
  return [title, ...lines].join('\n');
}

describe('understanding: labelled phrasings', () => {
  it('has at least 150 phrasings, 60 of them Dutch', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(150);
    expect(labelled.filter((l) => l.lang === 'nl').length).toBeGreaterThanOrEqual(60);
  });

  it('keeps the test phrasings out of the examples it learns from', () => {
    const examples = new Set(
      Object.values(phrasings).flatMap((byTarget) => Object.values(byTarget).flat().map(fold)),
    );
    const leaked = labelled.filter((l) => examples.has(fold(l.text))).map((l) => l.text);

    expect(leaked).toEqual([]);
  });

  it('understands at least 90% of them, and reports per language and per path', () => {
    const hits = results.filter((r) => r.hit).length;
    const misses = results
      .filter((r) => !r.hit)
      .map(
        (r) =>
          `  ${r.item.flow.padEnd(16)} got ${r.intent.flow} ${r.intent.confidence}  "${r.item.text}"`,
      );

    console.log(
      [
        `understanding: ${pct(hits, results.length)} (${hits}/${results.length}) taken straight to the right path`,
        table(
          'per language',
          tally((i) => i.lang),
        ),
        table(
          'per path',
          tally((i) => i.flow),
        ),
        misses.length ? ['misses', ...misses].join('\n') : 'misses: none',
      ].join('\n'),
    );

    expect(hits / results.length).toBeGreaterThanOrEqual(0.9);
  });
});
