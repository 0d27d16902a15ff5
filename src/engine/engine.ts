import type { AnyStateMachine } from 'xstate';
import type { Content } from '../../flows/content.js';
import { flowIds, isFlowId } from '../../flows/index.js';
import type { Facts, FlowEvent, FlowId, Locale, Portal } from '../../flows/types.js';
import type { ActionContext, ActionSet } from '../actions/types.js';
import type { Clock } from '../clock.js';
import type { Db, Tx } from '../db/index.js';
import type { Channel, ConversationStatus, DbRow } from '../db/schema.js';
import {
  ConflictError,
  ConversationNotFoundError,
  NoInputExpectedError,
  TurnIdReusedError,
  UnknownChoiceError,
  UnknownPathError,
} from '../errors.js';
import { newId } from '../ids.js';
import { maskEmail, setLogContext, type Logger } from '../log.js';
import type { Classifier } from '../understanding/types.js';
import { parseEmail } from './email.js';
import { matchChoice } from './match.js';
import {
  INPUT_RULES,
  renderPrompt,
  renderText,
  type NavId,
  type RenderContext,
  type Reply,
  type StoredPrompt,
} from './output.js';
import { detectSecret } from './secrets.js';
import { KeyedMutex } from './mutex.js';
import { PathRunner } from './paths.js';
import {
  advanceConversation,
  insertLines,
  insertStep,
  insertTurn,
  lockConversation,
  openTurn,
} from './statements.js';
import { TurnRun, type Ask, type Line } from './turn-run.js';

export interface EngineDeps {
  db: Db;
  clock: Clock;
  content: Content;
  resetLinkMinutes: number;
  actions: ActionSet;
  classifier: Classifier;
  logger: Logger;
  /**
   * Support's current notice (e.g. "reset mails are delayed this morning"), shown at the start
   * of every conversation while it is set.
   */
  notice?: (locale: Locale) => Promise<string | null>;
  /**
   * Called after a transaction that ran an action commits (the mail sender uses it to deliver
   * at once). Only actions queue mail, so turns without one do not wake the sender.
   */
  onCommitted?: () => void;
  /** The help paths; tests swap one to simulate a deploy. */
  machines?: Record<FlowId, AnyStateMachine>;
  /** Minutes of silence after which an open conversation counts as left. @default 30 */
  idleMinutes?: number;
}

export interface StartInput {
  channel: Channel;
  clientKey: string;
  locale?: Locale;
  /** The path to start in (a widget on the login page starts in forgotPassword). */
  flow?: FlowId;
  /** The login page the conversation starts on, when the channel knows it (widget on a portal). */
  portal?: Portal;
  clientTime?: number;
  /** An address to offer on e-mail questions (Teams profile); never assumed. */
  emailSuggestion?: string;
  /** JSON channel reference for proactive messages. */
  channelRef?: string;
}

interface TurnBase {
  /** Client-chosen id; a repeated id gets the stored reply and runs nothing again. */
  turnId: string;
  clientTime?: number;
  /** Switches the language from this turn on. */
  locale?: Locale;
}

export type TurnInput = TurnBase &
  (
    | { kind: 'choice'; choice: string }
    | { kind: 'text'; text: string }
    | { kind: 'value'; value: string }
    | { kind: 'clock'; offsetMs: number }
    | { kind: 'locale' }
  );

export interface TranscriptEntry {
  line: number;
  role: 'user' | 'assistant' | 'system';
  kind: string;
  text: string;
  at: number;
}

export interface ConversationView extends Omit<Reply, 'messages'> {
  transcript: TranscriptEntry[];
}

/**
 * The conversation engine: one turn = load the step, restore the path machine, send the event,
 * collect what it says, store step, transcript and reply in one transaction.
 */
export class Engine {
  private readonly paths: PathRunner;
  private readonly mutex = new KeyedMutex();
  private readonly idleMs: number;

