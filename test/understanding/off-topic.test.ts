import { describe, expect, it } from 'vitest';
import { CONFIDENT } from '../../flows/triage.js';
import { PhrasingClassifier } from '../../src/understanding/phrasing-classifier.js';
import { offTopic } from './fixtures/off-topic.js';
import { vague } from './fixtures/vague.js';

const classifier = new PhrasingClassifier();

/** A message is "not sent down a path" when it is 'other' or below the go-straight threshold. */
function asked(texts: string[]) {
  const confident = texts
    .map((text) => ({ text, intent: classifier.classify(text).intent }))
    .filter(({ intent }) => intent.flow !== 'other' && intent.confidence >= CONFIDENT);
  return { rate: 1 - confident.length / texts.length, confident };
}

describe('understanding: messages that are no login problem', () => {
  it('answers at least 90% of off-topic messages with the menu, not a path', () => {
    const { rate, confident } = asked(offTopic);
    const leaks = confident
      .map(({ text, intent }) => `\n  ${intent.flow} ${intent.confidence}  "${text}"`)
      .join('');
    console.log(
      `off-topic: ${(rate * 100).toFixed(1)}% not sent down a path (${offTopic.length} messages)${leaks}`,
    );

    expect(rate).toBeGreaterThanOrEqual(0.9);
  });

  it('asks instead of guessing for at least 90% of messages that do not say what is wrong', () => {
    const { rate, confident } = asked(vague);
    const leaks = confident
      .map(({ text, intent }) => `\n  ${intent.flow} ${intent.confidence}  "${text}"`)
      .join('');
    console.log(
      `vague: ${(rate * 100).toFixed(1)}% asked instead of guessed (${vague.length} messages)${leaks}`,
    );

    expect(rate).toBeGreaterThanOrEqual(0.9);
  });

  it('returns no path and no buttons for a greeting or thanks alone', () => {
    for (const text of ['hi', 'Hallo!', 'thanks', 'bedankt!', 'goedemorgen', '   ', '']) {
      expect(classifier.classify(text).intent, text).toMatchObject({
        flow: 'other',
        alternatives: [],
      });
    }
  });
});
