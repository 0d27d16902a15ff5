/**
 * Word knowledge shared by every path: which words mean the same thing (in English, in Dutch,
 * in chat shorthand), which carry no meaning, and which give a language away.
 *
 * Everything is written folded: lower case, no accents, punctuation as spaces ("e-mail" is
 * written "e mail"). Path-specific knowledge does not belong here but in flows/phrasings.
 */

/**
 * Concepts: a canonical token and the words that stand for it. Mapping both languages onto one
 * token is what lets a Dutch example help an English message and a half-Dutch one.
 */
const CONCEPTS: Record<string, string[]> = {
  password: ['password', 'passwords', 'credentials', 'inloggegevens', 'logingegevens', 'wachtwoordgegevens', 'passwort', 'passwd', 'pwd', 'pw', 'pass', 'passcode', 'wachtwoord', 'wachtwoorden', 'wachtw', 'ww', 'paswoord', 'passwoord', 'wachtwoordje'],
  forgot: ['forgot', 'forget', 'forgotten', 'forgetting', 'vergeten', 'vergeet', 'remember', 'onthouden', 'herinner', 'herinneren'],
  username: ['username', 'usernames', 'gebruikersnaam', 'inlognaam', 'loginnaam', 'userid'],
  user: ['user', 'users', 'gebruiker', 'gebruikers'],
  email: ['email', 'emails', 'mail', 'mails', 'mailtje', 'emailtje', 'mailbericht', 'inbox', 'mailbox'],
  address: ['address', 'adress', 'addres', 'adres', 'adressen'],
  account: ['account', 'accounts', 'acount', 'accout', 'profile', 'profiel'],
  exist: ['exist', 'exists', 'existing', 'bestaat', 'bestaan', 'found', 'gevonden', 'unknown', 'onbekend', 'onbekende', 'recognise', 'recognised', 'recognize', 'recognized', 'herkend', 'herkent', 'kent'],
  know: ['know', 'knows', 'weet', 'weten', 'idea', 'idee', 'sure', 'zeker', 'clue'],
  not: ['not', 'no', 'never', 'none', 'nothing', 'without', 'niet', 'geen', 'nooit', 'nergens', 'niks', 'niets', 'zonder', 'nowhere', 'nope', 'missing', 'ontbreekt', 'ontbreken'],
  receive: ['get', 'got', 'gets', 'getting', 'krijg', 'krijgen', 'kreeg', 'receive', 'received', 'receiving', 'recieve', 'recieved', 'arrive', 'arrived', 'arrives', 'arriving', 'came', 'come', 'comes', 'coming', 'ontvangen', 'ontvang', 'ontvangt', 'binnen', 'binnengekomen', 'aangekomen', 'aankomen', 'komt', 'kwam', 'gekregen', 'gehad', 'delivered', 'bezorgd'],
  wait: ['wait', 'waiting', 'waited', 'wacht', 'wachten', 'gewacht', 'minutes', 'minuten', 'hour', 'uur', 'kwartier'],
  spam: ['spam', 'junk', 'ongewenst', 'reclame'],
  reset: ['reset', 'resets', 'resetten', 'reseten', 'gereset', 'herstel', 'herstellen', 'hersteld', 'recover', 'recovery', 'restore'],
  link: ['link', 'links', 'linkje', 'url', 'urls'],
  verify: ['verify', 'verified', 'verifying', 'verification', 'unverified', 'verifieer', 'verifieren', 'geverifieerd', 'verificatie', 'ongeverifieerd', 'confirm', 'confirmed', 'confirmation', 'bevestig', 'bevestigen', 'bevestigd', 'bevestiging', 'validate', 'validated', 'gevalideerd', 'activation', 'activatie', 'activated', 'geactiveerd', 'activatiemail'],
  code: ['code', 'codes', 'kode', 'kodes', 'token', 'tokens', 'otp', 'pin', 'pincode', 'digit', 'digits', 'cijfers', 'cijferige', 'cijfer', 'getallen', 'nummers'],
  reject: ['reject', 'rejected', 'rejects', 'rejecting', 'invalid', 'incorrect', 'wrong', 'fout', 'foute', 'ongeldig', 'ongeldige', 'onjuist', 'onjuiste', 'verkeerd', 'verkeerde', 'klopt', 'kloppen', 'accepted', 'accept', 'accepts', 'geaccepteerd', 'accepteert', 'geweigerd', 'weigert', 'refused', 'refuses', 'afgewezen', 'afgekeurd', 'denied', 'declined', 'fails', 'failed', 'failing', 'mislukt', 'correct', 'valid', 'geldig'],
  expired: ['expired', 'expires', 'verlopen', 'verloopt', 'outdated', 'verouderd'],
  work: ['work', 'works', 'working', 'worked', 'werkt', 'werken', 'werkte', 'functioneert', 'lukt', 'lukken'],
  always: ['always', 'constantly', 'keeps', 'keep', 'every', 'everytime', 'again', 'repeatedly', 'steeds', 'altijd', 'telkens', 'elke', 'iedere', 'constant', 'continu', 'weer', 'opnieuw'],
  '2fa': ['2fa', 'tfa', 'mfa', 'twofactor', 'tweestaps', 'tweestapsverificatie', 'tweefactor', 'tweefactorauthenticatie', '2stap', '2stapsverificatie', 'totp'],
  authenticator: ['authenticator', 'authenticators', 'authenticatie', 'authentication', 'authy', 'autenticator'],
  app: ['app', 'apps', 'applicatie', 'application'],
  phone: ['phone', 'phones', 'telefoon', 'telefoons', 'telefoontje', 'mobiel', 'mobile', 'mobieltje', 'gsm', 'smartphone', 'iphone', 'android', 'samsung', 'toestel', 'handset', 'cellphone', 'device'],
  new: ['new', 'nieuw', 'nieuwe', 'another', 'ander', 'andere', 'different', 'replaced', 'replace', 'vervangen', 'switched', 'switch', 'gewisseld', 'overgestapt', 'upgraded', 'moved', 'move', 'gekocht', 'bought', 'old', 'oude', 'oud', 'previous', 'overgezet', 'overzetten', 'transfer', 'transferred', 'migrated'],
  lost: ['lost', 'lose', 'losing', 'kwijt', 'kwijtgeraakt', 'verloren', 'stolen', 'gestolen', 'broken', 'broke', 'kapot', 'stuk', 'dead', 'died', 'dropped', 'cracked', 'waterschade', 'ingeleverd', 'inleveren', 'sold', 'verkocht', 'deleted', 'delete', 'verwijderd', 'gewist', 'wissen', 'erased', 'wiped', 'removed', 'uninstalled', 'reinstalled', 'geinstalleerd', 'gone', 'weg'],
  clock: ['clock', 'klok', 'time', 'tijd', 'gelijk', 'sync', 'synced', 'synchronised', 'synchronized', 'synchronisatie', 'timezone', 'tijdzone'],
  setup: ['setup', 'enable', 'activate', 'aanzetten', 'inschakelen', 'schakel', 'instellen', 'stel', 'zet', 'activeren', 'configure', 'configureren', 'install', 'installeren', 'koppel', 'koppelen', 'linken', 'scan', 'scannen', 'qr', 'secure', 'beveiligen', 'beveiliging', 'security'],
  find: ['find', 'finding', 'vind', 'vinden', 'see', 'seeing', 'zie', 'zien', 'visible', 'zichtbaar', 'shows', 'show', 'toont', 'listed'],
  option: ['option', 'options', 'optie', 'opties', 'setting', 'settings', 'instelling', 'instellingen', 'button', 'knop', 'menu', 'tab', 'toggle', 'manage', 'beheren', 'rights', 'rechten', 'permission', 'permissions'],
  sso: ['sso', 'microsoft', 'google', 'azure', 'entra', 'okta', 'idp', 'office365', 'o365', 'saml', 'adfs'],
  companyaccount: ['companyaccount', 'bedrijfsaccount', 'werkaccount', 'zakelijk', 'zakelijke', 'own', 'eigen', 'corporate'],
  provider: ['provider'],
  invite: ['invite', 'invited', 'invites', 'inviting', 'invitation', 'invitations', 'uitnodiging', 'uitnodigingen', 'uitnodigen', 'uitgenodigd', 'gebruikersbeheer'],
  accountant: ['accountant', 'accountants', 'boekhouder', 'boekhouders', 'bookkeeper', 'accountantskantoor', 'administratiekantoor', 'accounting', 'external', 'extern', 'externe', 'consultant', 'adviseur', 'contactpersoon'],
  access: ['access', 'toegang', 'erin', 'erbij'],
  eherkenning: ['eherkenning', 'eherkening', 'ehk'],
  organisation: ['organisation', 'organisations', 'organization', 'organizations', 'organisatie', 'organisaties', 'org', 'orgs', 'company', 'companies', 'bedrijf', 'bedrijven', 'administratie', 'administraties', 'tenant', 'tenants', 'omgeving', 'environment', 'companies'],
  invoice: ['invoice', 'invoices', 'factuur', 'facturen', 'documents', 'documenten'],
  empty: ['empty', 'leeg', 'blank'],
  solved: ['solved', 'resolved', 'fixed', 'opgelost', 'gelukt', 'gefixt'],
  linked: ['linked', 'gekoppeld', 'connected', 'verbonden', 'assigned', 'toegewezen'],
  human: ['human', 'person', 'persoon', 'someone', 'somebody', 'iemand', 'medewerker', 'mens', 'agent', 'real', 'echt', 'echte'],
  colleague: ['colleague', 'colleagues', 'collega', 'collegas', 'employee', 'employees', 'werknemer', 'werknemers', 'staff', 'personeel', 'teammate'],
  support: ['support', 'helpdesk', 'servicedesk', 'klantenservice'],
  call: ['call', 'phonenumber', 'telefoonnummer', 'bellen', 'bel', 'terugbellen', 'ring', 'telefonisch', 'telefonische'],
  talk: ['talk', 'speak', 'spreken', 'praten', 'chat', 'contact', 'doorverbinden', 'verbind', 'connect'],
  portal: ['portal', 'portals', 'portaal', 'page', 'pages', 'pagina', 'paginas', 'website', 'websites', 'site', 'sites', 'webpagina'],
  which: ['which', 'welke', 'welk', 'where', 'waar', 'whichever'],
  login: ['login', 'logon', 'signin', 'inloggen', 'inlog', 'ingelogd', 'aanmelden', 'aangemeld', 'meld', 'logging', 'logged', 'loggen', 'log'],
  platform: ['platform'],
  control: ['control'],
  psb: ['psb', 'peppol'],
  identity: ['identity'],
  product: ['product', 'products', 'producten', 'dienst', 'diensten', 'service'],
  send: ['send', 'sent', 'sending', 'resend', 'resent', 'stuur', 'sturen', 'versturen', 'verstuur', 'verstuurd', 'verzenden', 'verzonden', 'gestuurd', 'mailen'],
  request: ['request', 'requested', 'requesting', 'aangevraagd', 'aanvragen', 'vraag', 'aanvraag', 'clicked', 'geklikt', 'klik', 'click', 'pressed', 'press', 'gedrukt', 'druk', 'drukte', 'klikte'],
  add: ['add', 'added', 'adding', 'voeg', 'toevoegen', 'toegevoegd', 'create', 'created', 'aanmaken', 'aangemaakt'],
  save: ['save', 'saved', 'store', 'bewaar', 'bewaren', 'opslaan', 'opgeslagen'],
  typo: ['typo', 'typos', 'typfout', 'tikfout', 'caps', 'capslock', 'hoofdletters', 'type', 'typed', 'typing', 'typ', 'typen', 'getypt', 'intypen'],
  change: ['change', 'changed', 'wijzigen', 'wijzig', 'gewijzigd', 'veranderd', 'verander', 'veranderen', 'aanpassen', 'update'],
  how: ['how', 'hoe'],
  price: ['price', 'pricing', 'prices', 'cost', 'costs', 'prijs', 'prijzen', 'kosten', 'kost', 'tarief', 'subscription', 'abonnement', 'pay', 'betalen', 'betaald', 'paid'],
};

