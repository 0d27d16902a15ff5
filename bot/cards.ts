import type { Activity } from 'botbuilder';
import type { Locale } from '../flows/types.js';
import type { OutChoice, OutMessage, Prompt, Reply } from '../src/engine/output.js';
import type { Scope } from './activity.js';
import { say } from './messages.js';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * 1.4 is the newest schema every Teams client renders (desktop, web and mobile); `label` on
 * inputs, `associatedInputs` and `ActionSet` all need 1.3 or later.
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference
 */
const CARD_VERSION = '1.4';

export interface RenderOptions {
  locale: Locale;
  scope: Scope;
  /** The Teams profile address, offered on e-mail questions. Never filled in for the user. */
  suggestion?: string;
  /** Deep link to a personal chat with the bot (group chats move address questions there). */
  personalChat?: string;
}

/** What is kept of a question card so it can be closed once answered. */
export interface CardSummary {
  question: string;
  choices: OutChoice[];
}

export interface Rendered {
  activities: Array<Partial<Activity>>;
  /** Set when the last activity is a question card. */
  card?: CardSummary;
}

/** The card's buttons carry this; a press is compared with the conversation's step. */
export const turnRefOf = (reply: Pick<Reply, 'conversationId' | 'seq'>): string =>
  `${reply.conversationId}:${reply.seq}`;

export function parseTurnRef(
  ref: string | undefined,
): { conversationId: string; seq: number } | undefined {
  const match = /^([0-9a-f-]{36}):(\d{1,9})$/.exec(ref ?? '');
  return match ? { conversationId: match[1]!, seq: Number(match[2]) } : undefined;
}

// Teams renders Markdown in message text and TextBlocks; these would turn an address such as
// first_last@example.com into italics.
const escapeMarkdown = (text: string): string => text.replace(/([\\*_`~])/g, '\\$1');

/** A message as Teams Markdown: its links as `[label](href)`, everything else literal. */
export function markdownOf(message: Pick<OutMessage, 'text' | 'links' | 'kind'>): string {
  const hrefs = [...message.links.map((l) => l.href)].sort((a, b) => b.length - a.length);
  let out = '';
  if (hrefs.length === 0) out = escapeMarkdown(message.text);
  else {
    const pattern = new RegExp(
      `(${hrefs.map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
      'g',
    );
    out = message.text
      .split(pattern)
      .map((part, i) => {
        if (i % 2 === 0) return escapeMarkdown(part);
        const link = message.links.find((l) => l.href === part)!;
        return `[${escapeMarkdown(link.label.replace(/[[\]]/g, ''))}](${link.href})`;
      })
      .join('');
  }
  if (message.kind === 'warning') return `⚠️ **${out}**`;
  if (message.kind === 'case') return `**${out}**`;
  return out;
}

export function textActivity(text: string): Partial<Activity> {
  return { type: 'message', text, textFormat: 'markdown' };
}

const cardActivity = (content: object): Partial<Activity> => ({
  type: 'message',
  attachments: [{ contentType: CARD_CONTENT_TYPE, content }],
});

const textBlock = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...extra,
});

const submit = (
  title: string,
  data: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  type: 'Action.Submit',
  title,
  data,
  ...extra,
});

/** Whether answering this prompt means typing an address or a code sent to one. */
export const asksForAddress = (prompt: Prompt | null): boolean =>
  prompt?.input?.kind === 'email' || prompt?.input?.kind === 'code';

/**
 * One engine reply as Teams output: the leading messages as one Markdown message, then the
 * question as an Adaptive Card whose buttons send `{choice, turnRef}` and whose field sends
 * `{answer, turnRef}`. Typing instead of pressing works too (the engine matches labels and
 * numbers), so the card says so and its fallback text numbers the choices.
 */
