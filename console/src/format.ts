import { PATH_LABELS, pathLabelIn, REASON_LABELS } from '../../flows/labels';

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

/** Help path ids and escalation reasons as support calls them (flows/labels.ts). */
export const PATH_LABEL: Record<string, string> = PATH_LABELS.en;
export const pathLabel = (id: string): string => pathLabelIn('en', id);
export const REASON_LABEL: Record<string, string> = REASON_LABELS.en;

/** `lostPhone` → "Lost or new phone"; `action:ownershipCode` → "ownership code". */
export function triedLabel(step: string): string {
  if (!step.startsWith('action:')) return pathLabel(step);
  return step
    .slice('action:'.length)
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();
}
