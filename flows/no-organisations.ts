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
 * Logged in, but no organisations or invoices: the user is in the environment without a link to
 * an organisation, which only the organisation's own account administrator can grant.
 */
export const noOrganisationsMachine = flow.createMachine({
  id: 'noOrganisations',
  context: initialContext,
  initial: 'explain',
  output: finalOutput,
  on: navigation,
  states: {
    explain: {
      entry: [
        tried('noOrganisations'),
        say('noorg.explain'),
        say('common.solved.ask'),
        ask(solvedChoices),
      ],
      on: {
        'user.choice': [solvedYes('noOrganisations'), solvedNo('noOrganisations', 'notSolved')],
      },
    },
    notSolved: humanOnly('noorg.notSolved', 'asked_for_person'),
    ...endings,
  },
});
