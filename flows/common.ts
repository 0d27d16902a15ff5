import { assign, emit, fromPromise, setup } from 'xstate';
import type {
  ActionResult,
  AddressActionInput,
  ChoiceSpec,
  CreateCaseInput,
  Emitted,
  Facts,
  FlowContext,
  FlowEvent,
  FlowId,
  FlowInput,
  FlowOutput,
  InputSpec,
  LocatorInput,
  OwnershipCheckInput,
  Params,
} from './types.js';

export const initialContext = ({ input }: { input: FlowInput }): FlowContext => ({
  facts: { ...input.facts, tried: [...input.facts.tried] },
  settings: input.settings,
  from: input.from,
  then: input.then,
  reason: input.reason,
  emailSuggestion: input.emailSuggestion ?? input.facts.emailSuggestion,
  count: 0,
});

// Placeholders for the injected action actors. The engine always provides the real ones; a
// machine run without them fails loudly rather than pretending an e-mail was sent.
function missing<TIn>(name: string) {
  return fromPromise<ActionResult, TIn>(async () => {
    throw new Error(
      `action "${name}" was not provided; run machines through the engine or provide() it`,
    );
  });
}

export const actionActors = {
  sendPasswordReset: missing<AddressActionInput>('sendPasswordReset'),
  resendVerification: missing<AddressActionInput>('resendVerification'),
  sendAccountLocator: missing<LocatorInput>('sendAccountLocator'),
  sendOwnershipCode: missing<LocatorInput>('sendOwnershipCode'),
  checkOwnershipCode: missing<OwnershipCheckInput>('checkOwnershipCode'),
  createCase: missing<CreateCaseInput>('createCase'),
};

interface SayParams {
  key: string;
  params?: Params;
}
interface AskParams {
  choices: ChoiceSpec[];
  input?: InputSpec;
}

const isKnownPortal = (facts: Facts) => facts.portal === 'platform' || facts.portal === 'identity';

/**
 * Server time of the event being handled. Undefined for events the engine does not stamp (the
 * start of a machine, an action's result), so time-based guards must treat it as "not known".
 */
export const atOf = (event: { at?: unknown }): number | undefined =>
  typeof event.at === 'number' ? event.at : undefined;

const MINUTE_MS = 60_000;

/** The intent the engine's classifier attached to free text, if any. */
const intentOf = (event: FlowEvent) => (event.type === 'user.text' ? event.intent : undefined);

/**
 * The one `setup` every help-path machine is created from: the same types, the same injected
 * action actors, and the shared actions and guards referred to by name.
 */
export const flow = setup({
  types: {
    context: {} as FlowContext,
    input: {} as FlowInput,
    events: {} as FlowEvent,
    emitted: {} as Emitted,
    output: {} as FlowOutput,
  },
  actors: actionActors,
  actions: {
    /** Emits a sentence from the catalogue. */
    say: emit((_, p: SayParams) => ({ type: 'say' as const, key: p.key, params: p.params })),
    /** Emits the question's buttons and, optionally, an input field. */
    ask: emit(({ context }, p: AskParams) => ({
      type: 'ask' as const,
      choices: p.choices,
      input:
        p.input && p.input.kind === 'email' && context.emailSuggestion
          ? { ...p.input, suggestion: context.emailSuggestion }
          : p.input,
    })),
    /** Emits the answer to "did this solve it?" so the engine stores it per path. */
    feedback: emit((_, p: { flow: FlowId; solved: boolean }) => ({
      type: 'feedback' as const,
      ...p,
    })),
    /** Merges what the machine learned into `context.facts`. */
    learn: assign(({ context }, p: Partial<Facts>) => ({ facts: { ...context.facts, ...p } })),
    /** Appends a path or action to `facts.tried`. */
    tried: assign(({ context }, p: { entry: string }) => ({
      facts: { ...context.facts, tried: [...context.facts.tried, p.entry] },
    })),
    countUp: assign(({ context }) => ({ count: context.count + 1 })),
    resetCount: assign(() => ({ count: 0 })),
    /** Chooses where the `toNext` ending continues. */
    goNext: assign((_, p: { next: FlowId }) => ({ next: p.next })),
    /** Keeps an action's result in `context.last` so the next state can word its answer. */
    keepResult: assign(({ event }) => ({
      last: (event as unknown as { output: ActionResult }).output,
    })),
  },
  guards: {
    choice: ({ event }, p: { id: string }) => event.type === 'user.choice' && event.choice === p.id,
    portalKnown: ({ context }) => isKnownPortal(context.facts),
    portalIs: ({ context }, p: { portal: Facts['portal'] }) => context.facts.portal === p.portal,
    emailKnown: ({ context }) => context.facts.email !== undefined,
    /** Handed over by the path `p.flow`. */
    cameFrom: ({ context }, p: { flow: FlowId }) => context.from === p.flow,
    lastOk: ({ context }) => context.last?.status === 'ok',
    lastLimited: ({ context }) => context.last?.status === 'limited',
    countAtLeast: ({ context }, p: { n: number }) => context.count >= p.n,
    /** The portal question was answered, even if the answer was 'unsure'. */
    portalGiven: ({ context }) => context.facts.portal !== undefined,
    lastFailed: ({ context }, p: { reason: 'wrong' | 'expired' | 'locked' | 'none' }) =>
      context.last?.status === 'failed' && context.last.reason === p.reason,
    descriptionGiven: ({ context }) => context.facts.description !== undefined,
    resetKnown: ({ context }) => context.facts.resetRequestedAt !== undefined,
    /**
     * The article's "still no e-mail after N minutes": measured from the last reset the assistant
     * sent to the time of *this* event, so a user who comes back later gets the later answer.
     */
    resetOverdue: ({ context, event }) => {
      const sentAt = context.facts.resetRequestedAt;
      const at = atOf(event);
      if (sentAt === undefined || at === undefined) return false;

      return at - sentAt >= context.settings.resetWaitMinutes * MINUTE_MS;
    },
    clockMeasured: ({ context }) => context.facts.clockOffsetMs !== undefined,
    /** Off by more than the tolerance in either direction; a slow clock breaks codes as well. */
    clockOff: ({ context }) =>
      Math.abs(context.facts.clockOffsetMs ?? 0) > context.settings.clockToleranceSeconds * 1000,
    /** Free text the classifier placed in one of `paths` with at least `min` confidence. */
    intentConfident: ({ event }, p: { min: number; paths: readonly FlowId[] }) => {
      const intent = intentOf(event);
      return (
        intent !== undefined &&
        intent.confidence >= p.min &&
        p.paths.includes(intent.flow as FlowId)
      );
    },
    /** Free text with at least one likely path among `paths` to suggest. */
    intentHasAlternatives: ({ event }, p: { paths: readonly FlowId[] }) =>
      (intentOf(event)?.alternatives ?? []).some((flowId) => p.paths.includes(flowId)),
  },
});

