import {
  ask,
  endings,
  finalOutput,
  flow,
  initialContext,
  navigation,
  say,
  solvedChoices,
  tried,
} from './common.js';
import { humanOnly, solvedNo, solvedYes } from './steps.js';

/**
 * Single Sign-On (Microsoft, Google, the organisation's own identity provider): eConnect asks no
 * second factor, and the password and 2FA belong to the organisation's identity provider.
 */
export const ssoMachine = flow.createMachine({
  id: 'sso',
  context: initialContext,
  initial: 'explain',
  output: finalOutput,
  on: navigation,
  states: {
    explain: {
      entry: [tried('sso'), say('sso.explain'), say('common.solved.ask'), ask(solvedChoices)],
      on: { 'user.choice': [solvedYes('sso'), solvedNo('sso', 'notSolved')] },
    },
    // Only the organisation can change its identity provider; support is the fallback.
    notSolved: humanOnly('sso.notSolved', 'asked_for_person'),
    ...endings,
  },
});
