const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export const formatDateTime = (ms: number): string => dateTime.format(ms);
export const formatClock = (ms: number): string => clock.format(ms);
export const isoTime = (ms: number): string => new Date(ms).toISOString();

/** "4 min", "3 h", "2 d": how long a case has waited, for the queue. */
export function age(ms: number, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - ms) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

export const STATUS_LABEL: Record<string, string> = {
  open: 'Open',
  waiting: 'Waiting for user',
  resolved: 'Resolved',
};

export const PORTAL_LABEL: Record<string, string> = {
  platform: 'Platform',
  identity: 'Control / PSB',
  unsure: 'Not sure',
};

/** Help path ids as support calls them. */
export const PATH_LABEL: Record<string, string> = {
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
};

export const pathLabel = (id: string): string => PATH_LABEL[id] ?? id;

/** Why the assistant escalated (flows/escalation.ts ESCALATION_REASONS). */
export const REASON_LABEL: Record<string, string> = {
  '2fa_reset': '2FA reset needed (lost phone, no recovery codes)',
  asked_for_person: 'The user asked for a person',
  no_2fa_option: 'The 2FA setting cannot be found',
  reset_did_not_help: 'The password reset did not help',
  reset_mail_missing: 'The reset e-mail did not arrive in time',
  rate_limited: 'A rate limit stopped the assistant',
  action_failed: 'An action of the assistant failed',
  other: 'Other',
};

/** `lostPhone` → "Lost or new phone"; `action:ownershipCode` → "ownership code". */
export function triedLabel(step: string): string {
  if (!step.startsWith('action:')) return pathLabel(step);
  return step
    .slice('action:'.length)
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();
}
