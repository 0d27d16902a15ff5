import { catalogues } from '../../flows/render.js';
import { LOCALES, type ChoiceSpec, type Locale } from '../../flows/types.js';
import type { NavId } from './output.js';

/** Folds case, accents, punctuation and spacing so "Ja, opgelost!" matches "ja opgelost". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const NAV_WORDS: Record<NavId, string[]> = {
  'nav.back': ['back', 'go back', 'terug', 'vorige'],
  'nav.restart': [
    'start over',
    'restart',
    'opnieuw',
    'opnieuw beginnen',
    'begin opnieuw',
    'reset chat',
  ],
  'nav.human': [
    'human',
    'agent',
    'person',
    'talk to a person',
    'medewerker',
    'mens',
    'iemand spreken',
  ],
};

/**
 * Matches typed text to one of the offered choices: by its number ("2"), or by its rendered
 * label in either language. Returns the choice id, or undefined.
 */
export function matchChoice(
  text: string,
  choices: ChoiceSpec[],
  navIds: NavId[],
  label: (locale: Locale, choice: ChoiceSpec) => string,
): string | undefined {
  const typed = fold(text);
  if (!typed) return undefined;
  if (/^\d{1,2}$/.test(typed)) return choices[Number(typed) - 1]?.id;

  for (const choice of choices) {
    // Labels are compared as the user saw them, placeholders filled in.
    if (LOCALES.some((locale) => fold(label(locale, choice)) === typed)) return choice.id;
  }
  for (const id of navIds) {
    const labels = LOCALES.map((l) =>
      fold((catalogues[l] as Record<string, string>)[`engine.${id}`] ?? ''),
    );
    if ([...labels, ...NAV_WORDS[id]].includes(typed)) return id;
  }
  return undefined;
}
