import type { Locale } from '../../flows/types.js';
import type { PasswordIssue } from '../directory/password-policy.js';
import type { TokenError } from '../directory/tokens.js';
import type { OutboxProblem, OutboxStatus } from '../mail/outbox-admin.js';

/** Why a link page cannot go on: the token errors, or no link at all in the request. */
export type LinkProblem = TokenError | 'missing';

type DevWords = 'title' | 'note' | 'empty' | 'to' | 'subject' | 'at' | 'back' | 'text' | 'links';
type OutboxWords =
  | 'title'
  | 'note'
  | 'empty'
  | 'showAll'
  | 'showUnsent'
  | 'status'
  | 'problem'
  | 'kind'
  | 'attempts'
  | 'next'
  | 'sent'
  | 'error'
  | 'cli';

interface PageCopy {
  reset: {
    title: (portal: string) => string;
    intro: (email: string, host: string) => string;
    rulesTitle: string;
    rules: string[];
    password: string;
    repeat: string;
    submit: string;
    issues: Record<PasswordIssue, string>;
    doneTitle: string;
    done: (portal: string) => string;
    doneMail: string;
    login: (host: string) => string;
  };
  verify: { doneTitle: string; done: (host: string) => string; login: (host: string) => string };
  link: Record<LinkProblem, { title: string; body: string }> & { next: (brand: string) => string };
  error: { title: string; body: string; tooLarge: string; crossSite: string };
  dev: Record<DevWords, string>;
  outbox: Record<OutboxWords, string> & {
    counts: Record<OutboxStatus, string>;
    problems: Record<OutboxProblem, string>;
  };
}

/** Joins sentence parts with spaces, so long copy wraps in the source and not on the page. */
const s = (...parts: string[]) => parts.join(' ');

