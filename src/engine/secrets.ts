/**
 * Recognises secrets pasted into the chat before anything stores them. The assistant never
 * needs a password, an authenticator code, a recovery code or a personal link, so a false
 * positive costs a gentle warning while a false negative would store a secret.
 */
export type SecretKind = 'password' | 'code' | 'link';

const PASSWORD_CUE =
  /\b(pass(word|wd|phrase)?|pwd|wachtwoord|ww|wachtw)\b\s*(is|=|:|was|luidt|is nu)?\s*[:=]?\s*\S{4,}/i;
const LINK_WITH_SECRET = /https?:\/\/\S*(\/reset|\/verify|token=|code=|ticket=|otp=)\S*/i;
const LONE_CODE = /^\s*(my\s+code\s+is\s+|code\s*:?\s*|mijn\s+code\s+is\s+)?\d{3}\s?\d{3}\s*$/i;
const CODE_CUE = /\b(code|token|otp|2fa|authenticator)\b\s*(is|=|:)?\s*\d{3}\s?\d{3}\b/i;
const RECOVERY = /\b[a-z0-9]{4,5}-[a-z0-9]{4,5}(-[a-z0-9]{4,5})?\b/i;
const RECOVERY_CUE = /\b(recovery|herstel|backup)\s*codes?\b/i;

/** A single word that looks like a password: long enough, mixed classes, no spaces. */
function looksLikeBarePassword(text: string): boolean {
  const t = text.trim();
  if (/\s/.test(t) || t.length < 8 || t.length > 64) return false;
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(t)) return false; // an e-mail address
  if (/^https?:\/\//i.test(t)) return false;
  if (/^LH-[A-Z0-9]{4}-[A-Z0-9]{4}$/i.test(t)) return false; // a case number
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(t)).length;
  return classes >= 3;
}

export function detectSecret(text: string): SecretKind | null {
  if (LINK_WITH_SECRET.test(text)) return 'link';
  if (PASSWORD_CUE.test(text) || looksLikeBarePassword(text)) return 'password';
  if (LONE_CODE.test(text) || CODE_CUE.test(text)) return 'code';
  if (RECOVERY_CUE.test(text) && RECOVERY.test(text)) return 'code';
  return null;
}