type Args = { context: FlowContext; event: FlowEvent };

// Small builders for the named actions, so machine configs read as sentences.

export const say = (key: string, params?: (a: Args) => Params) =>
  params
    ? { type: 'say' as const, params: (a: Args): SayParams => ({ key, params: params(a) }) }
    : { type: 'say' as const, params: { key } as SayParams };

export const ask = (choices: ChoiceSpec[], input?: InputSpec) => ({
  type: 'ask' as const,
  params: { choices, input } as AskParams,
});

/** Like `say`, when the message key itself depends on the conversation. */
export const sayWith = (fn: (a: Args) => SayParams) => ({ type: 'say' as const, params: fn });

/** Like `ask`, when the buttons depend on the conversation (offered only while they apply). */
export const askWith = (fn: (a: Args) => AskParams) => ({ type: 'ask' as const, params: fn });

export const learn = (fn: (a: Args) => Partial<Facts>) => ({
  type: 'learn' as const,
  params: (a: Args): Partial<Facts> => fn(a),
});

export const tried = (entry: string) => ({ type: 'tried' as const, params: { entry } });

export const feedback = (flowId: FlowId, solved: boolean) => ({
  type: 'feedback' as const,
  params: { flow: flowId, solved },
});

export const goNext = (next: FlowId) => ({ type: 'goNext' as const, params: { next } });

/** Like `goNext`, when the next path is known only at run time (a classified intent, `then`). */
export const goNextWith = (fn: (a: Args) => FlowId) => ({
  type: 'goNext' as const,
  params: (a: Args) => ({ next: fn(a) }),
});

export const choice = (id: string) => ({ type: 'choice' as const, params: { id } });

/** Sets why the conversation goes to a person; the escalation machine words it. */
export const because = (reason: string) => learn(() => ({ escalationReason: reason }));

/** Sets the e-mail from a `user.email` event. */
export const learnEmail = learn(({ event }) => ({
  email: event.type === 'user.email' ? event.email : undefined,
}));

// Final states shared by every path. "Talk to a person" and "start over" are always possible.

const done = (outcome: FlowOutput['outcome'], next?: FlowId) => ({
  type: 'final' as const,
  output: ({ context }: { context: FlowContext }): FlowOutput => ({
    outcome,
    next,
    facts: context.facts,
  }),
});

/**
 * The machine's output is the output of the final state it reached (XState only passes a final
 * state's output on when the root asks for it).
 */
export const finalOutput = ({ event }: { event: unknown }): FlowOutput =>
  (event as { output: FlowOutput }).output;

/** A final state that hands over to another path (the engine starts it with the facts). */
export const handOver = (next: FlowId) => done('next', next);

export const endings = {
  resolved: done('resolved'),
  /** Continues in `context.next` (set by the machine), or triage when none was chosen. */
  toNext: {
    type: 'final' as const,
    output: ({ context }: { context: FlowContext }): FlowOutput => ({
      outcome: 'next',
      next: context.next ?? 'triage',
      facts: context.facts,
    }),
  },
  escalated: done('escalated'),
  toHuman: done('next', 'escalation'),
  restart: done('next', 'triage'),
};

/** Root-level transitions every path machine includes. */
export const navigation = {
  'nav.human': { target: '.toHuman', actions: because('asked_for_person') },
  'nav.restart': { target: '.restart' },
};

/** The standard answer buttons of "did this solve it?". */
export const solvedChoices: ChoiceSpec[] = [
  { id: 'yes', label: 'common.solved.yes' },
  { id: 'no', label: 'common.solved.no' },
];
