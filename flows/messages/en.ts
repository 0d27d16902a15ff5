/**
 * English catalogue. Placeholders in `{braces}`; every key must also exist in `nl.ts` with the
 * same placeholders (a test checks both). Always-available placeholders are listed in
 * `flows/render.ts` (brand, support phone, login URLs, ...).
 */
export const en = {
  // --- shared -------------------------------------------------------------------------------
  'common.solved.ask': 'Did this solve it?',
  'common.solved.yes': 'Yes, solved',
  'common.solved.no': 'No, not yet',
  'common.solved.thanks':
    'Great, glad you are back in. If anything else comes up, just start a new chat.',
  'common.input.email': 'The e-mail address you log in with',
  'common.confirmEmail': 'Shall I use {email}?',
  'common.choice.sameEmail': 'Yes, use that address',
  'common.choice.otherEmail': 'Use another address',
  'common.choice.human': 'Talk to a person',
  'common.choice.retry': 'Try again',
  'common.choice.tryOtherPortal': 'Maybe I used the wrong login page',
  'common.limited':
    'I cannot send another e-mail for this right now, to protect the address from a flood of mail. Please try again in about {minutes} minutes, or talk to a person.',
  'common.actionFailed':
    'Something went wrong on our side and nothing was sent. You can try again, or talk to a person.',
  // --- forgotten password -------------------------------------------------------------------
  'forgot.hints':
    'Before resetting: check for a typo in your address, make sure Caps Lock is off, and that you are not using an old password. You log in to {portalName} at {portalUrl}.',
  'forgot.choice.reset': 'Send me a reset link',
  'forgot.choice.hintWorked': 'That worked, I am in',
  'forgot.choice.noMail': 'No e-mail arrived',
  'forgot.askEmail': 'Which e-mail address do you use to log in? I will send the reset link there.',
  'forgot.sent':
    'Done. If {email} has an account on {portalName}, a reset link is on its way to that address. The link works once and expires after {resetLinkMinutes} minutes.',
  'forgot.checkSpam': 'It can take a few minutes. Please also look in your spam or junk folder.',
  'forgot.identityNeedsVerified':
    'Note: on {identityHost} a reset only works once your e-mail address has been verified. If no mail arrives, your address may not be verified yet, and I can help with that.',
  'forgot.notSolved': 'Sorry that did not do it. What happened?',
  'forgot.pickPortal':
    'A reset link works for one login page only, so I need to pick one. Which shall I send it for?',
  // --- triage -------------------------------------------------------------------------------
  'triage.welcome':
    'Hi! I am the {brand} login assistant. I will help you get back into your account.',
  'triage.ask': 'What is going wrong? Pick what fits best, or describe it in your own words.',
  'triage.choice.wrongPortal': 'My account does not exist / "Email address has no account"',
  'triage.choice.forgotPassword': 'Forgot password / "Invalid username or password"',
  'triage.choice.resetMissing': 'The reset e-mail did not arrive',
  'triage.choice.setup2fa': 'How do I set up two-factor authentication (2FA)?',
  'triage.choice.codeRejected': 'My 2FA code keeps being rejected',
  'triage.choice.lostPhone': 'New or lost phone, authenticator app gone',
  'triage.choice.sso': 'I log in with Microsoft, Google or my organisation (SSO)',
  'triage.choice.invitedUser': 'Access for someone without eHerkenning (invited user)',
  'triage.choice.noOrganisations': 'I am logged in but see no organisations or invoices',
  'triage.choice.no2faOption': 'I cannot find the 2FA setting',
  'triage.choice.other': 'Something else',
  'triage.choice.whichPortal': 'Which login page do I need?',
  'triage.choice.unverifiedEmail': 'My e-mail address is not verified',
  'triage.choice.escalation': 'Talk to a person',
  'triage.choice.else': 'None of these',
  'triage.understood': "Got it: this sounds like {path}. Let's look at that.",
  'triage.suggest': 'I am not quite sure what you mean. Is it one of these?',
  'triage.notUnderstood': 'Sorry, I did not quite understand that.',
  // --- which login page ---------------------------------------------------------------------
  'portal.ask':
    '{brand} has two login pages, and which one you need depends on your product: {platformName} at {platformUrl}, or {identityName} at {identityUrl}. Which product do you use?',
  'portal.choice.platform': 'Platform ({platformHost})',
  'portal.choice.identity': 'Control or Peppol Service Bus (PSB)',
  'portal.choice.unsure': 'Not sure',
  'portal.tryBoth':
    'No problem. An account only works on its own login page: a PSB account does not work on {platformHost}, and a Platform account does not work on {identityHost}. So try both: {platformUrl} and {identityUrl}. When you know which one is yours, tell me, or carry on without it.',
  'portal.choice.continueUnsure': 'Carry on, I still do not know',
  // --- wrong login page ---------------------------------------------------------------------
  'wrong.explain':
    '"Email address has no account" almost always means the wrong login page. For {portalName}, log in at {portalUrl}. An account for {otherPortalName} does not work there, and the other way round.',
  'wrong.tryBoth':
    'By far the most common cause of "my account does not exist" is the wrong login page. {brand} has two: {platformUrl} for {platformName}, and {identityUrl} for {identityName}. An account only works on its own page, so try both.',
  'wrong.askWorked':
    'Did that work? If you are not sure which page your address belongs to, I can e-mail you the answer.',
  'wrong.choice.locate': 'E-mail me which login page is mine',
  'wrong.askEmail':
    'Which e-mail address do you log in with? I will send the answer to that address only.',
  'wrong.locatorSent':
    'Done. If {email} has an account on one of our login pages, an e-mail saying which one is on its way to that address.',
  'wrong.notSolved': 'Sorry, that did not do it. What fits best?',
  'wrong.choice.forgotPassword': 'I am on the right page, but my password does not work',
  'wrong.choice.invited': 'I never had an account; someone has to invite me',
  // --- unverified e-mail address ------------------------------------------------------------
  'unverified.explain':
    'On {identityHost}, a password reset only works once your e-mail address has been verified. That happens once, after the account is created; if it never did, that may be why no reset e-mail arrived. I can send the verification link again.',
  'unverified.choice.resend': 'Send the verification link again',
  'unverified.askEmail': 'Which e-mail address do you log in with on {identityHost}?',
  'unverified.sent':
    'Done. If {email} has an account on {identityHost} that is not verified yet, a verification link is on its way to that address. Open it first, then ask for a new reset link.',
  'unverified.choice.resetAgain': 'I have verified, send the reset link',
  'unverified.choice.noMail': 'No verification e-mail either',
  // --- reset e-mail missing -----------------------------------------------------------------
  'missing.advice':
    'Reset e-mails sometimes end up in the spam or junk folder, so please look there first. At busy moments delivery can also take a few minutes.',
  'missing.choice.found': 'Found it',
  'missing.choice.stillNothing': 'Still nothing',
  'missing.askWhen':
    'When did you ask for the reset link: less or more than {waitMinutes} minutes ago?',
  'missing.choice.recent': 'Less than {waitMinutes} minutes ago',
  'missing.choice.long': 'More than {waitMinutes} minutes ago',
  'missing.overdue':
    'It has been more than {waitMinutes} minutes, so this e-mail is not going to turn up by itself. Support will look into it with you.',
  'missing.wait':
    'Then please give it a little longer. If nothing has arrived {waitMinutes} minutes after the request, support will look into it.',
  'missing.waitElapsed':
    'The link was requested about {minutes} minutes ago. Please give it a little longer: if nothing has arrived {waitMinutes} minutes after the request, support will look into it.',
  'missing.choice.resend': 'Send the reset link again',
  'missing.choice.verify': 'Maybe my address is not verified',
  'missing.resent':
    'Done. If {email} has an account on {portalName}, a new reset link is on its way to that address.',
  // --- set up 2FA ---------------------------------------------------------------------------
  'setup2fa.askMethod':
    "Happy to walk you through it. How do you log in: with your e-mail address and a password, or via Single Sign-On (Microsoft, Google or your organisation's own account)?",
  'setup2fa.choice.password': 'E-mail address and password',
  'setup2fa.choice.sso': 'Single Sign-On (Microsoft, Google, my organisation)',
  'setup2fa.step1':
    'Step 1: log in to {portalHost} and go to My profile or Security settings. Choose Enable two-factor authentication.',
  'setup2fa.step1.either':
    'Step 1: log in to {platformHost} (or {identityHost}, depending on your product) and go to My profile or Security settings. Choose Enable two-factor authentication.',
  'setup2fa.step2':
    'Step 2: open the authenticator app on your phone (for example {apps}) and scan the QR code the portal shows.',
  'setup2fa.step3': 'Step 3: enter the first code from the app to confirm that the link works.',
  'setup2fa.step4':
    'Step 4: keep the recovery codes shown somewhere safe, for example in a password manager.',
  'setup2fa.step5':
    'Step 5: save the settings. From your next login, the portal asks for your password first and then for a {codeDigits}-digit code from the app.',
  'setup2fa.recoveryMatters':
    'Those recovery codes matter: with one you can log in again if you lose your phone, so keep them away from the phone itself. Without them, support has to reset your 2FA after verifying your identity.',
  'setup2fa.sso':
    "With Single Sign-On, {brand} itself does not ask for a second factor: your organisation's identity provider handles that. The 2FA settings on the {brand} side only apply to accounts with their own password, so for 2FA, turn to whoever manages sign-in at your organisation.",
  'setup2fa.notSolved': 'Sorry it has not worked yet. Where did you get stuck?',
  'setup2fa.choice.noOption': 'I cannot find the 2FA setting',
  'setup2fa.choice.codeRejected': 'The code from the app is rejected',
  // --- 2FA code rejected --------------------------------------------------------------------
  'code.intro':
    'A 2FA code that is rejected again and again almost always means the clock on your phone is out of sync, because the codes are time-based. I can check that. Are you chatting on the phone that has the authenticator app?',
  'code.choice.thisPhone': 'Yes, on that phone',
  'code.choice.otherDevice': 'No, on another device',
  'code.fast.seconds': "Found it: your phone's clock is about {seconds} seconds fast.",
  'code.slow.seconds': "Found it: your phone's clock is about {seconds} seconds slow.",
  'code.fast.minutes': "Found it: your phone's clock is about {minutes} minutes fast.",
  'code.slow.minutes': "Found it: your phone's clock is about {minutes} minutes slow.",
  'code.fast.hours': "Found it: your phone's clock is about {hours} hours fast.",
  'code.slow.hours': "Found it: your phone's clock is about {hours} hours slow.",
  'code.autoTime':
    'Turn on automatic time on the phone, then try a fresh code. Android: Settings > System > Date & time > Set automatically. iPhone: Settings > General > Date & Time > Set Automatically.',
  'code.inSync': "Your phone's clock is fine: it is within {seconds} seconds of ours.",
  'code.otherCauses':
    'Then check two other things: type the code before it changes (if it is about to change, wait for the next one), and use the entry for this account and this login page in the app, not an older one.',
  'code.choice.measurePhone': "I'll measure my phone",
  'code.phoneCheck':
    "Let's measure the clock of the phone itself. You will get a link and a QR code: open it on the phone with the authenticator app. It compares the phone's clock with ours, and I will tell you the result here.",
  'code.choice.skipCheck': "I can't do that right now",
  'code.notSolved':
    'Sorry, that did not fix it. If the app itself is the problem, for example after moving to a new phone, we can re-link 2FA.',
  'code.choice.lostPhone': 'Re-link 2FA, my app no longer works',
  // --- lost or new phone --------------------------------------------------------------------
  'lost.intro':
    'We can sort this out. Do you still have your 2FA recovery codes? You got them when you set up 2FA.',
  'lost.choice.codes': 'Yes, I have recovery codes',
  'lost.choice.oldPhone': 'No, but my old phone still works',
  'lost.choice.none': 'No codes and no old phone',
  'lost.withCodes':
    'Log in as usual with your password. At the 2FA step, enter one of your recovery codes instead of a code from the app. Then turn off 2FA in your profile and set it up again with your new phone.',
  'lost.moveApp':
    'While the old phone still works, you can move over yourself: log in with a code from the old phone, turn off 2FA in your profile, and set it up again by scanning the new QR code with the authenticator app on your new phone. Keep the new recovery codes somewhere safe.',
  'lost.noCodes':
    'Then support has to reset 2FA for your account, and they verify your identity before they turn it off. I can do the first part now: I send a one-time code to your login address, you type it here, and support gets a case showing the address is yours.',
  'lost.choice.sendCode': 'Send me the code',
  'lost.askEmail': 'Which e-mail address do you log in with? The code goes to that address.',
  'lost.codeSent':
    'If {email} has an account with {brand}, an e-mail with a one-time code is on its way to that address. Type the code here when it arrives. It is the only code I will ever ask for: never share your password or authenticator codes.',
  'lost.input.code': 'The code from the e-mail',
  'lost.choice.newCode': 'Send a new code',
  'lost.codeWrong':
    'That code is not right. Attempts left: {attemptsLeft}. Please check the e-mail and try again.',
  'lost.codeWrong.again': 'That code is not right. Please check the e-mail and try again.',
  'lost.codeExpired': 'That code has expired. I can send you a new one.',
  'lost.codeLocked':
    'That code was entered wrongly too often, so it no longer works. I can send you a new one.',
  'lost.checkFailed':
    'Something went wrong on our side while checking the code. Please type it again.',
  'lost.verified':
    'Thank you, that confirms the address is yours. I will pass this on to support so they can reset your 2FA.',
  // --- Single Sign-On -----------------------------------------------------------------------
  'sso.explain':
    "When you log in via Single Sign-On (Microsoft, Google or your organisation's own identity provider), {brand} itself does not ask for a second factor: your organisation's identity provider handles that, and your password and 2FA are managed there too. The 2FA settings on the {brand} side only apply to accounts with their own password.",
  'sso.notSolved':
    'With Single Sign-On your sign-in is managed by your organisation, so whoever manages it there is usually the quickest help. If you think the problem is on the {brand} side, a colleague of ours can take a look.',
  // --- invited user -------------------------------------------------------------------------
  'invited.explain':
    'Someone without eHerkenning, such as an accounting firm or an external contact, can still get access. An administrator of your organisation invites that person via User management on {platformHost}. The invited person receives an invitation e-mail and then creates an account with an e-mail address and password. eHerkenning is not needed for regular Platform access.',
  'invited.securityTip':
    'Tip: logging in with only a password is strongly discouraged, so enable 2FA for such accounts. {brand} will make two-factor authentication mandatory in the future.',
  'invited.choice.setup2fa': 'How do I set up 2FA?',
  'invited.notSolved':
    'If the invitation e-mail does not arrive, look in the spam folder and ask the administrator to check the invitation in User management. If that does not help, a colleague of ours can take a look.',
  // --- no organisations ---------------------------------------------------------------------
  'noorg.explain':
    'Logged in, but no organisations or invoices? Then you are listed as a user in the environment, but not linked to an organisation. Ask the account administrator of your organisation to grant you access.',
  'noorg.notSolved':
    'Only an administrator of your organisation can link you to it. If you do not know who that is, or you are the administrator yourself, a colleague of ours can help.',
  // --- no 2FA option ------------------------------------------------------------------------
  'no2fa.explain':
    'You normally find 2FA under My profile or Security settings, as Enable two-factor authentication. If it is not there, either 2FA is already enabled for your account, or you do not have the right to manage it yourself. Logging in with Single Sign-On? Then there is no 2FA setting on the {brand} side at all.',
  'no2fa.choice.sso': 'I log in with Single Sign-On',
  'no2fa.toSupport': 'Then support can check how 2FA is set up for your account.',
  // --- escalation ---------------------------------------------------------------------------
  'escalation.reason.asked_for_person':
    'Of course, I will put you in touch with a colleague from support.',
  'escalation.reason.reset_mail_missing':
    'Since the reset e-mail has not arrived, I will pass this on to support.',
  'escalation.reason.2fa_reset': 'Support needs to reset your 2FA, so I will pass this on to them.',
  'escalation.reason.no_2fa_option':
    'Since you cannot find the 2FA setting, I will pass this on to support.',
  'escalation.reason.reset_did_not_help':
    'Since resetting the password did not help, I will pass this on to support.',
  'escalation.reason.rate_limited':
    'I cannot send any more e-mails for this right now, so I will pass this on to support.',
  'escalation.reason.action_failed':
    'Something went wrong on our side, so I will pass this on to support.',
  'escalation.reason.other': 'I will pass this on to a colleague from support.',
  'escalation.askEmail':
    'Which e-mail address do you log in with? Support uses it to find your account and to reply.',
  'escalation.askPortal': 'Which product do you use?',
  'escalation.askDescription':
    'In a sentence or two, what is going on? Please do not include your password or any codes.',
  'escalation.input.description': 'What is going on',
  'escalation.choice.skip': 'Nothing to add',
  'escalation.created':
    'Your case number is {caseRef}. Support has it, together with our conversation, and a confirmation is on its way to {email}. You can also call support on {supportPhone} ({supportHours}); please mention the case number.',
  'escalation.failed':
    'Sorry, I could not create the case. Please try again, or contact support directly: {supportContacts} ({supportHours}).',
  'escalation.limited':
    'Sorry, I cannot create another case right now. Please try again in about {minutes} minutes, or contact support directly: {supportContacts} ({supportHours}).',
  'escalation.already':
    'You are already on your way to a person; I just need your answer to the question above.',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
