// The shapes the support API answers (src/support/*). Kept here rather than imported, so the
// console builds without the server's Node types.

export type CaseStatus = 'open' | 'waiting' | 'resolved';
export type Next = 'change_password' | 'enrol' | 'second_factor';

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
  counts: Record<CaseStatus, number>;
  total: number;
  page: number;
  pageSize: number;
}

export type TranscriptItem = { line: number; seq: number; at: number } & (
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

export interface CaseFacts {
  portal: string | null;
  email: string | null;
  clockOffsetSeconds: number | null;
  hasRecoveryCodes: boolean | null;
  ownershipVerifiedAt: number | null;
  resetRequestedAt: number | null;
  minutesSinceResetAtEscalation: number | null;
  tried: string[];
  description: string | null;
  reason: string;
  other: Record<string, unknown>;
}

export interface AccountSummary {
  portal: string;
  verified: boolean;
  sso: boolean;
  totpEnabled: boolean;
  recoveryCodes: number;
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
  accounts: AccountSummary[];
  transcript: TranscriptItem[];
  messages: Array<{
    at: number;
    kind: 'message' | 'resolution';
    body: string;
    staff: string | null;
  }>;
  audit: Array<{
    at: number;
    action: string;
    staff: string | null;
    details: Record<string, unknown>;
  }>;
}

export interface Notice {
  en: string;
  nl: string;
  setAt: number;
  setBy: string | null;
}

export interface OverviewRow {
  day: string;
  path: string;
  conversations: number;
  resolvedWithoutPerson: number;
  escalated: number;
  left: number;
  inProgress: number;
  leftAt: Array<{ state: string; count: number }>;
  solvedYes: number;
  solvedNo: number;
}
