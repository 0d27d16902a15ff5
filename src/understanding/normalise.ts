import SearchableMap from 'minisearch/SearchableMap';
import {
  conceptOf,
  contextConcepts,
  lexiconWords,
  phrasesByFirstWord,
  stopWords,
} from './lexicon.js';

/** English negations glued to their verb, written with or without the apostrophe. */
const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bcan(?:no|['’`]?)t\b/g, 'can not'],
  [/\bwon['’`]?t\b/g, 'will not'],
  [/\b(\w+)n['’`]t\b/g, '$1 not'],
  [/\b(do|does|did|is|are|was|were|have|has|had|could|would|should|must)nt\b/g, '$1 not'],
  [/\bm['’`]n\b/g, 'mijn'],
  [/\bz['’`]n\b/g, 'zijn'],
  [/(^|\s)['’`]t\b/g, '$1het'],
];

/**
 * Lower case, no accents, negations spelled out, punctuation as spaces:
 * "Doesn't work — wachtwoord géén idee?" → "does not work wachtwoord geen idee".
 */
export function fold(text: string): string {
  let folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  for (const [pattern, replacement] of CONTRACTIONS) folded = folded.replace(pattern, replacement);

  return folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The folded words of a text. */
export function words(text: string): string[] {
  const folded = fold(text);
  return folded ? folded.split(' ') : [];
}

/** What a message says, in two forms. */
export interface Analysis {
  /** Its words after spelling correction and compound splitting, for language detection. */
  words: string[];
  /** Its meaningful terms: concepts and remaining content words, each once, in order. */
  terms: string[];
}

/** Two letters swapped count as one typo, not two (optimal string alignment distance). */
function typoDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Whether b is a with two neighbouring letters swapped. */
function isSwap(a: string, b: string): boolean {
  const i = [...a].findIndex((ch, k) => ch !== b[k]);
  return (
    i >= 0 &&
    a.length === b.length &&
    a[i] === b[i + 1] &&
    a[i + 1] === b[i] &&
    a.slice(i + 2) === b.slice(i + 2)
  );
}

/**
 * Whether `word` is likely `candidate` mistyped rather than another word. Measured on the
 * message catalogues and the help article: without these rules "iets" became "niets",
 * "means" became "mens" and "resetting" became "rejecting".
 * - The first letter is almost never the typo ("ooit" is not "nooit").
 * - Corrections land on words of four letters or more ("long" is not "log").
 * - In a four-letter word a changed letter is as likely another word ("last", "lost") as a
 *   typo; a missing, extra or swapped letter is not.
 * - Two typos only in long words, and only when the start and the end still agree.
 */
function plausibleTypo(word: string, candidate: string, distance: number): boolean {
  if (word[0] !== candidate[0] || candidate.length < 4) return false;
  if (word.length === 4 && candidate.length === 4 && !isSwap(word, candidate)) return false;
  if (distance < 2) return true;

  return word.slice(0, 3) === candidate.slice(0, 3) && word.at(-1) === candidate.at(-1);
}

/**
 * How many typos a word of this length may carry. Short words are left alone: "pin" and "pen"
 * are both words, and a wrong correction costs more than a missed one.
 */
const allowedTypos = (length: number) => (length >= 9 ? 2 : length >= 4 ? 1 : 0);

/** Endings tried when a word is unknown but its stem is not ("organisaties" → "organisatie"). */
const SUFFIXES = ['s', 'es', 'en', 'n', 'e', 'ed', 'd', 'ing', 't', 'je', 'tje'];

/**
 * Turns text into the terms the classifier compares. Knows the lexicon and every word of the
 * example phrasings; an unknown word is stemmed, split as a compound ("wachtwoordvergeten"), or
 * corrected to a known word within one or two typos, in that order.
 */
export class Normaliser {
  private readonly vocabulary = new SearchableMap<true>();

  constructor(extraWords: Iterable<string> = []) {
    for (const word of lexiconWords()) this.vocabulary.set(word, true);
    for (const word of extraWords)
      if (word.length > 1 && !/^\d+$/.test(word)) this.vocabulary.set(word, true);
  }

  analyse(text: string): Analysis {
    const resolved = words(text).flatMap((w) => this.resolve(w));
    const terms = new Set<string>();
    for (const token of this.joinPhrases(resolved)) {
      const concept = conceptOf.get(token);
      // Every product name also says "a product", so an example naming Platform helps a
      // message naming PSB.
      if (concept && contextConcepts.has(concept)) terms.add(concept).add('product');
      else if (concept) terms.add(concept);
      // A number alone says nothing ("3 times", "after 15 minutes"); "office 365" was a phrase.
      else if (!stopWords.has(token) && !/^\d+$/.test(token)) terms.add(token);
    }

    return { words: resolved, terms: [...terms] };
  }

  terms(text: string): string[] {
    return this.analyse(text).terms;
  }

  private known(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** One folded word → the known word(s) it stands for, or itself when nothing fits. */
  private resolve(word: string): string[] {
    if (/^\d+$/.test(word)) return [word];
    if (conceptOf.has(word) || stopWords.has(word)) return [word];

    // Compounds first: an example may use "inlogpagina" as a word, and its parts mean more.
    const parts = this.split(word);
    if (parts) return parts;
    if (this.known(word)) return [word];

    return [this.stem(word) ?? this.correct(word) ?? word];
  }

  private stem(word: string): string | undefined {
    for (const suffix of SUFFIXES) {
      if (!word.endsWith(suffix)) continue;
      const base = word.slice(0, -suffix.length);
      if (base.length >= 3 && this.known(base)) return base;
      // "resetting" → "resett" → "reset", "scanning" → "scan"
      if (base.length >= 4 && base.at(-1) === base.at(-2) && this.known(base.slice(0, -1)))
        return base.slice(0, -1);
    }
    return undefined;
  }

  /** A part of a compound: a lexicon word (even "ww"), or a known content word of 4+ letters. */
  private isPart(part: string): boolean {
    if (conceptOf.has(part)) return true;
    return part.length >= 4 && this.known(part) && !stopWords.has(part);
  }

  /**
   * Splits a run-together word into known parts, longest first part first, allowing the Dutch
   * linking "s" ("uitnodigingsmail"). Two or three parts; anything longer is more likely a
   * word we do not know than a compound.
   */
  private split(word: string, depth = 0): string[] | undefined {
    if (word.length < 5 || depth > 1) return undefined;
    for (let i = word.length - 2; i >= 2; i--) {
      const head = word.slice(0, i);
      if (!this.isPart(head)) continue;
      const rest = word.slice(i);
      for (const tail of rest.startsWith('s') && rest.length > 3 ? [rest, rest.slice(1)] : [rest]) {
        if (this.isPart(tail)) return [head, tail];
        const more = this.split(tail, depth + 1);
        if (more) return [head, ...more];
      }
    }
    return undefined;
  }

  /** The nearest known word within the allowed typos; lexicon concepts win ties. */
  private correct(word: string): string | undefined {
    const allowed = allowedTypos(word.length);
    if (allowed === 0) return undefined;

    // Levenshtein counts a swap of two letters as two edits; fetch wide, then judge with swaps.
    const candidates = [...this.vocabulary.fuzzyGet(word, allowed + 1).keys()]
      .map((candidate) => ({ candidate, distance: typoDistance(word, candidate) }))
      .filter(
        ({ candidate, distance }) =>
          distance <= allowed && plausibleTypo(word, candidate, distance),
      )
      .sort(
        (a, b) =>
          a.distance - b.distance ||
          Number(conceptOf.has(b.candidate)) - Number(conceptOf.has(a.candidate)) ||
          Math.abs(a.candidate.length - word.length) - Math.abs(b.candidate.length - word.length) ||
          (a.candidate < b.candidate ? -1 : 1),
      );

    return candidates[0]?.candidate;
  }

  /** Replaces known multi-word phrases ("two factor", "log in") by their concept. */
  private joinPhrases(tokens: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length;) {
      const phrase = phrasesByFirstWord
        .get(tokens[i]!)
        ?.find((p) => p.tokens.every((t, k) => tokens[i + k] === t));
      if (phrase) {
        out.push(phrase.concept);
        i += phrase.tokens.length;
      } else {
        out.push(tokens[i]!);
        i += 1;
      }
    }

    return out;
  }
}
