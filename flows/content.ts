import type { Locale, Portal } from './types.js';

export type LocalText = Record<Locale, string>;

export interface PortalContent {
  /** Product name as users know it. */
  name: LocalText;
  /** Host name alone, as the help article writes it. */
  host: string;
  /** The login page. */
  loginUrl: string;
}

/**
 * Every fact the assistant tells a user. The defaults are the facts of the help article
 * (shared/seeds); a deployment overrides them through `CONTENT_FILE` without touching a machine.
 */
export interface Content {
  brand: string;
  portals: Record<Portal, PortalContent>;
  support: {
    phone: string;
    /**
     * The help article's copy of this address was redacted by the page it was taken from, so there
     * is no default: set it with `CONTENT_FILE` or `SUPPORT_EMAIL`. Without it only the phone
     * number is given to users.
     */
    email?: string;
    hours: LocalText;
  };
  /** After this many minutes without a reset e-mail, the article says to contact support. */
  resetMailWaitMinutes: number;
  /** Authenticator apps the article names as examples. */
  authenticatorApps: string;
  /** Digits of an authenticator code. */
  codeDigits: number;
  /**
   * A device clock off by less than this is "in sync". Authenticator codes change every 30 s and
   * servers usually accept the neighbouring code, so 15 s leaves room for network delay.
   */
  clockToleranceSeconds: number;
}

export const defaultContent: Content = {
  brand: 'eConnect',
  portals: {
    platform: {
      name: { en: 'Platform', nl: 'Platform' },
      host: 'platform.econnect.eu',
      loginUrl: 'https://platform.econnect.eu',
    },
    identity: {
      name: {
        en: 'Control or the Peppol Service Bus (PSB)',
        nl: 'Control of de Peppol Service Bus (PSB)',
      },
      host: 'identity.econnect.eu',
      loginUrl: 'https://identity.econnect.eu',
    },
  },
  support: {
    phone: '+31 88 440 6633',
    hours: { en: 'on working days', nl: 'op werkdagen' },
  },
  resetMailWaitMinutes: 15,
  authenticatorApps: 'Microsoft Authenticator, Google Authenticator',
  codeDigits: 6,
  clockToleranceSeconds: 15,
};
