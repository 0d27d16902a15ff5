import type { MailAddress } from './address.js';

/** What a mail is for; also the outbox `kind` that per-address limits count. */
export type MailKind =
  'reset' | 'verify' | 'password-changed' | 'locator' | 'ownership' | 'case-support' | 'case-user';

export interface MailMessage {
  kind: MailKind;
  to: MailAddress;
  subject: string;
  text: string;
  html: string;
  conversationId?: string;
  caseId?: string;
  /**
   * Values in the bodies that must not be stored in the clear (a link's token, a code): the
   * outbox seals them and keeps placeholders in the bodies (seal.ts).
   */
  secrets?: string[];
}
