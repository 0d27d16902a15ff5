import {
  ask,
  because,
  choice,
  endings,
  finalOutput,
  flow,
  handOver,
  initialContext,
  learn,
  navigation,
  say,
  solvedChoices,
  tried,
} from './common.js';
import {
  emailSteps,
  failedState,
  learnResetTime,
  limitedState,
  question,
  solvedNo,
  solvedYes,
} from './steps.js';
import { and } from 'xstate';
import type { Portal } from './types.js';

const portalOf = ({ context }: { context: { facts: { portal?: string } } }) => ({
  portal: context.facts.portal as Portal,
});

const solvedOrNoMail = [...solvedChoices, { id: 'noMail', label: 'forgot.choice.noMail' }];

/**
 * "Forgot password" / "Invalid username or password": hints first, then the real reset e-mail
 * for the user's portal, then "did this solve it?".
 */
export const forgotPasswordMachine = flow.createMachine({
  id: 'forgotPassword',
  context: initialContext,
  initial: 'start',
  output: finalOutput,
  on: navigation,
  states: {
    start: {
      always: [
        // "I have verified, send the reset link": the address and login page are known and the
        // hints were read; the button does what it says.
        {
          guard: and([
            { type: 'cameFrom', params: { flow: 'unverifiedEmail' as const } },
            'portalKnown',
            'emailKnown',
          ]),
          target: 'sending',
          actions: tried('forgotPassword'),
        },
        { guard: 'portalKnown', target: 'hints' },
        // "Not sure" stays an answer elsewhere, but a reset goes to one login page at a time.
        { guard: 'portalGiven', target: 'pickPortal' },
        { target: 'needPortal' },
      ],
    },
    needPortal: handOver('whichPortal'),
    pickPortal: question(
      [say('forgot.pickPortal')],
      [
        {
          id: 'platform',
          label: 'portal.choice.platform',
          target: 'hints',
          actions: learn(() => ({ portal: 'platform' })),
        },
        {
          id: 'identity',
          label: 'portal.choice.identity',
          target: 'hints',
          actions: learn(() => ({ portal: 'identity' })),
        },
      ],
    ),
    hints: {
      entry: [
        tried('forgotPassword'),
        say('forgot.hints', portalOf),
        ask([
          { id: 'reset', label: 'forgot.choice.reset' },
          { id: 'worked', label: 'forgot.choice.hintWorked' },
        ]),
      ],
      on: {
        'user.choice': [
          { ...solvedYes('forgotPassword'), guard: choice('worked') },
          { guard: choice('reset'), target: 'email' },
        ],
      },
    },
    ...emailSteps('forgot.askEmail', 'sending'),
    sending: {
      invoke: {
        src: 'sendPasswordReset',
        input: ({ context }) => ({
          email: context.facts.email!,
          portal: context.facts.portal as Portal,
        }),
        onDone: { target: 'afterSend', actions: 'keepResult' },
        onError: 'failed',
      },
    },
    afterSend: {
      always: [
        {
          guard: 'lastOk',
          target: 'sent',
          actions: [tried('action:passwordReset'), learnResetTime],
        },
        { guard: 'lastLimited', target: 'limited' },
        { target: 'failed' },
      ],
    },
    sent: {
      entry: [
        say('forgot.sent', ({ context }) => ({
          email: context.facts.email ?? '',
          portal: context.facts.portal as Portal,
        })),
        say('forgot.checkSpam'),
      ],
      always: [
        { guard: { type: 'portalIs', params: { portal: 'identity' } }, target: 'sentIdentity' },
        { target: 'solvedAfterReset' },
      ],
    },
    sentIdentity: {
      entry: say('forgot.identityNeedsVerified'),
      always: 'solvedAfterReset',
    },
    solvedAfterReset: {
      entry: [say('common.solved.ask'), ask(solvedOrNoMail)],
      on: {
        'user.choice': [
          solvedYes('forgotPassword'),
          solvedNo('forgotPassword', 'notSolved'),
          { guard: choice('noMail'), target: 'toResetMissing' },
        ],
      },
    },
    notSolved: question(
      [say('forgot.notSolved')],
      [
        { id: 'wrongPortal', label: 'common.choice.tryOtherPortal', target: 'toWrongPortal' },
        { id: 'noMail', label: 'forgot.choice.noMail', target: 'toResetMissing' },
        {
          id: 'human',
          label: 'common.choice.human',
          target: 'toHuman',
          actions: because('reset_did_not_help'),
        },
      ],
    ),
    limited: limitedState,
    failed: failedState('sending'),
    toResetMissing: handOver('resetMissing'),
    toWrongPortal: handOver('wrongPortal'),
    ...endings,
  },
});
