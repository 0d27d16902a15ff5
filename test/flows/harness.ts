/**
 * Drives one help-path machine through its public API, the way the engine does: stubbed action
 * actors, events stamped with server time, a settle after every event. Every step also checks
 * the engine's contract: a machine that waits has asked exactly one question on the way there.
 */
import { expect, it } from 'vitest';
import { createActor, fromPromise, waitFor, type AnyStateMachine } from 'xstate';
import { defaultContent } from '../../flows/content.js';
import { render } from '../../flows/render.js';
import {
  LOCALES,
  type ActionName,
  type ActionResult,
  type Emitted,
  type Facts,
  type FlowEvent,
  type FlowId,
  type FlowInput,
  type FlowOutput,
  type FlowSettings,
} from '../../flows/types.js';

export const MINUTE = 60_000;
/** Server time of the first event of every walk. */
export const T0 = Date.UTC(2026, 11, 4, 9, 0, 0);
export const settings: FlowSettings = { resetWaitMinutes: 15, clockToleranceSeconds: 15 };
export const renderOptions = { content: defaultContent, resetLinkMinutes: 60 };

type Stub = (input: never) => ActionResult | Promise<ActionResult>;

export interface WalkOptions {
  facts?: Partial<Facts>;
  settings?: Partial<FlowSettings>;
  from?: FlowId;
  then?: FlowId;
  reason?: string;
  emailSuggestion?: string;
  actions?: Partial<Record<ActionName, Stub>>;
}

type Say = Extract<Emitted, { type: 'say' }>;
type Ask = Extract<Emitted, { type: 'ask' }>;
type Stamped = FlowEvent extends infer E
  ? E extends FlowEvent
    ? Omit<E, 'at'> & { at?: number }
    : never
  : never;

/** Everything any walk in this test file said or asked, for the rendering check. */
const seen: Emitted[] = [];

export function walk(machine: AnyStateMachine, opts: WalkOptions = {}) {
  const calls: Partial<Record<ActionName, unknown[]>> = {};
  const actors = Object.fromEntries(
    Object.entries(opts.actions ?? {}).map(([name, stub]) => [
      name,
      fromPromise(async ({ input }: { input: unknown }) => {
        (calls[name as ActionName] ??= []).push(input);
        return (stub as (i: unknown) => ActionResult | Promise<ActionResult>)(input);
      }),
    ]),
  );
  const input: FlowInput = {
    facts: { tried: [], ...opts.facts },
    settings: { ...settings, ...opts.settings },
    from: opts.from,
    then: opts.then,
    reason: opts.reason,
    emailSuggestion: opts.emailSuggestion,
  };
  const actor = createActor(machine.provide({ actors }), { input });
  const emitted: Emitted[] = [];
  actor.on('*', (event) => {
    emitted.push(event as Emitted);
    seen.push(event as Emitted);
  });

  let now = T0;
  let stepStart = 0;

  const settle = async () => {
    await waitFor(actor, (s) => s.status !== 'active' || Object.keys(s.children).length === 0);
  };

  /** One question per waiting state, none on the way out. */
  const checkStep = (expectAsk: boolean) => {
    const asks = emitted.slice(stepStart).filter((e) => e.type === 'ask');
    const active = actor.getSnapshot().status === 'active';
    expect(
      asks.length,
      `asks emitted while reaching ${JSON.stringify(actor.getSnapshot().value)}`,
    ).toBe(active && expectAsk ? 1 : 0);
    stepStart = emitted.length;
  };

  actor.start();

  const api = {
    actor,
    emitted,
    calls,
    /** Starts the machine (and settles); checks the first question. */
    async begin() {
      await settle();
      checkStep(true);
      return api;
    },
    /** Sends an event stamped with `at` (default: one second after the previous event). */
    async send(event: Stamped, check: { expectAsk: boolean } = { expectAsk: true }) {
      now = event.at ?? now + 1000;
      actor.send({ ...event, at: now } as FlowEvent);
      await settle();
      checkStep(check.expectAsk);
      return api;
    },
    choose(choice: string, at?: number) {
      return api.send({ type: 'user.choice', choice, at });
    },
    get value() {
      return actor.getSnapshot().value;
    },
    get status() {
      return actor.getSnapshot().status;
    },
    get output() {
      return actor.getSnapshot().output as FlowOutput | undefined;
    },
    get facts() {
      return (actor.getSnapshot().context as { facts: Facts }).facts;
    },
    /** Catalogue keys said so far, in order. */
    says(): string[] {
      return emitted.filter((e): e is Say => e.type === 'say').map((e) => e.key);
    },
    said(key: string): Say | undefined {
      return emitted.filter((e): e is Say => e.type === 'say').find((e) => e.key === key);
    },
    lastAsk(): Ask {
      const asks = emitted.filter((e): e is Ask => e.type === 'ask');
      return asks[asks.length - 1]!;
    },
    choiceIds(): string[] {
      return api.lastAsk().choices.map((c) => c.id);
    },
    feedback() {
      return emitted.filter((e) => e.type === 'feedback');
    },
  };
  return api;
}

export const start = (machine: AnyStateMachine, opts?: WalkOptions) => walk(machine, opts).begin();

/**
 * Adds the test that renders everything this file's walks said and every button and field they
 * showed, in every locale, with no placeholder left unfilled. Call it last in a test file.
 */
export function rendersEverythingItSaid() {
  it('renders every message, button and field of its walks in English and Dutch', () => {
    expect(seen.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      for (const event of seen) {
        const texts =
          event.type === 'say' || event.type === 'note'
            ? [render(locale, event.key, event.params, renderOptions)]
            : event.type === 'ask'
              ? [
                  ...event.choices.map((c) => render(locale, c.label, c.params, renderOptions)),
                  ...(event.input
                    ? [render(locale, event.input.label, undefined, renderOptions)]
                    : []),
                ]
              : [];
        for (const text of texts)
          expect(text, `${locale}: ${JSON.stringify(event)}`).not.toMatch(/\{\w+\}/);
      }
    }
  });
}