/**
 * Word sequences that stand for one concept. Matched before single words, longest first, so
 * "two factor" is 2FA and "log in" is one login, whatever the spacing and hyphens were.
 */
const PHRASES: Array<[string, string]> = [
  ['two factor', '2fa'],
  ['2 factor', '2fa'],
  ['two step', '2fa'],
  ['2 step', '2fa'],
  ['twee factor', '2fa'],
  ['twee staps', '2fa'],
  ['2 staps', '2fa'],
  ['multi factor', '2fa'],
  ['second factor', '2fa'],
  ['tweede factor', '2fa'],
  ['office 365', 'sso'],
  ['microsoft authenticator', 'authenticator'],
  ['google authenticator', 'authenticator'],
  ['single sign on', 'sso'],
  ['single signon', 'sso'],
  ['identity provider', 'sso'],
  ['peppol service bus', 'psb'],
  ['service bus', 'psb'],
  ['e mail', 'email'],
  ['e mails', 'email'],
  ['e herkenning', 'eherkenning'],
  ['user name', 'username'],
  ['login details', 'password'],
  ['login credentials', 'password'],
  ['log in', 'login'],
  ['log on', 'login'],
  ['sign in', 'login'],
  ['sign on', 'login'],
  ['logging in', 'login'],
  ['logged in', 'login'],
  ['in te loggen', 'login'],
  ['in loggen', 'login'],
  ['set up', 'setup'],
  ['setting up', 'setup'],
  ['set it up', 'setup'],
  ['first time', 'first'],
  ['by phone', 'call'],
  ['turn on', 'setup'],
  ['switch on', 'setup'],
  ['zet aan', 'setup'],
  ['aan te zetten', 'setup'],
  ['schakel in', 'setup'],
  ['in te schakelen', 'setup'],
  ['qr code', 'qr'],
  ['phone number', 'call'],
  ['user management', 'invite'],
  ['caps lock', 'typo'],
  ['can not remember', 'forgot'],
  ['cannot remember', 'forgot'],
  ['do not remember', 'forgot'],
  ['every time', 'always'],
  ['each time', 'always'],
  ['elke keer', 'always'],
  ['iedere keer', 'always'],
  ['work account', 'companyaccount'],
  ['company account', 'companyaccount'],
];

