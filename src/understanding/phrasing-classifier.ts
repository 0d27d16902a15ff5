import MiniSearch from 'minisearch';
import {
  phrasings as defaultPhrasings,
  type PhrasingTarget,
  type Phrasings,
} from '../../flows/phrasings/index.js';
import type { FlowId, Locale } from '../../flows/types.js';
import { detectLocale } from './language.js';
import { contextConcepts } from './lexicon.js';
import { Normaliser, words } from './normalise.js';
import type { Classification, Classifier } from './types.js';

interface Example {
  id: number;
  target: PhrasingTarget;
  terms: string[];
  /** Sum of the example's term weights. */
  weight: number;
}

interface Scored {
  target: PhrasingTarget;
  /** Likeness of the best example, discounted when it shares little specific meaning. */
  score: number;
}

/**
 * Weight of a message word no example uses. Lower than any known term (the lowest is ln 2):
 * a long message full of words about the user's day should still reach its path, while a
 * message that is mostly about something else ("can I pay by credit card") should not.
 */
const UNKNOWN_WEIGHT = 0.5;

/**
 * How much more it counts that an example is fully present in the message than that the whole
 * message is explained by the example. Users wrap a known symptom in words of their own.
 */
const BETA = 1.6;

/**
 * Squared term weights a match needs before it counts in full: about one word that at most
 * three paths use. Below it, a message of only common words ("I can't log in": not + login)
 * matching a short example completely is still a guess, and the user gets buttons.
 */
const EVIDENCE_FULL = 4;

/**
 * How far a runner-up path that scores as well as the best one lowers the confidence. Kept
 * mild: both were measured on the labelled set and on leave-one-out over the examples, and a
 * steep discount cost more right answers than it saved wrong ones.
 */
const TIE_DISCOUNT = 0.25;

/** Share of a product name's weight that counts as evidence (see `contextConcepts`). */
const CONTEXT_EVIDENCE = 0.25;

/** Paths scoring below this are not worth offering as a button. */
const SUGGEST_MIN = 0.3;

const MAX_ALTERNATIVES = 3;

/**
 * Classifies a message by the example phrasings it resembles (flows/phrasings).
 *
 * Both the examples and the message are reduced to terms by the {@link Normaliser} (one term per
 * concept in either language, typos corrected), and the examples are indexed with MiniSearch.
 * A message is compared with every example sharing a term: how much of the example it contains
 * and how much of the message the example explains, each word weighted by how few paths use it.
 * A path scores as its best example; the confidence falls when a second path scores close, so
 * an ambiguous message gets buttons instead of a confident wrong guess.
 */
export class PhrasingClassifier implements Classifier {
  private readonly normaliser: Normaliser;
  private readonly examples: Example[] = [];
  private readonly weights = new Map<string, number>();
  private readonly index = new MiniSearch<{ id: number; terms: string }>({
    fields: ['terms'],
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term,
  });

  constructor(source: Readonly<Record<Locale, Phrasings>> = defaultPhrasings) {
    const entries = Object.entries(source).flatMap(([locale, byTarget]) =>
      Object.entries(byTarget).flatMap(([target, list]) =>
        list.map((text) => ({ locale, target: target as PhrasingTarget, text })),
      ),
    );
    this.normaliser = new Normaliser(entries.flatMap(({ text }) => words(text)));

    const targetsOf = new Map<string, Set<PhrasingTarget>>();
    const analysed = entries.map((entry) => {
      const terms = this.normaliser.terms(entry.text);
      if (terms.length === 0) {
        throw new Error(
          `Example phrasing "${entry.text}" (${entry.locale}, ${entry.target}) has no meaningful words; ` +
            'add a word that says what is wrong, or remove it.',
        );
      }
      for (const term of terms)
        targetsOf.set(term, (targetsOf.get(term) ?? new Set()).add(entry.target));
      return { ...entry, terms };
    });

    const targetCount = new Set(entries.map((e) => e.target)).size;
    for (const [term, targets] of targetsOf)
      this.weights.set(term, Math.log(1 + targetCount / targets.size));

    for (const { target, terms } of analysed) {
      const id = this.examples.length;
      this.examples.push({ id, target, terms, weight: this.sum(terms) });
    }
    this.index.addAll(this.examples.map(({ id, terms }) => ({ id, terms: terms.join(' ') })));
  }

