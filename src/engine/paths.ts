import { createHash } from 'node:crypto';
import {
  createActor,
  fromPromise,
  waitFor,
  type ActorSystem,
  type AnyActorRef,
  type AnyStateMachine,
} from 'xstate';
import type { Content } from '../../flows/content.js';
import { machines as defaultMachines } from '../../flows/index.js';
import type {
  ActionName,
  ActionResult,
  Emitted,
  Facts,
  FlowEvent,
  FlowId,
  FlowInput,
  FlowOutput,
} from '../../flows/types.js';
import type { ActionContext, ActionImpl, ActionInputs, ActionSet } from '../actions/types.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { StoredPrompt } from './output.js';
import type { TurnRun } from './turn-run.js';

export interface PathRunnerDeps {
  actions: ActionSet;
  content: Content;
  clock: Clock;
  logger: Logger;
  /** The help paths; tests swap one to simulate a deploy. */
  machines?: Record<FlowId, AnyStateMachine>;
  /** Told before an action runs in a turn (that turn's transaction may then queue mail). */
  onAction: (ctx: ActionContext) => void;
}

const settled = (s: { status: string; children: Record<string, unknown> }) =>
  s.status !== 'active' || Object.keys(s.children).length === 0;

/** A short hash of a machine's structure: it changes when a deploy changes the machine. */
function versionOf(machine: AnyStateMachine): string {
  const shape = JSON.stringify(machine.definition, (_k, v) => (typeof v === 'function' ? 'fn' : v));
  return createHash('sha256').update(shape).digest('hex').slice(0, 12);
}

/**
 * Runs the help-path machines for the engine: restores a path from a turn's stored snapshot,
 * sends it the turn's event or starts the next path, lets every action it invokes settle, and
 * leaves in the turn (TurnRun) what the path said and asked, its new snapshot and its ending.
 */
export class PathRunner {
  private readonly machines: Record<FlowId, AnyStateMachine>;
  private readonly versions: Record<string, string> = {};
  /**
   * The turn each running machine belongs to, by its actor system: an action finds its turn
   * through the `system` XState hands it. (AsyncLocalStorage did this at a cost on every
   * promise of every request.)
   */
  private readonly runs = new WeakMap<ActorSystem<any>, TurnRun>();

  constructor(private readonly deps: PathRunnerDeps) {
    const actors = this.injectedActions();
    this.machines = Object.fromEntries(
      Object.entries(deps.machines ?? defaultMachines).map(([id, m]) => {
        this.versions[id] = versionOf(m);
        return [id, m.provide({ actors })];
      }),
    ) as Record<FlowId, AnyStateMachine>;
  }

  /** The structure hash stored with each step of `flowId`. */
  version(flowId: FlowId): string {
    return this.versions[flowId]!;
  }

  /**
   * Sends an event to the running path machine. Returns false (and changes nothing) when the
   * machine does not take this event in its current state.
   */
  async send(
    run: TurnRun,
    event: FlowEvent,
    prompt: StoredPrompt | null,
    opts: { reaskIfUnhandled: boolean } = { reaskIfUnhandled: true },
  ): Promise<boolean> {
    const flowId = run.flowId;
    if (!flowId) return false;
    const actor = this.restore(run, flowId);
    if (!actor) {
      run.say('engine.updated');
      await this.startFlow(run, 'triage', {}, { at: event.at, clientTime: event.clientTime });
      return true;
    }
    if (!actor.getSnapshot().can(event)) {
      actor.stop();
      if (opts.reaskIfUnhandled) {
        run.say('engine.reask');
        run.repeat(prompt, false);
      }
      return false;
    }
    run.ask = null;
    run.lead = [];
    const sub = actor.on('*', (e: Emitted) => run.take(e));
    actor.send(event);
    await this.settle(run, actor, flowId, sub);
    return true;
  }

  /** Restores the path machine from the step's snapshot; undefined when a deploy broke it. */
  private restore(run: TurnRun, flowId: FlowId): AnyActorRef | undefined {
    try {
      const actor = createActor(this.machines[flowId], { snapshot: run.snapshot as never });
      this.runs.set(actor.system, run);
      // An error observer keeps XState from rethrowing asynchronously (which would end the
      // process); the status check below handles it.
      actor.subscribe({ error: () => undefined });
      actor.start();
      if (actor.getSnapshot().status !== 'active') return undefined;
      return actor;
    } catch (error) {
      this.deps.logger.warn(
        { flow: flowId, err: (error as Error).message },
        'stored snapshot no longer fits its machine',
      );
      return undefined;
    }
  }

