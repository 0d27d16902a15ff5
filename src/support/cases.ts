import { z } from 'zod';
import { flowIds } from '../../flows/index.js';
import type { Facts } from '../../flows/types.js';
import type { Db, Executor } from '../db/index.js';
import type { CaseStatus, DbRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import { parseWith } from '../http/respond.js';
import { caseAudit } from './audit.js';
import { localeOf } from './copy.js';
import type { SupportContext } from './deps.js';
import type {
  AccountSummary,
  CaseDetail,
  CaseFacts,
  MessageView,
  Queue,
  QueueRow,
} from './api-types.js';
import { loadTranscript } from './transcript.js';

export type { AccountSummary, CaseDetail, CaseFacts, MessageView, Queue, QueueRow };

export type CaseRow = DbRow<'cases'>;

export const PAGE_SIZE = 25;
const STATUSES: readonly CaseStatus[] = ['open', 'waiting', 'resolved'];

export const queueQuery = z.object({
  status: z.enum(['open', 'waiting', 'resolved', 'all']).default('all'),
  path: z.enum(flowIds as [string, ...string[]]).optional(),
  /** A case number (or part of one) or a login address (or part of one). */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type QueueQuery = z.infer<typeof queueQuery>;

/** Leaves LIKE's own wildcard out of what staff type; `_` matching one character is harmless. */
const likeText = (q: string) => q.replace(/[%\\]/g, '');

function matching(db: Executor, filter: Omit<QueueQuery, 'page' | 'status'>) {
  const q = filter.q ? likeText(filter.q) : '';
  return db
    .selectFrom('cases')
    .$if(filter.path !== undefined, (qb) => qb.where('path', '=', filter.path!))
    .$if(q !== '', (qb) =>
      qb.where((eb) =>
        eb.or([
          // References are stored upper-case and addresses lower-case, so either search is exact
          // about case on PostgreSQL too, where LIKE is case-sensitive.
          eb('ref', 'like', `%${q.toUpperCase()}%`),
          eb('email', 'like', `%${q.toLowerCase()}%`),
        ]),
      ),
    );
}

/** The queue: newest first, one page, with counts per status for the tabs. */
export async function listCases(db: Db, query: QueueQuery): Promise<Queue> {
  const base = matching(db, query);
  const grouped = await base
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const g of grouped) counts[g.status] = Number(g.n);

  const rows = await base
    .selectAll()
    .$if(query.status !== 'all', (qb) => qb.where('status', '=', query.status as CaseStatus))
    .orderBy('created_at', 'desc')
    .orderBy('ref')
    .limit(PAGE_SIZE)
    .offset((query.page - 1) * PAGE_SIZE)
    .execute();

  const total =
    query.status === 'all' ? STATUSES.reduce((n, s) => n + counts[s], 0) : counts[query.status];
  return { cases: rows.map(queueRow), counts, total, page: query.page, pageSize: PAGE_SIZE };
}

const queueRow = (c: CaseRow): QueueRow => ({
  ref: c.ref,
  status: c.status,
  path: c.path,
  reason: c.reason,
  portal: c.portal,
  email: c.email,
  channel: c.channel,
  locale: c.locale,
  createdAt: c.created_at,
  updatedAt: c.updated_at,
  ownershipVerified: c.ownership_verified_at !== null,
});

export async function findCase(db: Executor, ref: string): Promise<CaseRow> {
  const row = await db.selectFrom('cases').selectAll().where('ref', '=', ref).executeTakeFirst();
  if (!row)
    throw new AppError(
      404,
      'case_not_found',
      `no case ${ref}; check the number or search the queue`,
    );
  return row;
}

const KNOWN_FACTS = new Set([
  'portal',
  'email',
  'clockOffsetMs',
  'hasRecoveryCodes',
  'ownershipVerifiedAt',
  'resetRequestedAt',
  'tried',
  'description',
  'escalationReason',
  'caseRef',
]);

export function caseFacts(c: CaseRow): CaseFacts {
  let facts: Partial<Facts> & Record<string, unknown> = {};
  try {
    facts = JSON.parse(c.facts) as typeof facts;
  } catch {
    // A case row is written by createCase from JSON.stringify; unreadable facts show as none.
  }
  const reset = typeof facts.resetRequestedAt === 'number' ? facts.resetRequestedAt : null;
  return {
    portal: c.portal ?? (typeof facts.portal === 'string' ? facts.portal : null),
    email: c.email,
    clockOffsetSeconds:
      typeof facts.clockOffsetMs === 'number' ? Math.round(facts.clockOffsetMs / 100) / 10 : null,
    hasRecoveryCodes: typeof facts.hasRecoveryCodes === 'boolean' ? facts.hasRecoveryCodes : null,
    // The case's own column is the one createCase checked against the used ownership code.
    ownershipVerifiedAt: c.ownership_verified_at,
    resetRequestedAt: reset,
    minutesSinceResetAtEscalation:
      reset === null ? null : Math.floor((c.created_at - reset) / 60_000),
    tried: Array.isArray(facts.tried) ? facts.tried.map(String) : [],
    description: c.description,
    reason: c.reason,
    other: Object.fromEntries(Object.entries(facts).filter(([k]) => !KNOWN_FACTS.has(k))),
  };
}

export async function caseMessages(db: Executor, caseId: string): Promise<MessageView[]> {
  const rows = await db
    .selectFrom('case_messages')
    .leftJoin('staff', 'staff.id', 'case_messages.staff_id')
    .select(['case_messages.created_at', 'case_messages.kind', 'case_messages.body', 'staff.name'])
    .where('case_messages.case_id', '=', caseId)
    .orderBy('case_messages.created_at')
    .execute();
  return rows.map((r) => ({ at: r.created_at, kind: r.kind, body: r.body, staff: r.name ?? null }));
}

/** Everything the case view shows, in one read. */
export async function caseDetail(ctx: SupportContext, ref: string): Promise<CaseDetail> {
  const c = await findCase(ctx.db, ref);
  const [conversation, accounts, transcript, messages, auditLog] = await Promise.all([
    ctx.db
      .selectFrom('conversations')
      .select(['status', 'created_at', 'updated_at', 'locale'])
      .where('id', '=', c.conversation_id)
      .executeTakeFirst(),
    c.email
      ? ctx.db
          .selectFrom('accounts')
          .selectAll()
          .where('email', '=', c.email)
          .orderBy('portal', 'desc')
          .execute()
      : Promise.resolve([]),
    loadTranscript(ctx.db, c.conversation_id, {
      content: ctx.config.content,
      resetLinkMinutes: ctx.config.RESET_LINK_MINUTES,
      locale: localeOf(c.locale),
    }),
    caseMessages(ctx.db, c.id),
    caseAudit(ctx.db, c.id),
  ]);
  return {
    case: {
      ...queueRow(c),
      id: c.id,
      description: c.description,
      resolvedAt: c.resolved_at,
      resolutionNote: c.resolution_note,
      conversationId: c.conversation_id,
    },
    conversation: conversation
      ? {
          status: conversation.status,
          createdAt: conversation.created_at,
          updatedAt: conversation.updated_at,
          locale: conversation.locale,
        }
      : null,
    facts: caseFacts(c),
    accounts: accounts.map((a) => ({
      portal: a.portal,
      verified: a.verified === 1,
      sso: a.sso === 1,
      totpEnabled: a.totp_enabled === 1,
      recoveryCodes: a.recovery_codes,
    })),
    transcript,
    messages,
    audit: auditLog,
  };
}

export const parseQueueQuery = (params: URLSearchParams): QueueQuery =>
  parseWith(queueQuery, Object.fromEntries([...params].filter(([, v]) => v !== '')));
