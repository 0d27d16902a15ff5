import type { Content } from '../../flows/content.js';
import { render } from '../../flows/render.js';
import type { ChoiceSpec, Emitted, FlowId, InputKind, Locale, Params } from '../../flows/types.js';
import type { ConversationStatus } from '../db/schema.js';

/**
 * The channel-neutral output of a turn. The widget and the Teams bot render exactly this; the
 * README documents it as the chat API's reply.
 */
export interface Reply {
  conversationId: string;
  /** Step number after this turn; grows by one per turn. */
  seq: number;
  status: ConversationStatus;
  locale: Locale;
  /** The help path now running, null once the conversation has ended. */
  flow: FlowId | null;
  /** What the assistant says in answer to this turn, in order. */
  messages: OutMessage[];
  /** What the user can answer now; null while nothing is asked. */
  prompt: Prompt | null;
  /** The case reference once escalated. */
  caseRef: string | null;
  /** True when this reply is the stored answer to a repeated turn id. */
  replayed?: boolean;
}

export interface Link {
  href: string;
  label: string;
}

export interface OutMessage {
  role: 'assistant' | 'user';
  /**
   * `text`; `warning` for the secrets guard; `case` for the line carrying the case number;
   * `notice` for support's banner; `support` for a message a support agent wrote.
   */
  kind: 'text' | 'warning' | 'case' | 'notice' | 'support';
  text: string;
  /** Every absolute URL in `text`, for channels that render links separately. */
  links: Link[];
}

export interface OutChoice {
  id: string;
  label: string;
}

export interface OutInput {
  kind: InputKind;
  label: string;
  /** A value to offer (e.g. the Teams profile address); never assumed. */
  suggestion?: string;
  /** Validation rules, so a client can check before sending; the server checks again. */
  maxLength: number;
  pattern?: string;
  inputMode: 'email' | 'numeric' | 'text';
  autocomplete: 'email' | 'one-time-code' | 'off';
}

export interface Prompt {
  /** The question's own buttons, in order. Ids are stable: send them back as `choice`. */
  choices: OutChoice[];
  input?: OutInput;
  /** Always-available moves: back, start over, talk to a person (ids `nav.*`). */
  nav: OutChoice[];
}

/** What a step keeps of its open question, so it can be shown again in any language. */
export interface StoredPrompt {
  lead: Array<{ key: string; params?: Params }>;
  ask: Extract<Emitted, { type: 'ask' }> | null;
}

export const INPUT_RULES: Record<InputKind, Omit<OutInput, 'kind' | 'label' | 'suggestion'>> = {
  email: { maxLength: 254, inputMode: 'email', autocomplete: 'email' },
  code: {
    maxLength: 6,
    pattern: '^[0-9]{6}$',
    inputMode: 'numeric',
    autocomplete: 'one-time-code',
  },
  text: { maxLength: 1000, inputMode: 'text', autocomplete: 'off' },
};

const URL_RE = /https?:\/\/[^\s<>"')]+[^\s<>"').,;:!?]/g;

export function linksIn(text: string): Link[] {
  return [...new Set(text.match(URL_RE) ?? [])].map((href) => ({
    href,
    label: href.replace(/^https?:\/\//, ''),
  }));
}

export interface RenderContext {
  locale: Locale;
  content: Content;
  resetLinkMinutes: number;
}

export function renderText(ctx: RenderContext, key: string, params?: Params): string {
  return render(ctx.locale, key, params, {
    content: ctx.content,
    resetLinkMinutes: ctx.resetLinkMinutes,
  });
}

export function renderMessage(
  ctx: RenderContext,
  key: string,
  params?: Params,
  kind: OutMessage['kind'] = 'text',
): OutMessage {
  const text = renderText(ctx, key, params);
  return { role: 'assistant', kind, text, links: linksIn(text) };
}

const renderChoice = (ctx: RenderContext, c: ChoiceSpec): OutChoice => ({
  id: c.id,
  label: renderText(ctx, c.label, c.params),
});

export type NavId = 'nav.back' | 'nav.restart' | 'nav.human';
export const NAV_IDS: NavId[] = ['nav.back', 'nav.restart', 'nav.human'];

export function navChoices(ctx: RenderContext, ids: NavId[]): OutChoice[] {
  return ids.map((id) => ({ id, label: renderText(ctx, `engine.${id}`) }));
}

/** The prompt of an open question, with the navigation the current position allows. */
export function renderPrompt(
  ctx: RenderContext,
  ask: StoredPrompt['ask'],
  nav: NavId[],
): Prompt | null {
  if (!ask && nav.length === 0) return null;
  const prompt: Prompt = {
    choices: ask ? ask.choices.map((c) => renderChoice(ctx, c)) : [],
    nav: navChoices(ctx, nav),
  };
  if (ask?.input) {
    prompt.input = {
      kind: ask.input.kind,
      label: renderText(ctx, ask.input.label),
      ...INPUT_RULES[ask.input.kind],
      ...(ask.input.suggestion ? { suggestion: ask.input.suggestion } : {}),
    };
  }
  return prompt;
}