  async startFlow(
    run: TurnRun,
    flowId: FlowId,
    extra: Partial<FlowInput>,
    stamp: { at: number; clientTime?: number },
  ): Promise<void> {
    const from = run.flowId ?? undefined;
    const facts: Facts = { ...run.facts, tried: [...run.facts.tried] };
    if (stamp.clientTime !== undefined) facts.clockOffsetMs = stamp.clientTime - stamp.at;
    const input: FlowInput = {
      facts,
      settings: {
        resetWaitMinutes: this.deps.content.resetMailWaitMinutes,
        clockToleranceSeconds: this.deps.content.clockToleranceSeconds,
      },
      from,
      reason: extra.reason ?? facts.escalationReason,
      ...extra,
    };
    run.flowId = flowId;
    run.status = 'active';
    run.ask = null;
    run.lead = [];
    const actor = createActor(this.machines[flowId], { input });
    this.runs.set(actor.system, run);
    actor.subscribe({ error: () => undefined }); // surfaced by settle() as the snapshot's error
    const sub = actor.on('*', (e: Emitted) => run.take(e));
    actor.start();
    await this.settle(run, actor, flowId, sub);
  }

  private async settle(
    run: TurnRun,
    actor: AnyActorRef,
    flowId: FlowId,
    sub: { unsubscribe(): void },
  ): Promise<void> {
    const snap = await waitFor(actor, settled, { timeout: 30_000 });
    sub.unsubscribe();
    if (snap.status === 'error') throw snap.error;
    run.lines.push({ role: 'system', kind: 'state', body: { flow: flowId, state: snap.value } });

    if (snap.status !== 'done') {
      run.snapshot = actor.getPersistedSnapshot();
      run.facts = (snap.context as { facts: Facts }).facts;
      actor.stop();
      return;
    }
    const output = snap.output as FlowOutput;
    run.facts = output.facts;
    run.snapshot = null;
    if (output.outcome === 'next' && output.next) {
      const then = output.next === 'whichPortal' ? flowId : undefined;
      const reason = output.next === 'escalation' ? output.facts.escalationReason : undefined;
      await this.startFlow(run, output.next, { then, reason }, { at: this.deps.clock.now() });
      return;
    }
    run.flowId = null;
    run.ask = null;
    run.status = output.outcome === 'escalated' ? 'escalated' : 'resolved';
    run.caseRef = output.facts.caseRef ?? null;
    // The sentence that carries the case number is shown as such by every channel.
    const ref = run.caseRef;
    if (ref) for (const m of run.messages) if (m.text.includes(ref)) m.kind = 'case';
  }

  private injectedActions() {
    const wrap = <N extends ActionName>(name: N) =>
      fromPromise<ActionResult, ActionInputs[N]>(async ({ input, system }) => {
        const run = this.runs.get(system);
        const ctx = run?.actions;
        if (!run || !ctx) throw new Error(`action ${name} ran outside a turn`);
        this.deps.onAction(ctx);
        // TypeScript cannot tie the set's entry to N by itself; the set's type says it is so.
        const action = this.deps.actions[name] as ActionImpl<N>;
        const result = await action(input, ctx);
        run.lines.push({ role: 'system', kind: 'action', body: { name, ...summary(result) } });
        return result;
      });
    return {
      sendPasswordReset: wrap('sendPasswordReset'),
      resendVerification: wrap('resendVerification'),
      sendAccountLocator: wrap('sendAccountLocator'),
      sendOwnershipCode: wrap('sendOwnershipCode'),
      checkOwnershipCode: wrap('checkOwnershipCode'),
      createCase: wrap('createCase'),
    };
  }
}

function summary(result: ActionResult): Record<string, unknown> {
  if (result.status === 'ok')
    return { status: 'ok', ...(result.caseRef ? { caseRef: result.caseRef } : {}) };
  if (result.status === 'limited')
    return { status: 'limited', retryAfterMinutes: result.retryAfterMinutes };
  return { status: 'failed', reason: result.reason };
}
