import type { AnyStateMachine } from 'xstate';
import { codeRejectedMachine } from './code-rejected.js';
import { escalationMachine } from './escalation.js';
import { forgotPasswordMachine } from './forgot-password.js';
import { invitedUserMachine } from './invited-user.js';
import { lostPhoneMachine } from './lost-phone.js';
import { no2faOptionMachine } from './no-2fa-option.js';
import { noOrganisationsMachine } from './no-organisations.js';
import { resetMissingMachine } from './reset-missing.js';
import { setup2faMachine } from './setup-2fa.js';
import { ssoMachine } from './sso.js';
import { triageMachine } from './triage.js';
import { unverifiedEmailMachine } from './unverified-email.js';
import { whichPortalMachine } from './which-portal.js';
import { wrongPortalMachine } from './wrong-portal.js';
import type { FlowId } from './types.js';

/** Every help path, by id. The engine runs exactly these. */
export const machines: Record<FlowId, AnyStateMachine> = {
  triage: triageMachine,
  whichPortal: whichPortalMachine,
  wrongPortal: wrongPortalMachine,
  forgotPassword: forgotPasswordMachine,
  unverifiedEmail: unverifiedEmailMachine,
  resetMissing: resetMissingMachine,
  setup2fa: setup2faMachine,
  codeRejected: codeRejectedMachine,
  lostPhone: lostPhoneMachine,
  sso: ssoMachine,
  invitedUser: invitedUserMachine,
  noOrganisations: noOrganisationsMachine,
  no2faOption: no2faOptionMachine,
  escalation: escalationMachine,
};

export const flowIds = Object.keys(machines) as FlowId[];

export function isFlowId(value: string): value is FlowId {
  return Object.prototype.hasOwnProperty.call(machines, value);
}

export * from './types.js';
export { defaultContent, type Content } from './content.js';
export { render, contentParams, placeholders, catalogues, isMessageKey } from './render.js';
