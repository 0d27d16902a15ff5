import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';

let smtp: TestSmtp;
const servers: StartedServer[] = [];

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  await smtp?.close();
});

async function boot(dataDir?: string) {
  const server = await startServer({ SMTP_URL: smtp.url }, dataDir);
  servers.push(server);
  return server;
}

describe('a server killed mid-conversation', () => {
  it('continues the conversation exactly where it was after SIGKILL and a restart', async () => {
    const first = await boot();
    const chat = new ChatClient(first.url);
    await chat.start({ locale: 'nl' });
    await chat.choose('forgotPassword');
    await chat.choose('platform');
    await chat.choose('reset');
    const asked = chat.last;
    expect(asked.prompt?.input?.kind).toBe('email');

    await first.stop('SIGKILL');
    const second = await boot(first.dataDir);
    const resumed = new ChatClient(second.url);
    Object.assign(resumed, { id: chat.id, token: chat.token });

    const view = await fetch(`${second.url}/api/v1/conversations/${chat.id}`, {
      headers: { authorization: `Bearer ${chat.token}` },
    });
    const body = (await view.json()) as {
      prompt: { input?: { kind: string } };
      seq: number;
      locale: string;
    };
    expect(body.prompt.input?.kind).toBe('email');
    expect(body.seq).toBe(asked.seq);
    expect(body.locale).toBe('nl');

    await resumed.value('anna@demo.econnect.test');
    expect(resumed.last.flow).toBe('forgotPassword');
    expect(resumed.said).toContain('anna@demo.econnect.test');
    await smtp.waitFor((m) => recipient(m) === 'anna@demo.econnect.test');
  });

  it('keeps a pending "15 minutes" condition across a restart', async () => {
    const first = await boot();
    const chat = new ChatClient(first.url);
    await chat.start({ locale: 'en' });
    await chat.choose('forgotPassword');
    await chat.choose('platform');
    await chat.choose('reset');
    await chat.value('bob@demo.econnect.test');
    await chat.choose('noMail');
    await chat.choose('stillNothing');
    expect(chat.last.status).toBe('active');
    expect(chat.last.flow).toBe('resetMissing');

    await first.stop('SIGKILL');
    const second = await boot(first.dataDir);
    await second.setClockOffset(16 * 60_000);
    const resumed = new ChatClient(second.url);
    Object.assign(resumed, { id: chat.id, token: chat.token });
    await resumed.choose('stillNothing');
    expect(resumed.last.flow).toBe('escalation');
    expect(resumed.said).toMatch(/15 minutes/);
  });
});
