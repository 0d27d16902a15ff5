import type { Intent, Locale } from '../../flows/types.js';

export interface Classification {
  intent: Intent;
  /** The language the text is written in, when it can tell. */
  locale?: Locale;
}

/** Turns a user's own words into a help path. Runs in-process, no network. */
export interface Classifier {
  classify(text: string): Classification;
}
