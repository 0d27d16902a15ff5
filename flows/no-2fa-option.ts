import {
  ask,
  because,
  choice,
  endings,
  feedback,
  finalOutput,
  flow,
  handOver,
  initialContext,
  navigation,
  say,
  solvedChoices,
  tried,
} from './common.js';
import { solvedYes } from './steps.js';

/**
 * "I see no 2FA option": 2FA is already on, or the user may not manage it; the article's answer
 * is support. Single Sign-On accounts have no eConnect 2FA setting at all, so they go to `sso`.
 */
export const no2faOptionMachine = flow.createMachine({
  id: 'no2faOption',
  context: initialContext,
  initial: 'explain',
  output: finalOutput,
  on: navigation,
  states: {
    explain: {
      entry: [
        tried('no2faOption'),
        say('no2fa.explain'),
        say('common.solved.ask'),
        ask([...solvedChoices, { id: 'sso', label: 'no2fa.choice.sso' }]),
      ],
      on: {
        'user.choice': [
          solvedYes('no2faOption'),
          { guard: choice('no'), target: 'toSupport', actions: feedback('no2faOption', false) },
          { guard: choice('sso'), target: 'toSso' },
        ],
      },
    },
    toSupport: {
      entry: [say('no2fa.toSupport'), because('no_2fa_option')],
      always: 'toHuman',
    },
    toSso: handOver('sso'),
    ...endings,
  },
});
