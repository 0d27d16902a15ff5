// The shapes the support API answers: the server's own definitions (src/support/api-types.ts,
// types only), so the console and the server cannot drift apart.
export type {
  AccountSummary,
  AuditView,
  CaseDetail,
  CaseFacts,
  CaseStatus,
  Me,
  MessageView,
  Next,
  OverviewRow,
  Queue,
  QueueRow,
  TranscriptItem,
} from '../../src/support/api-types';
export type { NoticeView as Notice } from '../../src/support/api-types';
