import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../db/index.js';
import { ensureSecret } from '../settings.js';

/**
 * Secrets in a mail (the token of a reset or verification link, an ownership code) are never
 * written to the database in the clear. The directory keeps only their hashes; the outbox keeps
 * the bodies with `{{secret:n}}` placeholders and the secrets sealed (AES-256-GCM) beside them,
 * opened only to hand the mail to SMTP and dropped once it was sent.
 *
 * The key is generated once and kept in `settings` (`outbox_key`), so every instance and every
 * caller of enqueueMail agrees on it without configuration. That keeps secrets out of the outbox
 * page, the CLI, SQL consoles and copies of tables; it does not protect a mail still waiting from
 * someone who holds the whole database (who holds the key too). Sent mail has no secret left.
 */

const KEY_NAME = 'outbox_key';
const VERSION = 'v1';

async function keyOf(executor: Executor): Promise<Buffer> {
  const secret = await ensureSecret(executor, KEY_NAME);
  return createHash('sha256').update(`login-help outbox seal\n${secret}`).digest();
}

/** Seals `secrets` (possibly none: every mail pays the same, see bench/enumeration.ts). */
export async function sealSecrets(executor: Executor, secrets: readonly string[]): Promise<string> {
  const key = await keyOf(executor);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export class SealedSecretsError extends Error {
  readonly code = 'OUTBOX_SEAL_INVALID';
}

export async function openSecrets(executor: Executor, sealed: string): Promise<string[]> {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) {
    throw new SealedSecretsError(`sealed secrets in an unknown format (${version ?? 'empty'})`);
  }
  try {
    const key = await keyOf(executor);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const json = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
    return JSON.parse(json.toString('utf8')) as string[];
  } catch (error) {
    const message = 'sealed secrets do not open with the outbox key';
    throw new SealedSecretsError(message, { cause: error });
  }
}

const placeholder = (n: number) => `{{secret:${n}}}`;

// A code of digits only could also occur inside a longer number; it counts only standing alone.
const occurrences = (secret: string) => {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(/^\d+$/.test(secret) ? `(?<!\\d)${escaped}(?!\\d)` : escaped, 'g');
};

/** `text` with every secret replaced by its placeholder. */
export function hideSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret, n) => out.replace(occurrences(secret), placeholder(n)), text);
}

/**
 * Throws unless every secret occurs in `text` as given: a template that encoded a secret some
 * other way would otherwise leave it in the clear beside its sealed copy.
 */
export function assertSecretsIn(text: string, secrets: readonly string[]): void {
  const missing = secrets.filter((secret) => !occurrences(secret).test(text));
  if (missing.length) {
    throw new SealedSecretsError(`${missing.length} secret(s) of the mail not found in its text`);
  }
}

/** `text` with every placeholder replaced by its secret again. */
export function revealSecrets(text: string, secrets: readonly string[]): string {
  return text.replace(/\{\{secret:(\d+)\}\}/g, (match, n: string) => secrets[Number(n)] ?? match);
}
