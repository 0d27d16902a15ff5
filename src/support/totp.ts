import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Executor } from '../db/index.js';
import { newId, sha256 } from '../ids.js';

/**
 * One step either side of now (30 s each way): a phone clock a little off still works, which is
 * what the help paths tell users about their own authenticator.
 */
const TOLERANCE_SECONDS = 30;

/** Ten codes: enough for a lost phone and a few spares, few enough to print on one line each. */
export const RECOVERY_CODE_COUNT = 10;

export interface Enrolment {
  secret: string;
  /** The otpauth:// URI the QR code holds. */
  uri: string;
  /** The QR code as an SVG data URL, for an <img>. */
  qr: string;
}

/** A new TOTP secret (160 bits, base32) and how to put it into an authenticator app. */
export async function newEnrolment(
  issuer: string,
  label: string,
  secret: string = generateSecret(),
): Promise<Enrolment> {
  const uri = generateURI({ issuer, label, secret });
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

export type CodeCheck = { ok: true; step: number } | { ok: false };

/**
 * Checks a 6-digit code at `nowMs`. A code of the step `lastStep` or earlier is refused, so a
 * code that worked once (or an older one seen over someone's shoulder) never works again.
 */
export async function checkCode(
  secret: string,
  code: string,
  lastStep: number | null,
  nowMs: number,
): Promise<CodeCheck> {
  if (!/^\d{6}$/.test(code)) return { ok: false };
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(nowMs / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
    });
    return result.valid && 'timeStep' in result
      ? { ok: true, step: result.timeStep }
      : { ok: false };
  } catch {
    // otplib throws when afterTimeStep lies beyond the window (a clock set back): not valid now.
    return { ok: false };
  }
}

/**
 * Records `step` as used, only if no equal or later step was recorded meanwhile: of two
 * requests racing with the same code, exactly one wins.
 */
export async function claimStep(
  db: Executor,
  staffId: string,
  step: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('staff')
    .set({ totp_last_step: step, updated_at: now })
    .where('id', '=', staffId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

// Recovery codes: 10 characters of Crockford-like base32 (50 bits), shown as `xxxxx-xxxxx`.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

const normalise = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');
const hashCode = (code: string) => sha256(`recovery:${normalise(code)}`);

function newRecoveryCode(): string {
  const chars = [...randomBytes(10)].map((b) => ALPHABET[b % 32]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Replaces every recovery code of a staff member; the new ones are returned once, never stored. */
export async function replaceRecoveryCodes(
  db: Executor,
  staffId: string,
  now: number,
): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
  await db
    .insertInto('staff_recovery_codes')
    .values(
      codes.map((c) => ({
        id: newId(),
        staff_id: staffId,
        code_hash: hashCode(c),
        used_at: null,
        created_at: now,
      })),
    )
    .execute();
  return codes;
}

/** Uses a recovery code: true once per code, false for an unknown or used one. */
export async function useRecoveryCode(
  db: Executor,
  staffId: string,
  code: string,
  now: number,
): Promise<boolean> {
  if (!/^[0-9a-z]{10}$/.test(normalise(code))) return false;
  const result = await db
    .updateTable('staff_recovery_codes')
    .set({ used_at: now })
    .where('staff_id', '=', staffId)
    .where('code_hash', '=', hashCode(code))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function recoveryCodesLeft(db: Executor, staffId: string): Promise<number> {
  const row = await db
    .selectFrom('staff_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('left'))
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.left);
}
