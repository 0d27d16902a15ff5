/**
 * Property-based abuse of every HTTP surface a stranger can reach: the chat API, the Teams
 * endpoint /api/messages, the support API /api/v1/support (signed in and not), the clock-check
 * link and the reset page. Random and malformed bodies, deep JSON, huge strings, control
 * characters, wrong types, unknown ids, wrong tokens and content types. For every request:
 * never a 5xx, the security headers are there, and a refused request (4xx) stores nothing.
 * Run once per backend (abuse.sqlite.test.ts, abuse.postgres.test.ts): 5,200 requests in all.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../../src/db/index.js';
import { createStaff } from '../../src/support/staff.js';
import { SUPPORT_API, SUPPORT_PREFIX } from '../../src/support/routes.js';
import { startConnector, type FakeConnector } from '../bot/support/connector.js';
import { fixture, type FixtureName } from '../bot/support/teams.js';
import { ChatClient } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';
import { StaffApi } from '../support-console/helpers.js';
import { startCountingSmtp, type CountingSmtp } from './support/smtp.js';

export interface AbuseBackend {
  name: 'sqlite' | 'postgres';
  /** Server environment (DATABASE_URL) and a handle on the same database; `done` cleans up. */
  create(): Promise<{
    env: Record<string, string>;
    open(dataDir: string): OpenedDb;
    done(): Promise<void>;
  }>;
  /** Requests to send; the two backends together make at least 5,000 per run. */
  runs: number;
}

/**
 * Tables a refused request must leave alone. Left out on purpose: `staff_login_attempts` and
 * `audit_log`, where a refused sign-in is recorded by design (lockout), and `rate_limits`.
 */
const GUARDED = [
  'conversations',
  'steps',
  'transcript',
  'turns',
  'feedback',
  'cases',
  'outbox',
  'tokens',
  'accounts',
  'bot_conversations',
  'staff',
  'staff_sessions',
  'staff_recovery_codes',
  'notices',
  'case_messages',
  'settings',
] as const;

const SECURITY_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'cross-origin-opener-policy',
];

interface Shot {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Send the body chunked (no Content-Length), as a client that streams. */
  stream?: boolean;
  label: string;
}

// --- arbitraries ------------------------------------------------------------------------------

const controlText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff x',
    '\u202e\u200b',
    '\u001b[31m',
    '\r\n\r\n',
    '%00',
    '\\u0000',
  ),
  fc.string({ maxLength: 40 }),
);

const anyValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  controlText,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, [], {}, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, '', ' '),
);

/** A text of `n` characters, plain or multi-byte. */
const huge = fc
  .tuple(fc.integer({ min: 17_000, max: 400_000 }), fc.constantFrom('a', 'é', '😀', '\u0001'))
  .map(([n, c]) => c.repeat(Math.ceil(n / c.length)));

const deepJson = fc
  .tuple(fc.integer({ min: 15, max: 4000 }), fc.boolean())
  .map(([n, arrays]) =>
    arrays ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n),
  );

const malformed = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
  fc.constantFrom(
    '',
    '{',
    '{"turnId":',
    '[1,2',
    'null',
    'true',
    '"text"',
    '{"a":1}{"b":2}',
    '\u0000{}',
    '{"__proto__":{"x":1}}',
  ),
);

/** A turn body: the right keys with values of every type, extra keys, or not an object at all. */
const turnBody = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record(
        {
          turnId: fc.oneof(fc.uuid(), anyValue, fc.string({ minLength: 101, maxLength: 300 })),
          choice: fc.oneof(
            fc.constantFrom(
              'forgotPassword',
              'platform',
              'nav.back',
              'nav.restart',
              'nav.human',
              'launch',
            ),
            anyValue,
          ),
          text: fc.oneof(controlText, anyValue, huge),
          value: fc.oneof(fc.emailAddress(), controlText, anyValue),
          locale: fc.oneof(fc.constantFrom('en', 'nl', 'fr', 'EN'), anyValue),
          clientTime: fc.oneof(fc.integer(), fc.double(), anyValue),
          extra: anyValue,
        },
        { requiredKeys: [] },
      )
      .map((b) => JSON.stringify(b)),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: malformed },
  { weight: 1, arbitrary: deepJson },
  { weight: 1, arbitrary: huge.map((text) => JSON.stringify({ turnId: 'huge', text })) },
);

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/vnd.api+json',
      '',
      'application/xml',
      'application/json; charset=latin1',
    ),
  },
);

