import { z } from 'zod';
import type { Portal } from '../../flows/types.js';
import type { Executor } from '../db/index.js';
import { findAccounts, issueToken, resetTwoFactor, type Account } from '../directory/index.js';
import { AppError } from '../errors.js';
import { parseWith, sendJson } from '../http/respond.js';
import { newId } from '../ids.js';
import { enqueueMail } from '../mail/outbox.js';
import { verifyLinkMail } from '../mail/templates.js';
import { audit } from './audit.js';
import { findCase, type CaseRow } from './cases.js';
import { localeOf, userCopy } from './copy.js';
import type { SupportContext } from './deps.js';
import { body, caseRefParam, type SignedInCall } from './http.js';
import { caseMessageMail, caseResolvedMail, twoFactorResetMail } from './mails.js';

const text = (max: number) => z.string().trim().min(1, 'write something').max(max);
const portal = z.enum(['platform', 'identity']);

/** Who a mail about the case goes to, in the case's language, with its status link. */
function caseTarget(ctx: SupportContext, c: CaseRow, address: string) {
  const locale = localeOf(c.locale);
  return {
    target: { env: ctx.mail, locale, to: { address }, conversationId: c.conversation_id },
    refs: {
      ref: c.ref,
      caseId: c.id,
      statusUrl: ctx.statusLinks.url(ctx.config.publicUrl, c.id, c.created_at, locale),
    },
  };
}

type TeamsOutcome = 'sent' | 'failed' | 'unavailable';

export interface Delivery {
  /** The user was mailed (the case has an address). */
  mail: boolean;
  /** The line was added to the conversation, which the widget shows. */
  chat: boolean;
  /** Teams cases only. */
  teams?: TeamsOutcome;
}

/**
 * After the case change committed: support's words go into the conversation (the widget shows
 * them on its next read) and, for a Teams case, into the Teams chat. A failure here leaves the
 * mail and the status page, which already hold the same words, so it is logged, not raised.
 */
async function tellInChat(
  ctx: SupportContext,
  call: SignedInCall,
  c: CaseRow,
  line: string,
): Promise<Omit<Delivery, 'mail'>> {
  let chat = !!ctx.addSupportMessage;
  try {
    await ctx.addSupportMessage?.(c.conversation_id, line);
  } catch (error) {
    chat = false;
    ctx.logger.warn(
      { caseRef: c.ref, err: (error as Error).message },
      'support line not added to the conversation',
    );
  }
  if (c.channel !== 'teams') return { chat };

  let teams: TeamsOutcome = 'unavailable';
  if (ctx.notifyTeams) {
    try {
      const outcome = await ctx.notifyTeams(c.ref, line);
      teams = outcome === 'sent' ? 'sent' : 'unavailable';
    } catch (error) {
      teams = 'failed';
      ctx.logger.warn({ caseRef: c.ref, err: (error as Error).message }, 'teams notice failed');
    }
  }
  if (teams !== 'sent') {
    const reason =
      teams === 'failed' ? 'Teams did not take the message' : 'the Teams bot is not connected';
    await audit(ctx.db, {
      action: 'case.teams_notice_failed',
      staffId: call.staff.id,
      caseId: c.id,
      now: call.now,
      details: { reason },
    });
  }
  return { chat, teams };
}

async function addMessage(
  tx: Executor,
  c: CaseRow,
  call: SignedInCall,
  kind: 'message' | 'resolution',
  text: string,
) {
  await tx
    .insertInto('case_messages')
    .values({
      id: newId(),
      case_id: c.id,
      staff_id: call.staff.id,
      kind,
      body: text,
      created_at: call.now,
    })
    .execute();
}

const resolveBody = z.strictObject({ note: text(2000) });

