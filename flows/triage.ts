import {
  ask,
  askWith,
  because,
  choice,
  endings,
  finalOutput,
  flow,
  goNext,
  goNextWith,
  initialContext,
  navigation,
  say,
} from './common.js';
import type { ChoiceSpec, FlowEvent, FlowId } from './types.js';

/** The paths a user can pick from the first question, in the order they are offered. */
export const triagePaths = [
  'wrongPortal',
  'forgotPassword',
  'resetMissing',
  'setup2fa',
  'codeRejected',
  'lostPhone',
  'sso',
  'invitedUser',
  'noOrganisations',
  'no2faOption',
] as const satisfies readonly FlowId[];

/**
 * Paths the user's own words may lead to as well: these are reached through other paths from the
 * menu, but someone who asks for them in so many words should not have to find the way.
 */
export const textPaths = [
  ...triagePaths,
  'whichPortal',
  'unverifiedEmail',
  'escalation',
] as const satisfies readonly FlowId[];

/**
 * Below this the classifier's first guess is wrong often enough that asking costs the user less
 * than being sent down the wrong path.
 */
export const CONFIDENT = 0.6;

/** Few enough buttons to read on a phone screen, next to "something else". */
const MAX_SUGGESTIONS = 3;

const pathChoice = (id: FlowId): ChoiceSpec => ({ id, label: `triage.choice.${id}` });

const menu: ChoiceSpec[] = [
  ...triagePaths.map(pathChoice),
  { id: 'other', label: 'triage.choice.other' },
];

const intentOf = (event: FlowEvent) => (event.type === 'user.text' ? event.intent : undefined);

const suggestions = (event: FlowEvent): FlowId[] =>
  (intentOf(event)?.alternatives ?? [])
    .filter((id) => (textPaths as readonly FlowId[]).includes(id))
    .slice(0, MAX_SUGGESTIONS);

const paths = { paths: textPaths };

/** Free text, wherever it arrives in triage: go, suggest, or ask again. */
const onText = [
  // Asking for a person needs no "sounds like" sentence: the escalation path says it takes over.
  {
    guard: {
      type: 'intentConfident' as const,
      params: { min: CONFIDENT, paths: ['escalation'] as FlowId[] },
    },
    target: '.toHuman',
    actions: because('asked_for_person'),
  },
  {
    guard: { type: 'intentConfident' as const, params: { min: CONFIDENT, ...paths } },
    target: '.understood',
  },
  { guard: { type: 'intentHasAlternatives' as const, params: paths }, target: '.suggest' },
  { target: '.menu', reenter: true, actions: say('triage.notUnderstood') },
];

const toPerson = { guard: choice('other'), target: 'toHuman', actions: because('other') };
const askedForPerson = {
  guard: choice('escalation'),
  target: 'toHuman',
  actions: because('asked_for_person'),
};

const toChosenPath = [
  askedForPerson,
  ...textPaths
    .filter((id) => id !== 'escalation')
    .map((id) => ({ guard: choice(id), target: 'toNext', actions: goNext(id) })),
];

/**
 * The start of every conversation: what is wrong? By button, or by the user's own words as the
 * engine's classifier understood them.
 */
export const triageMachine = flow.createMachine({
  id: 'triage',
  context: initialContext,
  initial: 'welcome',
  output: finalOutput,
  on: { ...navigation, 'user.text': onText },
  states: {
    welcome: {
      entry: say('triage.welcome'),
      always: 'menu',
    },
    menu: {
      entry: [say('triage.ask'), ask(menu)],
      on: {
        'user.choice': [...toChosenPath, toPerson],
      },
    },
    understood: {
      entry: [
        say('triage.understood', ({ event }) => ({
          pathKey: `engine.topic.${intentOf(event)?.flow}`,
        })),
        goNextWith(({ event }) => intentOf(event)?.flow as FlowId),
      ],
      always: 'toNext',
    },
    suggest: {
      entry: [
        say('triage.suggest'),
        askWith(({ event }) => ({
          choices: [
            ...suggestions(event).map(pathChoice),
            { id: 'else', label: 'triage.choice.else' },
          ],
        })),
      ],
      on: {
        'user.choice': [...toChosenPath, { guard: choice('else'), target: 'menu' }],
      },
    },
    ...endings,
  },
});
