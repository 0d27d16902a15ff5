import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, http } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';

let smtp: TestSmtp;
let server: StartedServer;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe('turn ids', () => {
  it('answers a repeated turn id with the stored reply and sends no second mail', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ path: 'forgotPassword', locale: 'en' });
    await chat.choose('platform');
    await chat.choose('reset');
    const turnId = randomUUID();
    const first = await chat.send({ value: 'anna@demo.econnect.test' }, turnId);
    await smtp.waitFor((m) => recipient(m) === 'anna@demo.econnect.test');
    const again = await chat.send({ value: 'anna@demo.econnect.test' }, turnId);

    expect(again.replayed).toBe(true);
    expect({ ...again, replayed: undefined }).toEqual({ ...first, replayed: undefined });
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.mails.filter((m) => recipient(m) === 'anna@demo.econnect.test')).toHaveLength(1);
  });

  it('refuses a turn id used before for a different button or kind, and changes nothing', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en' });
    const first = await chat.raw({ turnId: 'reused', choice: 'forgotPassword' });
    expect(first.status).toBe(200);

    for (const body of [
      { choice: 'wrongPortal' },
      { text: 'I forgot my password' },
      { locale: 'nl' },
    ]) {
      const reused = await chat.raw({ turnId: 'reused', ...body });
      expect(reused.status).toBe(409);
      expect((reused.body as { error: { code: string } }).error.code).toBe('turn_id_reused');
    }
    // The same request again is still a retry, answered from the stored reply.
    const retry = await chat.raw({ turnId: 'reused', choice: 'forgotPassword' });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ seq: (first.body as { seq: number }).seq, replayed: true });
    const next = await chat.raw({ turnId: 'fresh', choice: 'platform' });
    expect(next.body).toMatchObject({ seq: (first.body as { seq: number }).seq + 1 });
  });

  it('answers two concurrent turns with the same id once, in order', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en' });
    const turnId = randomUUID();
    const [a, b] = await Promise.all([
      chat.raw({ turnId, choice: 'forgotPassword' }),
      chat.raw({ turnId, choice: 'forgotPassword' }),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect((a.body as { seq: number }).seq).toBe((b.body as { seq: number }).seq);
  });

  it('serialises different turns on one conversation', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en' });
    const results = await Promise.all([
      chat.raw({ turnId: 'p1', locale: 'nl' }),
      chat.raw({ turnId: 'p2', locale: 'en' }),
      chat.raw({ turnId: 'p3', locale: 'nl' }),
    ]);
    const seqs = results.map((r) => (r.body as { seq: number }).seq).sort();
    expect(seqs).toEqual([2, 3, 4]);
  });
});

describe('reading a conversation', () => {
  it('returns the transcript and the open question so a reload can resume', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'nl' });
    await chat.choose('forgotPassword');
    const view = await http<{
      transcript: Array<{ role: string; text: string }>;
      prompt: { choices: Array<{ id: string }> };
      locale: string;
    }>(`${server.url}/api/v1/conversations/${chat.id}`, {
      headers: { authorization: `Bearer ${chat.token}` },
    });
    expect(view.status).toBe(200);
    expect(view.body.locale).toBe('nl');
    expect(view.body.transcript.some((l) => l.role === 'user')).toBe(true);
    expect(view.body.prompt.choices.map((c) => c.id)).toEqual(chat.choices);
  });

  it('switches language mid-conversation and asks the same question again', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en' });
    await chat.choose('forgotPassword');
    const english = chat.last.prompt!.choices.map((c) => c.label);
    const dutch = await chat.send({ locale: 'nl' });
    expect(dutch.locale).toBe('nl');
    expect(dutch.prompt!.choices.map((c) => c.id)).toEqual(
      chat.all.at(-2)!.prompt!.choices.map((c) => c.id),
    );
    expect(dutch.prompt!.choices.map((c) => c.label)).not.toEqual(english);
    expect(dutch.messages[0]!.text).toMatch(/Nederlands/);
  });
});

describe('starting on a login page', () => {
  it('skips the login-page question when the widget says which page it is on', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en', path: 'forgotPassword', portal: 'identity' });
    expect(chat.last.flow).toBe('forgotPassword');
    expect(chat.choices).toContain('reset');
    expect(chat.said).toContain('identity.econnect.eu');
  });
});