/** POST /cases/:ref/resolve: closes the case; the user reads the note by mail, chat and page. */
export async function resolveCase(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const ref = caseRefParam(call.req);
  const { note } = parseWith(resolveBody, await body(call.req));

  const c = await ctx.db.transaction().execute(async (tx) => {
    const c = await findCase(tx, ref);
    const changed = await tx
      .updateTable('cases')
      .set({
        status: 'resolved',
        resolved_at: call.now,
        resolution_note: note,
        updated_at: call.now,
      })
      .where('id', '=', c.id)
      .where('status', '!=', 'resolved')
      .executeTakeFirst();
    if (changed.numUpdatedRows !== 1n)
      throw new AppError(409, 'already_resolved', `case ${ref} is resolved already`);
    await addMessage(tx, c, call, 'resolution', note);
    if (c.email) {
      const { target, refs } = caseTarget(ctx, c, c.email);
      await enqueueMail(tx, caseResolvedMail(target, { ...refs, note }), call.now);
    }
    await audit(tx, {
      action: 'case.resolved',
      staffId: call.staff.id,
      caseId: c.id,
      now: call.now,
      details: { note, mailed: !!c.email },
    });
    return c;
  });
  ctx.onMail?.();

  const line = userCopy[localeOf(c.locale)].chat.resolved(c.ref, note);
  sendJson(call.res, 200, {
    status: 'resolved',
    delivery: { mail: !!c.email, ...(await tellInChat(ctx, call, c, line)) },
  });
}

const messageBody = z.strictObject({
  text: text(2000),
  /** Puts an open case on "waiting for user". @default true */
  waitForUser: z.boolean().default(true),
});

/** POST /cases/:ref/messages: writes to the user by mail, in the chat and on the status page. */
export async function messageUser(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const ref = caseRefParam(call.req);
  const input = parseWith(messageBody, await body(call.req));

  const c = await ctx.db.transaction().execute(async (tx) => {
    const c = await findCase(tx, ref);
    await addMessage(tx, c, call, 'message', input.text);
    const status = input.waitForUser && c.status === 'open' ? 'waiting' : c.status;
    await tx
      .updateTable('cases')
      .set({ status, updated_at: call.now })
      .where('id', '=', c.id)
      .execute();
    if (c.email) {
      const { target, refs } = caseTarget(ctx, c, c.email);
      await enqueueMail(tx, caseMessageMail(target, { ...refs, text: input.text }), call.now);
    }
    await audit(tx, {
      action: 'case.message_sent',
      staffId: call.staff.id,
      caseId: c.id,
      now: call.now,
      details: { text: input.text, status, mailed: !!c.email },
    });
    return { ...c, status };
  });
  ctx.onMail?.();

  const line = userCopy[localeOf(c.locale)].chat.message(c.ref, input.text);
  sendJson(call.res, 200, {
    status: c.status,
    delivery: { mail: !!c.email, ...(await tellInChat(ctx, call, c, line)) },
  });
}

/** The directory account a case's action is about: the portal asked for, else the case's own. */
async function caseAccount(
  db: Executor,
  c: CaseRow,
  asked: Portal | undefined,
  wanted: (a: Account) => boolean,
): Promise<Account> {
  if (!c.email) throw new AppError(409, 'no_address', `case ${c.ref} has no login address`);
  const accounts = await findAccounts(db, c.email);
  if (accounts.length === 0)
    throw new AppError(404, 'account_not_found', `${c.email} has no account in the directory`);
  // A case from a user who answered "not sure" has no portal: the one account that fits will do.
  const fitting = accounts.filter(wanted);
  const only = fitting.length === 1 ? fitting[0] : accounts.length === 1 ? accounts[0] : undefined;
  const portalOf = asked ?? (c.portal as Portal | null) ?? only?.portal;
  if (!portalOf) {
    throw new AppError(
      409,
      'portal_required',
      `${c.email} has accounts on both login pages; choose the portal`,
    );
  }
  const account = accounts.find((a) => a.portal === portalOf);
  if (!account)
    throw new AppError(
      404,
      'account_not_found',
      `${c.email} has no account on ${portalOf} in the directory`,
    );
  return account;
}

