import type { Locale } from '../flows/types.js';

/**
 * What the Teams channel itself says: Teams manners around the engine's help content (which
 * lives in flows/messages). `{placeholders}` are filled by `say`.
 */
const en = {
  'card.typeHint': 'You can also type your answer.',
  'card.send': 'Send',
  'card.suggest':
    'Is {email} the address you log in with? Then use the button; otherwise type your address above.',
  'card.useSuggestion': 'Use {email}',
  'card.answered': '✓ {answer}',
  'card.answeredByText': '✓ Answered in the chat',
  'card.answeredValue': '✓ Sent',
  'card.fallback': 'Type the number of your answer or the words on its button:',
  stale:
    'That question was already answered, so I did nothing with that button. This is where we are now:',
  'stale.nothing': 'That question was already answered, so I did nothing with that button.',
  otherConversation:
    'That card belongs to another conversation, so I did nothing with it. Mention me to start your own.',
  files:
    'I cannot open files or pictures. Please type what is going wrong, or pick one of the buttons.',
  tooLong: 'That message is too long for me. Please describe the problem in a few sentences.',
  notUnderstood: 'I did not recognise that. Please pick one of the buttons or type your answer.',
  privateOnly:
    'Anything involving your e-mail address is best kept out of a shared chat. Please [message me directly]({link}) and we continue there.',
  'group.hello':
    'Hi! I am the {brand} login assistant. Mention me to get help with logging in; for anything involving your e-mail address I will ask you to message me directly.',
  tenantRefused:
    'Sorry, this login assistant is only available to the organisations it was set up for. Please contact {brand} support at {phone}.',
  error:
    'Something went wrong on our side and I could not finish that. Please try again in a moment, or call support at {phone}.',
  'notice.resolved':
    'Good news: support has resolved your case {caseRef}. If you still cannot log in, just message me.',
} as const;

export type BotMessageKey = keyof typeof en;

const nl: Record<BotMessageKey, string> = {
  'card.typeHint': 'Je kunt je antwoord ook typen.',
  'card.send': 'Versturen',
  'card.suggest':
    'Is {email} het adres waarmee je inlogt? Gebruik dan de knop; typ anders hierboven je adres.',
  'card.useSuggestion': 'Gebruik {email}',
  'card.answered': '✓ {answer}',
  'card.answeredByText': '✓ Beantwoord in de chat',
  'card.answeredValue': '✓ Verstuurd',
  'card.fallback': 'Typ het nummer van je antwoord of de tekst op de knop:',
  stale: 'Die vraag was al beantwoord, dus ik heb niets met die knop gedaan. Hier zijn we nu:',
  'stale.nothing': 'Die vraag was al beantwoord, dus ik heb niets met die knop gedaan.',
  otherConversation:
    'Die kaart hoort bij een ander gesprek, dus ik heb er niets mee gedaan. Noem mij om je eigen gesprek te beginnen.',
  files:
    'Ik kan geen bestanden of afbeeldingen openen. Typ wat er misgaat, of kies een van de knoppen.',
  tooLong: 'Dat bericht is te lang voor mij. Beschrijf het probleem in een paar zinnen.',
  notUnderstood: 'Dat herkende ik niet. Kies een van de knoppen of typ je antwoord.',
  privateOnly:
    'Alles wat met je e-mailadres te maken heeft, houden we liever buiten een gedeelde chat. [Stuur mij een persoonlijk bericht]({link}), dan gaan we daar verder.',
  'group.hello':
    'Hoi! Ik ben de inlogassistent van {brand}. Noem mij als je hulp nodig hebt bij het inloggen; voor alles met je e-mailadres vraag ik je mij een persoonlijk bericht te sturen.',
  tenantRefused:
    'Sorry, deze inlogassistent is alleen beschikbaar voor de organisaties waarvoor hij is ingericht. Neem contact op met {brand} support via {phone}.',
  error:
    'Er ging aan onze kant iets mis en ik kon dat niet afmaken. Probeer het zo nog eens, of bel support via {phone}.',
  'notice.resolved':
    'Goed nieuws: support heeft je melding {caseRef} opgelost. Lukt inloggen nog steeds niet, stuur me dan gerust een bericht.',
};

const catalogues: Record<Locale, Record<BotMessageKey, string>> = { en, nl };

export function say(
  locale: Locale,
  key: BotMessageKey,
  params: Record<string, string | number> = {},
): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

export const botCatalogues = catalogues;
