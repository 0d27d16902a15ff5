import type { ActionResult, AddressActionInput, LocatorInput, Portal } from '../../flows/types.js';
import { findAccounts, issueToken, type Account } from '../directory/index.js';
import { normaliseAddress } from '../mail/address.js';
import { enqueueMail } from '../mail/outbox.js';
import {
  accountLocatorMail,
  alreadyVerifiedMail,
  noAccountMail,
  resetLinkMail,
  resetUnverifiedMail,
  ssoMail,
  verifyLinkMail,
  type MailEnv,
  type MailTarget,
} from '../mail/templates.js';
import type { MailMessage } from '../mail/types.js';
import type { ActionLimits, LimitedKind } from './limits.js';
import type { ActionContext } from './types.js';

/** What the address actions share: the mail wording and the rate limits. */
export interface AddressDeps {
  env: MailEnv;
  limits: ActionLimits;
}

const PORTALS: readonly Portal[] = ['platform', 'identity'];

export class InvalidActionInputError extends Error {
  readonly code = 'INVALID_ACTION_INPUT';
}

function portalOf(input: { portal?: unknown }): Portal {
  if (PORTALS.includes(input.portal as Portal)) return input.portal as Portal;
  throw new InvalidActionInputError(
    `portal must be one of ${PORTALS.join(', ')}; ask the whichPortal path first`,
  );
}

/**
 * The shape every address action shares, and the whole of the no-enumeration rule: the same
 * limit check, one account lookup and one mail whatever the directory holds (and for a reset or
 * a resend one token, see issueFor), and the same `ok` result. What differs is only the mail,
 * which goes to the address itself.
 */
export async function mailAddress(
  limits: ActionLimits,
  kind: LimitedKind,
  email: string,
  ctx: ActionContext,
  compose: (target: Omit<MailTarget, 'env'>, accounts: Account[]) => Promise<MailMessage>,
): Promise<ActionResult> {
  const address = normaliseAddress(email);
  const { conversationId, clientKey } = ctx;
  const limited = await limits.take(ctx.tx, ctx.now, { kind, address, conversationId, clientKey });
  if (limited) return limited;

  const accounts = await findAccounts(ctx.tx, address);
  const target = { locale: ctx.locale, to: { address }, conversationId: ctx.conversationId };
  await enqueueMail(ctx.tx, await compose(target, accounts), ctx.now);
  return { status: 'ok', at: ctx.now };
}

const on = (accounts: Account[], portal: Portal) => accounts.find((a) => a.portal === portal);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Every reset and resend issues exactly one token, also when its mail carries no link (no
 * account, SSO, already verified): then the token names no account and its secret is dropped,
 * so it can never be redeemed. Without it the paths that mail a link would do a write the
 * others skip, and take measurably longer (bench/enumeration.ts).
 */
function issueFor(
  ctx: ActionContext,
  request: { kind: 'reset' | 'verify'; address: string; portal: Portal; ttlMs: number },
  mailedTo: Account | undefined,
): Promise<string> {
  return issueToken(ctx.tx, {
    kind: request.kind,
    email: request.address,
    portal: request.portal,
    accountId: mailedTo?.id ?? null,
    ttlMs: request.ttlMs,
    now: ctx.now,
    conversationId: ctx.conversationId,
  });
}

export async function sendPasswordReset(
  { env, limits }: AddressDeps,
  input: AddressActionInput,
  ctx: ActionContext,
): Promise<ActionResult> {
  const portal = portalOf(input);
  return mailAddress(limits, 'reset', input.email, ctx, async (target, accounts) => {
    const t = { ...target, env };
    const account = on(accounts, portal);
    const canReset = account !== undefined && !account.sso;
    // The identity server only resets verified addresses (help article, step 3): an unverified
    // one gets a verification link instead.
    const verifyFirst = canReset && portal === 'identity' && !account.verified;
    const request = verifyFirst
      ? { kind: 'verify' as const, ttlMs: env.verifyLinkHours * HOUR }
      : { kind: 'reset' as const, ttlMs: env.resetLinkMinutes * MINUTE };
    const address = target.to.address;
    const mailedTo = canReset ? account : undefined;
    const secret = await issueFor(ctx, { ...request, address, portal }, mailedTo);

    if (!account) {
      const otherHasAccount = accounts.length > 0;
      return noAccountMail(t, { portal, request: 'reset', otherHasAccount });
    }
    if (account.sso) return ssoMail(t, { portal, request: 'reset' });
    if (verifyFirst) return resetUnverifiedMail(t, { portal, verifySecret: secret });
    return resetLinkMail(t, { portal, secret });
  });
}

export async function resendVerification(
  { env, limits }: AddressDeps,
  input: AddressActionInput,
  ctx: ActionContext,
): Promise<ActionResult> {
  const portal = portalOf(input);
  return mailAddress(limits, 'verify', input.email, ctx, async (target, accounts) => {
    const t = { ...target, env };
    const account = on(accounts, portal);
    const needsLink = account !== undefined && !account.sso && !account.verified;
    const request = { kind: 'verify' as const, ttlMs: env.verifyLinkHours * HOUR };
    const address = target.to.address;
    const mailedTo = needsLink ? account : undefined;
    const secret = await issueFor(ctx, { ...request, address, portal }, mailedTo);

    if (!account) {
      return noAccountMail(t, { portal, request: 'verify', otherHasAccount: accounts.length > 0 });
    }
    if (account.sso) return ssoMail(t, { portal, request: 'verify' });
    if (account.verified) return alreadyVerifiedMail(t, { portal });
    return verifyLinkMail(t, { portal, secret });
  });
}

export async function sendAccountLocator(
  { env, limits }: AddressDeps,
  input: LocatorInput,
  ctx: ActionContext,
): Promise<ActionResult> {
  return mailAddress(limits, 'locator', input.email, ctx, async (target, accounts) =>
    accountLocatorMail({ ...target, env }, { portals: accounts.map((a) => a.portal) }),
  );
}