const resetBody = z.strictObject({
  portal: portal.optional(),
  /** Needed when the chat did not verify the address: support says how they checked instead. */
  confirmUnverified: z.literal(true).optional(),
  reason: z
    .string()
    .trim()
    .min(10, 'say in a sentence how you verified the user')
    .max(500)
    .optional(),
});

/**
 * POST /cases/:ref/reset-2fa: turns 2FA off in the built-in directory. Straight away when the
 * user proved in the chat that they read mail at the login address; otherwise only with an
 * explicit confirmation and a reason, which the audit log keeps.
 */
export async function resetCaseTwoFactor(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const ref = caseRefParam(call.req);
  const input = parseWith(resetBody, await body(call.req));
  const c = await findCase(ctx.db, ref);
  const verified = c.ownership_verified_at !== null;
  if (!verified && !(input.confirmUnverified && input.reason)) {
    throw new AppError(
      409,
      'confirmation_required',
      'the chat did not verify that the user owns this address; confirm with a reason saying how you verified them',
    );
  }
  const account = await caseAccount(ctx.db, c, input.portal, (a) => a.totp_enabled === 1);
  if (!account.totp_enabled)
    throw new AppError(
      409,
      'two_factor_off',
      `2FA is already off for ${account.email} on ${account.portal}`,
    );

  await ctx.db.transaction().execute(async (tx) => {
    await resetTwoFactor(tx, account.id, call.now);
    const { target, refs } = caseTarget(ctx, c, account.email);
    await enqueueMail(
      tx,
      twoFactorResetMail(target, { ...refs, portal: account.portal }),
      call.now,
    );
    await audit(tx, {
      action: 'case.2fa_reset',
      staffId: call.staff.id,
      caseId: c.id,
      now: call.now,
      details: {
        portal: account.portal,
        ownershipVerified: verified,
        ...(verified ? {} : { confirmedWithoutVerification: true, reason: input.reason }),
      },
    });
    await tx.updateTable('cases').set({ updated_at: call.now }).where('id', '=', c.id).execute();
  });
  ctx.onMail?.();
  sendJson(call.res, 200, { portal: account.portal, totpEnabled: false });
}

const resendBody = z.strictObject({ portal: portal.optional() });

/** POST /cases/:ref/resend-verification: a new verification link to the login address. */
export async function resendVerification(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const ref = caseRefParam(call.req);
  const input = parseWith(resendBody, await body(call.req));
  const c = await findCase(ctx.db, ref);
  const account = await caseAccount(ctx.db, c, input.portal, (a) => a.verified === 0);
  if (account.sso)
    throw new AppError(
      409,
      'sso_account',
      'this account signs in with SSO; its organisation verifies it',
    );
  if (account.verified)
    throw new AppError(
      409,
      'already_verified',
      `${account.email} is verified already on ${account.portal}`,
    );

  await ctx.db.transaction().execute(async (tx) => {
    const secret = await issueToken(tx, {
      kind: 'verify',
      email: account.email,
      portal: account.portal,
      accountId: account.id,
      ttlMs: ctx.config.VERIFY_LINK_HOURS * 3_600_000,
      now: call.now,
      conversationId: c.conversation_id,
    });
    const { target } = caseTarget(ctx, c, account.email);
    await enqueueMail(tx, verifyLinkMail(target, { portal: account.portal, secret }), call.now);
    await audit(tx, {
      action: 'case.verification_resent',
      staffId: call.staff.id,
      caseId: c.id,
      now: call.now,
      details: { portal: account.portal },
    });
    await tx.updateTable('cases').set({ updated_at: call.now }).where('id', '=', c.id).execute();
  });
  ctx.onMail?.();
  sendJson(call.res, 200, { portal: account.portal, sent: true });
}
