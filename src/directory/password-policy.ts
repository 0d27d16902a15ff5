/**
 * Rules for a new password, following NIST SP 800-63B §3.1.1.2: a minimum length, a check against
 * common and easily guessed values, and no composition rules (no "one digit, one symbol").
 * https://pages.nist.gov/800-63-4/sp800-63b.html#passwordver
 */

export type PasswordIssue = 'too_short' | 'too_long' | 'common' | 'contains_email' | 'mismatch';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that nobody feeds scrypt a megabyte. */
export const PASSWORD_MAX_LENGTH = 256;

// Passwords of 12+ characters that top the public breach lists, plus Dutch and product ones.
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '1q2w3e4r5t6y',
  'qwertyuiopas',
  'qwerty123456',
  'password1234',
  'password12345',
  'passwordpassword',
  'iloveyou1234',
  'abcdefghijkl',
  'abc123abc123',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  'welkom123456',
  'wachtwoord12',
  'wachtwoord123',
  'wachtwoord1234',
  'wachtwoordwachtwoord',
  'econnect1234',
  'econnect2026',
  'letmein12345',
  'welcome12345',
  'administrator',
  'qwertyuiop123',
  'zaq12wsxcde3',
  'asdfghjkl123',
  'p@ssw0rd1234',
  'changeme1234',
]);

// A word everyone tries first, dressed up with digits and symbols ("Wachtwoord2026!").
const BASE_WORDS = [
  'password',
  'passw0rd',
  'wachtwoord',
  'welkom',
  'welcome',
  'qwerty',
  'econnect',
  'letmein',
];
const RUNS = ['01234567890123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];

function looksCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(lower)) return true;
  if (RUNS.some((run) => run.includes(lower))) return true;

  const letters = lower.replace(/[^a-z]/g, '');
  return BASE_WORDS.includes(letters) && /^[a-z]+[^a-z]*$/.test(lower);
}

const lettersOf = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');

/**
 * What is wrong with a proposed password, empty when it is fine. `email` is the login address:
 * the address itself, or its name part with digits around it, is the first thing an attacker tries.
 */
export function checkNewPassword(
  password: string,
  email: string,
  repeat?: string,
): PasswordIssue[] {
  const issues: PasswordIssue[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) issues.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) issues.push('too_long');
  if (looksCommon(password)) issues.push('common');

  const local = lettersOf(email.split('@')[0] ?? '');
  const hasAddress = password.toLowerCase().includes(email.toLowerCase());
  if (hasAddress || (local && lettersOf(password) === local)) issues.push('contains_email');
  if (repeat !== undefined && repeat !== password) issues.push('mismatch');
  return issues;
}
