import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, http } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';

let server: StartedServer;
let chat: ChatClient;

beforeAll(async () => {
  server = await startServer();
  chat = new ChatClient(server.url);
  await chat.start({ locale: 'en' });
});
afterAll(async () => {
  await server.stop();
});

/** After every refusal the same conversation must still take a normal turn. */
async function expectHealthyTurn() {
  const before = chat.last.seq;
  const reply = await chat.send({ locale: 'en' });
  expect(reply.seq).toBe(before + 1);
  expect(reply.prompt?.choices.length).toBeGreaterThan(0);
}

const turnUrl = () => `${server.url}/api/v1/conversations/${chat.id}/turns`;
const json = { 'content-type': 'application/json' };

describe('chat API refusing bad input', () => {
  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await chat.raw('{"turnId": "a", "choice": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
    await expectHealthyTurn();
  });

  it('answers wrong types with 400 and names the field', async () => {
    const res = await chat.raw({ turnId: 42, choice: ['x'] });
    expect(res.status).toBe(400);
    const body = res.body as { error: { code: string; issues: Array<{ path: string }> } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['turnId', 'choice']),
    );
    await expectHealthyTurn();
  });

  it('answers unknown fields, an empty body and a JSON array with 400', async () => {
    expect((await chat.raw({ turnId: 't1', choice: 'x', admin: true })).status).toBe(400);
    expect((await chat.raw('')).status).toBe(400);
    expect((await chat.raw('[1,2]')).status).toBe(400);
    await expectHealthyTurn();
  });

  it('answers an unknown conversation with 4xx and no detail', async () => {
    const res = await http(`${server.url}/api/v1/conversations/${randomUUID()}/turns`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${chat.token}` },
      body: JSON.stringify({ turnId: 'x1', choice: 'other' }),
    });
    expect(res.status).toBe(401);
    const notAnId = await http(`${server.url}/api/v1/conversations/not-an-id`, {
      headers: { authorization: 'Bearer x' },
    });
    expect(notAnId.status).toBe(404);
    expect((notAnId.body as { error: { code: string } }).error.code).toBe('conversation_not_found');
    await expectHealthyTurn();
  });

  it('answers a choice that is not offered with 422 listing the offered ones', async () => {
    const res = await chat.raw({ turnId: randomUUID(), choice: 'launchRockets' });
    expect(res.status).toBe(422);
    const body = res.body as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unknown_choice');
    expect(body.error.message).toContain('forgotPassword');
    await expectHealthyTurn();
  });

  it('answers a missing or wrong token with 401', async () => {
    const none = await http(turnUrl(), {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ turnId: 'a', choice: 'other' }),
    });
    expect(none.status).toBe(401);
    expect((none.body as { error: { code: string } }).error.code).toBe('token_required');
    const wrong = await chat.raw({ turnId: 'a', choice: 'other' }, { authorization: 'Bearer abc' });
    expect(wrong.status).toBe(401);
    expect((wrong.body as { error: { code: string } }).error.code).toBe('invalid_token');
    const read = await http(`${server.url}/api/v1/conversations/${chat.id}`, {
      headers: { authorization: 'Bearer abc' },
    });
    expect(read.status).toBe(401);
    await expectHealthyTurn();
  });

  it('answers a body over the limit with 413, declared or streamed', async () => {
    const big = JSON.stringify({ turnId: 'big', text: 'x'.repeat(100_000) });
    const declared = await chat.raw(big);
    expect(declared.status).toBe(413);
    expect((declared.body as { error: { code: string } }).error.code).toBe('body_too_large');
    await expectHealthyTurn();
  });

  it('lets a client that is still uploading a body over the server-wide ceiling read the 413', async () => {
    // 2.4 MB, declared, sent in pieces: refused before routing while the client still sends.
    // Closing under the upload left the client a broken pipe instead of the answer.
    const body = Buffer.from(JSON.stringify({ turnId: 'huge', text: '\u0001'.repeat(400_000) }));
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(turnUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          authorization: `Bearer ${chat.token}`,
        },
      });
      // Done when the answer is read and the whole body went out without a broken pipe.
      req.on('error', reject);
      const uploaded = new Promise<void>((done) => req.on('finish', done));
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => void uploaded.then(() => resolve({ status: res.statusCode!, text })));
      });
      let sent = 0;
      const next = () => {
        if (sent >= body.length) return req.end();
        req.write(body.subarray(sent, (sent += 64 * 1024)));
        setTimeout(next, 5);
      };
      next();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).error.code).toBe('body_too_large');
    await expectHealthyTurn();
  });

  it('answers a wrong content type with 415 and an unknown route with 404 JSON', async () => {
    const res = await http(turnUrl(), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${chat.token}` },
      body: 'hello',
    });
    expect(res.status).toBe(415);
    const missing = await http(`${server.url}/api/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'not_found', message: 'no such endpoint' } });
    await expectHealthyTurn();
  });

  it('answers a start with an unknown path or locale with 400', async () => {
    for (const body of [{ path: 'nowhere' }, { locale: 'fr' }, { clientTime: 'noon' }]) {
      const res = await http(`${server.url}/api/v1/conversations`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
    }
    await expectHealthyTurn();
  });

  it('never shows a stack trace and stays healthy', async () => {
    const health = await http(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    // The icon every browser asks for is answered, so no page visit logs a 404.
    expect((await http(`${server.url}/favicon.ico`)).status).toBe(204);
    expect(server.output()).not.toMatch(/"status":5\d\d/);
  });
});