  constructor(private readonly deps: EngineDeps) {
    this.idleMs = (deps.idleMinutes ?? 30) * 60_000;
    this.paths = new PathRunner({
      actions: deps.actions,
      content: deps.content,
      clock: deps.clock,
      logger: deps.logger,
      machines: deps.machines,
      onAction: (ctx) => this.acted.add(ctx.tx),
    });
  }

  // --- public API -----------------------------------------------------------------------------

  async start(input: StartInput): Promise<Reply> {
    const flowId = input.flow ?? 'triage';
    if (!isFlowId(flowId)) throw new UnknownPathError(flowId, flowIds);
    const now = this.deps.clock.now();
    const id = newId();
    setLogContext({ conversation: id });
    const locale = input.locale ?? 'en';

    // Read before the transaction: on SQLite a second connection inside it would wait forever.
    const notice = await this.deps.notice?.(locale);
    return this.inTransaction(async (tx) => {
      await tx
        .insertInto('conversations')
        .values({
          id,
          channel: input.channel,
          locale,
          locale_chosen: input.locale ? 1 : 0,
          status: 'active',
          seq: 0,
          client_key: input.clientKey,
          channel_ref: input.channelRef ?? null,
          case_ref: null,
          lines: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const conv = {
        id,
        channel: input.channel,
        locale,
        client_key: input.clientKey,
        seq: 0,
        lines: 0,
        locale_chosen: input.locale ? 1 : 0,
      };
      // Kept in the facts so every path that asks for an address can offer it.
      const facts: Facts = {
        tried: [],
        ...(input.portal ? { portal: input.portal } : {}),
        ...(input.emailSuggestion ? { emailSuggestion: input.emailSuggestion } : {}),
      };
      const run = new TurnRun(this.renderContext(locale), null, facts, null);
      if (notice) run.note(notice, 'notice');
      const stamp = { at: now, clientTime: input.clientTime };
      await this.inScope(tx, conv, now, run, () =>
        this.paths.startFlow(run, flowId, { emailSuggestion: input.emailSuggestion }, stamp),
      );
      return this.commit(tx, conv, run, null, now, null, input.emailSuggestion);
    });
  }

  /**
   * Runs one turn. A turn id answered before gets its stored reply back, nothing runs twice;
   * with `sameRequest` (the chat API) that id must also have asked the same (kind and button),
   * else TurnIdReusedError: a client that reuses ids would otherwise get an old answer back.
   */
  async turn(
    conversationId: string,
    input: TurnInput,
    opts: { sameRequest?: boolean } = {},
  ): Promise<Reply> {
    setLogContext({ conversation: conversationId });
    return this.mutex.run(conversationId, () =>
      this.turnWithRetry(conversationId, input, opts.sameRequest === true),
    );
  }

  async read(conversationId: string): Promise<ConversationView> {
    const { db } = this.deps;
    const conv = await db
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', conversationId)
      .executeTakeFirst();
    if (!conv) throw new ConversationNotFoundError();
    const step = await this.loadStep(db, conv.id, conv.seq);
    const lines = await db
      .selectFrom('transcript')
      .select(['line', 'role', 'kind', 'body', 'created_at'])
      .where('conversation_id', '=', conv.id)
      .where('role', '!=', 'system')
      .orderBy('line')
      .execute();
    const render = this.renderContext(conv.locale as Locale);
    const prompt = step?.prompt ? (JSON.parse(step.prompt) as StoredPrompt) : null;
    return {
      conversationId: conv.id,
      seq: conv.seq,
      status: this.visibleStatus(conv),
      locale: conv.locale as Locale,
      flow: (step?.flow_id as FlowId | null) ?? null,
      prompt: renderPrompt(
        render,
        prompt?.ask ?? null,
        this.navFor(step?.flow_id ?? null, step?.prev ?? null, conv.status),
      ),
      caseRef: conv.case_ref,
      transcript: lines.map((l) => ({
        line: l.line,
        role: l.role,
        kind: l.kind,
        text: textOfLine(JSON.parse(l.body)),
        at: l.created_at,
      })),
    };
  }

  /**
   * Adds a message from support to a conversation (the widget shows it on its next read; the
   * open question stays as it was). Serialised with the conversation's turns.
   */
  async addSupportMessage(conversationId: string, text: string): Promise<void> {
    await this.mutex.run(conversationId, () =>
      this.inTransaction(async (tx) => {
        const conv = await lockConversation(tx, conversationId);
        if (!conv) throw new ConversationNotFoundError();
        const now = this.deps.clock.now();
        // Filed under the current step (`seq`), like the turn that asked the open question.
        await this.writeLines(
          tx,
          conv,
          conv.seq,
          [{ role: 'assistant', kind: 'support', body: { text } }],
          now,
        );
        await tx
          .updateTable('conversations')
          .set({ updated_at: now, lines: conv.lines + 1 })
          .where('id', '=', conversationId)
          .execute();
      }),
    );
  }

  /** Whether a conversation exists (for token checks that must not reveal anything else). */
  async exists(conversationId: string): Promise<boolean> {
    const row = await this.deps.db
      .selectFrom('conversations')
      .select('id')
      .where('id', '=', conversationId)
      .executeTakeFirst();
    return row !== undefined;
  }

  // --- one turn -------------------------------------------------------------------------------

  private async turnWithRetry(
    conversationId: string,
    input: TurnInput,
    sameRequest: boolean,
  ): Promise<Reply> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.inTransaction((tx) =>
          this.runTurn(tx, conversationId, input, sameRequest),
        );
      } catch (error) {
        // Another instance advanced the conversation between our read and write: run again on
        // the fresh state. Three tries is plenty; a conversation has one person typing.
        if (error instanceof ConflictError && attempt < 3) continue;
        throw error;
      }
    }
  }

  private async runTurn(
    tx: Tx,
    conversationId: string,
    input: TurnInput,
    sameRequest: boolean,
  ): Promise<Reply> {
    // Locked first: a turn on another instance waits here, then sees this one's result
    // (including a repeated turn id) instead of running beside it.
    const opened = await openTurn(tx, conversationId, input.turnId);
    if (!opened) throw new ConversationNotFoundError();
    const { conv, step, replay, replayRequest } = opened;
    if (replay) {
      if (sameRequest && replayRequest !== null && replayRequest !== requestOf(input))
        throw new TurnIdReusedError();
      return { ...(JSON.parse(replay) as Reply), replayed: true };
    }

    const now = this.deps.clock.now();
    const stamp = { at: now, clientTime: input.clientTime };

    let locale = conv.locale as Locale;
    let localeChosen = conv.locale_chosen === 1;
    if (input.locale && input.locale !== locale) {
      locale = input.locale;
      localeChosen = true;
    } else if (input.locale) localeChosen = true;

    const prompt = step?.prompt ? (JSON.parse(step.prompt) as StoredPrompt) : null;
    const facts: Facts = step ? JSON.parse(step.facts) : { tried: [] };
    const snapshot = step?.snapshot ? JSON.parse(step.snapshot) : null;
    const flowId = (step?.flow_id as FlowId | null) ?? null;
    const run = new TurnRun(this.renderContext(locale), flowId, facts, snapshot);
    run.step = step;
    run.status = conv.status === 'left' ? 'active' : conv.status;
    const nav = this.navFor(flowId, step?.prev ?? null, conv.status);
    const scopeConv = {
      id: conv.id,
      channel: conv.channel,
      locale,
      client_key: conv.client_key,
      seq: conv.seq,
      lines: conv.lines,
    };

    if (input.locale && input.locale !== conv.locale) run.say('engine.locale.switched');

    let backTo: DbRow<'steps'> | null = null;
    await this.inScope(tx, scopeConv, now, run, async () => {
      backTo = await this.dispatch(tx, run, input, {
        prompt,
        nav,
        stamp,
        step,
        localeChosen,
        setLocale: (l) => {
          if (!localeChosen && l !== locale) {
            locale = l;
            run.render = this.renderContext(l);
            scopeConv.locale = l;
          }
        },
      });
    });
    return this.commit(
      tx,
      { ...scopeConv, locale_chosen: localeChosen ? 1 : 0 },
      run,
      step,
      now,
      backTo,
      undefined,
      { id: input.turnId, request: requestOf(input) },
    );
  }

  /** Turns the client's input into machine events (or engine moves) and runs them. */
  private async dispatch(
    tx: Tx,
    run: TurnRun,
    input: TurnInput,
    at: {
      prompt: StoredPrompt | null;
      nav: NavId[];
      stamp: { at: number; clientTime?: number };
      step: DbRow<'steps'> | undefined;
      localeChosen: boolean;
      setLocale: (l: Locale) => void;
    },
  ): Promise<DbRow<'steps'> | null> {
    const { prompt, stamp } = at;
    const ask = prompt?.ask ?? null;

    switch (input.kind) {
      case 'locale':
        run.repeat(prompt);
        return null;
      case 'clock':
        run.lines.push({
          role: 'user',
          kind: 'clock',
          body: { offsetMs: Math.round(input.offsetMs) },
        });
        if (!run.flowId) {
          run.say('engine.clock.received', { seconds: Math.round(input.offsetMs / 1000) });
          return null;
        }
        // Outside the 2FA path the measurement is still worth telling the user.
        if (
          !(await this.paths.send(
            run,
            { type: 'clock.measured', offsetMs: input.offsetMs, ...stamp },
            prompt,
            { reaskIfUnhandled: false },
          ))
        ) {
          run.say('engine.clock.received', { seconds: Math.round(input.offsetMs / 1000) });
          run.repeat(prompt, false);
        }
        return null;
      case 'choice': {
        const offered = [...(ask?.choices.map((c) => c.id) ?? []), ...at.nav];
        if (!offered.includes(input.choice)) throw new UnknownChoiceError(input.choice, offered);
        const label = input.choice.startsWith('nav.')
          ? renderText(run.render, `engine.${input.choice}`)
          : renderText(run.render, ask!.choices.find((c) => c.id === input.choice)!.label);
        run.lines.push({ role: 'user', kind: 'choice', body: { choice: input.choice, label } });
        return this.choose(tx, run, input.choice, prompt, stamp);
      }
      case 'value':
        if (!ask?.input) throw new NoInputExpectedError();
        return this.answerInput(run, ask, input.value, prompt, stamp);
      case 'text':
        return this.freeText(tx, run, input.text, ask, prompt, at);
    }
  }

  private async choose(
    tx: Tx,
    run: TurnRun,
    choice: string,
    prompt: StoredPrompt | null,
    stamp: { at: number; clientTime?: number },
  ): Promise<DbRow<'steps'> | null> {
    if (choice === 'nav.back') return this.back(tx, run);
    if (!run.flowId && (choice === 'nav.restart' || choice === 'nav.human')) {
      // Nothing runs (the conversation ended): both moves start a fresh path.
      const human = choice === 'nav.human';
      await this.paths.startFlow(
        run,
        human ? 'escalation' : 'triage',
        human ? { reason: 'asked_for_person' } : {},
        stamp,
      );
      return null;
    }
    if (choice === 'nav.restart')
      await this.paths.send(run, { type: 'nav.restart', ...stamp }, prompt);
    else if (choice === 'nav.human')
      await this.paths.send(run, { type: 'nav.human', ...stamp }, prompt);
    else await this.paths.send(run, { type: 'user.choice', choice, ...stamp }, prompt);
    return null;
  }

  private async answerInput(
    run: TurnRun,
    ask: Ask,
    raw: string,
    prompt: StoredPrompt | null,
    stamp: { at: number; clientTime?: number },
  ): Promise<null> {
    const kind = ask.input!.kind;
    if (kind === 'code') {
      const code = raw.replace(/[\s-]/g, '');
      if (!/^\d{6}$/.test(code)) {
        run.lines.push({ role: 'user', kind: 'marker', body: { marker: 'invalid_code' } });
        run.say('engine.reask.code');
        run.repeat(prompt, false);
        return null;
      }
      // The only code the assistant asks for; the transcript keeps a marker, never the digits.
      run.lines.push({ role: 'user', kind: 'marker', body: { marker: 'ownership_code' } });
      await this.paths.send(run, { type: 'user.code', code, ...stamp }, prompt);
      return null;
    }
    const secret = detectSecret(raw);
    if (secret && kind !== 'email') return this.refuseSecret(run, secret, prompt);
    if (kind === 'email') {
      const email = parseEmail(raw);
      if (!email) {
        if (secret) return this.refuseSecret(run, secret, prompt);
        run.lines.push({ role: 'user', kind: 'marker', body: { marker: 'invalid_email' } });
        run.say('engine.reask.email');
        run.repeat(prompt, false);
        return null;
      }
      run.lines.push({ role: 'user', kind: 'email', body: { text: email } });
      await this.paths.send(run, { type: 'user.email', email, ...stamp }, prompt);
      return null;
    }
    const value = raw.trim();
    if (!value || value.length > INPUT_RULES.text.maxLength) {
      run.say('engine.reask.text', { maxLength: INPUT_RULES.text.maxLength });
      run.repeat(prompt, false);
      return null;
    }
    run.lines.push({ role: 'user', kind: 'text', body: { text: value } });
    await this.paths.send(run, { type: 'user.input', value, ...stamp }, prompt);
    return null;
  }

  private async freeText(
    tx: Tx,
    run: TurnRun,
    text: string,
    ask: Ask | null,
    prompt: StoredPrompt | null,
    at: {
      nav: NavId[];
      stamp: { at: number; clientTime?: number };
      setLocale: (l: Locale) => void;
    },
  ): Promise<DbRow<'steps'> | null> {
    const { stamp } = at;
    // A typed answer to an open field is that field's value (e-mail, code, description).
    if (ask?.input) {
      const choice = matchChoice(text, ask.choices, at.nav, this.labelOf);
      if (choice) {
        run.lines.push({ role: 'user', kind: 'text', body: { text } });
        return this.choose(tx, run, choice, prompt, stamp);
      }
      return this.answerInput(run, ask, text, prompt, stamp);
    }
    const secret = detectSecret(text);
    if (secret) return this.refuseSecret(run, secret, prompt);

    run.lines.push({ role: 'user', kind: 'text', body: { text } });
    const choice = matchChoice(text, ask?.choices ?? [], at.nav, this.labelOf);
    if (choice) return this.choose(tx, run, choice, prompt, stamp);

    const { intent, locale } = this.deps.classifier.classify(text);
    if (locale) at.setLocale(locale);
    const event: FlowEvent = { type: 'user.text', text, intent, ...stamp };

    if (!run.flowId || run.status !== 'active') {
      // A new topic after an ending: triage takes the words at once, without first showing
      // its greeting and menu.
      const said = run.messages.length;
      const lines = run.lines.length;
      await this.paths.startFlow(run, 'triage', {}, stamp);
      run.messages.splice(said);
      run.lines = run.lines.filter((l, i) => i < lines || l.role !== 'assistant');
      await this.paths.send(run, event, null);
      return null;
    }
    const handled = await this.paths.send(run, event, prompt, { reaskIfUnhandled: false });
    if (handled) return null;
    if (intent.flow !== 'other' && intent.confidence >= 0.6 && intent.flow !== run.flowId) {
      run.say('engine.understood', {
        topic: renderText(run.render, `engine.topic.${intent.flow}`),
      });
      await this.paths.startFlow(run, intent.flow, {}, stamp);
      return null;
    }
    run.say('engine.reask');
    run.repeat(prompt, false);
    return null;
  }

  private refuseSecret(
    run: TurnRun,
    kind: 'password' | 'code' | 'link',
    prompt: StoredPrompt | null,
  ): null {
    run.lines.push({ role: 'user', kind: 'marker', body: { marker: `secret_${kind}` } });
    run.say(`engine.secret.${kind}`, undefined, 'warning');
    run.repeat(prompt, false);
    return null;
  }

  /** "Back": the step before the current question becomes current again (as a new step). */
  private async back(tx: Tx, run: TurnRun): Promise<DbRow<'steps'> | null> {
    const current = run.step;
    const previous =
      current?.prev != null
        ? await this.loadStep(tx, current.conversation_id, current.prev)
        : undefined;
    if (!previous || !previous.prompt) {
      run.say('engine.back.none');
      return null;
    }
    run.flowId = previous.flow_id as FlowId | null;
    run.snapshot = previous.snapshot ? JSON.parse(previous.snapshot) : null;
    run.facts = JSON.parse(previous.facts);
    run.repeat(JSON.parse(previous.prompt) as StoredPrompt);
    return previous;
  }

  private inScope<T>(
    tx: Tx,
    conv: { id: string; channel: Channel; locale: string; client_key: string; seq: number },
    now: number,
    run: TurnRun,
    work: () => Promise<T>,
  ): Promise<T> {
    const ctx: ActionContext = {
      tx,
      conversationId: conv.id,
      get locale() {
        return run.render.locale;
      },
      channel: conv.channel,
      clientKey: conv.client_key,
      now,
      defer: (w) => run.deferred.push(w),
    };
    run.actions = ctx;
    return work();
  }

  // --- storage --------------------------------------------------------------------------------

  private async commit(
    tx: Tx,
    conv: { id: string; locale: string; seq: number; lines: number; locale_chosen: number },
    run: TurnRun,
    step: DbRow<'steps'> | undefined | null,
    now: number,
    backTo: DbRow<'steps'> | null,
    emailSuggestion?: string,
    turn?: { id: string; request: string },
  ): Promise<Reply> {
    const seq = conv.seq + 1;
    const prev = backTo ? backTo.prev : step ? step.seq : null;
    const storedPrompt: StoredPrompt | null =
      run.ask || run.flowId ? { lead: run.lead, ask: run.ask } : null;
    const locale = run.render.locale;

    const advanced = await advanceConversation(tx, {
      id: conv.id,
      seq,
      expectedSeq: conv.seq,
      locale,
      localeChosen: conv.locale_chosen,
      status: run.status,
      lines: conv.lines + run.lines.length,
      caseRef: run.caseRef,
      now,
    });
    if (!advanced) throw new ConflictError('conversation changed during the turn');

    await insertStep(tx, {
      conversation_id: conv.id,
      seq,
      prev,
      flow_id: run.flowId,
      flow_version: run.flowId ? this.paths.version(run.flowId) : null,
      snapshot: run.snapshot ? JSON.stringify(run.snapshot) : null,
      facts: JSON.stringify(run.facts),
      prompt: storedPrompt ? JSON.stringify(storedPrompt) : null,
      created_at: now,
    });

    await this.writeLines(tx, conv, seq, run.lines, now);
    for (const f of run.feedback) {
      await tx
        .insertInto('feedback')
        .values({
          id: newId(),
          conversation_id: conv.id,
          flow_id: f.flow,
          solved: f.solved ? 1 : 0,
          created_at: now,
        })
        .execute();
    }
    for (const work of run.deferred) await work(tx);

    const nav = this.navFor(run.flowId, prev, run.status);
    const reply: Reply = {
      conversationId: conv.id,
      seq,
      status: run.status,
      locale,
      flow: run.flowId,
      messages: run.messages,
      prompt: renderPrompt(run.render, withSuggestion(run.ask, emailSuggestion), nav),
      caseRef: run.caseRef,
    };
    if (turn) {
      await insertTurn(tx, {
        conversation_id: conv.id,
        turn_id: turn.id,
        seq,
        response: JSON.stringify(reply),
        request: turn.request,
        created_at: now,
      });
    }
    this.deps.logger.info(
      {
        conversation: conv.id,
        seq,
        flow: run.flowId,
        status: run.status,
        email: maskEmail(run.facts.email),
      },
      'turn',
    );
    return reply;
  }

  /**
   * Appends lines to the transcript, numbered on from the conversation's count of lines (its
   * caller stores the new count in the same transaction). A count that is off collides with an
   * existing line's key and fails the turn rather than reordering the transcript.
   */
  private async writeLines(
    tx: Tx,
    conv: { id: string; lines: number },
    seq: number,
    lines: Line[],
    now: number,
  ): Promise<void> {
    if (lines.length === 0) return;
    let line = conv.lines;
    await insertLines(
      tx,
      lines.map((l) => ({
        conversation_id: conv.id,
        line: ++line,
        seq,
        role: l.role,
        kind: l.kind,
        body: JSON.stringify(l.body),
        created_at: now,
      })),
    );
  }

  private loadStep(db: Db | Tx, conversationId: string, seq: number) {
    return db
      .selectFrom('steps')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('seq', '=', seq)
      .executeTakeFirst();
  }

  /** Transactions in which an action ran: only those can have queued mail. */
  private readonly acted = new WeakSet<Tx>();

  private async inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let transaction: Tx | undefined;
    const result = await this.deps.db.transaction().execute((tx) => work((transaction = tx)));
    // Waking the mail sender costs it a query for due mail; after most turns there is none (the
    // bench's profile had this at about 14% of a turn's CPU). Its poll still runs every second.
    if (transaction && this.acted.has(transaction)) this.deps.onCommitted?.();
    return result;
  }

  // --- helpers --------------------------------------------------------------------------------

  private readonly labelOf = (
    locale: Locale,
    choice: { label: string; params?: Record<string, string | number> },
  ) => renderText(this.renderContext(locale), choice.label, choice.params);

  private renderContext(locale: Locale): RenderContext {
    return { locale, content: this.deps.content, resetLinkMinutes: this.deps.resetLinkMinutes };
  }

  private navFor(flowId: string | null, prev: number | null, status: ConversationStatus): NavId[] {
    if (!flowId) return ['nav.restart'];
    const nav: NavId[] = [];
    if (prev !== null) nav.push('nav.back');
    nav.push('nav.restart');
    if (flowId !== 'escalation' && status !== 'escalated') nav.push('nav.human');
    return nav;
  }

  private visibleStatus(conv: DbRow<'conversations'>): ConversationStatus {
    if (conv.status === 'active' && this.deps.clock.now() - conv.updated_at > this.idleMs)
      return 'left';
    return conv.status;
  }
}

/** What a turn asked, without its words (turns.request): typed text may hold a secret. */
function requestOf(input: TurnInput): string {
  if (input.kind === 'choice') return `choice:${input.choice}`;
  if (input.kind === 'locale') return `locale:${input.locale ?? ''}`;
  return input.kind;
}

function withSuggestion(ask: Ask | null, suggestion?: string): Ask | null {
  if (!ask?.input || ask.input.kind !== 'email' || !suggestion || ask.input.suggestion) return ask;
  return { ...ask, input: { ...ask.input, suggestion } };
}

/** The human-readable text of a stored transcript line. */
export function textOfLine(body: {
  text?: string;
  label?: string;
  marker?: string;
  offsetMs?: number;
}): string {
  if (body.text !== undefined) return body.text;
  if (body.label !== undefined) return body.label;
  if (body.marker !== undefined) return `[${body.marker}]`;
  if (body.offsetMs !== undefined) return `[clock offset ${Math.round(body.offsetMs / 1000)} s]`;
  return '';
}
