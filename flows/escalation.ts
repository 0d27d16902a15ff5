import { not } from 'xstate';
import {
  ask,
  choice,
  endings,
  finalOutput,
  flow,
  initialContext,
  learn,
  learnEmail,
  navigation,
  say,
  sayWith,
  tried,
} from './common.js';
import type { ChoiceSpec, FlowContext } from './types.js';

/** Every reason a path may give with `because(...)`; each has its own opening line. */
export const ESCALATION_REASONS = [
  'asked_for_person',
  'reset_mail_missing',
  '2fa_reset',
  'no_2fa_option',
  'reset_did_not_help',
  'rate_limited',
  'action_failed',
  'other',
] as const;

/** Long enough for what happened in a few sentences; the transcript carries the rest. */
export const MAX_DESCRIPTION = 1000;

const reasonOf = (context: FlowContext): string => {
  const reason = context.facts.escalationReason ?? context.reason ?? 'other';
  return (ESCALATION_REASONS as readonly string[]).includes(reason) ? reason : 'other';
};

const portalChoices: ChoiceSpec[] = [
  { id: 'platform', label: 'portal.choice.platform' },
  { id: 'identity', label: 'portal.choice.identity' },
  { id: 'unsure', label: 'portal.choice.unsure' },
];

const retry = ask([{ id: 'retry', label: 'common.choice.retry' }]);

/**
 * Hands the conversation to support: collects what the case still lacks (login address, portal,
 * a short description), creates the case, and tells the user its number and how to call.
 */
export const escalationMachine = flow.createMachine({
  id: 'escalation',
  context: initialContext,
  initial: 'opening',
  output: finalOutput,
  // Already on the way to a person: asking again only gets a reminder, the question stands.
  on: { ...navigation, 'nav.human': { actions: say('escalation.already') } },
  states: {
    opening: {
      entry: [
        sayWith(({ context }) => ({ key: `escalation.reason.${reasonOf(context)}` })),
        learn(({ context }) => ({ escalationReason: reasonOf(context) })),
      ],
      always: 'collect',
    },
    collect: {
      always: [
        { guard: not('emailKnown'), target: 'email' },
        { guard: not('portalGiven'), target: 'portal' },
        { guard: not('descriptionGiven'), target: 'description' },
        { target: 'creating' },
      ],
    },
    email: {
      entry: [say('escalation.askEmail'), ask([], { kind: 'email', label: 'common.input.email' })],
      on: { 'user.email': { target: 'collect', actions: learnEmail } },
    },
    portal: {
      entry: [say('escalation.askPortal'), ask(portalChoices)],
      on: {
        'user.choice': portalChoices.map(({ id }) => ({
          guard: choice(id),
          target: 'collect',
          actions: learn(() => ({ portal: id as 'platform' | 'identity' | 'unsure' })),
        })),
      },
    },
    description: {
      entry: [
        say('escalation.askDescription'),
        ask([{ id: 'skip', label: 'escalation.choice.skip' }], {
          kind: 'text',
          label: 'escalation.input.description',
        }),
      ],
      on: {
        'user.input': {
          target: 'collect',
          actions: learn(({ event }) => ({
            description:
              event.type === 'user.input' ? event.value.trim().slice(0, MAX_DESCRIPTION) : '',
          })),
        },
        'user.choice': {
          guard: choice('skip'),
          target: 'collect',
          actions: learn(() => ({ description: '' })),
        },
      },
    },
    creating: {
      invoke: {
        src: 'createCase',
        input: ({ context }) => ({
          facts: context.facts,
          reason: reasonOf(context),
          path: context.from ?? 'triage',
        }),
        onDone: { target: 'afterCreate', actions: 'keepResult' },
        onError: 'failed',
      },
    },
    afterCreate: {
      always: [
        {
          guard: 'lastOk',
          target: 'created',
          actions: [
            learn(({ context }) => ({
              caseRef: context.last?.status === 'ok' ? context.last.caseRef : undefined,
            })),
            tried('action:case'),
          ],
        },
        { guard: 'lastLimited', target: 'limited' },
        { target: 'failed' },
      ],
    },
    created: {
      entry: say('escalation.created', ({ context }) => ({
        caseRef: context.facts.caseRef ?? '',
        email: context.facts.email ?? '',
      })),
      always: 'escalated',
    },
    failed: {
      entry: [say('escalation.failed'), retry],
      on: { 'user.choice': { guard: choice('retry'), target: 'creating' } },
    },
    limited: {
      entry: [
        say('escalation.limited', ({ context }) => ({
          minutes: context.last?.status === 'limited' ? context.last.retryAfterMinutes : 60,
        })),
        retry,
      ],
      on: { 'user.choice': { guard: choice('retry'), target: 'creating' } },
    },
    ...endings,
  },
});
