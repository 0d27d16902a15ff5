import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startConnector, type FakeConnector } from '../bot/support/connector.js';
import { TeamsUser } from '../bot/support/teams.js';
import { addStaff, StaffApi } from './helpers.js';

// The Teams side of a case: the app runs in-process with the Teams bot, and Teams' connector is
// the bot suite's fake one on 127.0.0.1, which records what the bot sends into each chat.

let app: App;
let base: string;
let dataDir: string;
let connector: FakeConnector;
let staff: StaffApi;

beforeAll(async () => {
  connector = await startConnector();
  dataDir = mkdtempSync(join(tmpdir(), 'login-help-console-teams-'));
  app = await createApp(
    loadConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    }),
  );
  const { port } = await app.listen();
  base = `http://127.0.0.1:${port}`;
  staff = new StaffApi(base);
  await staff.enrol(
    'teams-desk@support.test',
    addStaff({ dataDir }, 'teams-desk@support.test', 'Desk'),
  );
});
afterAll(async () => {
  await app?.close();
  await connector?.close();
});

async function teamsCase(): Promise<{ user: TeamsUser; ref: string }> {
  const user: TeamsUser = new TeamsUser({
    base,
    serviceUrl: connector.url,
    mode: 'normal',
    received: () => connector.sent(user.conversationId),
  });
  await user.say('hi');
  await user.press('other');
  await user.answer('noor@demo.econnect.test');
  await user.press('platform');
  await user.answer('I cannot see my invoices');
  const row = await app.database.db
    .selectFrom('cases')
    .innerJoin('bot_conversations', 'bot_conversations.conversation_id', 'cases.conversation_id')
    .select('cases.ref')
    .where('bot_conversations.bf_conversation_id', '=', user.conversationId)
    .executeTakeFirstOrThrow();
  return { user, ref: row.ref };
}

describe('Teams cases', () => {
  it('tells the Teams user in their chat when support writes and when support resolves', async () => {
    const { user, ref } = await teamsCase();
    const queue = (await staff.call('GET', `/cases?q=${ref}`)).body;
    expect(queue.cases[0]).toMatchObject({ ref, channel: 'teams' });

    const asked = await staff.call('POST', `/cases/${ref}/messages`, {
      text: 'Which organisation do you work for?',
    });
    expect(asked.body.delivery).toEqual({ mail: true, chat: true, teams: 'sent' });
    expect(connector.sent(user.conversationId).at(-1)!.text).toBe(
      `Message from support about your case ${ref}: Which organisation do you work for?`,
    );

    const note = 'Your administrator has linked your account to the organisation again.';
    const resolved = await staff.call('POST', `/cases/${ref}/resolve`, { note });
    expect(resolved.body.delivery).toEqual({ mail: true, chat: true, teams: 'sent' });
    expect(connector.sent(user.conversationId).at(-1)!.text).toBe(
      `Support has resolved your case ${ref}: ${note}`,
    );
    const audit = (await staff.call('GET', `/cases/${ref}`)).body.audit.map(
      (a: { action: string }) => a.action,
    );
    expect(audit).toEqual(['case.message_sent', 'case.resolved']);
  });

  it('records in the audit log when Teams does not take the message', async () => {
    const { ref } = await teamsCase();
    const notify = app.teams.notifyTeamsUser;
    app.teams.notifyTeamsUser = async () => {
      throw new Error('Teams answered 503');
    };
    try {
      const resolved = await staff.call('POST', `/cases/${ref}/resolve`, { note: 'Fixed.' });
      expect(resolved.status).toBe(200);
      expect(resolved.body.delivery).toEqual({ mail: true, chat: true, teams: 'failed' });
    } finally {
      app.teams.notifyTeamsUser = notify;
    }
    const audit = (await staff.call('GET', `/cases/${ref}`)).body.audit;
    expect(audit).toEqual([
      expect.objectContaining({ action: 'case.resolved' }),
      expect.objectContaining({
        action: 'case.teams_notice_failed',
        details: { reason: 'Teams did not take the message' },
      }),
    ]);
  });
});
