/**
 * State fragments several paths share: getting the login address, "did this solve it?", and the
 * answers to an action that was rate limited or failed. Spread them into a machine's `states`;
 * their targets are sibling states of the machine that uses them.
 */
import { ask, because, choice, feedback, learn, learnEmail, say } from './common.js';
import type { ChoiceSpec, FlowId, InputSpec } from './types.js';

const emailInput: InputSpec = { kind: 'email', label: 'common.input.email' };

/** A button of a `question`, with where it leads and what it does on the way. */
export interface Answer extends ChoiceSpec {
  target: string;
  actions?: ReturnType<typeof learn> | Array<ReturnType<typeof learn>>;
}

/**
 * A question state: what is said first (`before`, in order), the buttons, and where each leads.
 * Each button is written once, with its target, instead of once in `ask` and again in `on`.
 */
export const question = <B extends readonly object[]>(before: B, answers: Answer[]) => ({
  entry: [
    ...before,
    ask(answers.map(({ id, label, params }) => (params ? { id, label, params } : { id, label }))),
  ] as [...B, ReturnType<typeof ask>],
  on: {
    'user.choice': answers.map(({ id, target, actions }) =>
      actions ? { guard: choice(id), target, actions } : { guard: choice(id), target },
    ),
  },
});
const human = { id: 'human', label: 'common.choice.human' };

/**
 * `email` → (`confirmEmail` | `askEmail`) → `next`. The choice is made before anything is said,
 * so a known address is confirmed without first being asked for (one question per turn).
 */
export const emailSteps = (promptKey: string, next: string) => ({
  email: {
    always: [{ guard: 'emailKnown' as const, target: 'confirmEmail' }, { target: 'askEmail' }],
  },
  askEmail: {
    entry: [say(promptKey), ask([], emailInput)],
    on: { 'user.email': { target: next, actions: learnEmail } },
  },
  confirmEmail: {
    entry: [
      say('common.confirmEmail', ({ context }) => ({ email: context.facts.email ?? '' })),
      ask(
        [
          { id: 'same', label: 'common.choice.sameEmail' },
          { id: 'other', label: 'common.choice.otherEmail' },
        ],
        emailInput,
      ),
    ],
    on: {
      'user.choice': [
        { guard: choice('same'), target: next },
        {
          guard: choice('other'),
          target: 'askEmail',
          actions: learn(() => ({ email: undefined })),
        },
      ],
      'user.email': { target: next, actions: learnEmail },
    },
  },
});

/** After a reset e-mail was sent: the time it left, which the reset-missing path waits from. */
export const learnResetTime = learn(({ context }) => ({
  resetRequestedAt: context.last?.status === 'ok' ? context.last.at : undefined,
}));

/** "Yes, solved": thank the user and end resolved. */
export const solvedYes = (flowId: FlowId) => ({
  guard: choice('yes'),
  target: 'resolved',
  actions: [feedback(flowId, true), say('common.solved.thanks')],
});

/** "No, not yet": record it and lead on from `target`. */
export const solvedNo = (flowId: FlowId, target: string) => ({
  guard: choice('no'),
  target,
  actions: feedback(flowId, false),
});

/** The limit protects the address; the only way on is a person (or waiting, said in words). */
export const limitedState = {
  entry: [
    say('common.limited', ({ context }) => ({
      minutes: context.last?.status === 'limited' ? context.last.retryAfterMinutes : 60,
    })),
    ask([human]),
  ],
  on: {
    'user.choice': { guard: choice('human'), target: 'toHuman', actions: because('rate_limited') },
  },
};

/** Nothing was sent; the user may try the same action again (`retry`) or talk to a person. */
export const failedState = (retry: string) => ({
  entry: [say('common.actionFailed'), ask([{ id: 'retry', label: 'common.choice.retry' }, human])],
  on: {
    'user.choice': [
      { guard: choice('retry'), target: retry },
      { guard: choice('human'), target: 'toHuman', actions: because('action_failed') },
    ],
  },
});

/** A dead end the article cannot get past: say why, and offer a person. */
export const humanOnly = (key: string, reason: string) => ({
  entry: [say(key), ask([human])],
  on: {
    'user.choice': { guard: choice('human'), target: 'toHuman', actions: because(reason) },
  },
});
