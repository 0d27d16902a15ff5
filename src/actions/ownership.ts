import type { ActionResult, LocatorInput, OwnershipCheckInput } from '../../flows/types.js';
import { issueOwnershipCode, verifyOwnershipCode } from '../directory/index.js';
import { normaliseAddress } from '../mail/address.js';
import { ownershipCodeMail } from '../mail/templates.js';
import { mailAddress, type AddressDeps } from './address-actions.js';
import type { ActionContext } from './types.js';

/** Long enough to switch to the mail app and back on a phone; short enough to be worth little. */
export const OWNERSHIP_CODE_MINUTES = 10;

/** Mails a one-time code to any address: proving you read a mailbox needs no account. */
export async function sendOwnershipCode(
  { env, limits }: AddressDeps,
  input: LocatorInput,
  ctx: ActionContext,
): Promise<ActionResult> {
  return mailAddress(limits, 'ownership', input.email, ctx, async (target) => {
    const code = await issueOwnershipCode(ctx.tx, {
      email: target.to.address,
      ttlMs: OWNERSHIP_CODE_MINUTES * 60_000,
      now: ctx.now,
      conversationId: ctx.conversationId,
    });
    return ownershipCodeMail({ ...target, env }, { code, minutes: OWNERSHIP_CODE_MINUTES });
  });
}

export async function checkOwnershipCode(
  input: OwnershipCheckInput,
  ctx: ActionContext,
): Promise<ActionResult> {
  const check = await verifyOwnershipCode(ctx.tx, {
    email: normaliseAddress(input.email),
    code: input.code,
    conversationId: ctx.conversationId,
    now: ctx.now,
  });
  if (check.ok) return { status: 'ok', at: ctx.now };
  if (check.reason === 'wrong') {
    return { status: 'failed', reason: 'wrong', attemptsLeft: check.attemptsLeft };
  }
  return { status: 'failed', reason: check.reason };
}
