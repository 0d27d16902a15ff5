/**
 * One storage contract, run on every backend (store.sqlite.test.ts, store.postgres.test.ts): the
 * same Kysely code and migrations must behave alike on SQLite and PostgreSQL. Each case goes
 * through the code the server runs (engine, actions, directory, outbox), not through SQL of its
 * own, so a query that only one dialect accepts fails here.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotStore } from '../../bot/store.js';
import { createActions } from '../../src/actions/index.js';
import { ManualClock } from '../../src/clock.js';
import type { Config } from '../../src/config.js';
import { sql, Migrator } from 'kysely';
import { migrate, type Db, type OpenedDb } from '../../src/db/index.js';
import { migrationProvider } from '../../src/db/migrations.js';
import {
  DEMO_PASSWORD,
  findAccounts,
  hashPassword,
  issueOwnershipCode,
  issueToken,
  redeemToken,
  seedDemoAccounts,
  setPassword,
  verifyOwnershipCode,
  verifyPassword,
} from '../../src/directory/index.js';
import { Engine } from '../../src/engine/engine.js';
import type { Reply } from '../../src/engine/output.js';
import { enqueueMail, LEASE_MS, OutboxSender, type MailTransport } from '../../src/mail/index.js';
import { purgeExpired } from '../../src/retention.js';
import { ensureSecret } from '../../src/settings.js';
import { PhrasingClassifier } from '../../src/understanding/phrasing-classifier.js';
import { addConversation, inTurn, logger, testConfig } from '../actions/fixtures.js';

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  /**
   * A fresh, empty database. `open()` gives a new handle on it: a second handle stands for a
   * second instance (on SQLite, where one instance is supported, it is the same connection).
   */
  create(): Promise<{ open(): OpenedDb; destroy(): Promise<void> }>;
}

const DAY = 24 * 60 * 60_000;

