import type { Emitted, Facts, FlowId } from '../../flows/types.js';
import type { ActionContext } from '../actions/types.js';
import type { Tx } from '../db/index.js';
import type { ConversationStatus, DbRow } from '../db/schema.js';
import {
  linksIn,
  renderMessage,
  type OutMessage,
  type RenderContext,
  type StoredPrompt,
} from './output.js';

export type Ask = NonNullable<StoredPrompt['ask']>;
export type Line = { role: 'user' | 'assistant' | 'system'; kind: string; body: unknown };

/** Everything one turn produces before it is stored in one transaction. */
export class TurnRun {
  messages: OutMessage[] = [];
  lines: Line[] = [];
  lead: StoredPrompt['lead'] = [];
  ask: Ask | null = null;
  feedback: Array<{ flow: FlowId; solved: boolean }> = [];
  deferred: Array<(tx: Tx) => Promise<void>> = [];
  status: ConversationStatus = 'active';
  caseRef: string | null = null;
  /** The step this turn started from (for "back"). */
  step: DbRow<'steps'> | undefined;
  /** What the path's actions run against: this turn's transaction, conversation and clock. */
  actions: ActionContext | undefined;

  constructor(
    public render: RenderContext,
    public flowId: FlowId | null,
    public facts: Facts,
    public snapshot: unknown,
  ) {}

  say(
    key: string,
    params?: Record<string, string | number>,
    kind: OutMessage['kind'] = 'text',
  ): void {
    const message = renderMessage(this.render, key, params, kind);
    this.messages.push(message);
    this.lead.push(params ? { key, params } : { key });
    this.lines.push({ role: 'assistant', kind, body: { key, params, text: message.text } });
  }

  /** A line not from the catalogue (support's notice or message), shown as it was written. */
  note(text: string, kind: 'notice' | 'support'): void {
    this.messages.push({ role: 'assistant', kind, text, links: linksIn(text) });
    this.lines.push({ role: 'assistant', kind, body: { text } });
  }

  /**
   * Shows the open question again (after a re-ask, a warning or a language switch): with its
   * lead sentences said again, or only kept as the question's lead.
   */
  repeat(prompt: StoredPrompt | null, withLead = true): void {
    if (!prompt) return;
    if (withLead) for (const l of prompt.lead) this.say(l.key, l.params);
    else this.lead = [...prompt.lead];
    this.ask = prompt.ask;
  }

  take(event: Emitted): void {
    if (event.type === 'say' || event.type === 'note') this.say(event.key, event.params);
    else if (event.type === 'ask') this.ask = event;
    else if (event.type === 'feedback')
      this.feedback.push({ flow: event.flow, solved: event.solved });
  }
}
