import { and, not } from 'xstate';
import {
  ask,
  askWith,
  atOf,
  because,
  choice,
  endings,
  feedback,
  finalOutput,
  flow,
  handOver,
  initialContext,
  navigation,
  say,
  sayWith,
  tried,
} from './common.js';
import { emailSteps, failedState, learnResetTime, limitedState } from './steps.js';
import type { ChoiceSpec, FlowContext, FlowEvent, Portal } from './types.js';

/**
 * Two resends rule out one lost mail without flooding the address; the server's own rate limit
 * still applies on top.
 */
const MAX_RESENDS = 2;
const MINUTE_MS = 60_000;

const waitMinutes = ({ context }: { context: FlowContext }) => ({
  waitMinutes: context.settings.resetWaitMinutes,
});

/** How long the user has waited when both times are known; the general wording otherwise. */
function waitMessage({ context, event }: { context: FlowContext; event: FlowEvent }) {
  const sentAt = context.facts.resetRequestedAt;
  const at = atOf(event);
  const minutes =
    sentAt !== undefined && at !== undefined ? Math.floor((at - sentAt) / MINUTE_MS) : 0;
  // "About 0 minutes ago" helps nobody; the general wording fits a fresh request as well.
  if (minutes < 1) return { key: 'missing.wait', params: waitMinutes({ context }) };

  return { key: 'missing.waitElapsed', params: { minutes, ...waitMinutes({ context }) } };
}

const found: ChoiceSpec = { id: 'found', label: 'missing.choice.found' };
const stillNothing: ChoiceSpec = { id: 'stillNothing', label: 'missing.choice.stillNothing' };

const isKnownPortal = (portal: FlowContext['facts']['portal']): portal is Portal =>
  portal === 'platform' || portal === 'identity';

/** Only what can still help: a resend while any are left, verification on identity. */
const waitingChoices = (context: FlowContext): ChoiceSpec[] => [
  ...(isKnownPortal(context.facts.portal) && context.count < MAX_RESENDS
    ? [{ id: 'resend', label: 'missing.choice.resend' }]
    : []),
  ...(context.facts.portal === 'identity'
    ? [{ id: 'verify', label: 'missing.choice.verify' }]
    : []),
  stillNothing,
  found,
];

const resendsLeft = not({ type: 'countAtLeast', params: { n: MAX_RESENDS } });
const onIdentity = { type: 'portalIs' as const, params: { portal: 'identity' as const } };

const foundIt = {
  guard: choice('found'),
  target: 'resolved',
  actions: [feedback('resetMissing', true), say('common.solved.thanks')],
};

/** "Still nothing" re-checks the time with the new event's `at`: coming back later counts. */
const onStillNothing = [
  { guard: and([choice('stillNothing'), 'resetOverdue']), target: 'overdue' },
  { guard: and([choice('stillNothing'), 'resetKnown']), target: 'tooEarly' },
  { guard: choice('stillNothing'), target: 'askWhen' },
];

/**
 * "No e-mail arrived": spam folder, a few minutes' patience, a limited resend; once the article's
 * waiting time has passed since the request, support takes over.
 */
export const resetMissingMachine = flow.createMachine({
  id: 'resetMissing',
  context: initialContext,
  initial: 'start',
  output: finalOutput,
  on: navigation,
  states: {
    start: {
      always: [{ guard: 'portalGiven', target: 'advice' }, { target: 'needPortal' }],
    },
    needPortal: handOver('whichPortal'),
    advice: {
      entry: [tried('resetMissing'), say('missing.advice')],
      always: [{ guard: 'resetKnown', target: 'checkInbox' }, { target: 'askWhen' }],
    },
    checkInbox: {
      entry: ask([found, stillNothing]),
      on: { 'user.choice': [foundIt, ...onStillNothing] },
    },
    askWhen: {
      entry: [
        say('missing.askWhen', waitMinutes),
        askWith(({ context }) => ({
          choices: [
            { id: 'recent', label: 'missing.choice.recent', params: waitMinutes({ context }) },
            { id: 'long', label: 'missing.choice.long', params: waitMinutes({ context }) },
            found,
          ],
        })),
      ],
      on: {
        'user.choice': [
          foundIt,
          { guard: choice('recent'), target: 'tooEarly' },
          { guard: choice('long'), target: 'overdue' },
        ],
      },
    },
    overdue: {
      entry: [say('missing.overdue', waitMinutes), because('reset_mail_missing')],
      always: 'toHuman',
    },
    tooEarly: {
      entry: sayWith(waitMessage),
      always: 'waiting',
    },
    waiting: {
      entry: askWith(({ context }) => ({ choices: waitingChoices(context) })),
      on: {
        'user.choice': [
          foundIt,
          ...onStillNothing,
          { guard: and([choice('resend'), 'portalKnown', resendsLeft]), target: 'email' },
          { guard: and([choice('verify'), onIdentity]), target: 'toUnverified' },
        ],
      },
    },
    ...emailSteps('forgot.askEmail', 'resending'),
    resending: {
      invoke: {
        src: 'sendPasswordReset',
        input: ({ context }) => ({
          email: context.facts.email!,
          portal: context.facts.portal as Portal,
        }),
        onDone: { target: 'afterResend', actions: 'keepResult' },
        onError: 'failed',
      },
    },
    afterResend: {
      always: [
        {
          guard: 'lastOk',
          target: 'resent',
          actions: ['countUp', tried('action:passwordReset'), learnResetTime],
        },
        { guard: 'lastLimited', target: 'limited' },
        { target: 'failed' },
      ],
    },
    resent: {
      entry: [
        say('missing.resent', ({ context }) => ({
          email: context.facts.email ?? '',
          portal: context.facts.portal as Portal,
        })),
        say('forgot.checkSpam'),
      ],
      always: 'waiting',
    },
    limited: limitedState,
    failed: failedState('resending'),
    toUnverified: handOver('unverifiedEmail'),
    ...endings,
  },
});