const FIXTURES: FixtureName[] = [
  'message',
  'card-submit',
  'invoke-action',
  'conversation-update',
  'installation-update',
  'reaction',
  'typing',
  'group-mention',
  'file-attachment',
];
const ACTIVITY_FIELDS = [
  'type',
  'id',
  'name',
  'channelId',
  'serviceUrl',
  'conversation',
  'from',
  'recipient',
  'text',
  'locale',
  'timestamp',
  'localTimestamp',
  'replyToId',
  'deliveryMode',
  'entities',
  'attachments',
  'membersAdded',
  'channelData',
  'value',
];

export function abuseSuite(backend: AbuseBackend): void {
  describe(`bad input on every endpoint (${backend.name})`, () => {
    let server: StartedServer;
    let db: OpenedDb;
    let done: () => Promise<void>;
    let smtp: CountingSmtp;
    let connector: FakeConnector;
    let chat: ChatClient;
    const staff = { cookie: '', csrf: '' };

    /** A Teams activity from the recorded fixtures, mutated; replies only ever go to 127.0.0.1. */
    const activityBody = () =>
      fc.oneof(
        {
          weight: 5,
          arbitrary: fc
            .record({
              name: fc.constantFrom(...FIXTURES),
              drop: fc.subarray(ACTIVITY_FIELDS, { maxLength: 3 }),
              set: fc.dictionary(fc.constantFrom(...ACTIVITY_FIELDS), anyValue, { maxKeys: 3 }),
              text: fc.option(
                fc.oneof(
                  controlText,
                  huge.map((t) => t.slice(0, 70_000)),
                ),
                { nil: undefined },
              ),
              mode: fc.constantFrom(undefined, 'expectReplies', 'normal', 'bogus'),
            })
            .map(({ name, drop, set, text, mode }) => {
              const a: Record<string, unknown> = {
                ...fixture(name),
                id: randomUUID(),
                serviceUrl: connector.url,
              };
              a.conversation = { ...(a.conversation as object), id: `a:fuzz-${randomUUID()}` };
              if (text !== undefined) a.text = text;
              if (mode !== undefined) a.deliveryMode = mode;
              for (const k of drop) delete a[k];
              Object.assign(a, set);
              // Never let a mutation point the bot at another host: replies stay on this machine.
              if (typeof a.serviceUrl === 'string' && /^https?:/i.test(a.serviceUrl))
                a.serviceUrl = connector.url;
              return JSON.stringify(a);
            }),
        },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
        { weight: 1, arbitrary: malformed },
        { weight: 1, arbitrary: deepJson },
        { weight: 1, arbitrary: huge.map((text) => JSON.stringify({ type: 'message', text })) },
      );

    const conversationIdArb = () =>
      fc.oneof(
        fc.constant(chat.id),
        fc.uuid(),
        fc.constantFrom('not-an-id', '..%2F..%2Fetc', '%00', 'x'.repeat(500), '0'),
      );
    const bearer = () =>
      fc.oneof(
        fc.constant(`Bearer ${chat.token}`),
        fc.constant(undefined),
        fc.string({ maxLength: 60 }).map((t) => `Bearer ${t}`),
        fc.constantFrom('Basic abc', 'Bearer', ''),
      );

    const shots = (): fc.Arbitrary<Shot> => {
      const chatTurn = fc
        .record({
          id: conversationIdArb(),
          auth: bearer(),
          body: turnBody,
          type: contentType,
          stream: fc.boolean(),
        })
        .map(({ id, auth, body, type, stream }): Shot => ({
          method: 'POST',
          path: `/api/v1/conversations/${encodeURIComponent(id).replace(/%25/g, '%')}/turns`,
          headers: {
            ...(type ? { 'content-type': type } : {}),
            ...(auth !== undefined ? { authorization: auth } : {}),
          },
          body,
          stream,
          label: 'chat turn',
        }));
      const chatStart = fc
        .record({
          body: fc.oneof(
            turnBody,
            fc
              .record(
                { locale: anyValue, path: anyValue, clientTime: anyValue },
                { requiredKeys: [] },
              )
              .map((b) => JSON.stringify(b)),
          ),
          type: contentType,
        })
        .map(({ body, type }): Shot => ({
          method: 'POST',
          path: '/api/v1/conversations',
          headers: type ? { 'content-type': type } : {},
          body,
          label: 'chat start',
        }));
      const chatRead = fc
        .record({
          id: conversationIdArb(),
          auth: bearer(),
          method: fc.constantFrom('GET', 'DELETE', 'PUT', 'PATCH'),
        })
        .map(({ id, auth, method }): Shot => ({
          method,
          path: `/api/v1/conversations/${encodeURIComponent(id)}`,
          headers: auth ? { authorization: auth } : {},
          label: 'chat read',
        }));
      const bot = fc
        .record({
          body: activityBody(),
          type: contentType,
          auth: fc.option(
            fc.string({ maxLength: 80 }).map((t) => `Bearer ${t}`),
            { nil: undefined },
          ),
        })
        .map(({ body, type, auth }): Shot => ({
          method: 'POST',
          path: '/api/messages',
          headers: {
            ...(type ? { 'content-type': type } : {}),
            ...(auth ? { authorization: auth } : {}),
          },
          body,
          label: 'teams',
        }));
      const support = fc
        .record({
          route: fc.constantFrom(...SUPPORT_API),
          ref: fc.oneof(
            fc.constantFrom('LH-7KQ4-M2XD', 'LH-0000-0000', '..', '%00'),
            fc.string({ maxLength: 30 }).map(encodeURIComponent),
          ),
          signedIn: fc.boolean(),
          csrf: fc.constantFrom('right', 'wrong', 'none'),
          body: fc.oneof(
            turnBody,
            fc
              .record(
                {
                  email: fc.oneof(fc.emailAddress(), anyValue),
                  password: anyValue,
                  code: anyValue,
                  note: anyValue,
                  text: anyValue,
                  text_en: anyValue,
                  text_nl: anyValue,
                  reason: anyValue,
                },
                { requiredKeys: [] },
              )
              .map((b) => JSON.stringify(b)),
          ),
          type: contentType,
        })
        .map(({ route, ref, signedIn, csrf, body, type }): Shot => {
          const headers: Record<string, string> = type ? { 'content-type': type } : {};
          if (signedIn) headers.cookie = staff.cookie;
          if (csrf === 'right') headers['x-csrf-token'] = staff.csrf;
          if (csrf === 'wrong') headers['x-csrf-token'] = 'x';
          const method = route.method === 'del' ? 'DELETE' : route.method.toUpperCase();
          const path = SUPPORT_PREFIX + route.path.replace(':ref', ref || 'x');
          // Signing out would end the session the other shots use; everything else goes.
          const safe = route.handler === 'signOut' ? 'GET' : method;
          return {
            method: safe,
            path,
            headers,
            body: safe === 'GET' ? undefined : body,
            label: `support ${route.handler}`,
          };
        });
      const links = fc
        .record({
          token: fc.string({ maxLength: 80 }),
          body: turnBody,
          which: fc.constantFrom('clock', 'clock-page', 'reset', 'verify'),
        })
        .map(({ token, body, which }): Shot => {
          const t = encodeURIComponent(token) || 'x';
          if (which === 'clock')
            return {
              method: 'POST',
              path: `/api/v1/clock/${t}`,
              headers: { 'content-type': 'application/json' },
              body,
              label: 'clock',
            };
          if (which === 'clock-page')
            return { method: 'GET', path: `/c/${t}`, headers: {}, label: 'clock page' };
          if (which === 'verify')
            return { method: 'GET', path: `/verify?token=${t}`, headers: {}, label: 'verify page' };
          return {
            method: 'POST',
            path: '/reset',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              cookie: `lh_reset=${t}`,
            },
            body: `password=${t}&repeat=${t}`,
            label: 'reset page',
          };
        });
      return fc.oneof(
        { weight: 6, arbitrary: chatTurn },
        { weight: 2, arbitrary: chatStart },
        { weight: 1, arbitrary: chatRead },
        { weight: 4, arbitrary: bot },
        { weight: 3, arbitrary: support },
        { weight: 1, arbitrary: links },
      );
    };

    const counts = async (): Promise<Record<string, number>> => {
      const selects = GUARDED.map((t) => sql<number>`(select count(*) from ${sql.table(t)})`.as(t));
      const row = await db.db.selectNoFrom(selects as never).executeTakeFirstOrThrow();
      return Object.fromEntries(
        Object.entries(row as Record<string, unknown>).map(([k, v]) => [k, Number(v)]),
      );
    };

    async function send(shot: Shot): Promise<{ status: number; headers: Headers; body: string }> {
      const init: RequestInit & { duplex?: 'half' } = {
        method: shot.method,
        headers: shot.headers,
      };
      if (shot.body !== undefined && shot.method !== 'GET') {
        if (shot.stream) {
          const bytes = Buffer.from(shot.body);
          init.body = new ReadableStream({
            start(controller) {
              for (let i = 0; i < bytes.length; i += 16_384)
                controller.enqueue(bytes.subarray(i, i + 16_384));
              controller.close();
            },
          });
          init.duplex = 'half';
        } else init.body = shot.body;
      }
      const res = await fetch(`${server.url}${shot.path}`, init);
      return { status: res.status, headers: res.headers, body: await res.text() };
    }

    beforeAll(async () => {
      const created = await backend.create();
      done = created.done;
      smtp = await startCountingSmtp();
      connector = await startConnector();
      server = await startServer({ ...created.env, SMTP_URL: smtp.url });
      db = created.open(server.dataDir);
      chat = new ChatClient(server.url);
      await chat.start({ locale: 'en' });
      // A signed-in support agent, so the case and notice handlers are reached too.
      await createStaff(db.db, {
        email: 'agent@example.test',
        name: 'Agent',
        password: 'Agent-passphrase-2026!',
        oneTime: false,
        now: Date.now(),
      });
      const api = new StaffApi(server.url);
      await api.enrol('agent@example.test', 'Agent-passphrase-2026!');
      Object.assign(staff, { cookie: api.cookie, csrf: api.csrf });
    });
    afterAll(async () => {
      await server?.stop();
      await db?.close();
      await connector?.close();
      await smtp?.close();
      await done?.();
    });

    it(`answers ${backend.runs} random and malformed requests without a 5xx, with security headers, storing nothing it refuses`, async () => {
      const tally = new Map<string, number>();
      const statuses = new Map<number, number>();
      let before = await counts();
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(shots(), async (shot) => {
          const res = await send(shot);
          tally.set(shot.label, (tally.get(shot.label) ?? 0) + 1);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, `${shot.method} ${shot.path}: ${res.body.slice(0, 300)}`).toBeLessThan(
            500,
          );
          for (const h of SECURITY_HEADERS)
            expect(res.headers.get(h), `${h} on ${shot.method} ${shot.path}`).toBeTruthy();
          const after = await counts();
          if (res.status >= 400) {
            expect(after, `rows changed by a refused ${shot.label} (${res.status})`).toEqual(
              before,
            );
            if (shot.path.startsWith('/api/')) {
              const body = JSON.parse(res.body) as {
                error?: { code?: unknown };
                type?: unknown;
                value?: { code?: unknown };
              };
              // Teams invokes answer in Bot Framework's own error shape (what Teams shows).
              const code =
                body.type === 'application/vnd.microsoft.error'
                  ? body.value?.code
                  : body.error?.code;
              expect(typeof code, `error code of ${shot.method} ${shot.path}`).toBe('string');
            }
          }
          before = after;
        }),
        { numRuns: backend.runs, endOnFailure: true },
      );
      const seconds = (Date.now() - started) / 1000;
      console.info(
        `${backend.name}: ${backend.runs} requests in ${seconds.toFixed(1)} s`,
        Object.fromEntries(tally),
        Object.fromEntries(statuses),
      );

      expect(server.proc.exitCode).toBeNull();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      // The same conversation still takes a normal turn.
      expect((await chat.raw({ turnId: randomUUID(), locale: 'en' })).status).toBe(200);
      expect(server.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
      // Alone, a run takes 10-25 s; the margin is for a machine busy with the other suites.
    }, 150_000);
  });
}
