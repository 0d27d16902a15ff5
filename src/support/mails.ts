import type { Portal } from '../../flows/types.js';
import { code, h, link, p, pre } from '../mail/layout.js';
import { build, type Copy, type MailTarget } from '../mail/template-kit.js';

// The mails support's work sends to the user of a case, in English and Dutch. Each carries the
// link to the case's status page, so the user can read everything support wrote in one place.
// They go out as kind 'case-user': no per-address limit applies to mail about one's own case.

interface CaseRefs {
  ref: string;
  caseId: string;
  statusUrl: string;
}

const confirmation: Copy<CaseRefs> = {
  en: (v, { ref, statusUrl }) => ({
    subject: `Your ${v.brand} support case ${ref}`,
    blocks: [
      p(
        `We have passed your question to ${v.brand} support, together with your conversation with`,
        'the login help. Your case number is:',
      ),
      code(ref),
      p('Support will reply by e-mail. You can also follow your case on its status page:'),
      link('Follow your case', statusUrl),
      p(
        `Please mention the case number when you call or write. Support: ${v.supportContacts}`,
        `(${v.supportHours}).`,
      ),
    ],
  }),
  nl: (v, { ref, statusUrl }) => ({
    subject: `Je ${v.brand}-supportmelding ${ref}`,
    blocks: [
      p(
        `We hebben je vraag doorgegeven aan ${v.brand} support, samen met je gesprek met de`,
        'inloghulp. Je meldingsnummer is:',
      ),
      code(ref),
      p('Support antwoordt per e-mail. Je kunt je melding ook volgen op de statuspagina:'),
      link('Je melding volgen', statusUrl),
      p(
        `Noem het meldingsnummer als je belt of mailt. Support: ${v.supportContacts}`,
        `(${v.supportHours}).`,
      ),
    ],
  }),
};

/** The user's case confirmation, with the signed link to the status page. */
export const caseConfirmationMail = (t: MailTarget, input: CaseRefs) =>
  build('case-user', confirmation, t, input, { caseId: input.caseId });

const resolved: Copy<CaseRefs & { note: string }> = {
  en: (v, { ref, note, statusUrl }) => ({
    subject: `Your ${v.brand} support case ${ref} is resolved`,
    blocks: [
      p(`${v.brand} support has resolved your case ${ref}. Their note:`),
      pre(note),
      link('See your case', statusUrl),
      p(
        'Still cannot log in? Reply to support with your case number and we will pick it up again.',
      ),
    ],
  }),
  nl: (v, { ref, note, statusUrl }) => ({
    subject: `Je ${v.brand}-supportmelding ${ref} is afgehandeld`,
    blocks: [
      p(`${v.brand} support heeft je melding ${ref} afgehandeld. Hun toelichting:`),
      pre(note),
      link('Je melding bekijken', statusUrl),
      p('Kun je nog steeds niet inloggen? Neem contact op met support en noem je meldingsnummer.'),
    ],
  }),
};

export const caseResolvedMail = (t: MailTarget, input: CaseRefs & { note: string }) =>
  build('case-user', resolved, t, input, { caseId: input.caseId, footer: 'plain' });

const message: Copy<CaseRefs & { text: string }> = {
  en: (v, { ref, text, statusUrl }) => ({
    subject: `About your ${v.brand} support case ${ref}`,
    blocks: [
      p(`${v.brand} support wrote to you about your case ${ref}:`),
      pre(text),
      link('See your case', statusUrl),
    ],
  }),
  nl: (v, { ref, text, statusUrl }) => ({
    subject: `Over je ${v.brand}-supportmelding ${ref}`,
    blocks: [
      p(`${v.brand} support schreef je over je melding ${ref}:`),
      pre(text),
      link('Je melding bekijken', statusUrl),
    ],
  }),
};

export const caseMessageMail = (t: MailTarget, input: CaseRefs & { text: string }) =>
  build('case-user', message, t, input, { caseId: input.caseId, footer: 'plain' });

const twoFactorReset: Copy<CaseRefs> = {
  en: (v, { ref, statusUrl }) => ({
    subject: `Two-step verification was turned off for your ${v.brand} account`,
    blocks: [
      p(
        `As asked in case ${ref}, ${v.brand} support has turned off two-step verification (2FA)`,
        `for your account on ${v.portalHost} (${v.portalName}). Your old recovery codes no longer work.`,
      ),
      h('What to do now'),
      p(
        `Log in at ${v.portalUrl} with your password, then set up 2FA again with your new phone.`,
        'Keep the new recovery codes somewhere safe, away from your phone.',
      ),
      link('See your case', statusUrl),
      p(
        `Did you not ask for this? Call ${v.brand} support straight away on ${v.supportPhone}`,
        `(${v.supportHours}).`,
      ),
    ],
  }),
  nl: (v, { ref, statusUrl }) => ({
    subject: `Tweestapsverificatie is uitgezet voor je ${v.brand}-account`,
    blocks: [
      p(
        `Zoals gevraagd in melding ${ref} heeft ${v.brand} support tweestapsverificatie (2FA)`,
        `uitgezet voor je account op ${v.portalHost} (${v.portalName}). Je oude herstelcodes werken`,
        'niet meer.',
      ),
      h('Wat je nu doet'),
      p(
        `Log in op ${v.portalUrl} met je wachtwoord en stel 2FA opnieuw in met je nieuwe telefoon.`,
        'Bewaar de nieuwe herstelcodes op een veilige plek, niet op je telefoon.',
      ),
      link('Je melding bekijken', statusUrl),
      p(
        `Heb je hier niet om gevraagd? Bel dan meteen ${v.brand} support op ${v.supportPhone}`,
        `(${v.supportHours}).`,
      ),
    ],
  }),
};

/** Told to the account's address whenever support turns 2FA off: it must never go unnoticed. */
export const twoFactorResetMail = (t: MailTarget, input: CaseRefs & { portal: Portal }) =>
  build('case-user', twoFactorReset, t, input, {
    caseId: input.caseId,
    portal: input.portal,
    footer: 'plain',
  });
