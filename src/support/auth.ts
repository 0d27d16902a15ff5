import { z } from 'zod';
import type { Executor } from '../db/index.js';
import { checkNewPassword } from '../directory/password-policy.js';
import { hashPassword, verifyPassword } from '../directory/password.js';
import { AppError } from '../errors.js';
import { parseWith, sendJson } from '../http/respond.js';
import { audit } from './audit.js';
import { seal, unseal } from './crypto.js';
import type { SupportContext } from './deps.js';
import { body, clientKey, LockedOutError, type Call, type SignedInCall } from './http.js';
import {
  ACCOUNT_POLICY,
  CLIENT_POLICY,
  clearFailures,
  lockedFor,
  recordFailure,
} from './lockout.js';
import { clearCookie, createSession, endSession, type Session } from './sessions.js';
import { findStaffByEmail, staffView, type Staff } from './staff.js';
import {
  checkCode,
  claimStep,
  newEnrolment,
  recoveryCodesLeft,
  replaceRecoveryCodes,
  useRecoveryCode,
} from './totp.js';

/** What the console shows next after the password: the steps of a first sign-in, or the code. */
type Next = 'change_password' | 'enrol' | 'second_factor';

const nextStep = (staff: Staff): Next =>
  staff.must_change_password ? 'change_password' : staff.totp_secret ? 'second_factor' : 'enrol';

const signInBody = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(256),
});

// A wrong address costs the same scrypt run as a wrong password, so timing tells nothing.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword('not-a-staff-password-at-all'));

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;

async function refuseIfLocked(ctx: SupportContext, keys: string[], now: number): Promise<void> {
  const ms = await lockedFor(ctx.db, keys, now);
  if (ms > 0) throw new LockedOutError(Math.ceil(ms / 1000));
}

async function failed(
  ctx: SupportContext,
  call: Call,
  keys: { account: string; client: string },
): Promise<void> {
  await recordFailure(ctx.db, keys.account, call.now, ACCOUNT_POLICY);
  await recordFailure(ctx.db, keys.client, call.now, CLIENT_POLICY);
}

function sendSession(
  call: Call,
  status: number,
  setCookie: string[],
  payload: Record<string, unknown>,
): void {
  call.res.setHeader('Set-Cookie', setCookie);
  sendJson(call.res, status, payload);
}

/** POST /session: the password. Answers a short-lived session that needs the second factor. */
export async function signIn(ctx: SupportContext, call: Call): Promise<void> {
  const input = parseWith(signInBody, await body(call.req));
  const keys = { account: accountKey(input.email), client: clientKey(ctx, call.req) };
  await refuseIfLocked(ctx, [keys.account, keys.client], call.now);

  const staff = await findStaffByEmail(ctx.db, input.email);
  const usable = staff && staff.disabled_at === null;
  const ok = await verifyPassword(input.password, usable ? staff.password_hash : await dummy());
  if (!usable || !ok) {
    await failed(ctx, call, keys);
    if (staff)
      await audit(ctx.db, {
        action: 'staff.sign_in_failed',
        staffId: staff.id,
        now: call.now,
        details: { step: 'password' },
      });
    throw new AppError(
      401,
      'sign_in_failed',
      'that address and password do not match a staff account',
    );
  }
  // Parallel guesses may have locked the account while this one was checked: then even the
  // right password gets the lockout answer, so a burst of guesses learns nothing.
  await refuseIfLocked(ctx, [keys.account, keys.client], call.now);

  const { session, setCookie } = await createSession(
    ctx.db,
    staff.id,
    'password',
    call.now,
    ctx.sessions,
  );
  sendSession(call, 200, [setCookie], {
    stage: 'password',
    next: nextStep(staff),
    csrfToken: session.csrf_token,
  });
}

/** GET /session: who is signed in, at which stage, and the CSRF token for writes. */
export async function whoAmI(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const { session, staff } = call;
  const full = session.stage === 'full';
  sendJson(call.res, 200, {
    stage: session.stage,
    next: full ? null : nextStep(staff),
    staff: staffView(staff),
    csrfToken: session.csrf_token,
    expiresAt: session.expires_at,
    idleMinutes: Math.round((full ? ctx.sessions.idleMs : ctx.sessions.pendingMs) / 60_000),
    recoveryCodesLeft: full ? await recoveryCodesLeft(ctx.db, staff.id) : undefined,
  });
}

