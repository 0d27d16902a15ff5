import { randomUUID } from 'node:crypto';
import {
  ActivityHandler,
  TurnContext,
  type Activity,
  type InvokeResponse,
  type ResourceResponse,
} from 'botbuilder';
import { z } from 'zod';
import type { Content } from '../flows/content.js';
import type { Locale } from '../flows/types.js';
import type { Clock } from '../src/clock.js';
import type { Engine, TurnInput } from '../src/engine/engine.js';
import { KeyedMutex } from '../src/engine/mutex.js';
import { linksIn, type Reply } from '../src/engine/output.js';
import { AppError, ConversationNotFoundError } from '../src/errors.js';
import type { Logger } from '../src/log.js';
import {
  clientKeyOf,
  clientTimeOf,
  inputOf,
  localeOf,
  mentionsBot,
  scopeOf,
  tenantOf,
  type Scope,
  type UserInput,
} from './activity.js';
import {
  CARD_CONTENT_TYPE,
  answeredCard,
  answeredCardActivity,
  asksForAddress,
  parseTurnRef,
  renderReply,
  textActivity,
  type CardSummary,
} from './cards.js';
import { say, type BotMessageKey } from './messages.js';
import type { ProfileLookup } from './profile.js';
import {
  groupKeyOf,
  keyOf,
  type BotConversation,
  type BotStore,
  type EngineState,
} from './store.js';

export interface BotDeps {
  engine: Engine;
  store: BotStore;
  content: Content;
  clock: Clock;
  logger: Logger;
  profiles: ProfileLookup;
  /** Entra tenant ids allowed to use the bot; empty: all. */
  allowedTenants: string[];
}

/** Longest text handed to the engine; the chat API takes the same. */
const MAX_TEXT = 2000;
/** Teams shows a typing indicator for about three seconds; repeat it while a turn runs. */
const TYPING_EVERY_MS = 2500;
/** Deliveries remembered as sent, so a retry of one is not answered twice (bounded memory). */
const DELIVERED_SIZE = 20_000;

const executeValue = z.looseObject({
  action: z.looseObject({
    type: z.literal('Action.Execute'),
    verb: z.string().max(100).optional(),
    data: z.unknown(),
  }),
});

/**
 * The Teams channel of the assistant: turns activities into engine turns and engine replies into
 * Teams messages and Adaptive Cards. One conversation's activities are handled one at a time, so
 * a retried delivery waits for the first one and is then answered from the engine's stored turn.
 */
export class LoginHelpBot extends ActivityHandler {
  private readonly locks = new KeyedMutex();
  private readonly delivered = new Set<string>();

  constructor(private readonly deps: BotDeps) {
    super();
  }

