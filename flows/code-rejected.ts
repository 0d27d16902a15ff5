import { and } from 'xstate';
import {
  ask,
  atOf,
  because,
  choice,
  endings,
  finalOutput,
  flow,
  handOver,
  initialContext,
  learn,
  navigation,
  say,
  sayWith,
  solvedChoices,
  tried,
} from './common.js';
import { question, solvedNo, solvedYes } from './steps.js';
import type { ChoiceSpec, FlowContext } from './types.js';

/** Below a minute and a half, seconds say more than "1 minute"; likewise minutes below 1.5 h. */
const SECONDS_UP_TO = 90;
const MINUTES_UP_TO = 90;

/** "Your phone is 3 minutes fast": the size of the offset in the unit a person would use. */
export function offsetMessage(offsetMs: number): {
  key: string;
  params: { [unit: string]: number };
} {
  const direction = offsetMs > 0 ? 'fast' : 'slow';
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  if (seconds < SECONDS_UP_TO) return { key: `code.${direction}.seconds`, params: { seconds } };

  const minutes = Math.round(seconds / 60);
  if (minutes < MINUTES_UP_TO) return { key: `code.${direction}.minutes`, params: { minutes } };

  return { key: `code.${direction}.hours`, params: { hours: Math.round(minutes / 60) } };
}

/** The device that sent this event: its own clock minus ours, when the channel told us both. */
const learnOffsetFromStamp = learn(({ event }) => {
  const at = atOf(event);
  if (typeof event.clientTime !== 'number' || at === undefined) return {};

  return { clockOffsetMs: event.clientTime - at };
});

const learnMeasured = learn(({ event }) =>
  event.type === 'clock.measured' ? { clockOffsetMs: event.offsetMs } : {},
);

const tolerance = ({ context }: { context: FlowContext }) => ({
  seconds: context.settings.clockToleranceSeconds,
});

const solvedOr = (extra: ChoiceSpec[] = []) => [
  say('common.solved.ask'),
  ask([...solvedChoices, ...extra]),
];

const answered = {
  'user.choice': [solvedYes('codeRejected'), solvedNo('codeRejected', 'notSolved')],
};

/**
 * "The 2FA code is constantly rejected": per the article, the phone's clock is out of sync. The
 * machine measures it (the chat's own timestamps, or the channel's clock-check page) and says by
 * how much, then how to turn on automatic time; in sync, it moves on to the other causes.
 */
export const codeRejectedMachine = flow.createMachine({
  id: 'codeRejected',
  context: initialContext,
  initial: 'intro',
  output: finalOutput,
  // A measurement can come in at any question: the clock-check page reports when it is opened.
  on: { ...navigation, 'clock.measured': { target: '.judge', actions: learnMeasured } },
  states: {
    intro: {
      entry: [
        tried('codeRejected'),
        say('code.intro'),
        ask([
          { id: 'thisPhone', label: 'code.choice.thisPhone' },
          { id: 'otherDevice', label: 'code.choice.otherDevice' },
        ]),
      ],
      on: {
        'user.choice': [
          { guard: choice('thisPhone'), target: 'measuring' },
          // The chat device's clock says nothing about the phone's, so measure the phone itself.
          { guard: choice('otherDevice'), target: 'phoneCheck' },
        ],
      },
    },
    measuring: {
      entry: learnOffsetFromStamp,
      always: 'judge',
    },
    judge: {
      always: [
        { guard: and(['clockMeasured', 'clockOff']), target: 'clockOff' },
        { guard: 'clockMeasured', target: 'inSync' },
        { target: 'phoneCheck' },
      ],
    },
    clockOff: {
      entry: [
        sayWith(({ context }) => offsetMessage(context.facts.clockOffsetMs ?? 0)),
        say('code.autoTime'),
        ...solvedOr(),
      ],
      on: answered,
    },
    inSync: {
      entry: [
        say('code.inSync', tolerance),
        say('code.otherCauses'),
        ...solvedOr([{ id: 'measurePhone', label: 'code.choice.measurePhone' }]),
      ],
      on: {
        'user.choice': [
          ...answered['user.choice'],
          { guard: choice('measurePhone'), target: 'phoneCheck' },
        ],
      },
    },
    phoneCheck: {
      entry: [say('code.phoneCheck'), ask([{ id: 'skip', label: 'code.choice.skipCheck' }])],
      on: { 'user.choice': { guard: choice('skip'), target: 'unmeasured' } },
    },
    unmeasured: {
      entry: [say('code.autoTime'), say('code.otherCauses'), ...solvedOr()],
      on: answered,
    },
    notSolved: question(
      [say('code.notSolved')],
      [
        { id: 'lostPhone', label: 'code.choice.lostPhone', target: 'toLostPhone' },
        {
          id: 'human',
          label: 'common.choice.human',
          target: 'toHuman',
          actions: because('asked_for_person'),
        },
      ],
    ),
    toLostPhone: handOver('lostPhone'),
    ...endings,
  },
});
