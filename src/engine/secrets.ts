/**
 * Recognises secrets pasted into the chat before anything stores them. The assistant never
 * needs a password, an authenticator code, a recovery code or a personal link, so a false
 * positive costs a gentle warning while a false negative would store a secret.
 *
 * People who cannot log in talk about passwords and codes all the time ("my password is
 * wrong", "wachtwoord vergeten", "the code is rejected") and quote numbers that are not secrets
 * (case numbers, phone numbers, KvK numbers, postcodes, invoices, amounts, dates). So a word
 * like "password" alone is no secret: it is the value after it, or a value shaped like one,
 * that counts. test/production/fixtures/secrets.json holds the corpus this is measured on.
 *
 * The one code the assistant asks for (the ownership code it mailed) never reaches this check:
 * the engine takes it as the answer to that question and stores only a marker.
 */
export type SecretKind = 'password' | 'code' | 'link';

// --- things that look like secrets but are not ------------------------------------------------

/** Removed before any check: they carry digits and dashes but are harmless to keep. */
const HARMLESS = [
  /\bLH-[A-Z0-9]{4}-[A-Z0-9]{4}\b/gi, // our case numbers
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // request / correlation ids
  /[^\s<>()"',;]+@[^\s<>()"',;]+\.[a-z]{2,}/gi, // e-mail addresses
  /(?:\+|\b00)\d{1,3}[\s-]?(?:\(0\)[\s-]?)?\d{1,4}(?:[\s-]?\d{2,4}){1,4}(?<=(?:\d\D*){10,})/g, // international phone numbers
  /\b0\d{1,3}[\s-]\d{3,4}[\s-]?\d{2,4}\b/g, // Dutch phone numbers with a space or dash
  /\b\d{4}\s?[A-Z]{2}\b/g, // Dutch postcodes
  /\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/g, // dates
  /(?:€|EUR|USD|\$|£)\s?\d[\d.,]*/gi, // amounts
  /\b\d[\d.]*,\d{2}\b/g, // amounts in Dutch notation
  /\b\d{1,2}:\d{2}(?::\d{2})?\b/g, // times
];

/**
 * Nouns that name a harmless number: a 6-digit number right after one of them (KvK, invoice,
 * order, customer, phone, ...) is that number, not an authenticator code.
 */
const NUMBER_NOUN =
  /\b(kvk|coc|kamer van koophandel|chamber of commerce|invoice|factuur|factuurnummer|order|bestelling|ordernummer|klantnummer|customer|klant|relatienummer|debiteur|debtor|ticket|case|zaak|dossier|referentie|reference|ref|nummer|number|nr|no|btw|vat|iban|postcode|zip|phone|telefoon|tel|mobiel|mobile|huisnummer|postbus|bedrag|amount|total|totaal|versie|version|build|error|fout|foutcode|id|employee|personeelsnummer|medewerker|member|lid|lidnummer|account|contract|polis|policy|peppol)\.?\s*(?:nummer|number|nr|no|code|id)?\.?\s*(?:is|was|=)?\s*[:#]?\s*$/i;
/** A 6-digit number followed by what it counts ("150000 invoices") is a quantity. */
const COUNTED =
  /^\s*(?:invoices|facturen|documents|documenten|users|gebruikers|euro|eur|items|berichten|messages|records|orders|bestellingen|times|keer|ms|seconds|seconden|customers|klanten|per)\b/i;

/** Words that can follow "password is" without being the password. */
const NOT_A_PASSWORD = new Set(
  (
    'wrong incorrect invalid expired rejected locked blocked not no correct right fine ok okay ' +
    'changed reset gone lost forgotten forgot unknown too very still also the a an my it not ' +
    'working accepted valid empty new old same different required needed saved stored weak ' +
    'strong long short case sensitive being always never what where why how ' +
    "doesn't isn't won't can't didn't wasn't does did will can should " +
    'fout onjuist ongeldig verlopen geblokkeerd niet geen goed juist correct veranderd gewijzigd ' +
    'kwijt vergeten onbekend te heel nog ook de het een mijn nieuw oud hetzelfde anders nodig ' +
    'opgeslagen zwak sterk lang kort wat waar waarom hoe al altijd nooit verkeerd'
  ).split(/\s+/),
);

// --- the patterns -----------------------------------------------------------------------------

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
/** A link that carries something personal: a reset or verification page, or a secret query. */
const PERSONAL_LINK =
  /(?:[?&#;](?:token|code|key|otp|ticket|sig|signature|secret|auth|hash|t|k|userid|uid|state)=)|\/(?:reset|verify|verification|confirm|confirmemail|activate|resetpassword|magic|c)(?:[/?#]|$)/i;
/** A run of URL-safe characters long and mixed enough to be a random secret (token, JWT). */
const LONG_TOKEN = /(?<![\w.-])[A-Za-z0-9_-]{24,}(?:\.[A-Za-z0-9_-]{8,}){0,2}(?![\w])/g;

const PASSWORD_WORD =
  '(?:pass(?:word|wd|phrase|code)?|pwd|pw|wachtwoord|wachtw|ww|login ?code|inlogcode)';
/** "password: X", "wachtwoord = X": after a colon or equals sign anything but a stop word counts. */
const PASSWORD_ASSIGNED = new RegExp(`\\b${PASSWORD_WORD}\\s*[:=]\\s*(["'‘“]?)(\\S+)`, 'gi');
/** "my password is X", "het wachtwoord was X", "password Welkom2024!". */
const PASSWORD_STATED = new RegExp(
  `\\b${PASSWORD_WORD}\\b(?:\\s+(?:is|was|luidt|becomes|wordt|werd|is nu|is now|would be|zou zijn|used to be|was eerst|i use|i used|gebruik ik))?\\s+(["'‘“]?)(\\S+)`,
  'gi',
);
/** "I typed Zomer2024 and it fails": a verb of entering, then a value mixing letters and digits. */
const PASSWORD_TYPED =
  /\b(?:tried|typed|entered|used|use|filled in|ingevoerd|ingetypt|getypt|geprobeerd|gebruik|gebruikte|vul|vulde)\b(?:\s+(?:in|it|with|met|the|de|het|my|mijn|password|wachtwoord)){0,3}\s+(["'‘“]?)(\S+)/gi;
/** Dutch puts the verb last: "ik heb Herfst2023 geprobeerd". */
const PASSWORD_TYPED_NL =
  /(["'‘“]?)(\S+)\s+(?:geprobeerd|ingevoerd|ingetypt|getypt|gebruikt|ingevuld)\b/gi;
const JWT = /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;

const CODE_WORD =
  '(?:code|codes|token|otp|2fa|mfa|totp|authenticator|authenticatie|verificatiecode|verification|beveiligingscode|security|sms|app|pin|tweestaps|two-factor)';
/** A six-digit code (optionally split 3+3), not part of a longer number. */
const SIX_DIGITS = /(?<![\d.,/€$-])\d{3}[ -]?\d{3}(?![\d.,/-])/g;
const CODE_CUED = new RegExp(
  `\\b${CODE_WORD}\\b[^.!?\\n]{0,40}?(?<![\\d.,/€$-])\\d{3}[ -]?\\d{3}(?![\\d.,/-])`,
  'i',
);

const RECOVERY_CUE =
  /\b(?:recovery|backup|back-up|herstel|reserve|noodcode|scratch|secret key|setup key|geheime sleutel|sleutel|secret)\s*-?\s*(?:codes?|keys?|sleutels?)?\b/i;
/** Groups like `a1b2c-3d4e5` or `7F3K-9X2M-Q8W4`: segments of 4-5 letters and digits. */
const SEGMENTED = /(?<![\w-])[A-Za-z0-9]{4,6}(?:[ -][A-Za-z0-9]{4,6}){1,5}(?![\w-])/g;
/** After a recovery cue: any run of 8+ letters and digits with at least one of each. */
const CUED_VALUE =
  /(?<![\w-])(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9-]{7,}(?![\w-])/;

// --- helpers ----------------------------------------------------------------------------------

const has = {
  lower: (t: string) => /[a-z]/.test(t),
  upper: (t: string) => /[A-Z]/.test(t),
  digit: (t: string) => /\d/.test(t),
  letter: (t: string) => /[A-Za-z]/.test(t),
  /** A symbol other than the separators of ids, usernames and numbers (- _ . / ,). */
  special: (t: string) => /[^A-Za-z0-9\s\-_./,'’]/.test(t),
};

const unquote = (t: string) => t.replace(/^["'‘“(]+|["'’”).,;:!?]+$/g, '');

/** A value shaped like a password: what people choose when a site asks for 8+ mixed characters. */
function passwordShaped(token: string, minLength = 8): boolean {
  if (token.length < minLength || token.length > 128) return false;
  if (!has.letter(token)) return false;
  const mixedCase = has.lower(token) && has.upper(token);
  return (
    (mixedCase && (has.digit(token) || has.special(token))) ||
    (has.digit(token) && has.special(token))
  );
}

/** The value after "password is": not a stop word, and either quoted or not a plain word. */
function statedPassword(quote: string, raw: string): boolean {
  const token = unquote(raw);
  if (token.length < 4 || /^[*•.x]+$/i.test(token)) return false;
  if (NOT_A_PASSWORD.has(token.toLowerCase())) return false;
  if (quote) return true;
  return (
    has.digit(token) || has.special(token) || /[a-z][A-Z]/.test(token) || passwordShaped(token, 6)
  );
}

function clean(text: string): string {
  let t = text;
  for (const re of HARMLESS) t = t.replace(re, ' ');
  return t;
}

// --- the checks -------------------------------------------------------------------------------

function personalLink(text: string): boolean {
  for (const url of text.match(URL) ?? []) {
    if (PERSONAL_LINK.test(url)) return true;
    // A path or query part that is itself a random secret.
    if ((url.match(LONG_TOKEN) ?? []).some(randomLooking)) return true;
  }
  return false;
}

/** Long runs that are random rather than words: letters and digits mixed, or a JWT. */
function randomLooking(token: string): boolean {
  if (/^eyJ/.test(token)) return true;
  const digits = token.replace(/\D/g, '').length;
  return (
    has.letter(token) && digits >= 3 && (has.upper(token) || /[_-]/.test(token) || digits >= 6)
  );
}

function password(text: string, cleaned: string): boolean {
  for (const m of cleaned.matchAll(PASSWORD_ASSIGNED)) {
    const token = unquote(m[2]!);
    if (token.length >= 4 && !/^[*•.x]+$/i.test(token) && !NOT_A_PASSWORD.has(token.toLowerCase()))
      return true;
  }
  for (const m of cleaned.matchAll(PASSWORD_STATED)) if (statedPassword(m[1]!, m[2]!)) return true;
  for (const m of [...cleaned.matchAll(PASSWORD_TYPED), ...cleaned.matchAll(PASSWORD_TYPED_NL)]) {
    const token = unquote(m[2]!);
    if (m[1] && token.length >= 6 && !NOT_A_PASSWORD.has(token.toLowerCase())) return true;
    if (
      has.letter(token) &&
      has.digit(token) &&
      token.length >= 6 &&
      (has.lower(token) || has.special(token))
    )
      return true;
  }
  // "login anna@… / Welkom2024" and other credentials written as pairs.
  if (
    /@\S+\s*[/|:]\s*\S{6,}/.test(text) &&
    /@\S+\s*[/|:]\s*(\S+)/
      .exec(text)!
      .slice(1)
      .some((t) => passwordShaped(unquote(t), 6) || has.digit(t))
  ) {
    return true;
  }
  // A lone word shaped like a password, or such a word inside a sentence.
  const words = cleaned.split(/\s+/).map(unquote).filter(Boolean);
  if (words.length === 1) return passwordShaped(words[0]!);
  // Inside a sentence only a word with mixed case, a digit and a symbol counts: markup such as
  // `onerror=alert(1)` and ids such as `jdoe_1985` or `Acme-BV_2024` are not passwords.
  return words.some(
    (w) =>
      passwordShaped(w, 8) &&
      has.special(w) &&
      has.digit(w) &&
      has.lower(w) &&
      has.upper(w) &&
      !/[<>=]/.test(w),
  );
}

function authenticatorCode(cleaned: string): boolean {
  if (CODE_CUED.test(cleaned)) return true;
  for (const m of cleaned.matchAll(SIX_DIGITS)) {
    const before = cleaned.slice(0, m.index);
    const after = cleaned.slice(m.index + m[0].length);
    if (!NUMBER_NOUN.test(before) && !COUNTED.test(after)) return true;
  }
  return false;
}

function recoveryCode(cleaned: string): boolean {
  const cued = RECOVERY_CUE.test(cleaned);
  for (const m of cleaned.matchAll(SEGMENTED)) {
    const segments = m[0].split(/[ -]/);
    const mixed = segments.filter((s) => has.letter(s) && has.digit(s)).length;
    // Without a cue, two or more segments must each mix letters and digits (`7f3k-9x2m`);
    // with one ("my recovery code …"), any segmented value with a digit will do.
    if (mixed >= 2 || (cued && has.digit(m[0]) && segments.every((s) => s.length >= 4)))
      return true;
  }
  if (cued && CUED_VALUE.test(cleaned.slice(cleaned.search(RECOVERY_CUE)))) return true;
  // A base32 authenticator key (16+ characters of A-Z and 2-7) after a cue.
  if (cued && /\b[A-Z2-7]{16,}\b/.test(cleaned.replace(/\s/g, ''))) return true;
  return false;
}

/** The kind of secret `text` seems to carry, or null when it reads as harmless. */
export function detectSecret(text: string): SecretKind | null {
  if (personalLink(text)) return 'link';
  if (JWT.test(text)) return 'link';
  const cleaned = clean(text.replace(URL, ' '));
  if ((cleaned.match(LONG_TOKEN) ?? []).some(randomLooking)) return 'link';
  if (recoveryCode(cleaned)) return 'code';
  if (password(text.replace(URL, ' '), cleaned)) return 'password';
  if (authenticatorCode(cleaned)) return 'code';
  return null;
}
