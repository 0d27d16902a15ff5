import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ChatClient } from '../support/chat.js';
import { startConnector, type FakeConnector } from './support/connector.js';
import { actionsOf, cardOf, TeamsUser, textsOf, type Json } from './support/teams.js';

/**
 * Teams does not use expectReplies: it posts an activity, takes the 200, and receives the bot's
 * answers as calls to its connector service. Here the connector runs on 127.0.0.1 as the
 * activities' serviceUrl, and the app runs in this process so the support console's call
 * (notifyTeamsUser) can be made directly.
 */

let app: App;
let base: string;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startConnector();
  const dir = mkdtempSync(join(tmpdir(), 'login-help-teams-'));
  app = await createApp(
    loadConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
    }),
  );
  const { port } = await app.listen();
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await app?.close();
  await connector?.close();
});

function teamsUser(serviceUrl = connector.url, target = connector): TeamsUser {
  const user: TeamsUser = new TeamsUser({
    base,
    serviceUrl,
    mode: 'normal',
    received: () => target.sent(user.conversationId),
  });
  return user;
}

const textOf = (activity: Json | undefined) => textsOf(activity ? [activity] : []).join('\n');

describe('normal delivery through the connector', () => {
  it('answers with a 200 at once and sends the replies to the connector', async () => {
    const anna = teamsUser();
    const res = await anna.say('I forgot my password');

    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const sent = connector.sent(anna.conversationId);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(textOf(sent[0])).toMatch(/forgotten password/);
    expect(actionsOf(cardOf(sent.at(-1))).map((a) => a.data.choice)).toContain('platform');
    // Replies thread to the activity they answer, as Teams expects.
    const posts = connector.calls.filter(
      (c) => c.conversationId === anna.conversationId && c.method === 'POST',
    );
    expect(posts.every((c) => c.activityId === anna.lastActivity!.id)).toBe(true);
  });

  it('shows a typing indicator before the answer of a turn', async () => {
    const anna = teamsUser();
    await anna.say('hi');
    const calls = connector.calls.filter((c) => c.conversationId === anna.conversationId);
    expect(calls[0]!.body.type).toBe('typing');
    expect(calls.findIndex((c) => c.body.type === 'typing')).toBeLessThan(
      calls.findIndex((c) => c.body.type === 'message'),
    );
  });

  it('closes an answered card so its buttons cannot be pressed again', async () => {
    const anna = teamsUser();
    await anna.say('hi');
    const firstCardId = connector.sent(anna.conversationId).at(-1)!.id as string;
    await anna.press('forgotPassword');

    const [update] = connector.updates(anna.conversationId);
    expect(update!.activityId).toBe(firstCardId);
    const closed = cardOf(update!.body)!;
    expect(actionsOf(closed)).toEqual([]);
    expect(textOf(update!.body)).toMatch(/What is going wrong\?/);
    expect(textOf(update!.body)).toMatch(/✓ Forgot password/);
    // The next question arrives as a new card with live buttons.
    expect(anna.choices).toEqual(['platform', 'identity', 'unsure']);
  });

  it('answers an Action.Execute press with the closed card in the invoke response and sends the next question', async () => {
    const anna = teamsUser();
    await anna.say('hi');
    const res = await anna.execute('forgotPassword');

    expect(res.status).toBe(200);
    expect(res.body.statusCode).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(actionsOf(res.body.value)).toEqual([]);
    expect(
      textOf({
        type: 'message',
        attachments: [{ contentType: res.body.type, content: res.body.value }],
      }),
    ).toMatch(/✓ Forgot password/);
    expect(anna.choices).toEqual(['platform', 'identity', 'unsure']);
    // Teams replaces the pressed card with the invoke response; no separate update is sent.
    expect(connector.updates(anna.conversationId)).toEqual([]);
  });

  it('closes the open card when the user types the answer instead', async () => {
    const anna = teamsUser();
    await anna.say('hi');
    await anna.say('2');
    const [update] = connector.updates(anna.conversationId);
    expect(textOf(update!.body)).toMatch(/✓ Answered in the chat/);
    expect(actionsOf(cardOf(update!.body))).toEqual([]);
  });

  it('answers a press on a closed card without running it', async () => {
    const anna = teamsUser();
    await anna.say('hi');
    const first = anna.lastCard;
    await anna.press('forgotPassword');
    const updates = connector.updates(anna.conversationId).length;
    await anna.press('sso', first);
    expect(textOf(anna.replies[0])).toMatch(/already answered/);
    expect(anna.choices).toEqual(['platform', 'identity', 'unsure']);
    expect(connector.updates(anna.conversationId).length).toBe(updates);
  });

  it('answers a retried activity once, also when the retry arrives while the first is running', async () => {
    const anna = teamsUser();
    await anna.say('hi');
    const press = anna.activity('card-submit', {
      value: actionsOf(anna.lastCard).find((a) => a.data.choice === 'forgotPassword')!.data,
    });
    const before = connector.sent(anna.conversationId).length;

    const [first, second] = await Promise.all([anna.post(press), anna.post(press)]);
    await anna.post(press);

    expect([first.status, second.status, anna.last.status]).toEqual([200, 200, 200]);
    const after = connector.sent(anna.conversationId).slice(before);
    expect(after.filter((a) => cardOf(a))).toHaveLength(1);
    expect(connector.updates(anna.conversationId)).toHaveLength(1);
  });

  it('offers the address from the Teams roster as a suggestion', async () => {
    const anna = teamsUser();
    connector.members.set(anna.userId, {
      id: anna.userId,
      name: 'Anna',
      aadObjectId: anna.aadObjectId,
      userPrincipalName: 'Anna@Demo.eConnect.test',
    });
    await anna.say('hi');
    await anna.press('forgotPassword');
    await anna.press('platform');
    await anna.press('reset');
    const roster = connector.calls.filter(
      (c) => c.method === 'GET' && c.conversationId === anna.conversationId,
    );
    expect(roster.length).toBeLessThanOrEqual(1);
    expect(actionsOf(anna.lastCard).find((a) => a.data?.answer)?.data.answer).toBe(
      'anna@demo.econnect.test',
    );
  });
});

