import type { Params, Portal } from '../../flows/types.js';
import { code, facts, link, p, type Block } from './layout.js';
import { build, oneWord, pageUrl, type Copy, type MailTarget } from './template-kit.js';

// Every mail a user can receive, in English and Dutch. Subjects say what the mail is about in
// words the user used; bodies name the login page by host and product, as the help article does.

/** Why the user asked, for the mails that answer either a reset or a verification request. */
export type AddressRequest = 'reset' | 'verify';

const resetLink: Copy<{ url: string }> = {
  en: (v, { url }) => ({
    subject: oneWord(v.portalName)
      ? `Reset your ${v.brand} ${v.portalName} password`
      : `Reset your ${v.brand} password for ${v.portalName}`,
    blocks: [
      p(
        'Someone, hopefully you, asked to reset the password of your account on',
        `${v.portalHost} (${v.portalName}).`,
      ),
      link('Choose a new password', url),
      p(
        `The link works once and expires after ${v.resetLinkMinutes} minutes.`,
        'If it has expired, ask the login help for a new one.',
      ),
      p('Did not ask for this? Then ignore this e-mail: your password stays as it is.'),
    ],
  }),
  nl: (v, { url }) => ({
    subject: oneWord(v.portalName)
      ? `Je ${v.brand} ${v.portalName}-wachtwoord opnieuw instellen`
      : `Je ${v.brand}-wachtwoord voor ${v.portalName} opnieuw instellen`,
    blocks: [
      p(
        'Iemand, hopelijk jij, heeft gevraagd het wachtwoord van je account op',
        `${v.portalHost} (${v.portalName}) opnieuw in te stellen.`,
      ),
      link('Nieuw wachtwoord kiezen', url),
      p(
        `De link werkt één keer en verloopt na ${v.resetLinkMinutes} minuten.`,
        'Is hij verlopen, vraag de inloghulp dan om een nieuwe.',
      ),
      p(
        'Niet door jou aangevraagd? Dan kun je deze e-mail negeren: je wachtwoord blijft zoals',
        'het is.',
      ),
    ],
  }),
};

/** The reset link, for an account that can be reset. */
export const resetLinkMail = (t: MailTarget, input: { portal: Portal; secret: string }) =>
  build(
    'reset',
    resetLink,
    t,
    { url: pageUrl(t, 'reset', input.secret) },
    {
      portal: input.portal,
      secrets: [input.secret],
    },
  );

const resetUnverified: Copy<{ url: string; hours: number }> = {
  en: (v, { url, hours }) => ({
    subject: `Verify your e-mail address to reset your ${v.brand} password`,
    blocks: [
      p(
        `You asked to reset your password on ${v.portalHost} (${v.portalName}).`,
        'That is only possible once your e-mail address has been verified, and this address has',
        'not been verified yet. That is why this e-mail has no reset link.',
      ),
      link('Verify my e-mail address', url),
      p(
        `The link is valid for ${hours} hours. Once your address is verified, ask the login help`,
        `for the password reset again, or use Forgot password on ${v.portalUrl}.`,
      ),
    ],
  }),
  nl: (v, { url, hours }) => ({
    subject: `Bevestig je e-mailadres om je ${v.brand}-wachtwoord opnieuw in te stellen`,
    blocks: [
      p(
        `Je hebt gevraagd je wachtwoord op ${v.portalHost} (${v.portalName}) opnieuw in te`,
        'stellen. Dat kan pas als je e-mailadres bevestigd is, en dit adres is nog niet bevestigd.',
        'Daarom staat er in deze e-mail geen link om je wachtwoord te herstellen.',
      ),
      link('Mijn e-mailadres bevestigen', url),
      p(
        `De link is ${hours} uur geldig. Is je adres bevestigd, vraag de inloghulp dan opnieuw`,
        `om je wachtwoord te herstellen, of gebruik Wachtwoord vergeten op ${v.portalUrl}.`,
      ),
    ],
  }),
};

/**
 * A reset asked for an unverified identity-server address. The real identity server only resets
 * verified addresses, so this mail carries a verification link instead of a reset link.
 */
export const resetUnverifiedMail = (
  t: MailTarget,
  input: { portal: Portal; verifySecret: string },
) =>
  build(
    'reset',
    resetUnverified,
    t,
    { url: pageUrl(t, 'verify', input.verifySecret), hours: t.env.verifyLinkHours },
    { portal: input.portal, secrets: [input.verifySecret] },
  );

