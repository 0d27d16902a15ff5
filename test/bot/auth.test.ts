import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startServer, type StartedServer } from '../support/server.js';
import { startConnector, type FakeConnector } from './support/connector.js';
import { ServerDb } from './support/db.js';
import { startTokenService, type TokenService } from './support/openid.js';
import { TeamsUser, TENANT, type Json } from './support/teams.js';

/**
 * Real token checks: the server is told (ToBotFromChannelOpenIdMetadataUrl and
 * ToBotFromChannelTokenIssuer) to trust a token service on 127.0.0.1, and every request carries
 * a token that service signed, or one that is wrong in exactly one way.
 */

const APP_ID = '1b2c3d4e-0000-4000-8000-00000000abcd';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';

let tokens: TokenService;
let connector: FakeConnector;
let server: StartedServer;
let db: ServerDb;

beforeAll(async () => {
  tokens = await startTokenService();
  connector = await startConnector();
  server = await startServer({
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'only-used-for-outgoing-calls',
    MicrosoftAppType: 'MultiTenant',
    ToBotFromChannelOpenIdMetadataUrl: tokens.metadataUrl,
    ToBotFromChannelTokenIssuer: tokens.issuer,
    ALLOWED_TENANTS: `${TENANT}, 22222222-0000-4000-8000-000000000000`,
  });
  db = new ServerDb(server.dataDir);
});
afterAll(async () => {
  db?.close();
  await server?.stop();
  await connector?.close();
  await tokens?.close();
});

const user = (opts: Partial<ConstructorParameters<typeof TeamsUser>[0]> = {}) =>
  new TeamsUser({ base: server.url, serviceUrl: connector.url, ...opts });

const valid = (activity: Json) =>
  tokens.sign({ audience: APP_ID, serviceUrl: activity.serviceUrl });

/** Every row the bot or the engine could have written. */
const stored = () =>
  ['conversations', 'bot_conversations', 'steps', 'transcript', 'turns', 'outbox'].map((t) =>
    db.count(t),
  );

describe('token checks with an app id', () => {
  it('takes an activity with a valid channel token', async () => {
    const anna = user();
    const activity = anna.activity('message', { text: 'hi' });
    const res = await anna.post(activity, { authorization: `Bearer ${await valid(activity)}` });
    expect(res.status).toBe(200);
    expect(anna.choices).toContain('forgotPassword');
    expect(tokens.fetches.keys).toBeGreaterThan(0);
  });

  const wrong: Array<[string, (activity: Json) => Promise<string | undefined>]> = [
    ['no token', async () => undefined],
    ['a malformed token', async () => 'Bearer not.a.token'],
    ['another scheme', async () => `Basic ${Buffer.from('bot:secret').toString('base64')}`],
    [
      'an expired token',
      (a) =>
        tokens
          .sign({ audience: APP_ID, serviceUrl: a.serviceUrl, expiresInSeconds: -600 })
          .then((t) => `Bearer ${t}`),
    ],
    [
      'a token for another audience',
      (a) =>
        tokens
          .sign({ audience: '99999999-0000-4000-8000-000000000000', serviceUrl: a.serviceUrl })
          .then((t) => `Bearer ${t}`),
    ],
    [
      'a token from another issuer',
      (a) =>
        tokens
          .sign({
            audience: APP_ID,
            serviceUrl: a.serviceUrl,
            issuer: 'https://issuer.example.test',
          })
          .then((t) => `Bearer ${t}`),
    ],
    [
      'a token signed with an unknown key',
      (a) =>
        tokens
          .sign({ audience: APP_ID, serviceUrl: a.serviceUrl, unknownKey: true })
          .then((t) => `Bearer ${t}`),
    ],
    [
      'a token with a forged signature',
      (a) =>
        tokens
          .sign({ audience: APP_ID, serviceUrl: a.serviceUrl, forged: true })
          .then((t) => `Bearer ${t}`),
    ],
    [
      'a token for another serviceUrl',
      () =>
        tokens
          .sign({ audience: APP_ID, serviceUrl: 'http://127.0.0.1:1/' })
          .then((t) => `Bearer ${t}`),
    ],
  ];

  for (const [what, header] of wrong) {
    it(`refuses ${what} with 401 and stores nothing`, async () => {
      const anna = user();
      const before = stored();
      const activity = anna.activity('message', { text: 'I forgot my password' });
      const auth = await header(activity);
      const res = await anna.post(activity, auth ? { authorization: auth } : {});

      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
      expect(stored()).toEqual(before);
      expect(connector.calls.filter((c) => c.conversationId === anna.conversationId)).toEqual([]);
    });
  }

  it('refuses an unauthenticated card press, invoke and install event too', async () => {
    const anna = user();
    const before = stored();
    for (const name of ['card-submit', 'invoke-action', 'conversation-update'] as const) {
      const res = await anna.post(anna.activity(name));
      expect(res.status).toBe(401);
    }
    expect(stored()).toEqual(before);
  });
});

describe('allowed tenants', () => {
  it('answers someone from another tenant politely and runs nothing', async () => {
    const eve = user({ tenantId: OTHER_TENANT });
    const before = stored();
    const activity = eve.activity('message', { text: 'I forgot my password' });
    const res = await eve.post(activity, { authorization: `Bearer ${await valid(activity)}` });

    expect(res.status).toBe(200);
    expect(eve.said).toMatch(/only available to the organisations/);
    expect(eve.choices).toEqual([]);
    expect(stored()).toEqual(before);
  });

  it('greets no one in another tenant and answers their card presses with the same refusal', async () => {
    const eve = user({ tenantId: OTHER_TENANT });
    const before = stored();
    const install = eve.activity('installation-update');
    await eve.post(install, { authorization: `Bearer ${await valid(install)}` });
    // The install event comes from a Dutch Teams client.
    expect(eve.said).toMatch(/alleen beschikbaar voor de organisaties/);
    const invoke = eve.activity('invoke-action');
    await eve.post(invoke, { authorization: `Bearer ${await valid(invoke)}` });
    expect(eve.said).toMatch(/only available to the organisations/);
    expect(stored()).toEqual(before);
  });
});

describe('without an app id', () => {
  it('refuses to configure production without an app id', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId is required/);
    expect(loadConfig({ NODE_ENV: 'development' }).MicrosoftAppId).toBeUndefined();
  });

  it('does not start a production server without an app id', async () => {
    await expect(startServer({ NODE_ENV: 'production' })).rejects.toThrow(
      /MicrosoftAppId is required/,
    );
  });

  it('names the missing secret when an app id comes without one', async () => {
    await expect(startServer({ MicrosoftAppId: APP_ID })).rejects.toThrow(
      /MicrosoftAppPassword is required/,
    );
  });
});
