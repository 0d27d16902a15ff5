import {
  ask,
  because,
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
import { humanOnly, question, solvedNo, solvedYes } from './steps.js';

const solvedQuestion = [say('common.solved.ask'), ask(solvedChoices)];

/**
 * "How do I enable 2FA": the article's five steps, for the user's login page when it is known.
 * Single Sign-On users have no eConnect 2FA to set up; their identity provider asks instead.
 */
export const setup2faMachine = flow.createMachine({
  id: 'setup2fa',
  context: initialContext,
  initial: 'method',
  output: finalOutput,
  on: navigation,
  states: {
    method: question(
      [tried('setup2fa'), say('setup2fa.askMethod')],
      [
        { id: 'password', label: 'setup2fa.choice.password', target: 'steps' },
        { id: 'sso', label: 'setup2fa.choice.sso', target: 'viaSso' },
      ],
    ),
    steps: {
      entry: [
        // Without a known portal, step 1 names both login pages, as the article does.
        sayWith(({ context }) =>
          context.facts.portal === 'platform' || context.facts.portal === 'identity'
            ? { key: 'setup2fa.step1', params: { portal: context.facts.portal } }
            : { key: 'setup2fa.step1.either' },
        ),
        say('setup2fa.step2'),
        say('setup2fa.step3'),
        say('setup2fa.step4'),
        say('setup2fa.step5'),
        say('setup2fa.recoveryMatters'),
      ],
      always: 'solvedSteps',
    },
    solvedSteps: {
      entry: solvedQuestion,
      on: { 'user.choice': [solvedYes('setup2fa'), solvedNo('setup2fa', 'notSolved')] },
    },
    notSolved: question(
      [say('setup2fa.notSolved')],
      [
        { id: 'noOption', label: 'setup2fa.choice.noOption', target: 'toNo2faOption' },
        { id: 'codeRejected', label: 'setup2fa.choice.codeRejected', target: 'toCodeRejected' },
        {
          id: 'human',
          label: 'common.choice.human',
          target: 'toHuman',
          actions: because('asked_for_person'),
        },
      ],
    ),
    viaSso: {
      entry: say('setup2fa.sso'),
      always: 'solvedSso',
    },
    solvedSso: {
      entry: solvedQuestion,
      on: { 'user.choice': [solvedYes('setup2fa'), solvedNo('setup2fa', 'ssoNotSolved')] },
    },
    ssoNotSolved: humanOnly('sso.notSolved', 'asked_for_person'),
    toNo2faOption: handOver('no2faOption'),
    toCodeRejected: handOver('codeRejected'),
    ...endings,
  },
});