/** "the wrong login page", "een andere inlogpagina": the cause the wrong-portal path is about. */
const OTHER_PORTAL: Array<[string, string]> = ['wrong', 'other', 'another', 'different', 'verkeerde', 'andere'].flatMap(
  (adjective) =>
    ['page', 'site', 'website', 'portal', 'url', 'pagina', 'portaal'].flatMap((noun) => [
      [`${adjective} ${noun}`, 'otherportal'] as [string, string],
      [`${adjective} login ${noun}`, 'otherportal'] as [string, string],
      [`${adjective} inlog ${noun}`, 'otherportal'] as [string, string],
    ]),
);

/**
 * Words that carry no meaning for choosing a path: articles, pronouns, auxiliaries, politeness,
 * greetings, and the product's own name. A message made only of these is no path at all.
 */
const STOP_WORDS = `
  a an the i me my mine myself we us our you your u ur it its it s this that these those there
  here is am are was were be been being do does did doing have has had having will would shall
  should can could may might must to of in on at for with and or but so if then than as by from
  into about up down out off over under again also just only very too any some all each both
  please pls plz thanks thank thx ty hi hello hey hiya dear good morning afternoon evening day
  help helpen ok okay oke yes yeah yep ja nee sorry ah oh hmm um well now today yesterday
  he him his she her they them their what when why who whom while after before because since
  still even though although already anymore gotten go goes going went
  make made say says said tell tells told try trying tried want wants wanted need needs needed
  like think use using used am im i m i ve ive i ll i d s t d ll ve re
  econnect eu www https http com nl nu
  ik je jij jou jouw u uw mijn me mij we wij ons onze hij zij ze hem haar hun zijn het de een
  en of maar dus te van in op aan voor met bij naar om dat die dit deze er hier daar wel nog al
  ook toch even graag alsjeblieft alstublieft aub svp hallo hoi hey dag goedemorgen goedemiddag
  goedenavond bedankt dank dankjewel dankuwel alvast groet groeten mvg gr kan kun kunt kunnen
  wil wilt willen moet moeten moest zou zouden word wordt worden werd heb hebt heeft hebben had
  ben bent is was waren wat wie wanneer waarom als omdat terwijl want toen zo dan nu meer
  zegt zeggen zei gedaan doen doe probeer proberen geprobeerd heel erg echt
  gewoon eens sinds na ze zit staat staan keer nodig uit e jullie
  much many lot lots really such quite maybe perhaps something anything everything thing
  dear regards kind best cheers sincerely beste geachte vriendelijke hartelijke team anyone
  anywhere everywhere ergens overal iets ooit kom komen finally eindelijk managed via through one two twee either more door tot mag gebruiken hoort beter give geven ask vraagt
  first eerst eerste times keer keren week weken helpt loopt problem probleem issue issues error foutmelding melding message bericht
`;

