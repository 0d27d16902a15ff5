import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/index.js';
import type { AuditView } from './api-types.js';

export type { AuditView };

/** What staff did, by name. Case actions carry the case id; console actions carry none. */
export type AuditAction =
  | 'case.resolved'
  | 'case.2fa_reset'
  | 'case.verification_resent'
  | 'case.message_sent'
  | 'case.exported'
  | 'case.teams_notice_failed'
  | 'notice.set'
  | 'notice.removed'
  | 'staff.signed_in'
  | 'staff.sign_in_failed'
  | 'staff.second_factor_failed'
  | 'staff.password_changed'
  | 'staff.enrolled'
  | 'staff.signed_out';

export interface AuditEntry {
  action: AuditAction;
  staffId: string | null;
  caseId?: string | null;
  /** Plain facts about the action; never a password, code or token. */
  details?: Record<string, unknown>;
  now: number;
}

let sequence = 0;

/**
 * An id that sorts in the order entries were written: time, then a counter for entries of the
 * same millisecond (one request often writes two), then randomness against other instances.
 */
function auditId(now: number): string {
  sequence = (sequence + 1) % 36 ** 4;
  const time = now.toString(36).padStart(10, '0');
  return `${time}-${sequence.toString(36).padStart(4, '0')}-${randomBytes(6).toString('hex')}`;
}

/** Writes one audit entry, in the caller's transaction when it passes one. */
export async function audit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: auditId(entry.now),
      case_id: entry.caseId ?? null,
      staff_id: entry.staffId,
      action: entry.action,
      details: JSON.stringify(entry.details ?? {}),
      created_at: entry.now,
    })
    .execute();
}

/** A case's audit log, oldest first, with the names of the staff who acted. */
export async function caseAudit(db: Executor, caseId: string): Promise<AuditView[]> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('staff', 'staff.id', 'audit_log.staff_id')
    .select(['audit_log.created_at', 'audit_log.action', 'audit_log.details', 'staff.name'])
    .where('audit_log.case_id', '=', caseId)
    .orderBy('audit_log.created_at')
    .orderBy('audit_log.id')
    .execute();
  return rows.map((r) => ({
    at: r.created_at,
    action: r.action,
    staff: r.name ?? null,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