export function renderReply(reply: Reply, opts: RenderOptions): Rendered {
  const prompt = reply.prompt;
  const asks = !!prompt && (prompt.choices.length > 0 || !!prompt.input);
  const messages = reply.messages.filter((m) => m.role === 'assistant');
  const lead = asks && messages.length > 0 ? messages.slice(0, -1) : messages;
  const question = asks && messages.length > 0 ? markdownOf(messages.at(-1)!) : '';

  const activities: Array<Partial<Activity>> = [];
  if (lead.length > 0) activities.push(textActivity(lead.map(markdownOf).join('\n\n')));
  if (!prompt || (prompt.choices.length === 0 && !prompt.input && prompt.nav.length === 0))
    return { activities };

  const turnRef = turnRefOf(reply);
  const body: object[] = [];
  if (question) body.push(textBlock(question));

  const hideInput = opts.scope === 'group' && asksForAddress(prompt);
  if (prompt.input && !hideInput) {
    const input = prompt.input;
    body.push({
      type: 'Input.Text',
      id: 'answer',
      label: input.label,
      style: input.kind === 'email' ? 'Email' : 'Text',
      maxLength: input.maxLength,
      isRequired: true,
      ...(input.pattern ? { regex: input.pattern } : {}),
    });
    body.push({
      type: 'ActionSet',
      actions: [submit(say(opts.locale, 'card.send'), { turnRef }, { style: 'positive' })],
    });
    const suggestion = input.suggestion ?? (input.kind === 'email' ? opts.suggestion : undefined);
    if (suggestion) {
      body.push(
        textBlock(say(opts.locale, 'card.suggest', { email: escapeMarkdown(suggestion) }), {
          spacing: 'Medium',
        }),
      );
      body.push({
        type: 'ActionSet',
        actions: [
          submit(
            say(opts.locale, 'card.useSuggestion', { email: suggestion }),
            { turnRef, answer: suggestion },
            { associatedInputs: 'none' },
          ),
        ],
      });
    }
  }
  if (hideInput && opts.personalChat)
    body.push(
      textBlock(say(opts.locale, 'privateOnly', { link: opts.personalChat }), { weight: 'Bolder' }),
    );

  // One ActionSet per choice stacks the buttons vertically: Teams shows at most six card-level
  // actions side by side and folds the rest into a menu, and triage offers eleven.
  for (const choice of prompt.choices) {
    body.push({
      type: 'ActionSet',
      actions: [submit(choice.label, { choice: choice.id, turnRef }, { associatedInputs: 'none' })],
    });
  }
  if (prompt.choices.length > 0 || (prompt.input && !hideInput)) {
    body.push(
      textBlock(say(opts.locale, 'card.typeHint'), {
        isSubtle: true,
        size: 'Small',
        spacing: 'Medium',
      }),
    );
  }

  const fallback = [
    question,
    prompt.choices.length > 0 ? say(opts.locale, 'card.fallback') : '',
    ...prompt.choices.map((c, i) => `${i + 1}. ${c.label}`),
  ].filter(Boolean);

  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    msteams: { width: 'Full' },
    fallbackText: fallback.join('\n'),
    body,
    actions: prompt.nav.map((n) =>
      submit(n.label, { choice: n.id, turnRef }, { associatedInputs: 'none' }),
    ),
  };
  activities.push(cardActivity(card));
  return { activities, card: { question, choices: [...prompt.choices, ...prompt.nav] } };
}

/** What an answered question card becomes: its question and the answer, no buttons left. */
export function answeredCard(summary: CardSummary, answer: string): object {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    msteams: { width: 'Full' },
    body: [
      ...(summary.question ? [textBlock(summary.question)] : []),
      textBlock(answer, { isSubtle: true, spacing: 'Small' }),
    ],
    actions: [],
  };
}

export function answeredCardActivity(summary: CardSummary, answer: string): Partial<Activity> {
  return cardActivity(answeredCard(summary, answer));
}

/** A short card for failures, so a user never sees a stack trace or silence. */
export function errorCard(text: string): Partial<Activity> {
  return cardActivity({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: [textBlock(text, { color: 'Attention' })],
  });
}