/**
 * Words that only one of the two languages uses, for telling them apart. Words both languages
 * share (account, code, app, email, in, is, was, we) are left out on purpose.
 */
const LANGUAGE_WORDS: Record<'en' | 'nl', string> = {
  en: `
    i my you your the a an this that these there is are am be been do does did doesn don
    didn can cannot couldn t won have has get got getting keeps keep says said will would
    should to of on at for with and or but not no never nothing how what where which why when
    who please thanks thank hi hello hey forgot forgotten password phone new lost stolen broken
    username invalid wrong rejected arrived received receive see find setting settings enable
    turn set up talk person someone human anymore still again after before because my it its
    any every always constantly organisations organizations invoices logged sign
    address exist exists does found page which sure mine doesnt dont cant didnt isnt im ive
  `,
  nl: `
    ik je jij uw mijn mij ons onze de het een en maar dus te van op aan voor met bij naar om
    dat die dit deze er hier daar wel nog ook toch graag hallo hoi goedemorgen bedankt dank
    niet geen nooit niets niks nergens kan kun kunt wil wilt moet zou wordt worden heb hebt
    heeft hebben ben bent zijn wat waar welke waarom wanneer hoe zie zien vind vinden krijg
    krijgen ontvangen komt klopt werkt werken steeds altijd telkens elke keer wachtwoord
    vergeten gebruikersnaam ongeldige onjuist nieuwe nieuw telefoon kwijt gestolen kapot
    inloggen ingelogd instellen aanzetten iemand spreken bellen medewerker zegt staat meer
    alles na omdat terwijl als organisaties facturen bestaat gevonden inlogpagina aub zonder
    boekhouder uitnodiging onze mijn zit hij zij ze weet weten moet mag gaat doet
  `,
};

