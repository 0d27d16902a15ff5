import type { MessageKey } from './en.js';

/** Nederlandse catalogus: dezelfde sleutels en placeholders als `en.ts`, in gewone support-taal. */
export const nl: Record<MessageKey, string> = {
  // --- gedeeld ------------------------------------------------------------------------------
  'common.solved.ask': 'Is het hiermee opgelost?',
  'common.solved.yes': 'Ja, opgelost',
  'common.solved.no': 'Nee, nog niet',
  'common.solved.thanks':
    'Fijn dat het weer werkt! Loop je ergens anders tegenaan, start dan gerust een nieuw gesprek.',
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
  'forgot.checkSpam':
    'Het kan een paar minuten duren. Kijk ook even in je map met spam of ongewenste e-mail.',
  'forgot.identityNeedsVerified':
    'Let op: op {identityHost} werkt resetten alleen als je e-mailadres al bevestigd is. Komt er geen mail, dan is je adres misschien nog niet bevestigd; daar kan ik je mee helpen.',
  'forgot.notSolved': 'Jammer dat het nog niet gelukt is. Wat ging er mis?',
  'forgot.pickPortal':
    'Een resetlink werkt maar voor één inlogpagina, dus ik moet er één kiezen. Voor welke zal ik hem sturen?',
  // --- eerste vraag -------------------------------------------------------------------------
  'triage.welcome':
    'Hoi! Ik ben de inlogassistent van {brand}. Ik help je weer in je account te komen.',
  'triage.ask':
    'Waar loop je tegenaan? Kies wat het beste past, of vertel het in je eigen woorden.',
  'triage.choice.wrongPortal': 'Mijn account bestaat niet / "Email address has no account"',
  'triage.choice.forgotPassword': 'Wachtwoord vergeten / "Invalid username or password"',
  'triage.choice.resetMissing': 'De reset-e-mail is niet aangekomen',
  'triage.choice.setup2fa': 'Hoe stel ik tweestapsverificatie (2FA) in?',
  'triage.choice.codeRejected': 'Mijn 2FA-code wordt steeds geweigerd',
  'triage.choice.lostPhone': 'Nieuwe of kwijtgeraakte telefoon, authenticator-app weg',
  'triage.choice.sso': 'Ik log in met Microsoft, Google of via mijn organisatie (SSO)',
  'triage.choice.invitedUser': 'Toegang voor iemand zonder eHerkenning (uitgenodigde gebruiker)',
  'triage.choice.noOrganisations': 'Ik ben ingelogd, maar zie geen organisaties of facturen',
  'triage.choice.no2faOption': 'Ik kan de 2FA-instelling niet vinden',
  'triage.choice.other': 'Iets anders',
  'triage.choice.whichPortal': 'Welke inlogpagina heb ik nodig?',
  'triage.choice.unverifiedEmail': 'Mijn e-mailadres is niet bevestigd',
  'triage.choice.escalation': 'Een medewerker spreken',
  'triage.choice.else': 'Geen van deze',
  'triage.understood': 'Helder, het gaat dus om {path}. Daar kijken we samen naar.',
  'triage.suggest': 'Ik weet niet zeker wat je bedoelt. Is het een van deze?',
  'triage.notUnderstood': 'Sorry, dat begreep ik niet helemaal.',
  // --- welke inlogpagina --------------------------------------------------------------------
  'portal.ask':
    "{brand} heeft twee inlogpagina's; welke je nodig hebt, hangt af van je product: {platformName} via {platformUrl}, of {identityName} via {identityUrl}. Welk product gebruik je?",
  'portal.choice.platform': 'Platform ({platformHost})',
  'portal.choice.identity': 'Control of Peppol Service Bus (PSB)',
  'portal.choice.unsure': 'Weet ik niet zeker',
  'portal.tryBoth':
    'Geen probleem. Een account werkt alleen op de eigen inlogpagina: een PSB-account werkt niet op {platformHost}, en een Platform-account niet op {identityHost}. Probeer ze dus allebei: {platformUrl} en {identityUrl}. Weet je daarna welke van jou is, laat het me weten. Je kunt ook zonder verder.',
  'portal.choice.continueUnsure': 'Ga maar verder, ik weet het nog steeds niet',
  // --- verkeerde inlogpagina ----------------------------------------------------------------
  'wrong.explain':
    '"Email address has no account" betekent bijna altijd dat je op de verkeerde inlogpagina zit. Voor {portalName} log je in via {portalUrl}. Een account voor {otherPortalName} werkt daar niet, en andersom ook niet.',
  'wrong.tryBoth':
    'Verreweg de meest voorkomende oorzaak van "mijn account bestaat niet" is de verkeerde inlogpagina. {brand} heeft er twee: {platformUrl} voor {platformName} en {identityUrl} voor {identityName}. Een account werkt alleen op de eigen pagina, dus probeer ze allebei.',
  'wrong.askWorked':
    'Is het gelukt? Weet je niet zeker bij welke pagina je adres hoort, dan kan ik je dat per e-mail laten weten.',
  'wrong.choice.locate': 'Mail me welke inlogpagina de mijne is',
  'wrong.askEmail': 'Met welk e-mailadres log je in? Ik stuur het antwoord alleen naar dat adres.',
  'wrong.locatorSent':
    "Gedaan. Als {email} een account heeft op een van onze inlogpagina's, is er een e-mail onderweg naar dat adres waarin staat welke dat is.",
  'wrong.notSolved': 'Jammer, dat was het niet. Wat past het best?',
  'wrong.choice.forgotPassword': 'Ik zit op de goede pagina, maar mijn wachtwoord werkt niet',
  'wrong.choice.invited': 'Ik heb nooit een account gehad; iemand moet me uitnodigen',
  // --- e-mailadres niet bevestigd -----------------------------------------------------------
  'unverified.explain':
    'Op {identityHost} werkt een wachtwoordreset alleen als je e-mailadres bevestigd is. Dat gebeurt één keer, nadat het account is aangemaakt. Is dat nooit gebeurd, dan kan dat verklaren waarom er geen reset-e-mail kwam. Ik kan de bevestigingslink opnieuw sturen.',
  'unverified.choice.resend': 'Stuur de bevestigingslink opnieuw',
  'unverified.askEmail': 'Met welk e-mailadres log je in op {identityHost}?',
  'unverified.sent':
    'Gedaan. Als {email} een nog niet bevestigd account heeft op {identityHost}, is er een bevestigingslink naar dat adres onderweg. Open die eerst en vraag daarna een nieuwe resetlink aan.',
  'unverified.choice.resetAgain': 'Bevestigd, stuur de resetlink',
  'unverified.choice.noMail': 'Ook geen bevestigingsmail',
  // --- reset-e-mail komt niet aan -----------------------------------------------------------
  'missing.advice':
    'Reset-e-mails komen soms in de map met spam of ongewenste e-mail terecht, dus kijk daar eerst even. Op drukke momenten kan het ook een paar minuten duren voordat de mail binnen is.',
  'missing.choice.found': 'Gevonden',
  'missing.choice.stillNothing': 'Nog steeds niets',
  'missing.askWhen':
    'Wanneer heb je de resetlink aangevraagd: korter of langer dan {waitMinutes} minuten geleden?',
  'missing.choice.recent': 'Korter dan {waitMinutes} minuten geleden',
  'missing.choice.long': 'Langer dan {waitMinutes} minuten geleden',
  'missing.overdue':
    'Het is nu langer dan {waitMinutes} minuten geleden, dus deze mail komt niet meer vanzelf. Support zoekt het met je uit.',
  'missing.wait':
    'Geef het dan nog even de tijd. Is er {waitMinutes} minuten na de aanvraag nog niets binnen, dan zoekt support het uit.',
  'missing.waitElapsed':
    'De link is ongeveer {minutes} minuten geleden aangevraagd. Geef het nog even de tijd: is er {waitMinutes} minuten na de aanvraag nog niets binnen, dan zoekt support het uit.',
  'missing.choice.resend': 'Stuur de resetlink opnieuw',
  'missing.choice.verify': 'Misschien is mijn adres niet bevestigd',
  'missing.resent':
    'Gedaan. Als {email} een account heeft op {portalName}, is er een nieuwe resetlink naar dat adres onderweg.',
  // --- 2FA instellen ------------------------------------------------------------------------
  'setup2fa.askMethod':
    'Ik loop het graag met je door. Hoe log je in: met je e-mailadres en een wachtwoord, of via Single Sign-On (Microsoft, Google of het account van je organisatie)?',
  'setup2fa.choice.password': 'E-mailadres en wachtwoord',
  'setup2fa.choice.sso': 'Single Sign-On (Microsoft, Google, mijn organisatie)',
  'setup2fa.step1':
    'Stap 1: log in op {portalHost} en ga naar je profiel of de beveiligingsinstellingen (My profile of Security settings). Kies daar Enable two-factor authentication.',
  'setup2fa.step1.either':
    'Stap 1: log in op {platformHost} (of {identityHost}, afhankelijk van je product) en ga naar je profiel of de beveiligingsinstellingen (My profile of Security settings). Kies daar Enable two-factor authentication.',
  'setup2fa.step2':
    'Stap 2: open de authenticator-app op je telefoon (bijvoorbeeld {apps}) en scan de QR-code die het portaal laat zien.',
  'setup2fa.step3':
    'Stap 3: vul de eerste code uit de app in, zodat je zeker weet dat de koppeling werkt.',
  'setup2fa.step4':
    'Stap 4: bewaar de herstelcodes die je ziet op een veilige plek, bijvoorbeeld in een wachtwoordmanager.',
  'setup2fa.step5':
    'Stap 5: sla de instellingen op. Vanaf de volgende keer vraagt het portaal eerst je wachtwoord en daarna een code van {codeDigits} cijfers uit de app.',
  'setup2fa.recoveryMatters':
    'Die herstelcodes zijn echt belangrijk: raak je je telefoon kwijt, dan kom je er met een herstelcode toch weer in. Bewaar ze dus niet op dezelfde plek als je telefoon. Zonder herstelcodes moet support je 2FA resetten, nadat ze hebben gecontroleerd wie je bent.',
  'setup2fa.sso':
    'Met Single Sign-On vraagt {brand} zelf niet om een tweede stap: dat regelt de identity provider van je organisatie. De 2FA-instellingen aan de kant van {brand} gelden alleen voor accounts met een eigen wachtwoord. Voor 2FA kun je dus terecht bij wie het inloggen binnen je organisatie beheert.',
  'setup2fa.notSolved': 'Jammer dat het nog niet gelukt is. Waar loop je vast?',
  'setup2fa.choice.noOption': 'Ik kan de 2FA-instelling niet vinden',
  'setup2fa.choice.codeRejected': 'De code uit de app wordt geweigerd',
  // --- 2FA-code geweigerd -------------------------------------------------------------------
  'code.intro':
    'Wordt een 2FA-code steeds geweigerd, dan loopt de klok van je telefoon bijna altijd niet gelijk: de codes zijn gebaseerd op de tijd. Dat kan ik voor je controleren. Chat je nu op de telefoon met de authenticator-app?',
  'code.choice.thisPhone': 'Ja, op die telefoon',
  'code.choice.otherDevice': 'Nee, op een ander apparaat',
  'code.fast.seconds': 'Gevonden: de klok van je telefoon loopt ongeveer {seconds} seconden voor.',
  'code.slow.seconds':
    'Gevonden: de klok van je telefoon loopt ongeveer {seconds} seconden achter.',
  'code.fast.minutes': 'Gevonden: de klok van je telefoon loopt ongeveer {minutes} minuten voor.',
  'code.slow.minutes': 'Gevonden: de klok van je telefoon loopt ongeveer {minutes} minuten achter.',
  'code.fast.hours': 'Gevonden: de klok van je telefoon loopt ongeveer {hours} uur voor.',
  'code.slow.hours': 'Gevonden: de klok van je telefoon loopt ongeveer {hours} uur achter.',
  'code.autoTime':
    'Zet de automatische tijd aan op je telefoon en probeer daarna een nieuwe code. Android: Instellingen > Systeem > Datum en tijd > Automatisch instellen. iPhone: Instellingen > Algemeen > Datum en tijd > Stel automatisch in.',
  'code.inSync':
    'De klok van je telefoon is in orde: die wijkt hooguit {seconds} seconden af van de onze.',
  'code.otherCauses':
    'Let dan nog op twee dingen: typ de code in voordat hij verandert (staat hij op het punt te verspringen, wacht dan op de volgende), en gebruik in de app de regel voor dit account en deze inlogpagina, niet een oudere.',
  'code.choice.measurePhone': 'Ik meet mijn telefoon',
  'code.phoneCheck':
    'Dan meten we de klok van de telefoon zelf. Je krijgt een link en een QR-code: open die op de telefoon met de authenticator-app. Die vergelijkt de klok van je telefoon met de onze, en ik vertel je hier de uitkomst.',
  'code.choice.skipCheck': 'Dat lukt me nu niet',
  'code.notSolved':
    'Jammer, dat loste het niet op. Ligt het aan de app zelf, bijvoorbeeld na het overstappen naar een nieuwe telefoon, dan kunnen we 2FA opnieuw koppelen.',
  'code.choice.lostPhone': '2FA opnieuw koppelen, mijn app werkt niet meer',
  // --- telefoon kwijt of nieuw --------------------------------------------------------------
  'lost.intro':
    'Dat lossen we op. Heb je je 2FA-herstelcodes nog? Die kreeg je toen je 2FA instelde.',
  'lost.choice.codes': 'Ja, ik heb herstelcodes',
  'lost.choice.oldPhone': 'Nee, maar mijn oude telefoon werkt nog',
  'lost.choice.none': 'Geen codes en geen oude telefoon',
  'lost.withCodes':
    'Log zoals altijd in met je wachtwoord. Vul bij de 2FA-stap een van je herstelcodes in in plaats van een code uit de app. Zet daarna 2FA uit in je profiel en stel het opnieuw in met je nieuwe telefoon.',
  'lost.moveApp':
    'Zolang je oude telefoon nog werkt, kun je zelf overstappen: log in met een code van de oude telefoon, zet 2FA uit in je profiel en stel het opnieuw in door de nieuwe QR-code te scannen met de authenticator-app op je nieuwe telefoon. Bewaar de nieuwe herstelcodes op een veilige plek.',
  'lost.noCodes':
    'Dan moet support je 2FA resetten, en ze controleren eerst wie je bent voordat ze het uitzetten. Het eerste deel kan ik nu al doen: ik stuur een eenmalige code naar je inlogadres, jij typt die hier in, en support krijgt een melding waarin staat dat het adres van jou is.',
  'lost.choice.sendCode': 'Stuur me de code',
  'lost.askEmail': 'Met welk e-mailadres log je in? Daar stuur ik de code naartoe.',
  'lost.codeSent':
    'Als {email} een account heeft bij {brand}, is er een e-mail met een eenmalige code naar dat adres onderweg. Typ de code hier in zodra je hem hebt. Dit is de enige code waar ik ooit om vraag: deel nooit je wachtwoord of codes uit je authenticator-app.',
  'lost.input.code': 'De code uit de e-mail',
  'lost.choice.newCode': 'Stuur een nieuwe code',
  'lost.codeWrong':
    'Die code klopt niet. Pogingen over: {attemptsLeft}. Kijk de e-mail nog even na en probeer het opnieuw.',
  'lost.codeWrong.again': 'Die code klopt niet. Kijk de e-mail nog even na en probeer het opnieuw.',
  'lost.codeExpired': 'Die code is verlopen. Ik kan je een nieuwe sturen.',
  'lost.codeLocked':
    'Die code is te vaak verkeerd ingevuld en werkt niet meer. Ik kan je een nieuwe sturen.',
  'lost.checkFailed':
    'Er ging bij ons iets mis bij het controleren van de code. Typ hem alsjeblieft nog een keer.',
  'lost.verified':
    'Dank je, daarmee is bevestigd dat het adres van jou is. Ik geef het door aan support, zodat ze je 2FA kunnen resetten.',
  // --- Single Sign-On -----------------------------------------------------------------------
  'sso.explain':
    'Log je in via Single Sign-On (Microsoft, Google of de eigen identity provider van je organisatie)? Dan vraagt {brand} zelf niet om een tweede stap: dat regelt de identity provider van je organisatie, en daar worden ook je wachtwoord en 2FA beheerd. De 2FA-instellingen aan de kant van {brand} gelden alleen voor accounts met een eigen wachtwoord.',
  'sso.notSolved':
    'Met Single Sign-On beheert je organisatie het inloggen, dus wie dat daar regelt, kan je meestal het snelst helpen. Denk je dat het probleem bij {brand} ligt, dan kijkt een collega van ons graag mee.',
  // --- uitgenodigde gebruiker ---------------------------------------------------------------
  'invited.explain':
    'Iemand zonder eHerkenning, zoals een accountantskantoor of een externe contactpersoon, kan toch toegang krijgen. Een beheerder van je organisatie nodigt die persoon uit via Gebruikersbeheer (User management) op {platformHost}. De uitgenodigde krijgt een uitnodigingsmail en maakt daarna een account aan met een e-mailadres en wachtwoord. Voor gewone toegang tot Platform is eHerkenning niet nodig.',
  'invited.securityTip':
    'Tip: alleen inloggen met een wachtwoord raden we sterk af, dus zet 2FA aan voor zulke accounts. {brand} gaat tweestapsverificatie in de toekomst verplicht maken.',
  'invited.choice.setup2fa': 'Hoe stel ik 2FA in?',
  'invited.notSolved':
    'Komt de uitnodigingsmail niet aan, kijk dan in de spammap en vraag de beheerder de uitnodiging in Gebruikersbeheer na te kijken. Helpt dat niet, dan kijkt een collega van ons graag mee.',
  // --- geen organisaties --------------------------------------------------------------------
  'noorg.explain':
    'Ingelogd, maar geen organisaties of facturen te zien? Dan sta je wel als gebruiker in de omgeving, maar ben je niet gekoppeld aan een organisatie. Vraag de accountbeheerder van je organisatie om je toegang te geven.',
  'noorg.notSolved':
    'Alleen een beheerder van je organisatie kan je eraan koppelen. Weet je niet wie dat is, of ben je zelf de beheerder, dan helpt een collega van ons je verder.',
  // --- geen 2FA-optie -----------------------------------------------------------------------
  'no2fa.explain':
    'Normaal vind je 2FA in je profiel of de beveiligingsinstellingen (My profile of Security settings), als Enable two-factor authentication. Staat het er niet, dan is 2FA al ingeschakeld voor je account, of heb je niet het recht om het zelf te beheren. Log je in met Single Sign-On? Dan is er aan de kant van {brand} helemaal geen 2FA-instelling.',
  'no2fa.choice.sso': 'Ik log in met Single Sign-On',
  'no2fa.toSupport': 'Dan kan support nakijken hoe 2FA voor je account is ingesteld.',
  // --- doorverbinden ------------------------------------------------------------------------
  'escalation.reason.asked_for_person':
    'Natuurlijk, ik breng je in contact met een collega van support.',
  'escalation.reason.reset_mail_missing':
    'Omdat de reset-e-mail niet is aangekomen, geef ik dit door aan support.',
  'escalation.reason.2fa_reset':
    'Je 2FA moet door support gereset worden, dus ik zet dit voor je door.',
  'escalation.reason.no_2fa_option':
    'Omdat je de 2FA-instelling niet kunt vinden, geef ik dit door aan support.',
  'escalation.reason.reset_did_not_help':
    'Omdat het resetten van je wachtwoord niet hielp, geef ik dit door aan support.',
  'escalation.reason.rate_limited':
    'Ik kan hiervoor nu geen e-mails meer sturen, dus ik geef dit door aan support.',
  'escalation.reason.action_failed': 'Er ging bij ons iets mis, dus ik geef dit door aan support.',
  'escalation.reason.other': 'Ik geef dit door aan een collega van support.',
  'escalation.askEmail':
    'Met welk e-mailadres log je in? Daarmee vindt support je account, en daar krijg je ook antwoord op.',
  'escalation.askPortal': 'Welk product gebruik je?',
  'escalation.askDescription':
    'Wat is er aan de hand, in een paar zinnen? Zet er geen wachtwoord of codes in.',
  'escalation.input.description': 'Wat er aan de hand is',
  'escalation.choice.skip': 'Niets toe te voegen',
  'escalation.created':
    'Je meldingsnummer is {caseRef}. Support heeft je melding, samen met dit gesprek, en er is een bevestiging onderweg naar {email}. Je kunt support ook bellen via {supportPhone} ({supportHours}); noem dan even je meldingsnummer.',
  'escalation.failed':
    'Sorry, het lukte niet om de melding aan te maken. Probeer het nog eens, of neem direct contact op met support: {supportContacts} ({supportHours}).',
  'escalation.limited':
    'Sorry, ik kan nu geen nieuwe melding aanmaken. Probeer het over ongeveer {minutes} minuten nog eens, of neem direct contact op met support: {supportContacts} ({supportHours}).',
  'escalation.already':
    'Je wordt al doorverbonden met een medewerker; ik heb alleen nog je antwoord op de vraag hierboven nodig.',
};
