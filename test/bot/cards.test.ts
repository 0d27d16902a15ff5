import { describe, expect, it } from 'vitest';
import { answeredCard, markdownOf, parseTurnRef, renderReply } from '../../bot/cards.js';
import type { Reply } from '../../src/engine/output.js';

const CONVERSATION = '0b7e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

function reply(over: Partial<Reply> = {}): Reply {
  return {
    conversationId: CONVERSATION,
    seq: 4,
    status: 'active',
    locale: 'en',
    flow: 'forgotPassword',
    messages: [
      {
        role: 'assistant',
        kind: 'text',
        text: 'Log in at https://platform.econnect.eu.',
        links: [{ href: 'https://platform.econnect.eu', label: 'platform.econnect.eu' }],
      },
      {
        role: 'assistant',
        kind: 'text',
        text: 'Which e-mail address do you use to log in?',
        links: [],
      },
    ],
    prompt: {
      choices: [{ id: 'human', label: 'Talk to a person' }],
      input: {
        kind: 'email',
        label: 'The e-mail address you log in with',
        maxLength: 254,
        inputMode: 'email',
        autocomplete: 'email',
      },
      nav: [{ id: 'nav.back', label: 'Back' }],
    },
    caseRef: null,
    ...over,
  };
}

describe('Markdown for Teams', () => {
  it('writes links as Markdown links and keeps the rest literal', () => {
    expect(
      markdownOf({
        kind: 'text',
        text: 'Mail first_last@example.com, then open https://identity.econnect.eu/reset?a=1_2.',
        links: [
          {
            href: 'https://identity.econnect.eu/reset?a=1_2',
            label: 'identity.econnect.eu/reset?a=1_2',
          },
        ],
      }),
    ).toBe(
      'Mail first\\_last@example.com, then open [identity.econnect.eu/reset?a=1\\_2](https://identity.econnect.eu/reset?a=1_2).',
    );
  });

  it('marks warnings and makes the case line bold', () => {
    expect(markdownOf({ kind: 'warning', text: 'Never share your password.', links: [] })).toBe(
      '⚠️ **Never share your password.**',
    );
    expect(markdownOf({ kind: 'case', text: 'Your case number is LH-7KQ4-M2XD.', links: [] })).toBe(
      '**Your case number is LH-7KQ4-M2XD.**',
    );
  });
});

describe('question cards', () => {
  it('renders the lead as text and the question as a card with field, suggestion, buttons and navigation', () => {
    const { activities, card } = renderReply(reply(), {
      locale: 'en',
      scope: 'personal',
      suggestion: 'anna@demo.econnect.test',
    });
    expect(activities[0]).toEqual({
      type: 'message',
      text: 'Log in at [platform.econnect.eu](https://platform.econnect.eu).',
      textFormat: 'markdown',
    });
    expect(card).toEqual({
      question: 'Which e-mail address do you use to log in?',
      choices: [
        { id: 'human', label: 'Talk to a person' },
        { id: 'nav.back', label: 'Back' },
      ],
    });
    expect(activities[1]!.attachments![0]!.content).toMatchInlineSnapshot(`
      {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "actions": [
          {
            "associatedInputs": "none",
            "data": {
              "choice": "nav.back",
              "turnRef": "0b7e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b:4",
            },
            "title": "Back",
            "type": "Action.Submit",
          },
        ],
        "body": [
          {
            "text": "Which e-mail address do you use to log in?",
            "type": "TextBlock",
            "wrap": true,
          },
          {
            "id": "answer",
            "isRequired": true,
            "label": "The e-mail address you log in with",
            "maxLength": 254,
            "style": "Email",
            "type": "Input.Text",
          },
          {
            "actions": [
              {
                "data": {
                  "turnRef": "0b7e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b:4",
                },
                "style": "positive",
                "title": "Send",
                "type": "Action.Submit",
              },
            ],
            "type": "ActionSet",
          },
          {
            "spacing": "Medium",
            "text": "Is anna@demo.econnect.test the address you log in with? Then use the button; otherwise type your address above.",
            "type": "TextBlock",
            "wrap": true,
          },
          {
            "actions": [
              {
                "associatedInputs": "none",
                "data": {
                  "answer": "anna@demo.econnect.test",
                  "turnRef": "0b7e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b:4",
                },
                "title": "Use anna@demo.econnect.test",
                "type": "Action.Submit",
              },
            ],
            "type": "ActionSet",
          },
          {
            "actions": [
              {
                "associatedInputs": "none",
                "data": {
                  "choice": "human",
                  "turnRef": "0b7e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b:4",
                },
                "title": "Talk to a person",
                "type": "Action.Submit",
              },
            ],
            "type": "ActionSet",
          },
          {
            "isSubtle": true,
            "size": "Small",
            "spacing": "Medium",
            "text": "You can also type your answer.",
            "type": "TextBlock",
            "wrap": true,
          },
        ],
        "fallbackText": "Which e-mail address do you use to log in?
      Type the number of your answer or the words on its button:
      1. Talk to a person",
        "msteams": {
          "width": "Full",
        },
        "type": "AdaptiveCard",
        "version": "1.4",
      }
    `);
  });

  it('leaves the address field out of a group chat and links to a personal chat instead', () => {
    const { activities } = renderReply(reply(), {
      locale: 'en',
      scope: 'group',
      suggestion: 'anna@demo.econnect.test',
      personalChat: 'https://teams.microsoft.com/l/chat/0/0?users=28%3Abot',
    });
    const body = activities[1]!.attachments![0]!.content.body as Array<{
      type: string;
      text?: string;
    }>;
    expect(body.some((e) => e.type === 'Input.Text')).toBe(false);
    expect(JSON.stringify(body)).not.toContain('anna@demo.econnect.test');
    expect(body.find((e) => e.text?.includes('message me directly'))!.text).toContain(
      '(https://teams.microsoft.com/l/chat/0/0?users=28%3Abot)',
    );
  });

  it('sends only text when nothing is asked', () => {
    const { activities, card } = renderReply(
      reply({ prompt: null, flow: null, status: 'resolved' }),
      { locale: 'en', scope: 'personal' },
    );
    expect(activities).toHaveLength(1);
    expect(card).toBeUndefined();
  });

  it('closes an answered card: the question and the answer, no buttons', () => {
    expect(
      answeredCard({ question: 'Which product do you use?', choices: [] }, '✓ Platform'),
    ).toMatchObject({
      body: [{ text: 'Which product do you use?' }, { text: '✓ Platform', isSubtle: true }],
      actions: [],
    });
  });

  it('reads back only turn references it wrote', () => {
    expect(parseTurnRef(`${CONVERSATION}:12`)).toEqual({ conversationId: CONVERSATION, seq: 12 });
    expect(parseTurnRef('12')).toBeUndefined();
    expect(parseTurnRef(`${CONVERSATION}:x`)).toBeUndefined();
    expect(parseTurnRef(undefined)).toBeUndefined();
  });
});