const verifyLink: Copy<{ url: string; hours: number }> = {
  en: (v, { url, hours }) => ({
    subject: `Verify your e-mail address for ${v.brand} ${v.portalName}`,
    blocks: [
      p(
        'You asked for a new link to verify the e-mail address of your account on',
        `${v.portalHost} (${v.portalName}).`,
      ),
      link('Verify my e-mail address', url),
      p(
        `The link works once and is valid for ${hours} hours.`,
        'After that you can reset your password if you need to.',
      ),
    ],
  }),
  nl: (v, { url, hours }) => ({
    subject: `Bevestig je e-mailadres voor ${v.brand} ${v.portalName}`,
    blocks: [
      p(
        'Je hebt een nieuwe link aangevraagd om het e-mailadres van je account op',
        `${v.portalHost} (${v.portalName}) te bevestigen.`,
      ),
      link('Mijn e-mailadres bevestigen', url),
      p(
        `De link werkt één keer en is ${hours} uur geldig.`,
        'Daarna kun je zo nodig je wachtwoord opnieuw instellen.',
      ),
    ],
  }),
};

export const verifyLinkMail = (t: MailTarget, input: { portal: Portal; secret: string }) =>
  build(
    'verify',
    verifyLink,
    t,
    { url: pageUrl(t, 'verify', input.secret), hours: t.env.verifyLinkHours },
    { portal: input.portal, secrets: [input.secret] },
  );

const alreadyVerified: Copy<null> = {
  en: (v) => ({
    subject: `Your e-mail address for ${v.brand} ${v.portalName} is already verified`,
    blocks: [
      p(
        'You asked for a new verification link, but this address is already verified on',
        `${v.portalHost} (${v.portalName}). There is nothing more to do: a password reset works`,
        `for this address. Ask the login help for one, or use Forgot password on ${v.portalUrl}.`,
      ),
    ],
  }),
  nl: (v) => ({
    subject: `Je e-mailadres voor ${v.brand} ${v.portalName} is al bevestigd`,
    blocks: [
      p(
        'Je hebt een nieuwe bevestigingslink aangevraagd, maar dit adres is op',
        `${v.portalHost} (${v.portalName}) al bevestigd. Je hoeft niets meer te doen: een`,
        'wachtwoordherstel werkt voor dit adres. Vraag de inloghulp erom, of gebruik',
        `Wachtwoord vergeten op ${v.portalUrl}.`,
      ),
    ],
  }),
};

export const alreadyVerifiedMail = (t: MailTarget, input: { portal: Portal }) =>
  build('verify', alreadyVerified, t, null, { portal: input.portal });

const bothPortals = (v: Params): Block =>
  facts([
    [String(v.platformName), String(v.platformUrl)],
    [String(v.identityName), String(v.identityUrl)],
  ]);

type NoAccountInput = { request: AddressRequest; otherHasAccount: boolean };

const noAccount: Copy<NoAccountInput> = {
  en: (v, { request, otherHasAccount }) => ({
    subject: `No ${v.brand} account on ${v.portalHost} for this address`,
    blocks: [
      p(
        `You asked for ${request === 'reset' ? 'a password reset' : 'a new verification link'}`,
        `on ${v.portalHost} (${v.portalName}), but there is no account for this e-mail address`,
        'on that login page.',
      ),
      ...(otherHasAccount
        ? [
            p(
              'This address does have an account on the other login page,',
              `${v.otherPortalHost} (${v.otherPortalName}). Log in there: ${v.otherPortalUrl}.`,
              'If you need a new password there, ask the login help for a reset for',
              `${v.otherPortalName}.`,
            ),
          ]
        : [
            p(
              `The most common cause is the other login page. ${v.brand} has two, and an account`,
              'on one does not work on the other:',
            ),
            bothPortals(v),
            p(
              'If you log in with a different e-mail address, try that one. Do you need access but',
              'have no account yet? Ask the administrator of your organisation to invite you.',
            ),
          ]),
    ],
  }),
  nl: (v, { request, otherHasAccount }) => ({
    subject: `Geen ${v.brand}-account op ${v.portalHost} voor dit adres`,
    blocks: [
      p(
        `Je hebt ${request === 'reset' ? 'een nieuw wachtwoord' : 'een nieuwe bevestigingslink'}`,
        `aangevraagd op ${v.portalHost} (${v.portalName}), maar op die inlogpagina is er geen`,
        'account voor dit e-mailadres.',
      ),
      ...(otherHasAccount
        ? [
            p(
              'Dit adres heeft wel een account op de andere inlogpagina,',
              `${v.otherPortalHost} (${v.otherPortalName}). Log daar in: ${v.otherPortalUrl}.`,
              'Heb je daar een nieuw wachtwoord nodig, vraag de inloghulp dan om een herstel voor',
              `${v.otherPortalName}.`,
            ),
          ]
        : [
            p(
              `Meestal is het de andere inlogpagina. ${v.brand} heeft er twee, en een account op`,
              'de ene werkt niet op de andere:',
            ),
            bothPortals(v),
            p(
              'Log je in met een ander e-mailadres, probeer dat dan. Heb je toegang nodig maar nog',
              'geen account? Vraag de beheerder van je organisatie om je uit te nodigen.',
            ),
          ]),
    ],
  }),
};

