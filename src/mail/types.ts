import type { MailAddress } from './address.js';

/** What a mail is for; also the outbox `kind` that per-address limits count. */
export type MailKind =
  | 'reset'
  | 'verify'
  | 'password-changed'
  | 'locator'
  | 'ownership'
  | 'case-support'
  | 'case-user';

export interface MailMessage {
  kind: MailKind;
  to: MailAddress;
  subject: string;
  text: string;
  html: string;
  conversationId?: string;
  caseId?: string;
}
