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
  'common.solved.thanks': 'Great, glad you are back in. If anything else comes up, just start a new chat.',
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
} satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