/** A reset or verification asked for an address with no account on that login page. */
export const noAccountMail = (t: MailTarget, input: { portal: Portal } & NoAccountInput) =>
  build(input.request, noAccount, t, input, { portal: input.portal });

const ssoOnly: Copy<{ request: AddressRequest }> = {
  en: (v, { request }) => ({
    subject: `Your ${v.brand} password is managed by your organisation`,
    blocks: [
      p(
        `You asked for ${request === 'reset' ? 'a password reset' : 'a new verification link'}`,
        `on ${v.portalHost} (${v.portalName}). Your account there signs in with Single Sign-On:`,
        "your organisation's own identity provider, such as Microsoft or Google, checks your",
        `password, so ${v.brand} holds no password for it.`,
      ),
      p(
        "To change your password or your two-step verification, use your organisation's",
        "sign-in, or ask your organisation's IT help desk.",
      ),
    ],
  }),
  nl: (v, { request }) => ({
    subject: `Je ${v.brand}-wachtwoord wordt beheerd door je organisatie`,
    blocks: [
      p(
        `Je hebt ${request === 'reset' ? 'een nieuw wachtwoord' : 'een nieuwe bevestigingslink'}`,
        `aangevraagd op ${v.portalHost} (${v.portalName}). Je account daar logt in via Single`,
        'Sign-On: de identity provider van je eigen organisatie, zoals Microsoft of Google,',
        `controleert je wachtwoord. ${v.brand} heeft daarom geen wachtwoord van je.`,
      ),
      p(
        'Wil je je wachtwoord of je tweestapsverificatie wijzigen, gebruik dan de inlog van je',
        'organisatie of vraag het aan de IT-helpdesk van je organisatie.',
      ),
    ],
  }),
};

/** A reset or verification asked for a Single Sign-On account: the organisation's IdP owns it. */
export const ssoMail = (t: MailTarget, input: { portal: Portal; request: AddressRequest }) =>
  build(input.request, ssoOnly, t, input, { portal: input.portal });

const passwordChanged: Copy<null> = {
  en: (v) => ({
    subject: oneWord(v.portalName)
      ? `Your ${v.brand} ${v.portalName} password was changed`
      : `Your ${v.brand} password for ${v.portalName} was changed`,
    blocks: [
      p(
        `The password of your account on ${v.portalHost} (${v.portalName}) was changed just now,`,
        'with a reset link sent to this address.',
      ),
      link('Log in', String(v.portalUrl)),
      p(
        `Was this not you? Call ${v.brand} support straight away on ${v.supportPhone}`,
        `(${v.supportHours}).`,
      ),
    ],
  }),
  nl: (v) => ({
    subject: oneWord(v.portalName)
      ? `Je ${v.brand} ${v.portalName}-wachtwoord is gewijzigd`
      : `Je ${v.brand}-wachtwoord voor ${v.portalName} is gewijzigd`,
    blocks: [
      p(
        `Het wachtwoord van je account op ${v.portalHost} (${v.portalName}) is zojuist gewijzigd,`,
        'met een herstellink die naar dit adres is gestuurd.',
      ),
      link('Inloggen', String(v.portalUrl)),
      p(
        `Was jij dit niet? Bel dan meteen ${v.brand} support op ${v.supportPhone}`,
        `(${v.supportHours}).`,
      ),
    ],
  }),
};

