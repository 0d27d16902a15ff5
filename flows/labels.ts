/**
 * What support calls each help path and each reason for an escalation, in both languages: the
 * support console and the case mails show these instead of the ids. Plain data, so the console's
 * browser bundle can use it too.
 */
import type { ESCALATION_REASONS } from './escalation.js';
import type { FlowId, Locale } from './types.js';

export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export const PATH_LABELS: Record<Locale, Record<FlowId, string>> = {
  en: {
    triage: 'Triage',
    whichPortal: 'Which portal',
    wrongPortal: 'Wrong portal',
    forgotPassword: 'Forgotten password',
    unverifiedEmail: 'Unverified e-mail',
    resetMissing: 'Reset e-mail missing',
    setup2fa: 'Set up 2FA',
    codeRejected: '2FA code rejected',
    lostPhone: 'Lost or new phone',
    sso: 'SSO',
    invitedUser: 'Invited user',
    noOrganisations: 'No organisations',
    no2faOption: 'No 2FA option',
    escalation: 'Straight to a person',
  },
  nl: {
    triage: 'Eerste vraag',
    whichPortal: 'Welke inlogpagina',
    wrongPortal: 'Verkeerde inlogpagina',
    forgotPassword: 'Wachtwoord vergeten',
    unverifiedEmail: 'E-mailadres niet bevestigd',
    resetMissing: 'Reset-e-mail komt niet aan',
    setup2fa: '2FA instellen',
    codeRejected: '2FA-code geweigerd',
    lostPhone: 'Telefoon kwijt of nieuw',
    sso: 'SSO',
    invitedUser: 'Uitgenodigde gebruiker',
    noOrganisations: 'Geen organisaties',
    no2faOption: 'Geen 2FA-optie',
    escalation: 'Direct naar een persoon',
  },
};

export const REASON_LABELS: Record<Locale, Record<EscalationReason, string>> = {
  en: {
    '2fa_reset': '2FA reset needed (lost phone, no recovery codes)',
    asked_for_person: 'The user asked for a person',
    no_2fa_option: 'The 2FA setting cannot be found',
    reset_did_not_help: 'The password reset did not help',
    reset_mail_missing: 'The reset e-mail did not arrive in time',
    rate_limited: 'A rate limit stopped the assistant',
    action_failed: 'An action of the assistant failed',
    other: 'Other',
  },
  nl: {
    '2fa_reset': '2FA-reset nodig (telefoon kwijt, geen herstelcodes)',
    asked_for_person: 'De gebruiker vroeg om een persoon',
    no_2fa_option: 'De 2FA-instelling is niet te vinden',
    reset_did_not_help: 'De wachtwoordreset hielp niet',
    reset_mail_missing: 'De reset-e-mail kwam niet op tijd aan',
    rate_limited: 'Een limiet hield de assistent tegen',
    action_failed: 'Een actie van de assistent mislukte',
    other: 'Anders',
  },
};

/** The label of a path or reason id; an id this release does not know is shown as it is. */
export const pathLabelIn = (locale: Locale, id: string): string =>
  (PATH_LABELS[locale] as Record<string, string>)[id] ?? id;
export const reasonLabelIn = (locale: Locale, id: string): string =>
  (REASON_LABELS[locale] as Record<string, string>)[id] ?? id;
