import type { MessageKey } from './en.js';

/** Nederlandse catalogus: dezelfde sleutels en placeholders als `en.ts`, in gewone support-taal. */
export const nl: Record<MessageKey, string> = {
  // --- gedeeld ------------------------------------------------------------------------------
  'common.solved.ask': 'Is het hiermee opgelost?',
  'common.solved.yes': 'Ja, opgelost',
  'common.solved.no': 'Nee, nog niet',
  'common.solved.thanks': 'Fijn dat het weer werkt! Loop je ergens anders tegenaan, start dan gerust een nieuw gesprek.',
  'common.input.email': 'Het e-mailadres waarmee je inlogt',
  'common.confirmEmail': 'Zal ik {email} gebruiken?',
  'common.choice.sameEmail': 'Ja, dat adres',
  'common.choice.otherEmail': 'Een ander adres',
  'common.choice.human': 'Ik wil een medewerker spreken',
  'common.choice.retry': 'Opnieuw proberen',
  'common.choice.tryOtherPortal': 'Misschien zat ik op de verkeerde inlogpagina',
  'common.limited':
    'Ik kan hiervoor nu geen nieuwe e-mail sturen; zo beschermen we het adres tegen een stortvloed aan berichten. Probeer het over ongeveer {minutes} minuten nog eens, of vraag een medewerker.',
  'common.actionFailed':
    'Er ging bij ons iets mis en er is niets verstuurd. Probeer het nog eens, of vraag een medewerker.',
  // --- wachtwoord vergeten ------------------------------------------------------------------
  'forgot.hints':
    'Voordat je gaat resetten: controleer je adres op een tikfout, kijk of Caps Lock uit staat en of je niet een oud wachtwoord gebruikt. Voor {portalName} log je in op {portalUrl}.',
  'forgot.choice.reset': 'Stuur me een resetlink',
  'forgot.choice.hintWorked': 'Gelukt, ik ben binnen',
  'forgot.choice.noMail': 'Er kwam geen e-mail',
  'forgot.askEmail': 'Met welk e-mailadres log je in? Daar stuur ik de resetlink naartoe.',
  'forgot.sent':
    'Gedaan. Als {email} een account heeft op {portalName}, is er een resetlink naar dat adres onderweg. De link werkt één keer en verloopt na {resetLinkMinutes} minuten.',
  'forgot.checkSpam': 'Het kan een paar minuten duren. Kijk ook even in je map met spam of ongewenste e-mail.',
  'forgot.identityNeedsVerified':
    'Let op: op {identityHost} werkt resetten alleen als je e-mailadres al bevestigd is. Komt er geen mail, dan is je adres misschien nog niet bevestigd; daar kan ik je mee helpen.',
  'forgot.notSolved': 'Jammer dat het nog niet gelukt is. Wat ging er mis?',
};