describe('proactive notice', () => {
  async function escalate(user: TeamsUser, email: string): Promise<string> {
    await user.say('hi');
    await user.press('other');
    await user.answer(email);
    await user.press('platform');
    await user.answer('I cannot see my invoices');
    const conversation = await app.database.db
      .selectFrom('bot_conversations')
      .innerJoin('conversations', 'conversations.id', 'bot_conversations.conversation_id')
      .select(['conversations.case_ref'])
      .where('bot_conversations.bf_conversation_id', '=', user.conversationId)
      .executeTakeFirstOrThrow();
    return conversation.case_ref!;
  }

  it('tells the Teams user in the same chat when support resolves their case', async () => {
    const anna = teamsUser();
    const caseRef = await escalate(anna, 'anna@demo.econnect.test');
    expect(caseRef).toMatch(/^LH-/);
    const before = connector.sent(anna.conversationId).length;

    expect(await app.teams.notifyTeamsUser(caseRef)).toBe('sent');

    const notice = connector.sent(anna.conversationId).slice(before);
    expect(notice).toHaveLength(1);
    expect(notice[0]!.text).toContain(caseRef);
    expect(notice[0]!.text).toMatch(/support has resolved your case/);
    expect((notice[0]!.recipient as Json).id).toBe(anna.userId);
  });

  it('sends the console’s own words when it gives them', async () => {
    const anna = teamsUser();
    const caseRef = await escalate(anna, 'noor@demo.econnect.test');
    await app.teams.notifyTeamsUser(caseRef, 'Your account is linked to your organisation again.');
    expect(connector.sent(anna.conversationId).at(-1)!.text).toBe(
      'Your account is linked to your organisation again.',
    );
  });

  it('follows the conversation to the serviceUrl Teams used last', async () => {
    const moved = await startConnector();
    try {
      const anna = teamsUser();
      const caseRef = await escalate(anna, 'bob@demo.econnect.test');
      const later = new TeamsUser({
        base,
        serviceUrl: moved.url,
        mode: 'normal',
        conversationId: anna.conversationId,
        userId: anna.userId,
        aadObjectId: anna.aadObjectId,
        received: () => moved.sent(anna.conversationId),
      });
      await later.post(later.activity('reaction'));
      await later.say('thanks');
      await app.teams.notifyTeamsUser(caseRef);
      expect(moved.sent(anna.conversationId).at(-1)!.text).toContain(caseRef);
    } finally {
      await moved.close();
    }
  });

  it('says so when Teams cannot be reached for a notice, rather than reporting it sent', async () => {
    const gone = await startConnector();
    const anna = teamsUser();
    const caseRef = await escalate(anna, 'bob@demo.econnect.test');
    const later = new TeamsUser({
      base,
      serviceUrl: gone.url,
      mode: 'normal',
      conversationId: anna.conversationId,
      userId: anna.userId,
      aadObjectId: anna.aadObjectId,
      received: () => gone.sent(anna.conversationId),
    });
    await later.say('thanks');
    await gone.close();
    await expect(app.teams.notifyTeamsUser(caseRef)).rejects.toMatchObject({
      code: 'TEAMS_NOTICE_FAILED',
    });
  });

  it('sends nothing for a case that did not come from Teams, or an unknown case', async () => {
    const chat = new ChatClient(base);
    await chat.start({ locale: 'en' });
    await chat.choose('other');
    await chat.value('sara@demo.econnect.test');
    await chat.choose('platform');
    await chat.value('Nothing works');
    expect(chat.last.caseRef).toMatch(/^LH-/);
    const calls = connector.calls.length;

    expect(await app.teams.notifyTeamsUser(chat.last.caseRef!)).toBe('not_teams');
    expect(await app.teams.notifyTeamsUser('LH-NONE-NONE')).toBe('unknown_case');
    expect(connector.calls.length).toBe(calls);
  });
});