/** Sent after the reset page changed a password. Not ignorable, so no "ignore this" footer. */
export const passwordChangedMail = (t: MailTarget, input: { portal: Portal }) =>
  build('password-changed', passwordChanged, t, null, { portal: input.portal, footer: 'plain' });

const locator: Copy<{ portals: Portal[] }> = {
  en: (v, { portals }) => ({
    subject: `Where you log in to ${v.brand}`,
    blocks: [
      p(`You asked which ${v.brand} login page this e-mail address has an account on.`),
      ...(portals.length === 0
        ? [
            p(
              `It has none: there is no account for it on ${v.platformHost} (${v.platformName})`,
              `or on ${v.identityHost} (${v.identityName}).`,
            ),
            p(
              'Perhaps you log in with a different e-mail address. Do you need access? Ask the',
              'administrator of your organisation to invite you.',
            ),
          ]
        : portals.length === 1
          ? [
              p(`It has one on ${v.portalHost} (${v.portalName}).`),
              link(`Log in at ${v.portalHost}`, String(v.portalUrl)),
              p(`An account there does not work on the other login page, ${v.otherPortalHost}.`),
            ]
          : [
              p('It has an account on both login pages:'),
              bothPortals(v),
              p(
                'Use the page of the product you want to work in.',
                'Each account has its own password.',
              ),
            ]),
    ],
  }),
  nl: (v, { portals }) => ({
    subject: `Waar je inlogt bij ${v.brand}`,
    blocks: [
      p(`Je hebt gevraagd op welke ${v.brand}-inlogpagina dit e-mailadres een account heeft.`),
      ...(portals.length === 0
        ? [
            p(
              `Op geen van beide: er is geen account op ${v.platformHost} (${v.platformName})`,
              `of op ${v.identityHost} (${v.identityName}).`,
            ),
            p(
              'Misschien log je in met een ander e-mailadres. Heb je toegang nodig? Vraag de',
              'beheerder van je organisatie om je uit te nodigen.',
            ),
          ]
        : portals.length === 1
          ? [
              p(`Dat is ${v.portalHost} (${v.portalName}).`),
              link(`Inloggen op ${v.portalHost}`, String(v.portalUrl)),
              p(`Een account daar werkt niet op de andere inlogpagina, ${v.otherPortalHost}.`),
            ]
          : [
              p("Dit adres heeft een account op beide inlogpagina's:"),
              bothPortals(v),
              p(
                'Gebruik de pagina van het product waarin je wilt werken.',
                'Elk account heeft een eigen wachtwoord.',
              ),
            ]),
    ],
  }),
};

/** Which login pages the address has an account on: one, both or none. */
export const accountLocatorMail = (t: MailTarget, input: { portals: Portal[] }) =>
  build('locator', locator, t, input, {
    portal: input.portals.length === 1 ? input.portals[0] : undefined,
  });

const ownershipCode: Copy<{ code: string; minutes: number }> = {
  en: (v, input) => ({
    subject: `Your ${v.brand} login help code`,
    blocks: [
      p(
        `Type this code in the ${v.brand} login help chat to confirm that this e-mail address is`,
        'yours:',
      ),
      code(input.code),
      p(
        `The code is valid for ${input.minutes} minutes. Only type it into the login help chat and`,
        `do not share it with anyone: ${v.brand} support will never ask you for it.`,
      ),
    ],
  }),
  nl: (v, input) => ({
    subject: `Je code voor de ${v.brand}-inloghulp`,
    blocks: [
      p(
        `Typ deze code in de chat van de ${v.brand}-inloghulp om te bevestigen dat dit`,
        'e-mailadres van jou is:',
      ),
      code(input.code),
      p(
        `De code is ${input.minutes} minuten geldig. Typ hem alleen in de chat van de inloghulp`,
        `en deel hem met niemand: ${v.brand} support vraagt er nooit om.`,
      ),
    ],
  }),
};

/** The one-time code that proves the user reads mail at their login address. */
export const ownershipCodeMail = (t: MailTarget, input: { code: string; minutes: number }) =>
  build('ownership', ownershipCode, t, input, { secrets: [input.code] });

export { mailEnv, type MailEnv, type MailTarget } from './template-kit.js';
export { caseSupportMail, caseUserMail, type CaseMailInput } from './case-templates.js';