/** DELETE /session: signs out; the session row goes, so the cookie is worthless everywhere. */
export async function signOut(ctx: SupportContext, call: SignedInCall): Promise<void> {
  await endSession(ctx.db, call.session.id);
  await audit(ctx.db, { action: 'staff.signed_out', staffId: call.staff.id, now: call.now });
  call.res.setHeader('Set-Cookie', clearCookie(ctx.sessions));
  call.res.writeHead(204, { 'Cache-Control': 'no-store' });
  call.res.end();
}

const passwordBody = z.strictObject({ password: z.string().min(1).max(256) });

/** POST /session/password: replaces the one-time password the CLI printed. */
export async function changePassword(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const { staff } = call;
  if (!staff.must_change_password)
    throw new AppError(409, 'password_set', 'the password was chosen already');
  const { password } = parseWith(passwordBody, await body(call.req));
  const issues = checkNewPassword(password, staff.email);
  if (issues.length) {
    throw new AppError(
      422,
      'weak_password',
      `choose another password: ${issues.join(', ')}`,
      issues.map((code) => ({ path: 'password', code, message: code })),
    );
  }
  const hash = await hashPassword(password);
  await ctx.db
    .updateTable('staff')
    .set({ password_hash: hash, must_change_password: 0, updated_at: call.now })
    .where('id', '=', staff.id)
    .execute();
  await audit(ctx.db, { action: 'staff.password_changed', staffId: staff.id, now: call.now });
  sendJson(call.res, 200, { next: nextStep({ ...staff, must_change_password: 0 }) });
}

function requireEnrolling(staff: Staff): void {
  if (staff.must_change_password)
    throw new AppError(409, 'change_password_first', 'replace the one-time password first');
  if (staff.totp_secret)
    throw new AppError(
      409,
      'enrolled',
      'an authenticator is enrolled already; sign in with its code',
    );
}

/**
 * POST /session/enrolment: a TOTP secret with its QR code, kept pending until confirmed. Asked
 * again (the page reloaded after the app scanned it), it shows the same pending secret: a new one
 * would leave the app holding a secret no code of it can confirm.
 */
export async function startEnrolment(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const { staff } = call;
  requireEnrolling(staff);
  const pending = staff.totp_pending_secret
    ? unseal(ctx.totpKey, staff.totp_pending_secret)
    : undefined;
  const enrolment = await newEnrolment(`${ctx.config.content.brand} support`, staff.email, pending);
  if (!pending) {
    await ctx.db
      .updateTable('staff')
      .set({ totp_pending_secret: seal(ctx.totpKey, enrolment.secret), updated_at: call.now })
      .where('id', '=', staff.id)
      .execute();
  }
  sendJson(call.res, 200, {
    ...enrolment,
    issuer: `${ctx.config.content.brand} support`,
    account: staff.email,
  });
}

const codeBody = z.strictObject({ code: z.string().trim().max(20) });

/** Ends the pending session and starts a full one under a new secret (no session fixation). */
async function upgrade(
  db: Executor,
  ctx: SupportContext,
  call: SignedInCall,
): Promise<{ session: Session; setCookie: string }> {
  await endSession(db, call.session.id);
  return createSession(db, call.staff.id, 'full', call.now, ctx.sessions);
}

/**
 * POST /session/enrolment/confirm: the first code from the app proves it holds the secret. The
 * recovery codes are in this answer only; they are stored hashed and never shown again.
 */
