import { randomInt } from 'node:crypto';
import type { Executor } from '../db/index.js';
import { hmac, newId, safeEqual } from '../ids.js';
import { supersedeTokens, tokenRow } from './tokens.js';

/**
 * Wrong guesses allowed per code. With three codes an hour (the mail limit) that leaves 15
 * guesses an hour against a million possible codes.
 */
export const OWNERSHIP_MAX_ATTEMPTS = 5;

export interface IssueOwnershipCodeInput {
  /** Normalised address the code is sent to. */
  email: string;
  ttlMs: number;
  now: number;
  conversationId?: string | null;
}

export type OwnershipCheck =
  | { ok: true }
  | { ok: false; reason: 'none' | 'expired' | 'locked' }
  | { ok: false; reason: 'wrong'; attemptsLeft: number };

// A six-digit code has only a million values, so a bare SHA-256 would collide across users on the
// unique token_hash column; keyed by the row id it is unique and useless for any other row.
const codeHash = (id: string, code: string) => hmac(id, code);

/** Creates a six-digit code for `email`, replacing any earlier one, and returns it for the mail. */
export async function issueOwnershipCode(
  tx: Executor,
  input: IssueOwnershipCodeInput,
): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = newId();
  const token = { ...input, kind: 'ownership' as const, portal: null, accountId: null };

  await supersedeTokens(tx, 'ownership', input.email, null, input.now);
  await tx
    .insertInto('tokens')
    .values(tokenRow(token, id, codeHash(id, code)))
    .execute();
  return code;
}

/**
 * Checks a code the user typed against the newest code sent to `email` from the same
 * conversation (so nobody elsewhere can use up or lock it). A right code is used up; a wrong one
 * counts against the attempts, and the last allowed wrong guess locks the code.
 */
export async function verifyOwnershipCode(
  tx: Executor,
  input: { email: string; code: string; conversationId: string | null; now: number },
): Promise<OwnershipCheck> {
  const { email, code, conversationId, now } = input;
  const token = await tx
    .selectFrom('tokens')
    .selectAll()
    .where('kind', '=', 'ownership')
    .where('email', '=', email)
    .where('conversation_id', conversationId === null ? 'is' : '=', conversationId)
    // A code replaced in the same millisecond has the earlier expiry: the newest wins the tie.
    .orderBy('created_at', 'desc')
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
  if (!token) return { ok: false, reason: 'none' };
  if (token.attempts >= OWNERSHIP_MAX_ATTEMPTS) return { ok: false, reason: 'locked' };
  if (token.used_at !== null || token.expires_at <= now) return { ok: false, reason: 'expired' };

  const typed = code.replace(/[\s-]/g, '');
  if (safeEqual(codeHash(token.id, typed), token.token_hash)) {
    const used = await tx
      .updateTable('tokens')
      .set({ used_at: now })
      .where('id', '=', token.id)
      .where('used_at', 'is', null)
      .where('attempts', '<', OWNERSHIP_MAX_ATTEMPTS)
      .executeTakeFirst();
    return used.numUpdatedRows === 1n ? { ok: true } : { ok: false, reason: 'expired' };
  }
  return countWrongGuess(tx, token.id);
}

async function countWrongGuess(tx: Executor, tokenId: string): Promise<OwnershipCheck> {
  // Incremented in SQL, not from the value read above, so concurrent guesses all count.
  await tx
    .updateTable('tokens')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', tokenId)
    .execute();
  const { attempts } = await tx
    .selectFrom('tokens')
    .select('attempts')
    .where('id', '=', tokenId)
    .executeTakeFirstOrThrow();

  const attemptsLeft = OWNERSHIP_MAX_ATTEMPTS - attempts;
  if (attemptsLeft > 0) return { ok: false, reason: 'wrong', attemptsLeft };
  return { ok: false, reason: 'locked' };
}
