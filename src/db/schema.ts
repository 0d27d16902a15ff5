import type { Generated } from 'kysely';

/**
 * The whole schema. Times are milliseconds since the epoch (BIGINT in PostgreSQL, INTEGER in
 * SQLite); booleans are 0/1 integers and JSON is TEXT, so one set of queries runs on both.
 */
export interface Database {
  settings: { key: string; value: string };
  conversations: ConversationTable;
  steps: StepTable;
  transcript: TranscriptTable;
  turns: TurnTable;
  feedback: FeedbackTable;
  cases: CaseTable;
  outbox: OutboxTable;
  dev_mailbox: DevMailTable;
  accounts: AccountTable;
  tokens: TokenTable;
  bot_conversations: BotConversationTable;
  staff: StaffTable;
  staff_sessions: StaffSessionTable;
  staff_recovery_codes: StaffRecoveryCodeTable;
  staff_login_attempts: StaffLoginAttemptTable;
  audit_log: AuditLogTable;
  notices: NoticeTable;
  case_messages: CaseMessageTable;
  rate_limits: RateLimitTable;
}

export type Channel = 'web' | 'teams';
export type ConversationStatus = 'active' | 'resolved' | 'escalated' | 'left';

export interface ConversationTable {
  id: string;
  channel: Channel;
  locale: string;
  /** 1 when the user picked the language themselves (then free text does not switch it). */
  locale_chosen: number;
  status: ConversationStatus;
  /** The current step (see `steps`); also the optimistic-concurrency version. */
  seq: number;
  /** Who is talking, for per-client rate limits: a hashed IP (web) or the Teams user id. */
  client_key: string;
  /** JSON Bot Framework conversation reference, for proactive messages (Teams only). */
  channel_ref: string | null;
  case_ref: string | null;
  /** Transcript lines so far: the next line is `lines + 1`. */
  lines: number;
  created_at: number;
  updated_at: number;
}

/** One row per turn: where the conversation stood after it. `back` walks the `prev` chain. */
export interface StepTable {
  conversation_id: string;
  seq: number;
  prev: number | null;
  flow_id: string | null;
  flow_version: string | null;
  /** JSON persisted XState snapshot of the running path machine, null when none runs. */
  snapshot: string | null;
  /** JSON facts when no machine runs (after an ending). */
  facts: string;
  /** JSON of the open question: the sentences that led to it and its `ask`. */
  prompt: string | null;
  created_at: number;
}

export interface TranscriptTable {
  conversation_id: string;
  /** Running line number within the conversation. */
  line: number;
  seq: number;
  role: 'user' | 'assistant' | 'system';
  /** text | choice | email | input | marker | state | action | notice */
  kind: string;
  /** JSON; for assistant text: {key, params, text}. Secrets never reach it: only markers. */
  body: string;
  created_at: number;
}

export interface TurnTable {
  conversation_id: string;
  turn_id: string;
  seq: number;
  /** JSON reply as first sent, returned again for a repeated turn id. */
  response: string;
  /**
   * What was asked, without its words: `choice:<id>`, `locale:<xx>`, `text`, `value` or `clock`
   * (typed text may hold a secret, so none of it is kept here). Null for turns stored before 0007.
   */
  request: string | null;
  created_at: number;
}

export interface FeedbackTable {
  id: string;
  conversation_id: string;
  flow_id: string;
  solved: number;
  created_at: number;
}

export type CaseStatus = 'open' | 'waiting' | 'resolved';

