import type { Content } from '../../flows/content.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { mailEnv } from '../mail/templates.js';
import { resendVerification, sendAccountLocator, sendPasswordReset } from './address-actions.js';
import { createCase } from './create-case.js';
import { checkOwnershipCode, sendOwnershipCode } from './ownership.js';
import type { ActionSet } from './types.js';

export interface ActionDeps {
  config: Config;
  content: Content;
  /** Unused while every action takes its time from `ctx.now`; kept so actions never need Date. */
  clock: Clock;
  logger: Logger;
}

/**
 * The real actions the engine injects into the help-path machines.
 *
 * Every address action answers `{ status: 'ok', at }` whether or not the address has an account,
 * is verified or uses SSO; what exists is told only by the mail, to the address itself. The only
 * other answer is `limited`. Failures throw, and the machines' onError handles them.
 */
export function createActions(deps: ActionDeps): ActionSet {
  const env = mailEnv(deps.config, deps.content);
  const caseDeps = { env, supportMailbox: deps.config.SUPPORT_MAILBOX, logger: deps.logger };
  return {
    sendPasswordReset: (input, ctx) => sendPasswordReset(env, input, ctx),
    resendVerification: (input, ctx) => resendVerification(env, input, ctx),
    sendAccountLocator: (input, ctx) => sendAccountLocator(env, input, ctx),
    sendOwnershipCode: (input, ctx) => sendOwnershipCode(env, input, ctx),
    checkOwnershipCode: (input, ctx) => checkOwnershipCode(input, ctx),
    createCase: (input, ctx) => createCase(caseDeps, input, ctx),
  };
}

export { ADDRESS_LIMITS, CONVERSATION_LIMIT } from './limits.js';
export { EscalationCaseError } from './create-case.js';
export { InvalidActionInputError } from './address-actions.js';
export { OWNERSHIP_CODE_MINUTES } from './ownership.js';
export type { ActionContext, ActionImpl, ActionSet } from './types.js';
