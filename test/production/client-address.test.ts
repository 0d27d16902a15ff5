import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';
import { openServerDb } from '../support/db.js';

// Behind a load balancer every request comes from its address: per-client limits must count
// the client it names in X-Forwarded-For, and only the entry it wrote.
let behind: StartedServer;
let direct: StartedServer;

beforeAll(async () => {
  [behind, direct] = await Promise.all([startServer({ TRUST_PROXY_HOPS: '1' }), startServer()]);
});
afterAll(async () => {
  await Promise.all([behind?.stop(), direct?.stop()]);
});

async function clientKeyOf(server: StartedServer, forwardedFor?: string): Promise<string> {
  const res = await http<{ conversationId: string }>(`${server.url}/api/v1/conversations`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: '{}',
  });
  expect(res.status).toBe(201);
  const database = openServerDb(server.dataDir);
  try {
    const row = await database.db
      .selectFrom('conversations')
      .select('client_key')
      .where('id', '=', res.body.conversationId)
      .executeTakeFirstOrThrow();
    return row.client_key;
  } finally {
    await database.close();
  }
}

describe('the client behind a load balancer', () => {
  it('is the address the trusted proxy appended to X-Forwarded-For', async () => {
    const a = await clientKeyOf(behind, '203.0.113.7');
    expect(await clientKeyOf(behind, '198.51.100.1, 203.0.113.7')).toBe(a);
    expect(await clientKeyOf(behind, '203.0.113.8')).not.toBe(a);
  });

  it('is the connecting address when no proxy is trusted, whatever the header says', async () => {
    const plain = await clientKeyOf(direct);
    expect(await clientKeyOf(direct, '203.0.113.7')).toBe(plain);
    expect(await clientKeyOf(direct, '203.0.113.8')).toBe(plain);
  });
});
