import type { Locale } from '../../flows/types.js';
import { languageWords, screenTexts } from './lexicon.js';

/** Removes quoted passages of the product's own screens ("Invalid username or password"). */
function withoutScreenTexts(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    const quoted = screenTexts.find((text) => text.every((w, k) => words[i + k] === w));
    if (quoted) i += quoted.length;
    else out.push(words[i++]!);
  }

  return out;
}

/**
 * The language a message is written in: the one more of its words belong to only. A message
 * mixing both goes to the majority; a tie, or no telling word at all ("ok", "2FA?"), gives
 * undefined, so the conversation keeps the language it had. Quoted screen texts do not count:
 * they are the product's language, not the user's.
 */
export function detectLocale(words: readonly string[]): Locale | undefined {
  let en = 0;
  let nl = 0;
  for (const word of withoutScreenTexts(words)) {
    if (languageWords.en.has(word)) en += 1;
    if (languageWords.nl.has(word)) nl += 1;
  }

  if (en === nl) return undefined;
  return en > nl ? 'en' : 'nl';
}