export async function confirmEnrolment(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const { staff } = call;
  requireEnrolling(staff);
  if (!staff.totp_pending_secret)
    throw new AppError(409, 'no_enrolment', 'start the enrolment first');
  const keys = { account: accountKey(staff.email), client: clientKey(ctx, call.req) };
  await refuseIfLocked(ctx, [keys.account, keys.client], call.now);

  const { code } = parseWith(codeBody, await body(call.req));
  const check = await checkCode(
    unseal(ctx.totpKey, staff.totp_pending_secret),
    code,
    null,
    call.now,
  );
  if (!check.ok) {
    await failed(ctx, call, keys);
    throw new AppError(
      401,
      'code_invalid',
      'that code did not match; type the 6-digit code your app shows now',
    );
  }

  const { session, setCookie, codes } = await ctx.db.transaction().execute(async (tx) => {
    const stored = await tx
      .updateTable('staff')
      .set({
        totp_secret: staff.totp_pending_secret,
        totp_pending_secret: null,
        totp_last_step: check.step,
        enrolled_at: call.now,
        updated_at: call.now,
      })
      .where('id', '=', staff.id)
      .where('totp_secret', 'is', null)
      .executeTakeFirst();
    if (stored.numUpdatedRows !== 1n)
      throw new AppError(409, 'enrolled', 'an authenticator was enrolled meanwhile');
    const codes = await replaceRecoveryCodes(tx, staff.id, call.now);
    await audit(tx, { action: 'staff.enrolled', staffId: staff.id, now: call.now });
    return { ...(await upgrade(tx, ctx, call)), codes };
  });
  await clearFailures(ctx.db, keys.account, call.now);
  sendSession(call, 200, [setCookie], {
    stage: 'full',
    csrfToken: session.csrf_token,
    recoveryCodes: codes,
  });
}

const secondFactorBody = z.union([
  z.strictObject({ code: z.string().trim().max(20) }),
  z.strictObject({ recoveryCode: z.string().trim().max(40) }),
]);

/** POST /session/second-factor: a TOTP code (each accepted once) or a recovery code (once each). */
export async function secondFactor(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const { staff } = call;
  if (!staff.totp_secret) throw new AppError(409, 'not_enrolled', 'enrol an authenticator first');
  const keys = { account: accountKey(staff.email), client: clientKey(ctx, call.req) };
  await refuseIfLocked(ctx, [keys.account, keys.client], call.now);

  const input = parseWith(secondFactorBody, await body(call.req));
  let method: 'totp' | 'recovery_code';
  if ('code' in input) {
    method = 'totp';
    const secret = unseal(ctx.totpKey, staff.totp_secret);
    const check = await checkCode(secret, input.code, staff.totp_last_step, call.now);
    if (!check.ok || !(await claimStep(ctx.db, staff.id, check.step, call.now))) {
      await failed(ctx, call, keys);
      await audit(ctx.db, {
        action: 'staff.second_factor_failed',
        staffId: staff.id,
        now: call.now,
        details: { method },
      });
      // Telling a reused code apart helps the honest user (wait for the next one) and gives an
      // attacker nothing: only someone who saw a valid code can get this answer.
      const reused = (await checkCode(secret, input.code, null, call.now)).ok;
      throw reused
        ? new AppError(
            401,
            'code_used',
            'that code was used already; wait for the next code in your app',
          )
        : new AppError(
            401,
            'code_invalid',
            'that code did not match; type the 6-digit code your app shows now',
          );
    }
  } else {
    method = 'recovery_code';
    if (!(await useRecoveryCode(ctx.db, staff.id, input.recoveryCode, call.now))) {
      await failed(ctx, call, keys);
      await audit(ctx.db, {
        action: 'staff.second_factor_failed',
        staffId: staff.id,
        now: call.now,
        details: { method },
      });
      throw new AppError(
        401,
        'recovery_code_invalid',
        'that recovery code is unknown or was used already',
      );
    }
  }
  await refuseIfLocked(ctx, [keys.account, keys.client], call.now);

  const { session, setCookie } = await upgrade(ctx.db, ctx, call);
  await clearFailures(ctx.db, keys.account, call.now);
  const left = await recoveryCodesLeft(ctx.db, staff.id);
  await audit(ctx.db, {
    action: 'staff.signed_in',
    staffId: staff.id,
    now: call.now,
    details: { method, recoveryCodesLeft: left },
  });
  sendSession(call, 200, [setCookie], {
    stage: 'full',
    csrfToken: session.csrf_token,
    recoveryCodesLeft: left,
  });
}
