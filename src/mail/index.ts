export {
  InvalidAddressError,
  normaliseAddress,
  parseAddress,
  type MailAddress,
} from './address.js';
export { escapeHtml } from './escape.js';
export {
  backoffMs,
  describeFailure,
  enqueueMail,
  LEASE_MS,
  MAX_ATTEMPTS,
  openMail,
  OutboxSender,
  type OutboxSenderOptions,
} from './outbox.js';
export * from './templates.js';
export { formatTranscript, type TranscriptRow } from './transcript.js';
export { createTransport, type MailTransport } from './transport.js';
export type { MailKind, MailMessage } from './types.js';
