import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Db, Executor } from '../db/index.js';
import type { DbRow } from '../db/schema.js';
import { newId } from '../ids.js';
import type { Logger } from '../log.js';
import { normaliseAddress } from './address.js';
import { assertSecretsIn, hideSecrets, openSecrets, revealSecrets, sealSecrets } from './seal.js';
import type { MailTransport } from './transport.js';
import type { MailMessage } from './types.js';

/**
 * Stores a mail for sending, inside the caller's transaction: the mail exists exactly when the
 * work that caused it committed. Nothing sends mail any other way. The mail's secrets are stored
 * sealed, never in the clear (seal.ts). Returns the outbox id.
 */
export async function enqueueMail(tx: Executor, msg: MailMessage, now: number): Promise<string> {
  const id = newId();
  const secrets = msg.secrets ?? [];
  assertSecretsIn(msg.text, secrets);
  const sealed = await sealSecrets(tx, secrets);
  await tx
    .insertInto('outbox')
    .values({
      id,
      kind: msg.kind,
      to_address: normaliseAddress(msg.to.address),
      to_name: msg.to.name ?? null,
      subject: msg.subject.replace(/[\r\n]+/g, ' '),
      text_body: hideSecrets(msg.text, secrets),
      html_body: hideSecrets(msg.html, secrets),
      message_id: `<${randomUUID()}@login-help>`,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      lease_until: null,
      last_error: null,
      conversation_id: msg.conversationId ?? null,
      case_id: msg.caseId ?? null,
      created_at: now,
      sent_at: null,
      sealed,
    })
    .execute();
  return id;
}

type OutboxRow = DbRow<'outbox'>;

/** A stored mail's bodies as they are sent: its sealed secrets back in their places. */
export async function openMail(
  executor: Executor,
  row: Pick<OutboxRow, 'text_body' | 'html_body' | 'sealed'>,
): Promise<{ text: string; html: string }> {
  const secrets = row.sealed ? await openSecrets(executor, row.sealed) : [];
  return {
    text: revealSecrets(row.text_body, secrets),
    html: revealSecrets(row.html_body, secrets),
  };
}

/** How long a sender owns a claimed row; a crashed sender's rows are retried after it. */
export const LEASE_MS = 60_000;
/** Ten tries spread over about four hours (30 s doubling, capped at 30 min) before giving up. */
export const MAX_ATTEMPTS = 10;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 30 * 60_000;
const BATCH = 20;

/** Wait after the n-th failed attempt (n ≥ 1): 30 s, 1 min, 2 min, ... at most 30 min. */
export const backoffMs = (attempts: number): number =>
  Math.min(BASE_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);

/**
 * Whether the receiving server refused this mail for good: a 5xx answer to the recipient or the
 * message ("550 no such mailbox", "554 rejected as spam"). Sending it again would be refused
 * again, so it fails at once and shows as failed. A 5xx elsewhere (530 authentication required,
 * a refused sender) is our configuration, which an operator fixes: those mails keep retrying.
 */
export function isPermanentRejection(error: unknown): boolean {
  const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
  return (
    typeof responseCode === 'number' &&
    responseCode >= 500 &&
    responseCode < 600 &&
    (command === 'RCPT TO' || command === 'DATA')
  );
}

/** A failure as stored in `last_error`: code and message, with every address taken out. */
export function describeFailure(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const parts = [e.code, e.responseCode, e.message ?? String(error)].filter((x) => x !== undefined);
  return parts
    .join(' ')
    .replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[address]')
    .replace(/\s+/g, ' ')
    .slice(0, 500);
}

export interface OutboxSenderOptions {
  db: Db;
  transport: MailTransport;
  clock: Clock;
  logger: Logger;
  /** @default 1000 */
  pollMs?: number;
}

/**
 * Delivers the outbox. Rows are claimed with a compare-and-set UPDATE (status and lease as read)
 * and a lease, so several instances can share one database and a crashed sender's rows return.
 */