/**
 * Everyday words that mean nothing for a login problem but look like a typo of a word that
 * does ("checked" is not "clicked", "regent" is not "resent"). Listing them stops spelling
 * correction from turning them into something they are not. Extend when a test shows one.
 */
const EVERYDAY_WORDS = `
  stuck vast checked check looked look last past week night weather rain regent regenen regelen regel
  water recent recently means mean meaning limited entry speed speeds ever tekens lijkt protect personal warning
  restart compares handles verklaren uitleggen
  nummer number numbers whole while office screen button page hour morning office boss manager customer klant klanten price bank card credit creditcard excel pdf
  print printer file files joke match game coffee koffie lunch holiday vakantie weekend
  yesterday gisteren morgen vanochtend vanmiddag vanavond ochtend middag avond minute
  gedaan gemaakt gezegd gezien gelezen gehoord gestuurd gebeld gevraagd betaald
`;

/**
 * Texts of the product's own (English) screens that users quote. A Dutch user quoting them is
 * still writing Dutch, so language detection skips them.
 */
const SCREEN_TEXTS = [
  'email address has no account',
  'invalid username or password',
  'forgot password',
  'enable two factor authentication',
  'user management',
  'my profile',
  'security settings',
];

const words = (list: string) => list.split(/\s+/).filter(Boolean);

/** Surface word → concept token. */
export const conceptOf: ReadonlyMap<string, string> = new Map(
  Object.entries(CONCEPTS).flatMap(([concept, list]) => list.map((w) => [w, concept] as const)),
);

export interface Phrase {
  tokens: string[];
  concept: string;
}

/** Phrases by their first word, longest first, so matching looks only at those that can fit. */
export const phrasesByFirstWord: ReadonlyMap<string, readonly Phrase[]> = (() => {
  const byFirst = new Map<string, Phrase[]>();
  for (const [text, concept] of [...PHRASES, ...OTHER_PORTAL]) {
    const tokens = words(text);
    byFirst.set(tokens[0]!, [...(byFirst.get(tokens[0]!) ?? []), { tokens, concept }]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return byFirst;
})();

export const stopWords: ReadonlySet<string> = new Set(words(STOP_WORDS));

/**
 * Concepts that say where (which product, which login page) but not what is wrong. They help
 * choose between paths but are weak evidence alone: a user answering "which product?" with
 * "Control" must not be taken to another path.
 */
export const contextConcepts: ReadonlySet<string> = new Set(['psb', 'control', 'platform', 'identity', 'product']);

export const screenTexts: ReadonlyArray<string[]> = SCREEN_TEXTS.map(words);

export const languageWords: Readonly<Record<'en' | 'nl', ReadonlySet<string>>> = {
  en: new Set(words(LANGUAGE_WORDS.en)),
  nl: new Set(words(LANGUAGE_WORDS.nl)),
};

/** Every surface word the lexicon knows; spelling correction only ever corrects towards these. */
export function lexiconWords(): string[] {
  return [
    ...conceptOf.keys(),
    ...[...phrasesByFirstWord.values()].flat().flatMap((p) => p.tokens),
    ...stopWords,
    ...languageWords.en,
    ...languageWords.nl,
    ...words(EVERYDAY_WORDS),
  ];
}
