/**
 * Classification cost: start-up time to build the model and messages classified per second,
 * each as a ratio against a baseline measured in the same run on the same machine:
 *
 * - build baseline: folding every example phrasing into a list, the least any matcher over the
 *   examples has to do at start-up;
 * - throughput baseline: for each message, a plain `String.includes` loop over those folded
 *   examples (the crudest matcher that still looks at every example).
 *
 * Run with `npx tsx bench/classify.ts`. Nothing here is asserted; it prints numbers.
 */
import { performance } from 'node:perf_hooks';
import { phrasings } from '../flows/phrasings/index.js';
import { fold } from '../src/understanding/normalise.js';
import { PhrasingClassifier } from '../src/understanding/phrasing-classifier.js';
import { labelled } from '../test/understanding/fixtures/labelled.js';
import { offTopic } from '../test/understanding/fixtures/off-topic.js';
import { vague } from '../test/understanding/fixtures/vague.js';

const BUILDS = 30;
/** Long enough that timer resolution and JIT warm-up are noise. */
const ROUNDS = 40;

const messages = [...labelled.map((l) => l.text), ...offTopic, ...vague];
const examples = Object.values(phrasings).flatMap((byTarget) =>
  Object.entries(byTarget).flatMap(([target, list]) => list.map((text) => ({ target, text }))),
);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median milliseconds of `run`, after one warm-up call. */
function time(times: number, run: () => void): number {
  run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function buildBaseline() {
  return examples.map(({ target, text }) => ({ target, folded: fold(text) }));
}

function includesBaseline(index: ReturnType<typeof buildBaseline>, text: string): string {
  const folded = fold(text);
  for (const { target, folded: example } of index) {
    if (folded.includes(example) || example.includes(folded)) return target;
  }
  return 'other';
}

let sink = 0; // keeps the optimiser from dropping work whose result is unused

const buildMs = time(BUILDS, () => {
  sink += new PhrasingClassifier() ? 1 : 0;
});
const baselineBuildMs = time(BUILDS, () => {
  sink += buildBaseline().length;
});

const classifier = new PhrasingClassifier();
const baselineIndex = buildBaseline();
const classifyMs = time(ROUNDS, () => {
  for (const text of messages) sink += classifier.classify(text).intent.confidence;
});
const baselineMs = time(ROUNDS, () => {
  for (const text of messages) sink += includesBaseline(baselineIndex, text).length;
});

const perSecond = (ms: number) => (messages.length / ms) * 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

console.log(
  `examples: ${examples.length}, messages per round: ${messages.length} (sink ${sink > 0 ? 'ok' : '0'})`,
);
console.log(
  `build:      ${buildMs.toFixed(2)} ms  (baseline ${baselineBuildMs.toFixed(3)} ms, ` +
    `${(buildMs / baselineBuildMs).toFixed(1)}x the baseline)`,
);
console.log(
  `throughput: ${fmt(perSecond(classifyMs))} messages/s  (baseline ${fmt(perSecond(baselineMs))} messages/s, ` +
    `${(perSecond(classifyMs) / perSecond(baselineMs)).toFixed(2)}x the baseline)`,
);
