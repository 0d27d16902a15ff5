import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('2FA codes rejected', () => {
  it('names a three-minute offset of the client clock and how to turn on automatic time', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en', clientTime: Date.now() + 180_000 });
    await chat.send({ choice: 'codeRejected', clientTime: Date.now() + 180_000 });
    if (chat.choices.includes('thisPhone'))
      await chat.send({ choice: 'thisPhone', clientTime: Date.now() + 180_000 });
    expect(chat.said).toMatch(/3 minutes/);
    expect(chat.said).toMatch(/fast|ahead/i);
    expect(chat.said).toMatch(/Android/);
    expect(chat.said).toMatch(/iPhone|iOS/);
  });

  it('says the clock is in sync when it is, and moves on', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en', clientTime: Date.now() });
    await chat.send({ choice: 'codeRejected', clientTime: Date.now() });
    if (chat.choices.includes('thisPhone'))
      await chat.send({ choice: 'thisPhone', clientTime: Date.now() });
    expect(chat.said).toMatch(/in sync|on time|correct|is fine/i);
    expect(chat.last.prompt?.choices.length).toBeGreaterThan(0);
  });

  it('names the offset in Dutch too', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'nl' });
    await chat.send({ choice: 'codeRejected', clientTime: Date.now() - 240_000 });
    if (chat.choices.includes('thisPhone'))
      await chat.send({ choice: 'thisPhone', clientTime: Date.now() - 240_000 });
    expect(chat.said).toMatch(/4 minuten/);
    expect(chat.said).toMatch(/achter/);
  });
});
