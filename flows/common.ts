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
  emailSuggestion: input.emailSuggestion,
  count: 0,
});

// Placeholders for the injected action actors. The engine always provides the real ones; a
// machine run without them fails loudly rather than pretending an e-mail was sent.
function missing<TIn>(name: string) {
  return fromPromise<ActionResult, TIn>(async () => {
    throw new Error(`action "${name}" was not provided; run machines through the engine or provide() it`);
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
    feedback: emit((_, p: { flow: FlowId; solved: boolean }) => ({ type: 'feedback' as const, ...p })),
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
    keepResult: assign(({ event }) => ({ last: (event as unknown as { output: ActionResult }).output })),
  },
  guards: {
    choice: ({ event }, p: { id: string }) => event.type === 'user.choice' && event.choice === p.id,
    portalKnown: ({ context }) => isKnownPortal(context.facts),
    portalIs: ({ context }, p: { portal: Facts['portal'] }) => context.facts.portal === p.portal,
    emailKnown: ({ context }) => context.facts.email !== undefined,
    lastOk: ({ context }) => context.last?.status === 'ok',
    lastLimited: ({ context }) => context.last?.status === 'limited',
    countAtLeast: ({ context }, p: { n: number }) => context.count >= p.n,
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
  output: ({ context }: { context: FlowContext }): FlowOutput => ({ outcome, next, facts: context.facts }),
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