  classify(text: string): Classification {
    const analysis = this.normaliser.analyse(text);
    const locale = detectLocale(analysis.words);
    const ranked = this.rank(analysis.terms);

    const paths = ranked.filter((s): s is Scored & { target: FlowId } => s.target !== 'other');
    const alternatives = paths
      .filter((s) => s.score >= SUGGEST_MIN)
      .slice(0, MAX_ALTERNATIVES)
      .map((s) => s.target);
    const [best, second] = ranked;

    const intent =
      !best || best.target === 'other' || best.score < SUGGEST_MIN
        ? { flow: 'other' as const, confidence: round(1 - (paths[0]?.score ?? 0)), alternatives }
        : {
            flow: best.target,
            confidence: round(confidence(best.score, second?.score ?? 0)),
            alternatives,
          };

    const general = generalLoginTrouble(analysis.terms, intent);
    return locale ? { intent: general ?? intent, locale } : { intent: general ?? intent };
  }

  /** Every target sharing a term with the message, best first. */
  private rank(terms: string[]): Scored[] {
    if (terms.length === 0) return [];
    const messageWeight = terms.reduce(
      (sum, t) => sum + (this.weights.get(t) ?? UNKNOWN_WEIGHT),
      0,
    );

    const best = new Map<PhrasingTarget, Scored>();
    for (const hit of this.index.search(terms.join(' '), { combineWith: 'OR' })) {
      const example = this.examples[hit.id as number]!;
      const shared = this.sum(hit.terms);
      const score = fScore(shared / messageWeight, shared / example.weight);
      const evidence = this.evidence(hit.terms);
      const supported = score * Math.min(1, evidence / EVIDENCE_FULL);
      if (supported > (best.get(example.target)?.score ?? 0))
        best.set(example.target, { target: example.target, score: supported });
    }

    return [...best.values()].sort((a, b) => b.score - a.score || (a.target < b.target ? -1 : 1));
  }

  /** Squared, so one specific word counts for more than several common ones together. */
  private evidence(terms: string[]): number {
    return terms.reduce(
      (sum, t) =>
        sum + (this.weights.get(t) ?? 0) ** 2 * (contextConcepts.has(t) ? CONTEXT_EVIDENCE : 1),
      0,
    );
  }

  private sum(terms: string[]): number {
    return terms.reduce((sum, t) => sum + (this.weights.get(t) ?? 0), 0);
  }
}

/** Weighted harmonic mean of precision (message explained) and recall (example present). */
function fScore(precision: number, recall: number): number {
  if (precision === 0 || recall === 0) return 0;
  const b2 = BETA * BETA;

  return ((1 + b2) * precision * recall) / (b2 * precision + recall);
}

/** The best path's score, discounted as the runner-up comes close to it. */
function confidence(best: number, second: number): number {
  const closeness = second / best;

  return best * (1 - TIE_DISCOUNT * closeness ** 4);
}

const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 1000) / 1000;

/**
 * The article's diagnosis table, most common first: what "I can't log in" usually means.
 * Offered as buttons when a message says no more than that.
 */
const COMMON_CAUSES: FlowId[] = ['wrongPortal', 'forgotPassword', 'codeRejected'];

/**
 * "I can't log in" / "ik kan niet inloggen" names no cause, so no path fits; rather than "I did not
 * understand", the user gets the likeliest causes to pick from (at a confidence that never
 * sends them down one).
 */
function generalLoginTrouble(
  terms: string[],
  intent: Classification['intent'],
): Classification['intent'] | undefined {
  if (intent.flow !== 'other' && intent.confidence >= 0.6) return undefined;
  const aboutGettingIn = terms.includes('login') || terms.includes('access');
  if (!aboutGettingIn || !terms.includes('not')) return undefined;
  const alternatives = [...new Set([...intent.alternatives, ...COMMON_CAUSES])].slice(
    0,
    MAX_ALTERNATIVES,
  );
  return { flow: 'other', confidence: 0.3, alternatives };
}
