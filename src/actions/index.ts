import type { Content } from '../../flows/content.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { mailEnv } from '../mail/templates.js';
import { resendVerification, sendAccountLocator, sendPasswordReset } from './address-actions.js';
import { createCase } from './create-case.js';
import { ActionLimits, type RateLimitSettings } from './limits.js';
import { checkOwnershipCode, sendOwnershipCode } from './ownership.js';
import type { ActionSet } from './types.js';

export interface ActionDeps {
  config: Config;
  content: Content;
  /** Unused while every action takes its time from `ctx.now`; kept so actions never need Date. */
  clock: Clock;
  logger: Logger;
}

/** The configured limits (RATE_LIMIT_*), see the README's "Rate limits". */
export const rateLimitSettings = (config: Config): RateLimitSettings => ({
  perAddress: config.RATE_LIMIT_ADDRESS_PER_HOUR,
  perClient: config.RATE_LIMIT_CLIENT_PER_HOUR,
  perConversation: config.RATE_LIMIT_CONVERSATION_PER_HOUR,
});

/**
 * The real actions the engine injects into the help-path machines.
 *
 * Every address action answers `{ status: 'ok', at }` whether or not the address has an account,
 * is verified or uses SSO; what exists is told only by the mail, to the address itself. The only
 * other answer is `limited` (per address, client and conversation; see limits.ts). Failures
 * throw, and the machines' onError handles them.
 */
export function createActions(deps: ActionDeps): ActionSet {
  const env = mailEnv(deps.config, deps.content);
  const limits = new ActionLimits(rateLimitSettings(deps.config));
  const address = { env, limits };
  const supportMailbox = deps.config.SUPPORT_MAILBOX;
  const caseDeps = { env, limits, supportMailbox, logger: deps.logger };
  return {
    sendPasswordReset: (input, ctx) => sendPasswordReset(address, input, ctx),
    resendVerification: (input, ctx) => resendVerification(address, input, ctx),
    sendAccountLocator: (input, ctx) => sendAccountLocator(address, input, ctx),
    sendOwnershipCode: (input, ctx) => sendOwnershipCode(address, input, ctx),
    checkOwnershipCode: (input, ctx) => checkOwnershipCode(input, ctx),
    createCase: (input, ctx) => createCase(caseDeps, input, ctx),
  };
}

export {
  ActionLimits,
  DEFAULT_RATE_LIMITS,
  RATE_LIMIT_WINDOW_MINUTES,
  type LimitedKind,
  type RateLimitSettings,
} from './limits.js';
export { EscalationCaseError } from './create-case.js';
export { InvalidActionInputError } from './address-actions.js';
export { OWNERSHIP_CODE_MINUTES } from './ownership.js';
export type { ActionContext, ActionImpl, ActionSet } from './types.js';