export class OutboxSender {
  readonly #db: Db;
  readonly #transport: MailTransport;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #pollMs: number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;

  constructor(options: OutboxSenderOptions) {
    this.#db = options.db;
    this.#transport = options.transport;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#pollMs = options.pollMs ?? 1000;
  }

  /** Polls for due mail every second until stop(). */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.kick(), this.#pollMs);
    this.#timer.unref();
    this.kick();
  }

  /** Delivers due mail now, without waiting (e.g. right after a turn committed a mail). */
  kick(): void {
    this.drain().catch((error: unknown) => {
      this.#logger.error({ err: error }, 'outbox pass failed');
    });
  }

  /** Resolves once nothing is due any more; for tests and shutdown. */
  drain(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      while ((await this.#pass()) > 0);
    } while (this.#again);
  }

  /** One batch: claim what is due, send each. Returns how many rows it claimed. */
  async #pass(): Promise<number> {
    const now = this.#clock.now();
    const due = await this.#db
      .selectFrom('outbox')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .limit(BATCH)
      .execute();

    let claimed = 0;
    for (const row of due) {
      const lease = await this.#claim(row, now);
      if (lease === undefined) continue;
      claimed++;
      await this.#send({ ...row, attempts: row.attempts + 1 }, lease);
    }
    return claimed;
  }

  async #claim(row: OutboxRow, now: number): Promise<number | undefined> {
    // A row still 'sending' after its lease was being sent by a sender that died; that try counts.
    if (row.attempts >= MAX_ATTEMPTS) {
      const lastError = 'gave up after a sender stopped mid-send';
      await this.#finish(row, { status: 'failed', last_error: lastError });
      return undefined;
    }
    const lease = now + LEASE_MS;
    const result = await this.#db
      .updateTable('outbox')
      .set({ status: 'sending', lease_until: lease, attempts: row.attempts + 1 })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .where('lease_until', row.lease_until === null ? 'is' : '=', row.lease_until)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n ? lease : undefined;
  }

  async #send(row: OutboxRow, lease: number): Promise<void> {
    try {
      const { text, html } = await openMail(this.#db, row);
      await this.#transport.sendMail({
        to: { name: row.to_name ?? '', address: row.to_address },
        subject: row.subject,
        text,
        html,
        messageId: row.message_id,
      });
    } catch (error) {
      await this.#failed({ ...row, lease_until: lease }, error);
      return;
    }
    const sentAt = this.#clock.now();
    // Sent: the secrets have done their work and leave the database.
    const sent = { status: 'sent', sent_at: sentAt, sealed: null } as const;
    await this.#finish({ ...row, lease_until: lease }, sent);
    this.#logger.info({ outboxId: row.id, kind: row.kind, attempts: row.attempts }, 'mail sent');
  }

  async #failed(row: OutboxRow, error: unknown): Promise<void> {
    const lastError = describeFailure(error);
    const giveUp = row.attempts >= MAX_ATTEMPTS || isPermanentRejection(error);
    const nextAttemptAt = this.#clock.now() + backoffMs(row.attempts);
    await this.#finish(
      row,
      giveUp
        ? { status: 'failed', last_error: lastError }
        : { status: 'pending', last_error: lastError, next_attempt_at: nextAttemptAt },
    );
    this.#logger.warn(
      { outboxId: row.id, kind: row.kind, attempts: row.attempts, error: lastError },
      giveUp ? 'mail failed for good' : 'mail failed, will retry',
    );
  }

  /** Ends a claim, but only while this sender still holds the lease it took. */
  async #finish(row: OutboxRow, set: Partial<OutboxRow>): Promise<void> {
    await this.#db
      .updateTable('outbox')
      .set({ ...set, lease_until: null })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .where('lease_until', row.lease_until === null ? 'is' : '=', row.lease_until)
      .execute();
  }
}
