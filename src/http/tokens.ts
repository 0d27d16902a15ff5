import type { Request } from 'restify';
import { AppError } from '../errors.js';
import { hmac, safeEqual } from '../ids.js';

/**
 * Conversation tokens: an HMAC of the conversation id under the server's secret. Nothing to
 * store, valid across restarts and instances that share the secret.
 */
export class ConversationTokens {
  constructor(private readonly secret: string) {}

  issue(conversationId: string): string {
    return hmac(this.secret, `conversation:${conversationId}`);
  }

  verify(conversationId: string, token: string | undefined): boolean {
    return token !== undefined && safeEqual(this.issue(conversationId), token);
  }

  /** Reads `Authorization: Bearer …` and throws 401 unless it belongs to the conversation. */
  require(req: Request, conversationId: string): void {
    const header = String(req.headers.authorization ?? '');
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token)
      throw new AppError(
        401,
        'token_required',
        'send the conversation token as Authorization: Bearer <token>',
      );
    if (!this.verify(conversationId, token))
      throw new AppError(401, 'invalid_token', 'the token does not belong to this conversation');
  }

  /** A per-client key that does not store the IP itself. */
  clientKey(ip: string): string {
    return `ip:${hmac(this.secret, `client:${ip}`).slice(0, 22)}`;
  }
}
