import { createHash } from 'node:crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { ActionResult } from '../../flows/types.js';
import type { Executor } from '../db/index.js';
import { KyselyRateLimiter, pruneRateLimits } from './rate-limiter.js';

/** Every limit counts the hour from its first use: the window the README's "Rate limits" describes. */
export const RATE_LIMIT_WINDOW_MINUTES = 60;
const WINDOW_MS = RATE_LIMIT_WINDOW_MINUTES * 60_000;

/** The limits of the actions that send mail on a user's request (see the README's "Rate limits"). */
export interface RateLimitSettings {
  /**
   * Mails of one kind to one address per hour, whoever asks. Lets a person retry twice after a
   * slow mail, while nobody can use the assistant to flood someone else's inbox. @default 3
   */
  perAddress: number;
  /**
   * Mail actions per client (hashed IP in the widget, user id in Teams) per hour, over all
   * conversations: a script that opens a new conversation per address stops here. Several
   * colleagues behind one office IP share it, hence well above one person's need. @default 30
   */
  perClient: number;
  /**
   * Mail actions per conversation per hour: ten is a script walking through addresses, not a
   * person getting back in. @default 10
   */
  perConversation: number;
}

export const DEFAULT_RATE_LIMITS: Readonly<RateLimitSettings> = {
  perAddress: 3,
  perClient: 30,
  perConversation: 10,
};

/** What a limited action is for; the per-address limit counts each kind on its own. */
export type LimitedKind = 'reset' | 'verify' | 'locator' | 'ownership' | 'case';

export interface LimitScope {
  kind: LimitedKind;
  conversationId: string;
  /** Normalised address the mail goes to; the case of a user who gave none has no address. */
  address?: string;
  clientKey?: string;
}

// Counter keys name no address: the table is about how often, not about whom.
const digest = (address: string) => createHash('sha256').update(address).digest('base64url');

// Pruning runs inside a turn (before that turn counts anything), at most this often.
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The three limits of every mail action, in the turn's transaction: the points a turn uses
 * commit with its mail, or not at all. Conversation, then client, then address: a turn stopped
 * by its own conversation or client uses up nothing of the address's allowance, and every turn
 * takes the counters in the same order, so turns on PostgreSQL never wait on each other in a
 * circle.
 */
export class ActionLimits {
  readonly #conversation: KyselyRateLimiter;
  readonly #client: KyselyRateLimiter;
  readonly #address: KyselyRateLimiter;
  #prunedAt = Number.NEGATIVE_INFINITY;

  constructor(readonly settings: Readonly<RateLimitSettings> = DEFAULT_RATE_LIMITS) {
    const limiter = (keyPrefix: string, points: number) =>
      new KyselyRateLimiter({ keyPrefix, points, duration: WINDOW_MS / 1000 });
    this.#conversation = limiter('conversation', settings.perConversation);
    this.#client = limiter('client', settings.perClient);
    this.#address = limiter('address', settings.perAddress);
  }

  /**
   * Counts one more action of `scope` at `now`. Undefined when it may go ahead, or `limited`
   * with the minutes until the limit that stopped it has room again.
   */
  async take(tx: Executor, now: number, scope: LimitScope): Promise<ActionResult | undefined> {
    await this.#prune(tx, now);
    const counters: Array<[KyselyRateLimiter, string]> = [
      [this.#conversation, scope.conversationId],
    ];
    if (scope.clientKey) counters.push([this.#client, scope.clientKey]);
    if (scope.address) counters.push([this.#address, `${scope.kind}:${digest(scope.address)}`]);

    for (const [limiter, key] of counters) {
      try {
        await limiter.consume(key, 1, { tx, now });
      } catch (rejection) {
        // The library rejects with its result object when the points are used up.
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const minutes = Math.max(1, Math.ceil(rejection.msBeforeNext / 60_000));
        return { status: 'limited', retryAfterMinutes: minutes };
      }
    }
    return undefined;
  }

  async #prune(tx: Executor, now: number): Promise<void> {
    if (now - this.#prunedAt < PRUNE_EVERY_MS) return;
    this.#prunedAt = now;
    // Only counters a whole window past their end: no turn is resetting those just now.
    await pruneRateLimits(tx, now - WINDOW_MS);
  }
}
