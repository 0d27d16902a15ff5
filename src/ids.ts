import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export const newId = (): string => randomUUID();

/** 256 bits of randomness, URL-safe: reset and verification link secrets. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const hmac = (key: string, text: string): string =>
  createHmac('sha256', key).update(text).digest('base64url');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// No 0/O, 1/I/L, 5/S, 8/B: a case number is read out over the phone.
const READABLE = '234679ACDEFGHJKMNPQRTUVWXYZ';

/** A case number people can read aloud, e.g. `LH-7KQ4-M2XD`. */
export function newCaseRef(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => READABLE[b % READABLE.length]).join('');
  return `LH-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
