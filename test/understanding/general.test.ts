import { describe, expect, it } from 'vitest';
import { PhrasingClassifier } from '../../src/understanding/phrasing-classifier.js';

const classifier = new PhrasingClassifier();

describe('a message that only says logging in fails', () => {
  for (const text of [
    "I can't log in",
    'I cannot log in',
    'ik kan niet inloggen',
    'inloggen lukt niet',
    'login not working',
  ]) {
    it(`offers the article's common causes for "${text}" without choosing one`, () => {
      const { intent } = classifier.classify(text);
      expect(intent.confidence).toBeLessThan(0.6);
      expect(intent.alternatives).toEqual(
        expect.arrayContaining(['wrongPortal', 'forgotPassword']),
      );
    });
  }

  it('leaves a message that names the cause to that cause', () => {
    expect(classifier.classify('I cannot log in, forgot my password').intent.flow).toBe(
      'forgotPassword',
    );
  });
});
