import type { Locale } from '../types.js';
import { en } from './en.js';
import { nl } from './nl.js';
import type { Phrasings } from './types.js';

export type { PhrasingTarget, Phrasings } from './types.js';

/** Example phrasings per language. Adding a language means adding a file and a line here. */
export const phrasings: Readonly<Record<Locale, Phrasings>> = { en, nl };