export const pageCopy: Record<Locale, PageCopy> = {
  en: {
    reset: {
      title: (portal) => `Choose a new password for ${portal}`,
      intro: (email, host) => `For the account ${email} on ${host}.`,
      rulesTitle: 'What makes a good password',
      rules: [
        s(
          'At least 12 characters. A few unrelated words in a row are easy to remember and',
          'hard to guess.',
        ),
        'Not a common password, and not your e-mail address.',
        'One you use nowhere else. A password manager can make and remember it for you.',
      ],
      password: 'New password',
      repeat: 'Repeat the new password',
      submit: 'Change my password',
      issues: {
        too_short: 'The password is shorter than 12 characters.',
        too_long: 'The password is longer than 256 characters.',
        common: 'This password is too common or too easy to guess. Please choose another.',
        contains_email: 'The password is based on your e-mail address. Please choose another.',
        mismatch: 'The two passwords are not the same.',
      },
      doneTitle: 'Your password has been changed',
      done: (portal) =>
        s(
          `You can now log in to ${portal} with your new password.`,
          'This page has not logged you in anywhere.',
        ),
      doneMail: 'We have sent a confirmation to your e-mail address.',
      login: (host) => `Log in at ${host}`,
    },
    verify: {
      doneTitle: 'Your e-mail address is verified',
      done: (host) =>
        s(
          `Your address is now verified on ${host}, so a password reset works for it.`,
          'Ask the login help for the reset again, or use Forgot password on the login page.',
        ),
      login: (host) => `Go to ${host}`,
    },
    link: {
      unknown: {
        title: 'This link does not work',
        body: s(
          'The link is not known here. Perhaps it was cut off when you copied it:',
          'use the whole link from the e-mail.',
        ),
      },
      used: {
        title: 'This link has already been used',
        body: 'Each link works only once. If you used it before, that change has been made.',
      },
      expired: {
        title: 'This link has expired',
        body: 'Links work only for a short time, and only the newest link you were sent works.',
      },
      missing: {
        title: 'Open the link from your e-mail again',
        body: s(
          'This page only works when opened from the link in the e-mail,',
          'and only for a short time.',
        ),
      },
      next: (brand) => `Need a new link? Ask the ${brand} login help for one: it takes a minute.`,
    },
    error: {
      title: 'Something went wrong',
      body: 'Nothing has been changed. Please try again in a moment.',
      tooLarge: 'The form was too large to accept. Please use a shorter password.',
      crossSite: 'This form can only be sent from this site. Open the link from your e-mail again.',
    },
    dev: {
      title: 'Dev mailbox',
      note: s(
        'Mail this server would have sent.',
        'It is kept here because no SMTP server is configured.',
      ),
      empty: 'No mail yet.',
      to: 'To',
      subject: 'Subject',
      at: 'Time',
      back: 'All mail',
      text: 'Text version',
      links: 'Links in this mail',
    },
    outbox: {
      title: 'Outbox',
      note: s(
        'Mail waiting to be sent, and mail that could not be sent. Addresses are masked.',
        'This page is not there in production; use the command line there.',
      ),
      empty: 'Nothing waiting: every mail has been sent.',
      showAll: 'Show sent mail too',
      showUnsent: 'Show only mail not sent yet',
      status: 'Status',
      problem: 'Needs a look',
      kind: 'Kind',
      attempts: 'Attempts',
      next: 'Next attempt',
      sent: 'Sent',
      error: 'Last error',
      cli: 'Send a failed mail again with: npm run outbox -- retry <id>',
      counts: { pending: 'waiting', sending: 'sending', failed: 'failed', sent: 'sent' },
      problems: {
        failed: 'gave up: retry by hand',
        retrying: 'failed, will retry',
        overdue: 'overdue: is the server sending?',
        'lease expired': 'sender stopped mid-send; retried next',
      },
    },
  },
  nl: {
    reset: {
      title: (portal) => `Kies een nieuw wachtwoord voor ${portal}`,
      intro: (email, host) => `Voor het account ${email} op ${host}.`,
      rulesTitle: 'Zo kies je een goed wachtwoord',
      rules: [
        s(
          'Minstens 12 tekens. Een paar losse woorden achter elkaar zijn makkelijk te onthouden',
          'en moeilijk te raden.',
        ),
        'Geen veelgebruikt wachtwoord, en niet je e-mailadres.',
        s(
          'Een wachtwoord dat je nergens anders gebruikt. Een wachtwoordmanager kan het voor je',
          'maken en onthouden.',
        ),
      ],
      password: 'Nieuw wachtwoord',
      repeat: 'Herhaal het nieuwe wachtwoord',
      submit: 'Wachtwoord wijzigen',
      issues: {
        too_short: 'Het wachtwoord is korter dan 12 tekens.',
        too_long: 'Het wachtwoord is langer dan 256 tekens.',
        common: 'Dit wachtwoord is te gewoon of te makkelijk te raden. Kies een ander.',
        contains_email: 'Het wachtwoord is gebaseerd op je e-mailadres. Kies een ander.',
        mismatch: 'De twee wachtwoorden zijn niet hetzelfde.',
      },
      doneTitle: 'Je wachtwoord is gewijzigd',
      done: (portal) =>
        s(
          `Je kunt nu met je nieuwe wachtwoord inloggen op ${portal}.`,
          'Deze pagina heeft je nergens ingelogd.',
        ),
      doneMail: 'We hebben een bevestiging naar je e-mailadres gestuurd.',
      login: (host) => `Inloggen op ${host}`,
    },
    verify: {
      doneTitle: 'Je e-mailadres is bevestigd',
      done: (host) =>
        s(
          `Je adres is nu bevestigd op ${host}, dus je wachtwoord opnieuw instellen werkt nu.`,
          'Vraag de inloghulp opnieuw om het herstel, of gebruik Wachtwoord vergeten op de',
          'inlogpagina.',
        ),
      login: (host) => `Naar ${host}`,
    },
    link: {
      unknown: {
        title: 'Deze link werkt niet',
        body: s(
          'De link is hier niet bekend. Misschien is hij bij het kopiëren afgebroken:',
          'gebruik de hele link uit de e-mail.',
        ),
      },
      used: {
        title: 'Deze link is al gebruikt',
        body: s(
          'Elke link werkt maar één keer. Heb je hem eerder gebruikt, dan is die wijziging',
          'al gedaan.',
        ),
      },
      expired: {
        title: 'Deze link is verlopen',
        body: 'Links werken maar korte tijd, en alleen de nieuwste link die je kreeg werkt.',
      },
      missing: {
        title: 'Open de link uit je e-mail opnieuw',
        body: s(
          'Deze pagina werkt alleen als je hem opent via de link in de e-mail,',
          'en maar korte tijd.',
        ),
      },
      next: (brand) =>
        `Een nieuwe link nodig? Vraag de ${brand}-inloghulp erom: dat is zo gebeurd.`,
    },
    error: {
      title: 'Er ging iets mis',
      body: 'Er is niets gewijzigd. Probeer het over een ogenblik opnieuw.',
      tooLarge: 'Het formulier was te groot. Gebruik een korter wachtwoord.',
      crossSite: s(
        'Dit formulier kan alleen vanaf deze site worden verstuurd.',
        'Open de link uit je e-mail opnieuw.',
      ),
    },
    dev: {
      title: 'Ontwikkelpostbus',
      note: s(
        'E-mail die deze server verstuurd zou hebben.',
        'Hij staat hier omdat er geen SMTP-server is ingesteld.',
      ),
      empty: 'Nog geen e-mail.',
      to: 'Aan',
      subject: 'Onderwerp',
      at: 'Tijd',
      back: 'Alle e-mail',
      text: 'Tekstversie',
      links: 'Links in deze e-mail',
    },
    outbox: {
      title: 'Uitgaande e-mail',
      note: s(
        'E-mail die nog verstuurd moet worden, en e-mail die niet verstuurd kon worden.',
        'Adressen zijn gemaskeerd. In productie is deze pagina er niet; gebruik daar de',
        'opdrachtregel.',
      ),
      empty: 'Niets in de wachtrij: alle e-mail is verstuurd.',
      showAll: 'Ook verstuurde e-mail tonen',
      showUnsent: 'Alleen nog niet verstuurde e-mail tonen',
      status: 'Status',
      problem: 'Aandacht nodig',
      kind: 'Soort',
      attempts: 'Pogingen',
      next: 'Volgende poging',
      sent: 'Verstuurd',
      error: 'Laatste fout',
      cli: 'Verstuur een mislukte e-mail opnieuw met: npm run outbox -- retry <id>',
      counts: { pending: 'wachtend', sending: 'bezig', failed: 'mislukt', sent: 'verstuurd' },
      problems: {
        failed: 'opgegeven: handmatig opnieuw versturen',
        retrying: 'mislukt, wordt opnieuw geprobeerd',
        overdue: 'te laat: verstuurt de server wel?',
        'lease expired': 'verzender stopte halverwege; volgende keer opnieuw',
      },
    },
  },
};
