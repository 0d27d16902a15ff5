import { createHmac } from 'node:crypto';
import { safeEqual } from '../ids.js';

/**
 * The link in a case's mails to its status page: `<case id>.<expiry in s>.<signature>`. It names
 * one case and stops working at its expiry; nothing is stored, so nothing can leak from a table.
 */
export class StatusLinks {
  constructor(
    private readonly key: Buffer,
    private readonly ttlMs: number,
  ) {}

  /** A token for `caseId` valid `ttlMs` from `from` (the case's creation, for its mails). */
  issue(caseId: string, from: number): string {
    const expires = Math.floor((from + this.ttlMs) / 1000);
    return `${caseId}.${expires}.${this.sign(caseId, expires)}`;
  }

  url(publicUrl: string, caseId: string, from: number, locale: string): string {
    return `${publicUrl}/case-status?token=${this.issue(caseId, from)}&lang=${locale}`;
  }

  /** The case id, or why not: `invalid` (altered, malformed) or `expired`. */
  check(
    token: string,
    now: number,
  ): { ok: true; caseId: string } | { ok: false; error: 'invalid' | 'expired' } {
    const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return { ok: false, error: 'invalid' };
    const [, caseId, expires, signature] = match as unknown as [string, string, string, string];
    if (!safeEqual(this.sign(caseId, Number(expires)), signature))
      return { ok: false, error: 'invalid' };
    if (Number(expires) * 1000 <= now) return { ok: false, error: 'expired' };
    return { ok: true, caseId };
  }

  private sign(caseId: string, expires: number): string {
    return createHmac('sha256', this.key)
      .update(`case-status:${caseId}:${expires}`)
      .digest('base64url');
  }
}
