import type { Executor } from '../db/index.js';
import type { DbRow, TokenKind } from '../db/schema.js';
import { newId, newSecret, sha256 } from '../ids.js';
import { findAccountById, type Account } from './accounts.js';

export type Token = DbRow<'tokens'>;

export interface IssueTokenInput {
  kind: TokenKind;
  /** Normalised address the token was sent to. */
  email: string;
  portal: string | null;
  accountId: string | null;
  ttlMs: number;
  now: number;
  conversationId?: string | null;
}

export type TokenError = 'unknown' | 'used' | 'expired';

export type RedeemResult =
  { ok: true; account: Account; token: Token } | { ok: false; error: TokenError };

// newSecret() is 43 base64url characters; anything else cannot be one of ours.
const SECRET = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * Expires every unused token of the same kind for the same address and login page, so only the
 * newest link in someone's inbox works. Shared with the ownership codes.
 */
export async function supersedeTokens(
  tx: Executor,
  kind: TokenKind,
  email: string,
  portal: string | null,
  now: number,
): Promise<void> {
  await tx
    .updateTable('tokens')
    .set({ expires_at: now })
    .where('kind', '=', kind)
    .where('email', '=', email)
    .where('portal', portal === null ? 'is' : '=', portal)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

export function tokenRow(input: IssueTokenInput, id: string, tokenHash: string): Token {
  return {
    id,
    kind: input.kind,
    token_hash: tokenHash,
    account_id: input.accountId,
    email: input.email,
    portal: input.portal,
    conversation_id: input.conversationId ?? null,
    attempts: 0,
    expires_at: input.now + input.ttlMs,
    used_at: null,
    created_at: input.now,
  };
}

/**
 * Creates a single-use link secret (256 bits) and stores only its SHA-256. Older unused tokens of
 * the same kind for the same address and portal stop working.
 */
export async function issueToken(tx: Executor, input: IssueTokenInput): Promise<string> {
  const secret = newSecret();
  await supersedeTokens(tx, input.kind, input.email, input.portal, input.now);
  await tx
    .insertInto('tokens')
    .values(tokenRow(input, newId(), sha256(secret)))
    .execute();
  return secret;
}

async function classify(executor: Executor, kind: TokenKind, hash: string, now: number) {
  const token = await executor
    .selectFrom('tokens')
    .selectAll()
    .where('token_hash', '=', hash)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!token) return { token, error: 'unknown' as const };
  if (token.used_at !== null) return { token, error: 'used' as const };
  if (token.expires_at <= now) return { token, error: 'expired' as const };
  return { token, error: undefined };
}

async function withAccount(executor: Executor, token: Token): Promise<RedeemResult> {
  const account = token.account_id ? await findAccountById(executor, token.account_id) : undefined;
  return account ? { ok: true, account, token } : { ok: false, error: 'unknown' };
}

/** What redeeming would say, without using the token up (for showing the reset form). */
export async function peekToken(
  executor: Executor,
  kind: TokenKind,
  secret: string,
  now: number,
): Promise<RedeemResult> {
  if (!SECRET.test(secret)) return { ok: false, error: 'unknown' };
  const { token, error } = await classify(executor, kind, sha256(secret), now);
  if (error) return { ok: false, error };
  return withAccount(executor, token!);
}

/**
 * Uses a token up. The guarded UPDATE is the whole protection against double use: of any number
 * of concurrent redemptions exactly one changes the row, and only that one succeeds.
 */
export async function redeemToken(
  tx: Executor,
  kind: TokenKind,
  secret: string,
  now: number,
): Promise<RedeemResult> {
  if (!SECRET.test(secret)) return { ok: false, error: 'unknown' };

  const hash = sha256(secret);
  const result = await tx
    .updateTable('tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();

  const { token, error } = await classify(tx, kind, hash, now);
  if (result.numUpdatedRows !== 1n) return { ok: false, error: error ?? 'used' };
  return withAccount(tx, token!);
}
