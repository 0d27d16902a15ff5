/**
 * What the support API answers, field by field: the server builds these (src/support/*) and the
 * console (console/src) reads them, both from this one file. Types only, importing nothing, so
 * the console's browser build can use it without the server's Node and database types.
 */

export type CaseStatus = 'open' | 'waiting' | 'resolved';

/** What the signed-in staff member must do next before the console opens. */
export type Next = 'change_password' | 'enrol' | 'second_factor';

/** GET /session: who is signed in, and how far. */
export interface Me {
  stage: 'password' | 'full';
  next: Next | null;
  staff: { id: string; email: string; name: string };
  csrfToken: string;
  expiresAt: number;
  idleMinutes: number;
  recoveryCodesLeft?: number;
}

export interface QueueRow {
  ref: string;
  status: CaseStatus;
  path: string;
  reason: string;
  portal: string | null;
  email: string | null;
  channel: string;
  locale: string;
  createdAt: number;
  updatedAt: number;
  ownershipVerified: boolean;
}

export interface Queue {
  cases: QueueRow[];
  /** Cases matching the path and search, per status (the status filter left out). */
  counts: Record<CaseStatus, number>;
  total: number;
  page: number;
  pageSize: number;
}

/** The facts the flow collected, with the ones support reads at a glance worked out. */
export interface CaseFacts {
  portal: string | null;
  email: string | null;
  clockOffsetSeconds: number | null;
  hasRecoveryCodes: boolean | null;
  ownershipVerifiedAt: number | null;
  resetRequestedAt: number | null;
  /** Minutes between the last reset mail and the case (what the 15-minute rule looks at). */
  minutesSinceResetAtEscalation: number | null;
  tried: string[];
  description: string | null;
  reason: string;
  /** Everything else the flow stored, as it stored it. */
  other: Record<string, unknown>;
}

export interface AccountSummary {
  portal: string;
  verified: boolean;
  sso: boolean;
  totpEnabled: boolean;
  recoveryCodes: number;
}

export interface MessageView {
  at: number;
  kind: 'message' | 'resolution';
  body: string;
  staff: string | null;
}

export interface CaseDetail {
  case: QueueRow & {
    id: string;
    description: string | null;
    resolvedAt: number | null;
    resolutionNote: string | null;
    conversationId: string;
  };
  conversation: { status: string; createdAt: number; updatedAt: number; locale: string } | null;
  facts: CaseFacts;
  /** The address's accounts in the built-in directory, for the 2FA and verification actions. */
  accounts: AccountSummary[];
  transcript: TranscriptItem[];
  messages: MessageView[];
  audit: AuditView[];
}

/** One line of a conversation as support reads it. Text is plain: the console escapes it. */
export type TranscriptItem = {
  line: number;
  seq: number;
  at: number;
} & (
  | { type: 'assistant'; kind: string; text: string }
  | { type: 'support'; text: string }
  | { type: 'notice'; text: string }
  | { type: 'user-text'; text: string }
  | { type: 'user-email'; text: string }
  | { type: 'button'; choice: string; label: string }
  | { type: 'marker'; marker: string; label: string }
  | { type: 'clock'; offsetSeconds: number }
  | { type: 'buttons-offered'; labels: string[] }
  | { type: 'action'; name: string; status: string; detail: string | null }
  | { type: 'state'; flow: string; state: string }
);

export interface AuditView {
  at: number;
  action: string;
  staff: string | null;
  details: Record<string, unknown>;
}

export interface NoticeView {
  en: string;
  nl: string;
  setAt: number;
  setBy: string | null;
}

export interface OverviewRow {
  /** UTC day, `2026-12-04`. */
  day: string;
  path: string;
  conversations: number;
  resolvedWithoutPerson: number;
  escalated: number;
  left: number;
  /** Still going (quiet for less than the idle time). */
  inProgress: number;
  /** Where the conversations that were left stood: `flow.state` → count, most first. */
  leftAt: Array<{ state: string; count: number }>;
  /** "Did this solve it?" answers given in this path. */
  solvedYes: number;
  solvedNo: number;
}
