import type { ActionResult } from '../../flows/types.js';
import { lockKey, type Executor } from '../db/index.js';
import type { MailKind } from '../mail/types.js';

const HOUR = 60 * 60_000;

interface Limit {
  max: number;
  windowMs: number;
}

/**
 * Mails of one kind to one address, counted from the outbox inside the turn's transaction, so
 * the count and the new mail commit together. Three an hour lets a person retry twice after a
 * slow mail, while nobody can use the assistant to flood someone else's inbox.
 */
export const ADDRESS_LIMITS: Partial<Record<MailKind, Limit>> = {
  reset: { max: 3, windowMs: HOUR },
  verify: { max: 3, windowMs: HOUR },
  locator: { max: 3, windowMs: HOUR },
  ownership: { max: 3, windowMs: HOUR },
};

/**
 * Mails of any kind from one conversation: a conversation that has sent ten in an hour is a
 * script walking through addresses, not a person getting back in.
 */
export const CONVERSATION_LIMIT: Limit = { max: 10, windowMs: HOUR };

async function check(
  executor: Executor,
  limit: Limit,
  now: number,
  scope: { kind?: MailKind; address?: string; conversationId?: string },
): Promise<ActionResult | undefined> {
  let query = executor
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number>().as('sent'), eb.fn.min('created_at').as('oldest')])
    .where('created_at', '>', now - limit.windowMs);
  if (scope.kind) query = query.where('kind', '=', scope.kind);
  if (scope.address) query = query.where('to_address', '=', scope.address);
  if (scope.conversationId) query = query.where('conversation_id', '=', scope.conversationId);

  const { sent, oldest } = await query.executeTakeFirstOrThrow();
  if (Number(sent) < limit.max) return undefined;
  const waitMs = Number(oldest) + limit.windowMs - now;
  return { status: 'limited', retryAfterMinutes: Math.max(1, Math.ceil(waitMs / 60_000)) };
}

/** `limited` when another mail of `kind` to `address` would exceed a limit, else undefined. */
export async function mailLimit(
  executor: Executor,
  kind: MailKind,
  address: string,
  conversationId: string,
  now: number,
): Promise<ActionResult | undefined> {
  const perAddress = ADDRESS_LIMITS[kind];
  // Turns of other conversations, on any instance, mailing the same address wait here until
  // this turn commits; otherwise each would count the same rows and all would send.
  if (perAddress) await lockKey(executor, `mail-limit:${kind}:${address}`);
  return (
    (perAddress && (await check(executor, perAddress, now, { kind, address }))) ??
    (await check(executor, CONVERSATION_LIMIT, now, { conversationId }))
  );
}
