import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';
import { startConnector, type FakeConnector } from './support/connector.js';
import { ServerDb } from './support/db.js';
import {
  actionsOf,
  BOT_ID,
  cardOf,
  inputOfCard,
  TeamsUser,
  textsOf,
  type Json,
} from './support/teams.js';

let smtp: TestSmtp;
let server: StartedServer;
let connector: FakeConnector;
let db: ServerDb;

beforeAll(async () => {
  smtp = await startSmtp();
  connector = await startConnector();
  server = await startServer({ SMTP_URL: smtp.url });
  db = new ServerDb(server.dataDir);
});
afterAll(async () => {
  db?.close();
  await server?.stop();
  await connector?.close();
  await smtp?.close();
});

const user = (opts: Partial<ConstructorParameters<typeof TeamsUser>[0]> = {}) =>
  new TeamsUser({ base: server.url, serviceUrl: connector.url, ...opts });

const TURN_REF = /^[0-9a-f-]{36}:\d+$/;

describe('messages', () => {
  it('answers a message with entities and clientInfo with a typing indicator, text and a question card', async () => {
    const anna = user();
    const res = await anna.say('I forgot my password');

    expect(res.status).toBe(200);
    expect(anna.replies[0]!.type).toBe('typing');
    expect(anna.said).toMatch(/forgotten password/);
    const card = anna.lastCard!;
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.4');
    expect(anna.choices).toEqual(['platform', 'identity', 'unsure']);
    for (const action of actionsOf(card)) {
      expect(action.type).toBe('Action.Submit');
      expect(action.data.turnRef).toMatch(TURN_REF);
    }
    // Links are Markdown, and every reply goes back into the same Teams conversation.
    expect(anna.said).toMatch(/\[platform\.econnect\.eu\]\(https:\/\/platform\.econnect\.eu\)/);
    expect(
      anna.replies.every(
        (a) => a.conversation.id === anna.conversationId && a.recipient.id === anna.userId,
      ),
    ).toBe(true);
  });

  it('speaks Dutch to a Teams client set to Dutch', async () => {
    const jan = user({ locale: 'nl-NL' });
    await jan.say('hallo');
    expect(jan.said).toMatch(/Waar loop je tegenaan/);
    expect(jan.said).toMatch(/Je kunt je antwoord ook typen/);
    expect(actionsOf(jan.lastCard).some((a) => /Wachtwoord vergeten/.test(a.title))).toBe(true);
  });

  it('takes a typed label or number instead of a button press', async () => {
    const anna = user();
    await anna.say('hi');
    await anna.say('2');
    expect(anna.choices).toEqual(['platform', 'identity', 'unsure']);
    await anna.say('Platform (platform.econnect.eu)');
    expect(anna.said).toMatch(/Caps Lock/);
  });

  it('answers "hi" in a running path with the open question again', async () => {
    const anna = user();
    await anna.say('hi');
    await anna.press('forgotPassword');
    const choices = anna.choices;
    await anna.say('hello');
    expect(anna.choices).toEqual(choices);
  });
});

