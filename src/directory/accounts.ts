import type { Portal } from '../../flows/types.js';
import type { Executor } from '../db/index.js';
import type { DbRow } from '../db/schema.js';
import { parseAddress } from '../mail/address.js';
import type { PasswordHash } from './password.js';

export type Account = DbRow<'accounts'>;

/** The account for `email` on one login page. An invalid address simply has none. */
export async function findAccount(
  executor: Executor,
  portal: Portal,
  email: string,
): Promise<Account | undefined> {
  const parsed = parseAddress(email);
  if (!parsed) return undefined;
  return executor
    .selectFrom('accounts')
    .selectAll()
    .where('portal', '=', portal)
    .where('email', '=', parsed.address)
    .executeTakeFirst();
}

/** Every account of `email`, on both login pages, Platform first. */
export async function findAccounts(executor: Executor, email: string): Promise<Account[]> {
  const parsed = parseAddress(email);
  if (!parsed) return [];
  return executor
    .selectFrom('accounts')
    .selectAll()
    .where('email', '=', parsed.address)
    .orderBy('portal', 'desc')
    .execute();
}

export async function findAccountById(
  executor: Executor,
  id: string,
): Promise<Account | undefined> {
  return executor.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

// The updates below return whether a row changed, so callers can tell "no such account".

/** Stores a new password. Hash it first (hashPassword), outside any transaction: scrypt is slow. */
export async function setPassword(
  executor: Executor,
  accountId: string,
  hash: PasswordHash,
  now: number,
): Promise<boolean> {
  const result = await executor
    .updateTable('accounts')
    .set({ password_hash: hash, updated_at: now })
    .where('id', '=', accountId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function markVerified(
  executor: Executor,
  accountId: string,
  now: number,
): Promise<boolean> {
  const result = await executor
    .updateTable('accounts')
    .set({ verified: 1, updated_at: now })
    .where('id', '=', accountId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** What support does for a user who lost both phone and recovery codes: 2FA off, codes gone. */
export async function resetTwoFactor(
  executor: Executor,
  accountId: string,
  now: number,
): Promise<boolean> {
  const result = await executor
    .updateTable('accounts')
    .set({ totp_enabled: 0, recovery_codes: 0, updated_at: now })
    .where('id', '=', accountId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
