import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/index.js';
import type { DbRow } from '../db/schema.js';
import { hashPassword } from '../directory/password.js';
import { newId } from '../ids.js';
import { parseAddress } from '../mail/address.js';

export type Staff = DbRow<'staff'>;

/** What the console may know about the person signed in. */
export interface StaffView {
  id: string;
  email: string;
  name: string;
}

export const staffView = (s: Staff): StaffView => ({ id: s.id, email: s.email, name: s.name });

export class StaffExistsError extends Error {
  readonly code = 'STAFF_EXISTS';
}

export class InvalidStaffError extends Error {
  readonly code = 'STAFF_INVALID';
}

// Letters and digits without look-alikes, so a printed password can be typed from a screen.
const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 readable characters (about 114 bits), in groups of five: `k7PmQ-x2Rtv-...`. */
export function newInitialPassword(): string {
  const chars = [...randomBytes(20)].map((b) => READABLE[b % READABLE.length]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

export async function findStaffByEmail(db: Executor, email: string): Promise<Staff | undefined> {
  const address = parseAddress(email)?.address;
  if (!address) return undefined;
  return db.selectFrom('staff').selectAll().where('email', '=', address).executeTakeFirst();
}

export async function findStaff(db: Executor, id: string): Promise<Staff | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewStaff {
  email: string;
  name: string;
  password: string;
  /** True for a password the CLI generated: its owner replaces it at first sign-in. */
  oneTime: boolean;
  now: number;
}

/** Adds a staff account; the first sign-in enrols TOTP. */
export async function createStaff(db: Executor, input: NewStaff): Promise<Staff> {
  const email = parseAddress(input.email)?.address;
  if (!email) throw new InvalidStaffError(`"${input.email}" is not an e-mail address`);
  const name = input.name.trim();
  if (!name || name.length > 100) throw new InvalidStaffError('give a name of 1 to 100 characters');
  if (await findStaffByEmail(db, email)) {
    throw new StaffExistsError(`a staff account for ${email} exists already`);
  }

  const row: Staff = {
    id: newId(),
    email,
    name,
    password_hash: await hashPassword(input.password),
    must_change_password: input.oneTime ? 1 : 0,
    totp_secret: null,
    totp_pending_secret: null,
    totp_last_step: null,
    enrolled_at: null,
    disabled_at: null,
    created_at: input.now,
    updated_at: input.now,
  };
  await db.insertInto('staff').values(row).execute();
  return row;
}

/**
 * For a staff member who lost both phone and recovery codes: TOTP is cleared and every session
 * ends, so the next sign-in enrols a new authenticator.
 */
export async function resetStaffTwoFactor(db: Executor, id: string, now: number): Promise<void> {
  await db
    .updateTable('staff')
    .set({
      totp_secret: null,
      totp_pending_secret: null,
      totp_last_step: null,
      enrolled_at: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', id).execute();
  await db.deleteFrom('staff_sessions').where('staff_id', '=', id).execute();
}

/** Stops an account from signing in and ends its sessions; the audit log keeps its name. */
export async function disableStaff(db: Executor, id: string, now: number): Promise<void> {
  await db
    .updateTable('staff')
    .set({ disabled_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('staff_sessions').where('staff_id', '=', id).execute();
}
