import type { ActionResult, CreateCaseInput, Facts, Locale, Portal } from '../../flows/types.js';
import type { Executor, Tx } from '../db/index.js';
import type { DbRow } from '../db/schema.js';
import { newCaseRef, newId } from '../ids.js';
import type { Logger } from '../log.js';
import { normaliseAddress, parseAddress } from '../mail/address.js';
import { enqueueMail } from '../mail/outbox.js';
import { caseSupportMail, caseUserMail, type MailEnv } from '../mail/templates.js';
import { formatTranscript } from '../mail/transcript.js';
import type { ActionLimits } from './limits.js';
import type { ActionContext } from './types.js';

type CaseRow = DbRow<'cases'>;

export class EscalationCaseError extends Error {
  readonly code = 'ESCALATION_CREATE_FAILED';
}

// 27^8 possible references: a collision is rare enough that five draws never all collide.
const REF_DRAWS = 5;

/** Inserts the case under a fresh reference; ON CONFLICT keeps a PostgreSQL transaction usable. */
async function insertCase(tx: Executor, row: Omit<CaseRow, 'ref'>): Promise<string> {
  for (let draw = 0; draw < REF_DRAWS; draw++) {
    const ref = newCaseRef();
    const result = await tx
      .insertInto('cases')
      .values({ ...row, ref })
      .onConflict((oc) => oc.column('ref').doNothing())
      .executeTakeFirst();
    if (result.numInsertedOrUpdatedRows === 1n) return ref;
  }
  throw new EscalationCaseError(
    `no free case reference after ${REF_DRAWS} draws; check the cases table`,
  );
}

/**
 * When the user proved they own the address in this conversation: the facts say so, and the used
 * ownership code must agree. Support resets 2FA on the strength of it, so it is not taken on trust.
 */
async function ownershipProvenAt(
  tx: Executor,
  facts: Facts,
  email: string | null,
  conversationId: string,
): Promise<number | null> {
  if (facts.ownershipVerifiedAt === undefined || email === null) return null;
  const token = await tx
    .selectFrom('tokens')
    .select('used_at')
    .where('kind', '=', 'ownership')
    .where('email', '=', email)
    .where('conversation_id', '=', conversationId)
    .where('used_at', 'is not', null)
    .orderBy('used_at', 'desc')
    .executeTakeFirst();
  return token?.used_at ?? null;
}

async function enqueueCaseMails(tx: Tx, env: MailEnv, supportMailbox: string, c: CaseRow) {
  const rows = await tx
    .selectFrom('transcript')
    .select(['line', 'role', 'kind', 'body', 'created_at'])
    .where('conversation_id', '=', c.conversation_id)
    .orderBy('line')
    .execute();
  const locale: Locale = c.locale === 'nl' ? 'nl' : 'en';
  const transcript = formatTranscript(rows, locale);
  const base = { env, locale, conversationId: c.conversation_id };

  const support = { ...base, to: { address: normaliseAddress(supportMailbox) } };
  await enqueueMail(tx, caseSupportMail(support, { case: c, transcript }), c.created_at);
  if (c.email) {
    const user = { ...base, to: { address: c.email } };
    await enqueueMail(tx, caseUserMail(user, { ref: c.ref, caseId: c.id }), c.created_at);
  }
}

export interface CreateCaseDeps {
  env: MailEnv;
  limits: ActionLimits;
  supportMailbox: string;
  logger: Logger;
}

/**
 * Stores the case and points the conversation at it now; mails support (with the transcript) and
 * the user at the end of the turn, when the turn's own transcript lines are written too.
 */
export async function createCase(
  deps: CreateCaseDeps,
  input: CreateCaseInput,
  ctx: ActionContext,
): Promise<ActionResult> {
  const { facts } = input;
  const email = facts.email ? (parseAddress(facts.email)?.address ?? null) : null;
  const portal: Portal | null =
    facts.portal === 'platform' || facts.portal === 'identity' ? facts.portal : null;
  // A case mails support and, when given, the address: limited like every other mail action.
  const { conversationId, clientKey } = ctx;
  const scope = { kind: 'case' as const, address: email ?? undefined, conversationId, clientKey };
  const limited = await deps.limits.take(ctx.tx, ctx.now, scope);
  if (limited) return limited;

  const row: Omit<CaseRow, 'ref'> = {
    id: newId(),
    conversation_id: ctx.conversationId,
    channel: ctx.channel,
    status: 'open',
    path: input.path,
    reason: input.reason,
    portal,
    email,
    locale: ctx.locale,
    description: facts.description ?? null,
    facts: JSON.stringify(facts),
    ownership_verified_at: await ownershipProvenAt(ctx.tx, facts, email, ctx.conversationId),
    created_at: ctx.now,
    updated_at: ctx.now,
    resolved_at: null,
    resolution_note: null,
  };

  const ref = await insertCase(ctx.tx, row);
  await ctx.tx
    .updateTable('conversations')
    .set({ case_ref: ref, updated_at: ctx.now })
    .where('id', '=', ctx.conversationId)
    .execute();
  ctx.defer((tx) => enqueueCaseMails(tx, deps.env, deps.supportMailbox, { ...row, ref }));

  deps.logger.info({ caseRef: ref, path: input.path, reason: input.reason }, 'case created');
  return { status: 'ok', at: ctx.now, caseRef: ref };
}