describe('Adaptive Card input', () => {
  it('takes a card submit value as the choice it carries', async () => {
    const anna = user();
    await anna.say('hi');
    expect(anna.choices).toContain('forgotPassword');
    await anna.press('forgotPassword');
    expect(anna.choices).toEqual(['platform', 'identity', 'unsure']);
  });

  it('takes an adaptiveCard/action invoke and answers with the pressed card closed', async () => {
    const anna = user();
    await anna.say('hi');
    await anna.execute('setup2fa');

    const invokeResponse = anna.replies.find((a) => a.type === 'invokeResponse');
    expect(invokeResponse!.value.status).toBe(200);
    const closed = invokeResponse!.value.body;
    expect(closed.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(actionsOf(closed.value)).toEqual([]);
    expect(
      textsOf([
        { type: 'message', attachments: [{ contentType: closed.type, content: closed.value }] },
      ]).join('\n'),
    ).toMatch(/✓ How do I set up two-factor authentication/);
    expect(anna.choices.length).toBeGreaterThan(0);
  });

  it('answers an invoke that is not an Action.Execute with a 400 invoke response and runs nothing', async () => {
    const anna = user();
    await anna.say('hi');
    const before = db.count('turns');
    await anna.post(
      anna.activity('invoke-action', { value: { action: { type: 'Action.Submit' } } }),
    );
    const invokeResponse = anna.replies.find((a) => a.type === 'invokeResponse');
    expect(invokeResponse!.value.status).toBe(400);
    expect(db.count('turns')).toBe(before);
  });

  it('answers a press on an old card gracefully and runs nothing', async () => {
    const anna = user();
    await anna.say('hi');
    const first = anna.lastCard;
    await anna.press('forgotPassword');
    const conversation = db.engineConversation(anna.conversationId)!;
    const steps = db.count('steps', 'conversation_id = ?', conversation.id);

    await anna.press('setup2fa', first);

    expect(anna.last.status).toBe(200);
    expect(anna.said).toMatch(/already answered/);
    expect(db.count('steps', 'conversation_id = ?', conversation.id)).toBe(steps);
    // It shows where the conversation is instead: the open question with its buttons.
    expect(anna.said).toMatch(/Which product do you use\?/);
    expect(anna.choices).toEqual(['platform', 'identity', 'unsure']);
  });

  it('offers the Teams profile address as a suggestion and never fills it in', async () => {
    const anna = user();
    connector.members.set(anna.userId, {
      id: anna.userId,
      name: 'Anna',
      aadObjectId: anna.aadObjectId,
      email: 'anna@demo.econnect.test',
    });
    await anna.say('hi');
    await anna.press('forgotPassword');
    await anna.press('platform');
    await anna.press('reset');

    const input = inputOfCard(anna.lastCard)!;
    expect(input.style).toBe('Email');
    expect(input.value).toBeUndefined();
    expect(anna.said).toMatch(/Is anna@demo\.econnect\.test the address you log in with\?/);
    const use = actionsOf(anna.lastCard).find((a) => a.data?.answer === 'anna@demo.econnect.test');
    expect(use!.associatedInputs).toBe('none');

    await anna.post(anna.activity('card-submit', { value: use!.data }));
    expect(anna.said).toMatch(/reset link is on its way/);
    await smtp.waitFor(
      (m) => recipient(m) === 'anna@demo.econnect.test' && /reset/i.test(m.subject ?? ''),
    );
  });

  it('tells a Teams user how far off their device clock is, from localTimestamp', async () => {
    const tom = user({ clockOffsetMs: 3 * 60_000 });
    await tom.say('hi');
    await tom.press('codeRejected');
    await tom.press('thisPhone');
    expect(tom.said).toMatch(/about 3 minutes fast/);
  });
});

describe('conversation and installation updates', () => {
  it('greets once when the bot is installed, however many update events arrive', async () => {
    const anna = user();
    await anna.post(anna.activity('conversation-update'));
    expect(anna.said).toMatch(/login assistant/);
    expect(anna.choices).toContain('forgotPassword');

    await anna.post(anna.activity('installation-update'));
    expect(anna.last.status).toBe(200);
    expect(anna.replies).toEqual([]);
    await anna.post(anna.activity('conversation-update'));
    expect(anna.replies).toEqual([]);
  });

  it('greets in the Teams language on installationUpdate when it comes first', async () => {
    const jan = user();
    await jan.post(jan.activity('installation-update'));
    expect(jan.said).toMatch(/inlogassistent/);
  });

  it('stays quiet when someone other than the bot joins the conversation', async () => {
    const anna = user();
    await anna.post(
      anna.activity('conversation-update', { membersAdded: [{ id: '29:1someoneElse' }] }),
    );
    expect(anna.last.status).toBe(200);
    expect(anna.replies).toEqual([]);
  });
});

describe('activities that need no answer', () => {
  it('takes a messageReaction with 200 and no reply', async () => {
    const anna = user();
    const res = await anna.post(anna.activity('reaction'));
    expect(res.status).toBe(200);
    expect(anna.replies).toEqual([]);
  });

  it('takes a typing activity with 200 and no reply', async () => {
    const anna = user();
    const res = await anna.post(anna.activity('typing'));
    expect(res.status).toBe(200);
    expect(anna.replies).toEqual([]);
  });

  it('takes unknown activity types with 200 and no reply', async () => {
    const anna = user();
    for (const type of ['event', 'handoff', 'somethingNew']) {
      const res = await anna.post(anna.activity('typing', { type, name: 'x' }));
      expect(res.status).toBe(200);
      expect(anna.replies).toEqual([]);
    }
    expect(db.engineConversation(anna.conversationId)).toBeUndefined();
  });

  it('answers a file attachment without opening it', async () => {
    const anna = user();
    await anna.post(anna.activity('file-attachment'));
    expect(anna.said).toMatch(/cannot open files/);
    expect(connector.calls.some((c) => /sharepoint/.test(JSON.stringify(c)))).toBe(false);
  });
});

describe('group chats', () => {
  it('answers when mentioned, without the mention in what it understood', async () => {
    const bob = user({ group: true });
    await bob.post(bob.activity('group-mention'));
    expect(bob.said).toMatch(/2FA codes that are rejected|rejected/);
    expect(bob.choices).toEqual(['thisPhone', 'otherDevice']);
    const transcript = db.all<{ body: string }>(
      `select t.body from transcript t join bot_conversations b on b.conversation_id = t.conversation_id
       where b.bf_conversation_id = ? and t.role = 'user'`,
      bob.conversationId,
    );
    expect(transcript.map((t) => JSON.parse(t.body).text)).toContain(
      'my 2FA code keeps being rejected',
    );
  });

  it('introduces itself once when added to a group chat, without starting a conversation', async () => {
    const bob = user({ group: true });
    await bob.post(bob.activity('conversation-update'));
    expect(bob.said).toMatch(/Mention me to get help/);
    expect(bob.choices).toEqual([]);
    await bob.post(bob.activity('installation-update', { locale: 'en-US' }));
    expect(bob.replies).toEqual([]);
    expect(db.engineConversation(bob.conversationId)).toBeUndefined();
  });

  it('stays silent in a group chat when not mentioned', async () => {
    const bob = user({ group: true });
    const res = await bob.post(
      bob.activity('group-mention', { text: 'has anyone seen the invoices?', entities: [] }),
    );
    expect(res.status).toBe(200);
    expect(bob.replies).toEqual([]);
  });

  it('moves a question about an address to a personal chat and takes no address in the group', async () => {
    const bob = user({ group: true });
    await bob.say('<at>eConnect login help</at> I forgot my password');
    await bob.press('platform');
    await bob.press('reset');
    expect(inputOfCard(bob.lastCard)).toBeUndefined();
    expect(bob.said).toContain(
      `[message me directly](https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(BOT_ID)})`,
    );

    const mails = smtp.mails.length;
    await bob.say('<at>eConnect login help</at> bob@demo.econnect.test');
    expect(bob.said).toMatch(/message me directly/);
    expect(db.count('outbox', 'to_address = ?', 'bob@demo.econnect.test')).toBe(0);
    expect(smtp.mails.length).toBe(mails);
  });

  it('gives each member of a group chat a conversation of their own', async () => {
    const bob = user({ group: true });
    const eva = user({ group: true, conversationId: bob.conversationId });
    await bob.say('<at>eConnect login help</at> I forgot my password');
    await eva.say('<at>eConnect login help</at> my 2FA code keeps being rejected');
    expect(bob.choices).toEqual(['platform', 'identity', 'unsure']);
    expect(eva.choices).toEqual(['thisPhone', 'otherDevice']);

    // Eva pressing Bob's card belongs to Bob's conversation, not hers: nothing runs.
    await eva.press('platform', bob.lastCard);
    expect(eva.said).toMatch(/belongs to another conversation/);
  });
});

describe('bad requests', () => {
  const post = (
    body: string,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) => http<Json>(`${server.url}/api/messages`, { method: 'POST', headers, body });

  it('answers malformed bodies with a JSON 4xx, never a 500', async () => {
    const anna = user();
    const valid = anna.activity('message');
    const cases: Array<[string, number, Record<string, string>?]> = [
      ['{not json', 400],
      ['', 400],
      ['[]', 400],
      ['"text"', 400],
      [JSON.stringify({ type: 'message' }), 400],
      [JSON.stringify({ ...valid, type: 42 }), 400],
      [JSON.stringify({ ...valid, serviceUrl: 'not a url' }), 400],
      [JSON.stringify({ ...valid, conversation: 'c1' }), 400],
      [JSON.stringify({ ...valid, text: 5 }), 400],
      [JSON.stringify({ ...valid, entities: 'x' }), 400],
      [JSON.stringify(valid), 415, { 'content-type': 'text/plain' }],
    ];
    for (const [body, status, headers] of cases) {
      const res = await post(body, headers);
      expect(res.status, body.slice(0, 60)).toBe(status);
      expect(res.body.error.code).toEqual(expect.any(String));
    }
    expect(db.engineConversation(anna.conversationId)).toBeUndefined();
  });

  it('takes optional fields that a channel sends as null', async () => {
    const anna = user();
    const activity = anna.activity('message', {
      text: 'hi',
      locale: null,
      entities: null,
      replyToId: null,
      attachments: null,
      channelData: null,
    });
    activity.from.name = null;
    const res = await anna.post(activity);
    expect(res.status).toBe(200);
    expect(anna.choices).toContain('forgotPassword');
  });

  it('refuses a body over the size limit with 413', async () => {
    const anna = user();
    const res = await post(JSON.stringify(anna.activity('message', { text: 'x'.repeat(200_000) })));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('body_too_large');
  });

  it('answers a card value it does not know, or a very long text, politely and runs nothing', async () => {
    const anna = user();
    await anna.say('hi');
    const conversation = db.engineConversation(anna.conversationId)!;
    const steps = db.count('steps', 'conversation_id = ?', conversation.id);
    await anna.post(anna.activity('card-submit', { value: { foo: 'bar' } }));
    expect(anna.said).toMatch(/did not recognise/);
    await anna.post(
      anna.activity('card-submit', {
        value: { choice: 'noSuchChoice', turnRef: actionsOf(anna.lastCard)[0].data.turnRef },
      }),
    );
    expect(anna.said).toMatch(/did not recognise/);
    await anna.say('y'.repeat(2500));
    expect(anna.said).toMatch(/too long/);
    expect(db.count('steps', 'conversation_id = ?', conversation.id)).toBe(steps);
  });

  it('answers GET on the endpoint with a JSON 405', async () => {
    const res = await http<Json>(`${server.url}/api/messages`);
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('method_not_allowed');
  });

  it('numbers the choices in the card’s fallback text for clients without cards', async () => {
    const anna = user();
    await anna.say('hi');
    const card = cardOf(anna.replies.at(-1));
    expect(card!.fallbackText).toMatch(/1\. My account does not exist/);
  });
});
