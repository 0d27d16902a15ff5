import type { Content } from '../../flows/content.js';
import { contentParams } from '../../flows/render.js';
import type { Locale, Params, Portal } from '../../flows/types.js';
import type { Config } from '../config.js';
import type { MailAddress } from './address.js';
import { composeMail, small, type Block, type Draft } from './layout.js';
import type { MailKind, MailMessage } from './types.js';

/** What every template needs from the configuration. */
export interface MailEnv {
  content: Content;
  /** Absolute base of every link, without trailing slash. */
  publicUrl: string;
  resetLinkMinutes: number;
  verifyLinkHours: number;
}

export const mailEnv = (config: Config, content: Content = config.content): MailEnv => ({
  content,
  // Read at send time: with PORT=0 the public URL is only known once the server listens.
  get publicUrl() {
    return config.publicUrl;
  },
  resetLinkMinutes: config.RESET_LINK_MINUTES,
  verifyLinkHours: config.VERIFY_LINK_HOURS,
});

/** Who a mail goes to, in which language, and the conversation it belongs to. */
export interface MailTarget {
  env: MailEnv;
  locale: Locale;
  to: MailAddress;
  conversationId?: string;
}

export type Words = Omit<Draft, 'footer'>;
/** One template's wording in each language, from the content placeholders and its own input. */
export type Copy<T> = Record<Locale, (v: Params, input: T) => Words>;

/** The content placeholders of flows/render.ts, so mails and chat name things alike. */
export const vars = (env: MailEnv, locale: Locale, portal?: Portal): Params =>
  contentParams(
    locale,
    { content: env.content, resetLinkMinutes: env.resetLinkMinutes },
    portal ? { portal } : {},
  );

export const pageUrl = (t: MailTarget, page: 'reset' | 'verify', secret: string): string =>
  `${t.env.publicUrl}/${page}?token=${encodeURIComponent(secret)}&lang=${t.locale}`;

// "Platform-wachtwoord" reads well; a compound of a product name of several words does not.
export const oneWord = (name: string | number | undefined): boolean => !/\s/.test(String(name));

const footers: Record<Locale, (v: Params, ignorable: boolean) => Block[]> = {
  en: (v, ignorable) => [
    ...(ignorable
      ? [
          small(
            `You receive this e-mail because someone asked the ${v.brand} login help to send it`,
            'to this address. If that was not you, you can ignore it.',
          ),
        ]
      : []),
    small(
      `Questions? ${v.brand} support: ${v.supportContacts} (${v.supportHours}).`,
      'We will never ask for your password or 2FA codes.',
    ),
  ],
  nl: (v, ignorable) => [
    ...(ignorable
      ? [
          small(
            `Je krijgt deze e-mail omdat iemand de ${v.brand}-inloghulp heeft gevraagd hem naar`,
            'dit adres te sturen. Was jij dat niet, dan kun je hem negeren.',
          ),
        ]
      : []),
    small(
      `Vragen? ${v.brand} support: ${v.supportContacts} (${v.supportHours}).`,
      'We vragen nooit om je wachtwoord of 2FA-codes.',
    ),
  ],
};

export interface BuildOptions {
  /** Fills the portal placeholders (portalName, otherPortalUrl, ...). */
  portal?: Portal;
  /**
   * `ignorable` (default): "if that was not you, ignore this" and the support contacts;
   * `plain`: the support contacts only; `none`: no footer (mail to support itself).
   */
  footer?: 'ignorable' | 'plain' | 'none';
  caseId?: string;
  /** Values in the mail that the outbox must not store in the clear (link tokens, codes). */
  secrets?: string[];
}

/** Words in the target's language, the shared footer, both renderings: one MailMessage. */
export function build<T>(
  kind: MailKind,
  copy: Copy<T>,
  t: MailTarget,
  input: T,
  opts: BuildOptions = {},
): MailMessage {
  const v = vars(t.env, t.locale, opts.portal);
  const footer = opts.footer ?? 'ignorable';
  const draft = {
    ...copy[t.locale](v, input),
    footer: footer === 'none' ? [] : footers[t.locale](v, footer === 'ignorable'),
  };
  const refs = { conversationId: t.conversationId, caseId: opts.caseId, secrets: opts.secrets };
  return composeMail(kind, t.to, t.locale, draft, refs);
}