export function storeContract(backend: StoreBackend): void {
  describe(`storage on ${backend.name}`, () => {
    let destroy: () => Promise<void>;
    let first: OpenedDb;
    let second: OpenedDb;
    let db: Db;
    const clock = new ManualClock();
    let config: Config;

    const engineOn = (database: OpenedDb) =>
      new Engine({
        db: database.db,
        clock,
        content: config.content,
        resetLinkMinutes: config.RESET_LINK_MINUTES,
        actions: createActions({ config, content: config.content, clock, logger }),
        classifier: new PhrasingClassifier(),
        logger,
      });

    beforeAll(async () => {
      const created = await backend.create();
      destroy = created.destroy;
      first = created.open();
      db = first.db;
      await migrate(db);
      second = created.open();
      // Migrating again from a second instance finds nothing to do.
      await migrate(second.db);
      config = testConfig();
      await seedDemoAccounts(db, clock.now());
    });
    afterAll(async () => {
      if (second !== first) await second?.close();
      await first?.close();
      await destroy?.();
    });

    describe('conversations, steps, transcript and turns', () => {
      it('stores a turn and answers a repeated turn id from the stored reply', async () => {
        const engine = engineOn(first);
        const start = await engine.start({ channel: 'web', clientKey: 'c1', locale: 'nl' });
        const turnId = randomUUID();
        const reply = await engine.turn(start.conversationId, {
          turnId,
          kind: 'choice',
          choice: 'forgotPassword',
        });
        const again = await engine.turn(start.conversationId, {
          turnId,
          kind: 'choice',
          choice: 'forgotPassword',
        });
        expect(again).toEqual({ ...reply, replayed: true });

        const conv = await db
          .selectFrom('conversations')
          .selectAll()
          .where('id', '=', start.conversationId)
          .executeTakeFirstOrThrow();
        expect(conv).toMatchObject({
          seq: 2,
          locale: 'nl',
          status: 'active',
          created_at: clock.now(),
        });
        expect(typeof conv.created_at).toBe('number');
        const steps = await db
          .selectFrom('steps')
          .select('seq')
          .where('conversation_id', '=', conv.id)
          .orderBy('seq')
          .execute();
        expect(steps.map((s) => s.seq)).toEqual([1, 2]);
        const lines = await db
          .selectFrom('transcript')
          .select('line')
          .where('conversation_id', '=', conv.id)
          .orderBy('line')
          .execute();
        expect(lines.map((l) => l.line)).toEqual(lines.map((_, i) => i + 1));
        expect((await engine.read(conv.id)).flow).toBe('whichPortal');
      });

      it('continues a conversation whose turns alternate between two instances', async () => {
        const [a, b] = [engineOn(first), engineOn(second)];
        const start = await a.start({ channel: 'web', clientKey: 'c2', locale: 'en' });
        await b.turn(start.conversationId, {
          turnId: 't1',
          kind: 'choice',
          choice: 'forgotPassword',
        });
        await a.turn(start.conversationId, { turnId: 't2', kind: 'choice', choice: 'platform' });
        const asked = await b.turn(start.conversationId, {
          turnId: 't3',
          kind: 'choice',
          choice: 'reset',
        });
        expect(asked.prompt?.input?.kind).toBe('email');
        const sent = await a.turn(start.conversationId, {
          turnId: 't4',
          kind: 'value',
          value: 'anna@demo.econnect.test',
        });
        expect(sent.seq).toBe(5);
        expect(sent.flow).toBe('forgotPassword');
      });

      it('serialises concurrent turns on one conversation across instances', async () => {
        const [a, b] = [engineOn(first), engineOn(second)];
        const start = await a.start({ channel: 'web', clientKey: 'c3', locale: 'en' });
        const turns = Array.from({ length: 16 }, (_, i) =>
          (i % 2 ? a : b).turn(start.conversationId, {
            turnId: `p${i}`,
            kind: 'locale',
            locale: i % 4 < 2 ? 'en' : 'nl',
          }),
        );
        const replies = await Promise.all(turns);
        expect(replies.map((r) => r.seq).sort((x, y) => x - y)).toEqual(
          Array.from({ length: 16 }, (_, i) => i + 2),
        );
        const lines = await db
          .selectFrom('transcript')
          .select('line')
          .where('conversation_id', '=', start.conversationId)
          .orderBy('line')
          .execute();
        expect(lines.map((l) => l.line)).toEqual(lines.map((_, i) => i + 1));
        const steps = await db
          .selectFrom('steps')
          .select('prev')
          .where('conversation_id', '=', start.conversationId)
          .execute();
        expect(steps).toHaveLength(17);
      });
    });

    describe('directory and tokens', () => {
      it('seeds the demo accounts once and finds an address on both login pages', async () => {
        await seedDemoAccounts(second.db, clock.now());
        const bob = await findAccounts(db, ' Bob@Demo.eConnect.test ');
        expect(bob.map((a) => a.portal)).toEqual(['platform', 'identity']);
        expect(await verifyPassword(DEMO_PASSWORD, bob[0]!.password_hash)).toBe(true);
        expect(
          await setPassword(
            db,
            bob[0]!.id,
            await hashPassword('A-new-long-passphrase-1'),
            clock.now(),
          ),
        ).toBe(true);
      });

      it('lets exactly one of many concurrent redemptions use a link', async () => {
        const [anna] = await findAccounts(db, 'anna@demo.econnect.test');
        const secret = await issueToken(db, {
          kind: 'reset',
          email: anna!.email,
          portal: 'platform',
          accountId: anna!.id,
          ttlMs: 60_000,
          now: clock.now(),
        });
        const tries = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 ? first : second).db
              .transaction()
              .execute((tx) => redeemToken(tx, 'reset', secret, clock.now())),
          ),
        );
        expect(tries.filter((t) => t.ok)).toHaveLength(1);
        expect(tries.filter((t) => !t.ok).every((t) => !t.ok && t.error === 'used')).toBe(true);
      });

      it('checks an ownership code once and counts wrong guesses', async () => {
        const conv = randomUUID();
        const code = await issueOwnershipCode(db, {
          email: 'x@example.test',
          ttlMs: 600_000,
          now: clock.now(),
          conversationId: conv,
        });
        const wrong = code === '000000' ? '111111' : '000000';
        expect(
          await verifyOwnershipCode(db, {
            email: 'x@example.test',
            code: wrong,
            conversationId: conv,
            now: clock.now(),
          }),
        ).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 });
        expect(
          await verifyOwnershipCode(db, {
            email: 'x@example.test',
            code,
            conversationId: conv,
            now: clock.now(),
          }),
        ).toEqual({ ok: true });
        expect(
          await verifyOwnershipCode(db, {
            email: 'x@example.test',
            code,
            conversationId: conv,
            now: clock.now(),
          }),
        ).toEqual({ ok: false, reason: 'expired' });
      });
    });

    describe('cases', () => {
      it('stores a case with a readable reference and queues both mails with the transcript', async () => {
        const engine = engineOn(first);
        const start = await engine.start({ channel: 'web', clientKey: 'c4', locale: 'en' });
        const actions = createActions({ config, content: config.content, clock, logger });
        const result = await inTurn(
          db,
          { conversationId: start.conversationId, now: clock.now() },
          (ctx) =>
            actions.createCase(
              {
                path: 'lostPhone',
                reason: 'asked_for_person',
                facts: { tried: [], email: 'anna@demo.econnect.test', description: 'new phone' },
              },
              ctx,
            ),
        );
        expect(result).toMatchObject({
          status: 'ok',
          caseRef: expect.stringMatching(/^LH-[A-Z0-9]{4}-[A-Z0-9]{4}$/),
        });
        const stored = await db
          .selectFrom('cases')
          .selectAll()
          .where('conversation_id', '=', start.conversationId)
          .executeTakeFirstOrThrow();
        expect(stored).toMatchObject({
          status: 'open',
          email: 'anna@demo.econnect.test',
          ownership_verified_at: null,
        });
        const mails = await db
          .selectFrom('outbox')
          .select(['kind', 'to_address'])
          .where('conversation_id', '=', start.conversationId)
          .orderBy('kind')
          .execute();
        expect(mails).toEqual([
          { kind: 'case-support', to_address: config.SUPPORT_MAILBOX },
          { kind: 'case-user', to_address: 'anna@demo.econnect.test' },
        ]);
      });
    });

    describe('outbox and limits', () => {
      it('delivers each mail exactly once with two senders on two instances', async () => {
        await db.deleteFrom('outbox').execute();
        const delivered: string[] = [];
        const transport: MailTransport = {
          async sendMail(mail) {
            await new Promise((r) => setTimeout(r, 2));
            delivered.push(String(mail.messageId));
          },
        };
        for (let i = 0; i < 40; i++) {
          await enqueueMail(
            db,
            {
              kind: 'locator',
              to: { address: `user${i}@example.test` },
              subject: 's',
              text: 't',
              html: 'h',
            },
            clock.now(),
          );
        }
        const senders = [first, second, first, second].map(
          (d) => new OutboxSender({ db: d.db, transport, clock, logger }),
        );
        await Promise.all(senders.map((s) => s.drain()));
        expect(delivered).toHaveLength(40);
        expect(new Set(delivered).size).toBe(40);
        const statuses = await db.selectFrom('outbox').select('status').distinct().execute();
        expect(statuses).toEqual([{ status: 'sent' }]);
      });

      it('sends again, once, what a crashed sender had claimed', async () => {
        await db.deleteFrom('outbox').execute();
        const id = await enqueueMail(
          db,
          {
            kind: 'locator',
            to: { address: 'crash@example.test' },
            subject: 's',
            text: 't',
            html: 'h',
          },
          clock.now(),
        );
        // A sender claimed the row and died before it finished.
        await db
          .updateTable('outbox')
          .set({ status: 'sending', attempts: 1, lease_until: clock.now() + LEASE_MS })
          .where('id', '=', id)
          .execute();
        const delivered: string[] = [];
        const transport: MailTransport = {
          sendMail: async (m) => void delivered.push(String(m.messageId)),
        };
        const senders = [first, second].map(
          (d) => new OutboxSender({ db: d.db, transport, clock, logger }),
        );
        await Promise.all(senders.map((s) => s.drain()));
        expect(delivered).toHaveLength(0);
        clock.advance(LEASE_MS + 1);
        await Promise.all(senders.map((s) => s.drain()));
        expect(delivered).toHaveLength(1);
        expect(
          await db
            .selectFrom('outbox')
            .select(['status', 'attempts'])
            .where('id', '=', id)
            .executeTakeFirst(),
        ).toEqual({ status: 'sent', attempts: 2 });
      });

      it('holds the per-address limit when many conversations on two instances mail one address at once', async () => {
        const address = `limit-${randomUUID().slice(0, 8)}@example.test`;
        const conversations = await Promise.all(
          Array.from({ length: 8 }, async () => {
            const id = randomUUID();
            await addConversation(db, id, clock.now());
            return id;
          }),
        );
        const actions = createActions({ config, content: config.content, clock, logger });
        const results = await Promise.all(
          conversations.map((conversationId, i) =>
            inTurn((i % 2 ? first : second).db, { conversationId, now: clock.now() }, (ctx) =>
              actions.sendAccountLocator({ email: address }, ctx),
            ),
          ),
        );
        expect(results.filter((r) => r.status === 'ok')).toHaveLength(3);
        expect(results.filter((r) => r.status === 'limited')).toHaveLength(5);
        const queued = await db
          .selectFrom('outbox')
          .select('id')
          .where('to_address', '=', address)
          .execute();
        expect(queued).toHaveLength(3);
        // An hour later the address may be mailed again.
        const conversationId = randomUUID();
        await addConversation(db, conversationId, clock.now());
        const later = await inTurn(db, { conversationId, now: clock.now() + 61 * 60_000 }, (ctx) =>
          actions.sendAccountLocator({ email: address }, ctx),
        );
        expect(later.status).toBe('ok');
      });
    });

    describe('settings and the Teams map', () => {
      it('agrees on one generated secret when two instances start together', async () => {
        const secrets = await Promise.all(
          [first, second, first, second].map((d) => ensureSecret(d.db, 'contract_secret')),
        );
        expect(new Set(secrets).size).toBe(1);
      });

      it('keeps the first mapping when two instances insert the same Teams conversation', async () => {
        const row = (conversation: string) => ({
          key: 'k1',
          channel_id: 'msteams',
          tenant_id: null,
          bf_conversation_id: 'a:1',
          scope: 'personal',
          conversation_id: conversation,
          created_by: null,
          created_at: clock.now(),
          updated_at: clock.now(),
        });
        const [x, y] = await Promise.all([
          new BotStore(first.db).insert(row('c-a')),
          new BotStore(second.db).insert(row('c-b')),
        ]);
        expect(x.conversation_id).toBe(y.conversation_id);
      });

      it('reads a Teams mapping together with its engine conversation, and without one', async () => {
        const engine = engineOn(first);
        const started = await engine.start({
          channel: 'teams',
          clientKey: 'u1',
          locale: 'nl',
          channelRef: '{"r":1}',
        });
        const store = new BotStore(second.db);
        const base = {
          channel_id: 'msteams',
          tenant_id: null,
          bf_conversation_id: 'a:2',
          scope: 'personal',
          created_by: null,
          created_at: clock.now(),
          updated_at: clock.now(),
        };
        await store.insert({
          ...base,
          key: 'with-engine',
          conversation_id: started.conversationId,
        });
        await store.insert({ ...base, key: 'engine-gone', conversation_id: randomUUID() });
        const found = await store.findWithEngine('with-engine');
        expect(found?.row.conversation_id).toBe(started.conversationId);
        expect(found?.engine).toEqual({
          seq: 1,
          locale: 'nl',
          status: 'active',
          channelRef: '{"r":1}',
        });
        await store.updateChannelRef(started.conversationId, '{"r":2}');
        expect((await store.engineState(started.conversationId))?.channelRef).toBe('{"r":2}');
        expect((await store.findWithEngine('engine-gone'))?.engine).toBeUndefined();
        expect(await store.findWithEngine('no-such-key')).toBeUndefined();
      });
    });

    describe('retention', () => {
      it('purges old conversations with everything of theirs and keeps a case transcript for its own period', async () => {
        const engine = engineOn(first);
        const old = clock.now();
        const plain = await engine.start({ channel: 'web', clientKey: 'r1', locale: 'en' });
        await engine.turn(plain.conversationId, {
          turnId: 'r1',
          kind: 'choice',
          choice: 'forgotPassword',
        });
        const withCase: Reply = await engine.start({
          channel: 'web',
          clientKey: 'r2',
          locale: 'en',
        });
        await inTurn(db, { conversationId: withCase.conversationId, now: old }, (ctx) =>
          createActions({ config, content: config.content, clock, logger }).createCase(
            { path: 'escalation', reason: 'asked_for_person', facts: { tried: [] } },
            ctx,
          ),
        );
        const count = async (
          table: 'conversations' | 'transcript' | 'steps' | 'turns' | 'cases',
          id: string,
        ) => {
          const column = table === 'conversations' ? 'id' : 'conversation_id';
          const rows = await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(column, '=', id)
            .executeTakeFirstOrThrow();
          return Number(rows.n);
        };
        const policy = { retentionDays: 90, caseRetentionDays: 365 };

        await purgeExpired(db, { ...policy, now: old + 89 * DAY });
        expect(await count('transcript', plain.conversationId)).toBeGreaterThan(0);

        await purgeExpired(second.db, { ...policy, now: old + 91 * DAY });
        for (const table of ['conversations', 'transcript', 'steps', 'turns'] as const)
          expect(await count(table, plain.conversationId)).toBe(0);
        expect(await count('transcript', withCase.conversationId)).toBeGreaterThan(0);
        expect(await count('cases', withCase.conversationId)).toBe(1);

        await purgeExpired(db, { ...policy, now: old + 366 * DAY });
        for (const table of ['conversations', 'transcript', 'cases'] as const)
          expect(await count(table, withCase.conversationId)).toBe(0);
      });
    });

    describe('upgrading a database', () => {
      it('gives conversations stored before 0006 their line count, and turns number on from it', async () => {
        const fresh = await backend.create();
        const opened = fresh.open();
        try {
          const migrator = new Migrator({ db: opened.db, provider: migrationProvider });
          const to5 = await migrator.migrateTo('0005_outbox_sealed');
          expect(to5.error).toBeUndefined();
          // What the engine of that release stored: a conversation with three lines, one without.
          const id = randomUUID();
          const empty = randomUUID();
          for (const conv of [id, empty]) {
            await sql`INSERT INTO conversations (id, channel, locale, locale_chosen, status, seq,
              client_key, created_at, updated_at) VALUES (${conv}, 'web', 'en', 0, 'active', 0,
              'c', ${clock.now()}, ${clock.now()})`.execute(opened.db);
          }
          for (const line of [1, 2, 3]) {
            await sql`INSERT INTO transcript (conversation_id, line, seq, role, kind, body, created_at)
              VALUES (${id}, ${line}, 0, 'assistant', 'text', '{"text":"hi"}', ${clock.now()})`.execute(
              opened.db,
            );
          }
          await migrate(opened.db);
          const counts = await opened.db
            .selectFrom('conversations')
            .select(['id', 'lines'])
            .where('id', 'in', [id, empty])
            .execute();
          expect(Object.fromEntries(counts.map((c) => [c.id, c.lines]))).toEqual({
            [id]: 3,
            [empty]: 0,
          });

          // A step for the turn to start from: the triage question, as a new conversation has.
          const started = await engineOn(opened).start({ channel: 'web', clientKey: 'c' });
          const step = await opened.db
            .selectFrom('steps')
            .selectAll()
            .where('conversation_id', '=', started.conversationId)
            .executeTakeFirstOrThrow();
          await opened.db
            .insertInto('steps')
            .values({ ...step, conversation_id: id, seq: 0 })
            .execute();
          await engineOn(opened).turn(id, { turnId: 'after-upgrade', kind: 'text', text: 'hmm' });
          const lines = await opened.db
            .selectFrom('transcript')
            .select('line')
            .where('conversation_id', '=', id)
            .orderBy('line')
            .execute();
          const after = await opened.db
            .selectFrom('conversations')
            .select('lines')
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          expect(lines.map((l) => l.line)).toEqual(
            Array.from({ length: after.lines }, (_, i) => i + 1),
          );
          expect(after.lines).toBeGreaterThan(3);
        } finally {
          await opened.close();
          await fresh.destroy();
        }
      });
    });
  });
}
