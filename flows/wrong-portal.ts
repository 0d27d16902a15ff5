import {
  ask,
  because,
  choice,
  endings,
  finalOutput,
  flow,
  handOver,
  initialContext,
  navigation,
  say,
  sayWith,
  solvedChoices,
  tried,
} from './common.js';
import { emailSteps, failedState, limitedState, question, solvedNo, solvedYes } from './steps.js';

/**
 * "My account does not exist" / "Email address has no account": by far most often the other
 * login page. Gives the right page for the product, and can e-mail the address which page it
 * belongs to (told only to the address itself, so nothing is revealed here).
 */
export const wrongPortalMachine = flow.createMachine({
  id: 'wrongPortal',
  context: initialContext,
  initial: 'start',
  output: finalOutput,
  on: navigation,
  states: {
    start: {
      always: [{ guard: 'portalGiven', target: 'explain' }, { target: 'needPortal' }],
    },
    needPortal: handOver('whichPortal'),
    explain: {
      entry: [
        tried('wrongPortal'),
        sayWith(({ context }) =>
          context.facts.portal === 'unsure'
            ? { key: 'wrong.tryBoth' }
            : { key: 'wrong.explain', params: { portal: context.facts.portal ?? 'platform' } },
        ),
      ],
      always: 'didItWork',
    },
    didItWork: {
      entry: [
        say('wrong.askWorked'),
        ask([...solvedChoices, { id: 'locate', label: 'wrong.choice.locate' }]),
      ],
      on: {
        'user.choice': [
          solvedYes('wrongPortal'),
          solvedNo('wrongPortal', 'notSolved'),
          { guard: choice('locate'), target: 'email' },
        ],
      },
    },
    ...emailSteps('wrong.askEmail', 'locating'),
    locating: {
      invoke: {
        src: 'sendAccountLocator',
        input: ({ context }) => ({ email: context.facts.email! }),
        onDone: { target: 'afterLocate', actions: 'keepResult' },
        onError: 'failed',
      },
    },
    afterLocate: {
      // The reply reads the same whether or not the address has an account.
      always: [
        { guard: 'lastOk', target: 'located', actions: tried('action:accountLocator') },
        { guard: 'lastLimited', target: 'limited' },
        { target: 'failed' },
      ],
    },
    located: {
      entry: [
        say('wrong.locatorSent', ({ context }) => ({ email: context.facts.email ?? '' })),
        say('forgot.checkSpam'),
        say('common.solved.ask'),
        ask(solvedChoices),
      ],
      on: {
        'user.choice': [solvedYes('wrongPortal'), solvedNo('wrongPortal', 'notSolved')],
      },
    },
    notSolved: question(
      [say('wrong.notSolved')],
      [
        { id: 'forgotPassword', label: 'wrong.choice.forgotPassword', target: 'toForgotPassword' },
        { id: 'invited', label: 'wrong.choice.invited', target: 'toInvitedUser' },
        {
          id: 'human',
          label: 'common.choice.human',
          target: 'toHuman',
          actions: because('asked_for_person'),
        },
      ],
    ),
    limited: limitedState,
    failed: failedState('locating'),
    toForgotPassword: handOver('forgotPassword'),
    toInvitedUser: handOver('invitedUser'),
    ...endings,
  },
});