  // --- activity types -------------------------------------------------------------------------

  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // In a group chat or channel the bot speaks only when spoken to (its own cards' buttons count).
    if (scopeOf(activity) === 'group' && activity.value == null && !mentionsBot(activity)) return;
    await this.handleInput(context, inputOf(activity), false);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return { status: 200 };
    const value = executeValue.safeParse(context.activity.value);
    if (!value.success) {
      return {
        status: 400,
        body: {
          statusCode: 400,
          type: 'application/vnd.microsoft.error',
          value: { code: 'BadRequest', message: 'expected an Action.Execute value' },
        },
      };
    }
    const card = await this.handleInput(
      context,
      inputOf(context.activity, value.data.action.data ?? {}),
      true,
    );
    // Universal Actions: the card in the response replaces the pressed one in Teams.
    // https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
    return {
      status: 200,
      body: card
        ? { statusCode: 200, type: CARD_CONTENT_TYPE, value: card }
        : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' },
    };
  }

  protected override async onConversationUpdateActivity(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.greet(context);
  }

  protected override async onInstallationUpdateAddActivity(context: TurnContext): Promise<void> {
    await this.greet(context);
  }

  // Reactions, typing, edits, deletions, events and unknown types need no answer: the
  // channel gets its 200 and the user sees nothing.
  protected override async onInstallationUpdateRemoveActivity(): Promise<void> {}
  protected override async onMessageReactionActivity(): Promise<void> {}
  protected override async onTypingActivity(): Promise<void> {}
  protected override async onMessageUpdateActivity(): Promise<void> {}
  protected override async onMessageDeleteActivity(): Promise<void> {}
  protected override async onEndOfConversationActivity(): Promise<void> {}
  protected override async onEventActivity(): Promise<void> {}
  protected override async onUnrecognizedActivity(): Promise<void> {}

  // --- greeting -------------------------------------------------------------------------------

  /** Says hello once per conversation, however many install and add events arrive. */
  private async greet(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!this.tenantAllowed(activity)) return this.refuse(context);
    const scope = scopeOf(activity);
    const now = this.deps.clock.now();

    if (scope === 'group') {
      const key = groupKeyOf(activity);
      await this.locks.run(key, async () => {
        if (await this.deps.store.find(key)) return;
        await this.deps.store.insert({
          ...this.rowBase(activity, 'group', now),
          key,
          conversation_id: null,
          created_by: activity.id ?? null,
        });
        const locale = localeOf(activity) ?? 'en';
        await context.sendActivity(
          textActivity(say(locale, 'group.hello', { brand: this.deps.content.brand })),
        );
      });
      return;
    }

    const key = keyOf(activity, scope);
    await this.locks.run(key, async () => {
      if (await this.deps.store.find(key)) return;
      const { row, reply } = await this.create(context, key, scope);
      if (!reply) return;
      await this.deliver(context, row, reply, { scope, turnKey: undefined });
    });
  }

  // --- user input -----------------------------------------------------------------------------

  /**
   * Runs one piece of user input as an engine turn and sends the answer. For an invoke, returns
   * the card that replaces the pressed one.
   */
  private async handleInput(
    context: TurnContext,
    input: UserInput,
    invoke: boolean,
  ): Promise<object | undefined> {
    const activity = context.activity;
    if (!this.tenantAllowed(activity)) {
      await this.refuse(context);
      return undefined;
    }
    const scope = scopeOf(activity);
    const key = keyOf(activity, scope);
    return this.locks.run(key, async () => {
      try {
        return await this.runInput(context, key, scope, input, invoke);
      } catch (error) {
        // The engine conversation is gone (cleaned up): start afresh rather than fail forever.
        if (!(error instanceof ConversationNotFoundError)) throw error;
        await this.deps.store.remove(key);
        return this.runInput(context, key, scope, input, invoke);
      }
    });
  }

  private async runInput(
    context: TurnContext,
    key: string,
    scope: Scope,
    input: UserInput,
    invoke: boolean,
  ): Promise<object | undefined> {
    const activity = context.activity;
    const { engine, store } = this.deps;
    const turnId = activity.id ?? randomUUID();

    const found = await store.findWithEngine(key);
    let row: BotConversation;
    let state: EngineState | undefined;
    let fresh = false;
    if (!found) {
      const created = await this.create(context, key, scope);
      row = created.row;
      fresh = created.reply !== undefined;
      const { reply } = created;
      state = reply
        ? { seq: reply.seq, locale: reply.locale, status: reply.status, channelRef: null }
        : await store.engineState(row.conversation_id!);
    } else {
      ({ row, engine: state } = found);
      const ref = JSON.stringify(TurnContext.getConversationReference(activity));
      if (state && state.channelRef !== ref)
        await store.updateChannelRef(row.conversation_id!, ref);
    }
    const conversationId = row.conversation_id!;
    const locale = localeFrom(state?.locale, activity);

    let turn: TurnInput | undefined;
    switch (input.kind) {
      case 'unknown':
        await context.sendActivity(textActivity(say(locale, 'notUnderstood')));
        return undefined;
      case 'files':
        await context.sendActivity(textActivity(say(locale, 'files')));
        if (!fresh) return undefined;
        turn = { turnId, kind: 'locale' };
        break;
      case 'greeting': {
        // Hello in a running path shows the open question again; after an ending, starts over.
        const running = fresh || row.created_by === activity.id || state?.status === 'active';
        turn = running
          ? { turnId, kind: 'locale' }
          : { turnId, kind: 'choice', choice: 'nav.restart' };
        break;
      }
      case 'text':
        if (input.text.length > MAX_TEXT) {
          await context.sendActivity(textActivity(say(locale, 'tooLong')));
          return undefined;
        }
        turn = { turnId, kind: 'text', text: input.text };
        break;
      case 'choice':
      case 'value': {
        const checked = await this.checkCard(
          context,
          row,
          state?.seq,
          input.turnRef,
          turnId,
          scope,
          locale,
        );
        if (checked !== 'current') return undefined;
        turn =
          input.kind === 'choice'
            ? { turnId, kind: 'choice', choice: input.choice }
            : { turnId, kind: 'value', value: input.value };
        break;
      }
    }

    // An address typed into a shared chat is not taken: the question moves to a personal chat.
    if (
      scope === 'group' &&
      (turn.kind === 'text' || turn.kind === 'value') &&
      !(await store.answered(conversationId, turnId))
    ) {
      const open = await engine.read(conversationId);
      if (asksForAddress(open.prompt)) {
        await context.sendActivity(
          textActivity(say(locale, 'privateOnly', { link: personalChatLink(activity) })),
        );
        return undefined;
      }
    }

    const reply = await this.turn(
      context,
      conversationId,
      { ...turn, clientTime: clientTimeOf(activity) },
      locale,
    );
    if (!reply) return undefined;
    return this.deliver(context, row, reply, {
      scope,
      turnKey: `${conversationId}:${turnId}`,
      answer: answerOf(input),
      invoke,
    });
  }

  /**
   * A button press is only taken from the card of the open question. A press on an older card
   * (Teams keeps them in the chat history) or on someone else's card runs nothing.
   */
  private async checkCard(
    context: TurnContext,
    row: BotConversation,
    currentSeq: number | undefined,
    turnRef: string | undefined,
    turnId: string,
    scope: Scope,
    locale: Locale,
  ): Promise<'current' | 'handled'> {
    const { store, engine } = this.deps;
    const conversationId = row.conversation_id!;
    const ref = parseTurnRef(turnRef);
    if (ref && ref.conversationId !== conversationId) {
      await context.sendActivity(textActivity(say(locale, 'otherConversation')));
      return 'handled';
    }
    if (!ref || ref.seq === currentSeq) return 'current';
    // A retried delivery of the press that moved the conversation on: the engine replays it.
    if (await store.answered(conversationId, turnId)) return 'current';

    const open = await engine.read(conversationId);
    // The open question's own words, so the card shown again reads as it did.
    const question = [...open.transcript].reverse().find((l) => l.role === 'assistant');
    const messages: Reply['messages'] = question
      ? [{ role: 'assistant', kind: 'text', text: question.text, links: linksIn(question.text) }]
      : [];
    const current = { ...open, messages };
    const rendered = renderReply(current, {
      locale: open.locale,
      scope,
      personalChat: personalChatLink(context.activity),
    });
    const lead = textActivity(say(locale, rendered.card ? 'stale' : 'stale.nothing'));
    await this.send(
      context,
      row,
      [lead, ...rendered.activities],
      rendered.card && { seq: open.seq, summary: rendered.card },
    );
    return 'handled';
  }

  // --- engine ---------------------------------------------------------------------------------

  /** Starts the engine conversation for a new Teams conversation and records the mapping. */
  private async create(
    context: TurnContext,
    key: string,
    scope: Scope,
  ): Promise<{ row: BotConversation; reply?: Reply }> {
    const activity = context.activity;
    const now = this.deps.clock.now();
    const reply = await this.deps.engine.start({
      channel: 'teams',
      clientKey: clientKeyOf(activity),
      locale: localeOf(activity),
      clientTime: clientTimeOf(activity),
      channelRef: JSON.stringify(TurnContext.getConversationReference(activity)),
    });
    const row = await this.deps.store.insert({
      ...this.rowBase(activity, scope, now),
      key,
      conversation_id: reply.conversationId,
      created_by: activity.id ?? null,
    });
    // Another instance mapped this conversation first: use theirs; ours stays unused.
    return row.conversation_id === reply.conversationId ? { row, reply } : { row };
  }

  private async turn(
    context: TurnContext,
    conversationId: string,
    input: TurnInput,
    locale: Locale,
  ): Promise<Reply | undefined> {
    const typing = this.startTyping(context);
    try {
      return await this.deps.engine.turn(conversationId, input);
    } catch (error) {
      // A choice the open question does not offer, or a value when none is asked: say so and
      // show the question again. Anything else is a fault for the central handler.
      if (
        !(error instanceof AppError) ||
        error.status >= 500 ||
        error instanceof ConversationNotFoundError
      )
        throw error;
      this.deps.logger.info({ code: error.code }, 'teams input not taken');
      await context.sendActivity(textActivity(say(locale, 'notUnderstood')));
      return undefined;
    } finally {
      typing.stop();
    }
  }

  private startTyping(context: TurnContext): { stop(): void } {
    const activity = context.activity;
    if (activity.type !== 'message') return { stop() {} };
    const send = () => context.sendActivity({ type: 'typing' }).catch(() => undefined);
    void send();
    if (activity.deliveryMode === 'expectReplies') return { stop() {} };
    const timer = setInterval(send, TYPING_EVERY_MS);
    return { stop: () => clearInterval(timer) };
  }

  // --- output ---------------------------------------------------------------------------------

  /**
   * Sends an engine reply: closes the card it answers, sends the messages and the new question
   * card, and remembers that card. A replayed reply whose first delivery this process already
   * sent is not sent again (Teams retried while we were busy); one that came back from the
   * engine without such a record is sent, since the first delivery may never have reached Teams.
   */
  private async deliver(
    context: TurnContext,
    row: BotConversation,
    reply: Reply,
    opts: { scope: Scope; turnKey?: string; answer?: Answer; invoke?: boolean },
  ): Promise<object | undefined> {
    const activity = context.activity;
    const expectReplies = activity.deliveryMode === 'expectReplies';
    const summary = row.last_card ? (JSON.parse(row.last_card) as CardSummary) : undefined;
    const answer: Answer = opts.answer ?? { kind: 'text' };

    // An invoke is answered with the pressed card, closed; Teams puts it in place of the old one.
    let replacement: object | undefined;
    if (opts.invoke) {
      const ref = parseTurnRef(
        (activity.value as { action?: { data?: { turnRef?: string } } })?.action?.data?.turnRef,
      );
      const pressed =
        summary && ref && row.last_card_seq === ref.seq ? summary : { question: '', choices: [] };
      replacement = answeredCard(pressed, answerLabel(answer, pressed, reply.locale));
    }
    if (reply.replayed && !expectReplies && opts.turnKey && this.delivered.has(opts.turnKey))
      return replacement;

    if (
      !opts.invoke &&
      !reply.replayed &&
      !expectReplies &&
      row.last_card_id &&
      summary &&
      (row.last_card_seq ?? Infinity) < reply.seq
    ) {
      await this.closeCard(
        context,
        row.last_card_id,
        summary,
        answerLabel(answer, summary, reply.locale),
      );
    }

    const suggestion =
      opts.scope === 'personal' &&
      reply.prompt?.input?.kind === 'email' &&
      !reply.prompt.input.suggestion
        ? await this.deps.profiles(context)
        : undefined;
    const rendered = renderReply(reply, {
      locale: reply.locale,
      scope: opts.scope,
      suggestion,
      personalChat: personalChatLink(activity),
    });
    await this.send(
      context,
      row,
      rendered.activities,
      rendered.card && { seq: reply.seq, summary: rendered.card },
    );
    if (opts.turnKey) this.remember(opts.turnKey);
    return replacement;
  }

  /** Sends activities; when the last is a question card, remembers its id to close it later. */
  private async send(
    context: TurnContext,
    row: BotConversation,
    activities: Array<Partial<Activity>>,
    card: { seq: number; summary: CardSummary } | undefined,
  ): Promise<void> {
    let responses: ResourceResponse[] = [];
    if (activities.length > 0) responses = await context.sendActivities(activities);
    // With expectReplies nothing has an id: there is no card in Teams to update later, but its
    // summary still names the buttons for an invoke's answered card.
    const id = card ? (responses.at(-1)?.id ?? null) : null;
    await this.deps.store.rememberCard(
      row.key,
      card ? { id: id || null, ...card } : null,
      this.deps.clock.now(),
    );
  }

  private async closeCard(
    context: TurnContext,
    cardId: string,
    summary: CardSummary,
    answer: string,
  ): Promise<void> {
    try {
      await context.updateActivity({ ...answeredCardActivity(summary, answer), id: cardId });
    } catch (error) {
      // The old card keeps its buttons; a press on it is still refused by the step check.
      this.deps.logger.warn({ err: (error as Error).message }, 'teams card could not be closed');
    }
  }

  private remember(turnKey: string): void {
    if (this.delivered.size >= DELIVERED_SIZE)
      this.delivered.delete(this.delivered.values().next().value!);
    this.delivered.add(turnKey);
  }

  // --- helpers --------------------------------------------------------------------------------

  private tenantAllowed(activity: Activity): boolean {
    const allowed = this.deps.allowedTenants;
    if (allowed.length === 0) return true;
    const tenant = tenantOf(activity);
    return tenant !== undefined && allowed.includes(tenant.toLowerCase());
  }

  private async refuse(context: TurnContext): Promise<void> {
    this.deps.logger.info({ tenant: tenantOf(context.activity) }, 'teams tenant not allowed');
    const locale = localeOf(context.activity) ?? 'en';
    await context.sendActivity(textActivity(this.text(locale, 'tenantRefused')));
  }

  private text(locale: Locale, key: BotMessageKey): string {
    return say(locale, key, {
      brand: this.deps.content.brand,
      phone: this.deps.content.support.phone,
    });
  }

  private rowBase(activity: Activity, scope: Scope, now: number) {
    return {
      channel_id: activity.channelId,
      tenant_id: tenantOf(activity) ?? null,
      bf_conversation_id: activity.conversation.id,
      scope,
      created_at: now,
      updated_at: now,
    };
  }
}

/** How the user answered the open question, for the closed card. */
type Answer = { kind: 'choice'; id: string } | { kind: 'value' } | { kind: 'text' };

function answerOf(input: UserInput): Answer {
  if (input.kind === 'choice') return { kind: 'choice', id: input.choice };
  if (input.kind === 'value') return { kind: 'value' };
  return { kind: 'text' };
}

function answerLabel(answer: Answer, summary: CardSummary, locale: Locale): string {
  if (answer.kind === 'value') return say(locale, 'card.answeredValue');
  const label =
    answer.kind === 'choice' ? summary.choices.find((c) => c.id === answer.id)?.label : undefined;
  return label
    ? say(locale, 'card.answered', { answer: label })
    : say(locale, 'card.answeredByText');
}

/**
 * A link that opens a personal chat with the bot (its id in Teams is `28:<app id>`).
 * https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-teams
 */
export function personalChatLink(activity: Activity): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(activity.recipient?.id ?? '')}`;
}

/** The engine conversation's language (the user may have switched it), else the activity's. */
function localeFrom(stored: string | undefined, activity: Activity): Locale {
  return stored === 'nl' || stored === 'en' ? stored : (localeOf(activity) ?? 'en');
}
