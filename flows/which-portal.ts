import {
  ask,
  choice,
  endings,
  finalOutput,
  flow,
  goNextWith,
  initialContext,
  learn,
  navigation,
  say,
} from './common.js';
import type { ChoiceSpec } from './types.js';

const platform: ChoiceSpec = { id: 'platform', label: 'portal.choice.platform' };
const identity: ChoiceSpec = { id: 'identity', label: 'portal.choice.identity' };

/** Back to the path that asked, which continues with the portal now in the facts. */
const continueThen = goNextWith(({ context }) => context.then ?? 'triage');

const pick = (portal: 'platform' | 'identity') => ({
  guard: choice(portal),
  target: 'toNext',
  actions: [learn(() => ({ portal })), continueThen],
});

const picked = [pick('platform'), pick('identity')];

/**
 * Which of the two login pages the user's product uses. Asked by other paths (the engine passes
 * `then`), so it ends by handing back rather than helping.
 */
export const whichPortalMachine = flow.createMachine({
  id: 'whichPortal',
  context: initialContext,
  initial: 'question',
  output: finalOutput,
  on: navigation,
  states: {
    question: {
      entry: [
        say('portal.ask'),
        ask([platform, identity, { id: 'unsure', label: 'portal.choice.unsure' }]),
      ],
      on: {
        'user.choice': [...picked, { guard: choice('unsure'), target: 'unsure' }],
      },
    },
    unsure: {
      entry: [
        say('portal.tryBoth'),
        ask([platform, identity, { id: 'continue', label: 'portal.choice.continueUnsure' }]),
      ],
      on: {
        'user.choice': [
          ...picked,
          {
            guard: choice('continue'),
            target: 'toNext',
            actions: [learn(() => ({ portal: 'unsure' })), continueThen],
          },
        ],
      },
    },
    ...endings,
  },
});
