import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** A stored password: `scrypt$<log2 N>$<r>$<p>$<salt>$<key>`, salt and key base64url. */
export type PasswordHash = string & { readonly __brand: 'PasswordHash' };

// N=2^15, r=8, p=3 is one of OWASP's equivalent scrypt settings (32 MiB, about 0.1 s here);
// the parameters travel with each hash, so raising them later leaves old hashes verifiable.
const LOG_N = 15;
const R = 8;
const P = 3;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const MAX_MEM = 64 * 1024 * 1024;

function derive(
  password: string,
  salt: Buffer,
  logN: number,
  r: number,
  p: number,
): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: MAX_MEM };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, LOG_N, R, P);
  const encoded = [salt, key].map((b) => b.toString('base64url')).join('$');
  return `scrypt$${LOG_N}$${R}$${P}$${encoded}` as PasswordHash;
}

/** Constant-time check of `password` against a stored hash; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;

  const expected = Buffer.from(key, 'base64url');
  const saltBytes = Buffer.from(salt, 'base64url');
  const actual = await derive(password, saltBytes, Number(logN), Number(r), Number(p));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
