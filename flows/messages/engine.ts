/**
 * Sentences the engine says itself, whatever path is running: navigation, re-asks, the secrets
 * warning. Same rules as the path catalogues: every key in both languages, same placeholders.
 */
export const engineEn = {
  'engine.nav.back': 'Back',
  'engine.nav.restart': 'Start over',
  'engine.nav.human': 'Talk to a person',
  'engine.reask':
    'Sorry, I did not catch that. Please pick one of the options, or type its number.',
  'engine.reask.email': 'That does not look like an e-mail address. Please check it and try again.',
  'engine.reask.code': 'Please type the {codeDigits}-digit code from the e-mail, digits only.',
  'engine.reask.text': 'Please type a short description (at most {maxLength} characters).',
  'engine.secret.password':
    'Please do not share your password here. I never need it, and support will never ask for it. I did not keep what you sent. If you shared it anywhere, change it as soon as you can.',
  'engine.secret.code':
    'Please do not share authenticator codes or recovery codes here. I never need them, and support will never ask for them. I did not keep what you sent.',
  'engine.secret.link':
    'That looks like a personal reset or verification link. Please keep it to yourself: open it in your browser instead. I did not keep what you sent.',
  'engine.updated':
    'This help path was updated since your last visit, so let us pick up again from the start. What you told me before is kept.',
  'engine.back.none': 'There is no earlier step to go back to.',
  'engine.locale.switched': 'I will continue in English.',
  'engine.understood': 'It sounds like this is about: {topic}.',
  'engine.ended': 'This conversation is closed. Start over whenever you need help again.',
  'engine.clock.received':
    'Thanks, I measured the clock of your device: it is {seconds} seconds off.',
  'engine.topic.triage': 'something else',
  'engine.topic.whichPortal': 'which login page to use',
  'engine.topic.wrongPortal': 'an account that seems not to exist',
  'engine.topic.forgotPassword': 'a forgotten password',
  'engine.topic.unverifiedEmail': 'an e-mail address that is not verified',
  'engine.topic.resetMissing': 'a reset e-mail that did not arrive',
  'engine.topic.setup2fa': 'setting up two-factor authentication',
  'engine.topic.codeRejected': 'authenticator codes that are rejected',
  'engine.topic.lostPhone': 'a lost or new phone',
  'engine.topic.sso': 'logging in with Single Sign-On',
  'engine.topic.invitedUser': 'access for an invited user',
  'engine.topic.noOrganisations': 'seeing no organisations after logging in',
  'engine.topic.no2faOption': 'not finding the 2FA setting',
  'engine.topic.escalation': 'talking to a person',
} satisfies Record<string, string>;

export type EngineMessageKey = keyof typeof engineEn;

export const engineNl: Record<EngineMessageKey, string> = {
  'engine.nav.back': 'Terug',
  'engine.nav.restart': 'Opnieuw beginnen',
  'engine.nav.human': 'Medewerker spreken',
  'engine.reask': 'Sorry, dat begreep ik niet. Kies een van de opties, of typ het nummer ervan.',
  'engine.reask.email': 'Dat lijkt geen e-mailadres. Kijk het even na en probeer het opnieuw.',
  'engine.reask.code': 'Typ de code van {codeDigits} cijfers uit de e-mail, alleen de cijfers.',
  'engine.reask.text': 'Typ een korte omschrijving (maximaal {maxLength} tekens).',
  'engine.secret.password':
    'Deel je wachtwoord hier alsjeblieft niet. Ik heb het nooit nodig en support vraagt er ook nooit om. Wat je stuurde heb ik niet bewaard. Heb je het ergens gedeeld? Wijzig het dan zo snel mogelijk.',
  'engine.secret.code':
    'Deel hier alsjeblieft geen codes uit je authenticator-app of herstelcodes. Ik heb ze nooit nodig en support vraagt er ook nooit om. Wat je stuurde heb ik niet bewaard.',
  'engine.secret.link':
    'Dat lijkt een persoonlijke reset- of bevestigingslink. Houd die voor jezelf en open hem gewoon in je browser. Wat je stuurde heb ik niet bewaard.',
  'engine.updated':
    'Deze hulproute is bijgewerkt sinds je vorige bezoek, dus we beginnen even opnieuw. Wat je me eerder vertelde, weet ik nog.',
  'engine.back.none': 'Er is geen eerdere stap om naar terug te gaan.',
  'engine.locale.switched': 'Ik ga verder in het Nederlands.',
  'engine.understood': 'Als ik het goed begrijp, gaat het om: {topic}.',
  'engine.ended': 'Dit gesprek is afgerond. Begin gerust opnieuw als je weer hulp nodig hebt.',
  'engine.clock.received':
    'Dank je, ik heb de klok van je apparaat gemeten: die loopt {seconds} seconden verkeerd.',
  'engine.topic.triage': 'iets anders',
  'engine.topic.whichPortal': 'welke inlogpagina je nodig hebt',
  'engine.topic.wrongPortal': 'een account dat niet lijkt te bestaan',
  'engine.topic.forgotPassword': 'een vergeten wachtwoord',
  'engine.topic.unverifiedEmail': 'een e-mailadres dat nog niet bevestigd is',
  'engine.topic.resetMissing': 'een reset-e-mail die niet aankomt',
  'engine.topic.setup2fa': 'tweestapsverificatie instellen',
  'engine.topic.codeRejected': 'codes uit je authenticator-app die niet geaccepteerd worden',
  'engine.topic.lostPhone': 'een kwijtgeraakte of nieuwe telefoon',
  'engine.topic.sso': 'inloggen met Single Sign-On',
  'engine.topic.invitedUser': 'toegang voor een uitgenodigde gebruiker',
  'engine.topic.noOrganisations': 'geen organisaties zien na het inloggen',
  'engine.topic.no2faOption': 'de 2FA-instelling niet kunnen vinden',
  'engine.topic.escalation': 'een medewerker spreken',
};
