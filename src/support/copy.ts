import type { Locale } from '../../flows/types.js';
import type { CaseStatus } from '../db/schema.js';

/**
 * Everything the user of a case reads from support outside mail: the lines added to their chat
 * (widget and Teams) and the status page. Staff-facing text is English and lives in console/.
 */
export interface UserCopy {
  chat: {
    resolved: (ref: string, note: string) => string;
    message: (ref: string, text: string) => string;
  };
  status: {
    title: (ref: string) => string;
    state: Record<CaseStatus, string>;
    opened: string;
    updated: string;
    messages: string;
    none: string;
    resolution: string;
    contact: (contacts: string, hours: string) => string;
    invalid: string;
    expired: string;
    linkTitle: string;
  };
}

export const userCopy: Record<Locale, UserCopy> = {
  en: {
    chat: {
      resolved: (ref, note) => `Support has resolved your case ${ref}: ${note}`,
      message: (ref, text) => `Message from support about your case ${ref}: ${text}`,
    },
    status: {
      title: (ref) => `Your support case ${ref}`,
      state: {
        open: 'Open: support is working on it.',
        waiting: 'Waiting for you: support has asked you something, see below.',
        resolved: 'Resolved.',
      },
      opened: 'Opened',
      updated: 'Last change',
      messages: 'Messages from support',
      none: 'No messages yet. We will e-mail you as soon as there is news.',
      resolution: 'Resolution',
      contact: (contacts, hours) =>
        `Questions? Support: ${contacts} (${hours}). Mention your case number.`,
      invalid:
        'This link does not work. Use the link in the most recent e-mail about your case, or call support with your case number.',
      expired:
        'This link has expired. Your case number still works: mention it when you call or write to support.',
      linkTitle: 'Case status',
    },
  },
  nl: {
    chat: {
      resolved: (ref, note) => `Support heeft je melding ${ref} afgehandeld: ${note}`,
      message: (ref, text) => `Bericht van support over je melding ${ref}: ${text}`,
    },
    status: {
      title: (ref) => `Je supportmelding ${ref}`,
      state: {
        open: 'Open: support is ermee bezig.',
        waiting: 'Wacht op jou: support heeft je iets gevraagd, zie hieronder.',
        resolved: 'Afgehandeld.',
      },
      opened: 'Aangemaakt',
      updated: 'Laatste wijziging',
      messages: 'Berichten van support',
      none: 'Nog geen berichten. We mailen je zodra er nieuws is.',
      resolution: 'Oplossing',
      contact: (contacts, hours) =>
        `Vragen? Support: ${contacts} (${hours}). Noem je meldingsnummer.`,
      invalid:
        'Deze link werkt niet. Gebruik de link in de nieuwste e-mail over je melding, of bel support met je meldingsnummer.',
      expired:
        'Deze link is verlopen. Je meldingsnummer werkt nog steeds: noem het als je support belt of mailt.',
      linkTitle: 'Status van je melding',
    },
  },
};

export const localeOf = (value: string): Locale => (value === 'nl' ? 'nl' : 'en');
