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
  tried,
} from './common.js';
import { emailSteps, failedState, limitedState, question } from './steps.js';

/**
 * A reset on the identity server only works for a verified address (the article). Resends the
 * verification link, then offers the reset again. Only identity has verification, so the portal
 * is fixed here rather than asked.
 */
export const unverifiedEmailMachine = flow.createMachine({
  id: 'unverifiedEmail',
  context: initialContext,
  initial: 'explain',
  output: finalOutput,
  on: navigation,
  states: {
    explain: question(
      [tried('unverifiedEmail'), say('unverified.explain')],
      [
        { id: 'resend', label: 'unverified.choice.resend', target: 'email' },
        {
          id: 'human',
          label: 'common.choice.human',
          target: 'toHuman',
          actions: because('reset_mail_missing'),
        },
      ],
    ),
    ...emailSteps('unverified.askEmail', 'sending'),
    sending: {
      invoke: {
        src: 'resendVerification',
        input: ({ context }) => ({ email: context.facts.email!, portal: 'identity' as const }),
        onDone: { target: 'afterSend', actions: 'keepResult' },
        onError: 'failed',
      },
    },
    afterSend: {
      always: [
        { guard: 'lastOk', target: 'sent', actions: tried('action:verificationResend') },
        { guard: 'lastLimited', target: 'limited' },
        { target: 'failed' },
      ],
    },
    sent: {
      entry: [
        say('unverified.sent', ({ context }) => ({ email: context.facts.email ?? '' })),
        say('forgot.checkSpam'),
        ask([
          { id: 'reset', label: 'unverified.choice.resetAgain' },
          { id: 'noMail', label: 'unverified.choice.noMail' },
        ]),
      ],
      on: {
        'user.choice': [
          // The reset belongs to identity too; saying so spares the user the portal question.
          {
            guard: choice('reset'),
            target: 'toForgotPassword',
            actions: learn(() => ({ portal: 'identity' })),
          },
          { guard: choice('noMail'), target: 'toHuman', actions: because('reset_mail_missing') },
        ],
      },
    },
    limited: limitedState,
    failed: failedState('sending'),
    toForgotPassword: handOver('forgotPassword'),
    ...endings,
  },
});