export interface CaseTable {
  id: string;
  ref: string;
  conversation_id: string;
  channel: Channel;
  status: CaseStatus;
  path: string;
  reason: string;
  portal: string | null;
  email: string | null;
  locale: string;
  description: string | null;
  /** JSON facts the flow collected. */
  facts: string;
  ownership_verified_at: number | null;
  created_at: number;
  updated_at: number;
  resolved_at: number | null;
  resolution_note: string | null;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxTable {
  id: string;
  /** What the mail is for: reset, verify, locator, ownership, case-support, case-user, ... */
  kind: string;
  to_address: string;
  to_name: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  /** RFC 5322 Message-ID fixed at enqueue time, so a resend after a crash is recognisable. */
  message_id: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  /** A sender owns a `sending` row until this time (crash recovery and several instances). */
  lease_until: number | null;
  last_error: string | null;
  conversation_id: string | null;
  case_id: string | null;
  created_at: number;
  sent_at: number | null;
  /**
   * The mail's secrets (link tokens, codes), encrypted; the bodies hold `{{secret:n}}` in their
   * place. Cleared once the mail is sent.
   */
  sealed: string | null;
}

export interface DevMailTable {
  id: string;
  outbox_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** The full message as nodemailer built it. */
  raw: string;
  created_at: number;
}

export interface AccountTable {
  id: string;
  portal: 'platform' | 'identity';
  /** Normalised (trimmed, lower-case) login address. */
  email: string;
  display_name: string;
  password_hash: string;
  verified: number;
  sso: number;
  totp_enabled: number;
  recovery_codes: number;
  org_linked: number;
  created_at: number;
  updated_at: number;
}

export type TokenKind = 'reset' | 'verify' | 'ownership';

export interface TokenTable {
  id: string;
  kind: TokenKind;
  /** SHA-256 of the secret; the secret itself is only ever in the e-mail. */
  token_hash: string;
  account_id: string | null;
  email: string;
  portal: string | null;
  conversation_id: string | null;
  attempts: number;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

/** One Bot Framework conversation (per user in group chats) → one engine conversation. */
export interface BotConversationTable {
  /** channel, tenant, Bot Framework conversation id and, in group chats, the user: see bot/store.ts. */
  key: string;
  channel_id: string;
  tenant_id: string | null;
  bf_conversation_id: string;
  /** personal | group: where the conversation takes place. */
  scope: string;
  /** The engine conversation; null for a group chat's own row (which only records the greeting). */
  conversation_id: string | null;
  /** The activity that created this row, so a retried first message is recognised. */
  created_by: string | null;
  /** Activity id, step and JSON summary of the last question card, to close it once answered. */
  last_card_id: string | null;
  last_card_seq: number | null;
  last_card: string | null;
  created_at: number;
  updated_at: number;
}

/** A support agent who signs in to the console (created with `npm run staff -- add`). */
export interface StaffTable {
  id: string;
  /** Normalised (trimmed, lower-case) sign-in address. */
  email: string;
  name: string;
  password_hash: string;
  /** 1 while the password is the one-time password the CLI printed: changed at first sign-in. */
  must_change_password: number;
  /** The TOTP secret, sealed with a key derived from the server secret; null until enrolled. */
  totp_secret: string | null;
  /** A secret shown during enrolment, kept until the first code confirms it. */
  totp_pending_secret: string | null;
  /** The last TOTP time step accepted: a code of that step or earlier is refused (no replay). */
  totp_last_step: number | null;
  enrolled_at: number | null;
  disabled_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A console session: `password` after the password only, `full` after the second factor. */
export interface StaffSessionTable {
  /** SHA-256 of the cookie's secret; the secret itself is only in the browser. */
  id: string;
  staff_id: string;
  stage: 'password' | 'full';
  /** Sent back in X-CSRF-Token on every write. */
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  /** Absolute end, whatever the activity. */
  expires_at: number;
}

export interface StaffRecoveryCodeTable {
  id: string;
  staff_id: string;
  /** SHA-256 of the normalised code (codes carry 50 random bits; see src/support/totp.ts). */
  code_hash: string;
  used_at: number | null;
  created_at: number;
}

/** Failed sign-ins per key (`account:<email>` or `client:<hash>`), for lockout with back-off. */
export interface StaffLoginAttemptTable {
  key: string;
  failures: number;
  locked_until: number | null;
  updated_at: number;
}

/** Every staff action, on a case or on the console (notice, sign-in). */
export interface AuditLogTable {
  id: string;
  case_id: string | null;
  staff_id: string | null;
  /** Dotted name: case.resolved, case.2fa_reset, notice.set, staff.signed_in, ... */
  action: string;
  /** JSON details: the note, the reason, the outcome. Never a password or code. */
  details: string;
  created_at: number;
}

/** Support's banner, shown at the start of every conversation until removed. */
export interface NoticeTable {
  id: string;
  text_en: string;
  text_nl: string;
  created_by: string;
  created_at: number;
  removed_at: number | null;
  removed_by: string | null;
}

/** What support wrote to the user of a case: a message, or the resolution note. */
export interface CaseMessageTable {
  id: string;
  case_id: string;
  staff_id: string;
  kind: 'message' | 'resolution';
  body: string;
  created_at: number;
}

/** A rate-limit counter (src/actions/rate-limiter.ts): points used in the window ending at expire. */
export interface RateLimitTable {
  /** `address:<kind>:<sha256>`, `client:<client key>` or `conversation:<id>`. */
  key: string;
  points: number;
  /** End of the window (ms); null never ends. Expired rows are reset on use and pruned. */
  expire: number | null;
}

export type DbRow<T extends keyof Database> = Database[T];
export type { Generated };
