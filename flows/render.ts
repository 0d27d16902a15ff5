import type { Content } from './content.js';
import { engineEn, engineNl } from './messages/engine.js';
import { en } from './messages/en.js';
import { nl } from './messages/nl.js';
import type { Locale, Params, Portal } from './types.js';

const english = { ...en, ...engineEn };
export type MessageKey = keyof typeof english;

/** The path catalogues and the engine's own sentences, per locale. */
export const catalogues: Record<Locale, Record<MessageKey, string>> = {
  en: english,
  nl: { ...nl, ...engineNl },
};

export interface RenderOptions {
  content: Content;
  /** Minutes a reset link stays valid (from the server configuration). */
  resetLinkMinutes: number;
}

const otherPortal = (p: Portal): Portal => (p === 'platform' ? 'identity' : 'platform');

/**
 * Placeholders every message may use, taken from the content configuration. A `portal` param
 * ('platform' | 'identity') also brings `portalName`, `portalUrl`, `portalHost` and the same
 * three for `otherPortal…`.
 */
export function contentParams(locale: Locale, opts: RenderOptions, params: Params = {}): Params {
  const { content } = opts;
  const { platform, identity } = content.portals;
  const contacts = content.support.email
    ? `${content.support.phone} ${locale === 'nl' ? 'of' : 'or'} ${content.support.email}`
    : content.support.phone;
  const base: Params = {
    brand: content.brand,
    supportPhone: content.support.phone,
    supportContacts: contacts,
    supportHours: content.support.hours[locale],
    waitMinutes: content.resetMailWaitMinutes,
    resetLinkMinutes: opts.resetLinkMinutes,
    platformName: platform.name[locale],
    platformUrl: platform.loginUrl,
    platformHost: platform.host,
    identityName: identity.name[locale],
    identityUrl: identity.loginUrl,
    identityHost: identity.host,
    apps: content.authenticatorApps,
    codeDigits: content.codeDigits,
  };
  const portal = params.portal;
  if (portal === 'platform' || portal === 'identity') {
    const mine = content.portals[portal];
    const other = content.portals[otherPortal(portal)];
    Object.assign(base, {
      portalName: mine.name[locale],
      portalUrl: mine.loginUrl,
      portalHost: mine.host,
      otherPortalName: other.name[locale],
      otherPortalUrl: other.loginUrl,
      otherPortalHost: other.host,
    });
  }
  return { ...base, ...params };
}

export class UnknownMessageError extends Error {
  readonly code = 'UNKNOWN_MESSAGE';
  constructor(key: string) {
    super(`unknown message key "${key}"; add it to flows/messages/en.ts and nl.ts`);
  }
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(english, key);
}

/**
 * A param `<name>Key` holding a catalogue key fills `{<name>}` with that entry, rendered in the
 * same locale. Machines never know the user's language, so this is how a sentence names a path
 * in words ("this sounds like {path}").
 */
function nestedParams(locale: Locale, values: Params, opts: RenderOptions): Params {
  const nested: Params = {};
  for (const [name, value] of Object.entries(values)) {
    if (!name.endsWith('Key') || typeof value !== 'string') continue;
    nested[name.slice(0, -3)] = render(locale, value, undefined, opts);
  }
  return nested;
}

/** Renders a catalogue entry. A placeholder without a value is left visible rather than blank. */
export function render(
  locale: Locale,
  key: string,
  params: Params | undefined,
  opts: RenderOptions,
): string {
  if (!isMessageKey(key)) throw new UnknownMessageError(key);
  const given = contentParams(locale, opts, params);
  const values = { ...nestedParams(locale, given, opts), ...given };
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** The placeholders a template uses, for the completeness test. */
export const placeholders = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
