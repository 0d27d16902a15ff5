import type { ActionSet } from '../actions/types.js';
import type { Tx } from '../db/index.js';
import { localeOf } from './copy.js';
import type { SupportContext } from './deps.js';
import { caseConfirmationMail } from './mails.js';

/**
 * Puts the status-page link into the user's case confirmation.
 *
 * createCase (src/actions) queues the confirmation at the end of the turn; this runs right after
 * it, in the same transaction, and replaces that still-unsent mail's subject and bodies with the
 * console's version, which adds the link. Nothing is sent twice and nothing is sent early.
 * It stays only until the confirmation template takes a status URL itself: then createCase can
 * pass `statusLinks.url(...)` and this wrapper goes.
 */
export function withStatusLink(actions: ActionSet, ctx: SupportContext): ActionSet {
  return {
    ...actions,
    async createCase(input, actionCtx) {
      const result = await actions.createCase(input, actionCtx);
      const ref = result.status === 'ok' ? result.caseRef : undefined;
      if (ref) actionCtx.defer((tx) => addStatusLink(tx, ctx, ref));
      return result;
    },
  };
}

async function addStatusLink(tx: Tx, ctx: SupportContext, ref: string): Promise<void> {
  const c = await tx.selectFrom('cases').selectAll().where('ref', '=', ref).executeTakeFirst();
  if (!c?.email) return;
  const locale = localeOf(c.locale);
  const mail = caseConfirmationMail(
    { env: ctx.mail, locale, to: { address: c.email }, conversationId: c.conversation_id },
    {
      ref: c.ref,
      caseId: c.id,
      statusUrl: ctx.statusLinks.url(ctx.config.publicUrl, c.id, c.created_at, locale),
    },
  );
  await tx
    .updateTable('outbox')
    .set({ subject: mail.subject, text_body: mail.text, html_body: mail.html })
    .where('case_id', '=', c.id)
    .where('kind', '=', 'case-user')
    .where('status', '=', 'pending')
    .execute();
}
