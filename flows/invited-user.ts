import {
  ask,
  choice,
  endings,
  finalOutput,
  flow,
  handOver,
  initialContext,
  navigation,
  say,
  solvedChoices,
  tried,
} from './common.js';
import { humanOnly, solvedNo, solvedYes } from './steps.js';

/**
 * Access for someone without eHerkenning (an accountant, an external contact): an administrator
 * invites them via User management. The article pairs this with its advice to enable 2FA for
 * password-only accounts, so that is offered as the next step.
 */
export const invitedUserMachine = flow.createMachine({
  id: 'invitedUser',
  context: initialContext,
  initial: 'explain',
  output: finalOutput,
  on: navigation,
  states: {
    explain: {
      entry: [
        tried('invitedUser'),
        say('invited.explain'),
        say('invited.securityTip'),
        say('common.solved.ask'),
        ask([...solvedChoices, { id: 'setup2fa', label: 'invited.choice.setup2fa' }]),
      ],
      on: {
        'user.choice': [
          solvedYes('invitedUser'),
          solvedNo('invitedUser', 'notSolved'),
          { guard: choice('setup2fa'), target: 'toSetup2fa' },
        ],
      },
    },
    notSolved: humanOnly('invited.notSolved', 'asked_for_person'),
    toSetup2fa: handOver('setup2fa'),
    ...endings,
  },
});
