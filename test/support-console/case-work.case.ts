import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDb } from '../../src/db/index.js';
import { ChatClient } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';
import { addStaff, lostPhoneCase, StaffApi } from './helpers.js';

export interface Backend {
  /** Server environment: DATABASE_URL for PostgreSQL, nothing for SQLite in the data folder. */
  env: Record<string, string>;
  /** The server's database, from the test's side. */
  open(dataDir: string): OpenedDb;
  done(): Promise<void>;
}

/**
 * The console's case work over HTTP, run once per storage backend (case-work.sqlite.test.ts,
 * case-work.postgres.test.ts): the queue's and actions' queries must mean the same on both.
 */
export function caseWorkSuite(backend: { name: string; create(): Promise<Backend> }): void {
  describe(`support console on ${backend.name}`, () => {
    let smtp: TestSmtp;
    let server: StartedServer;
    let staff: StaffApi;
    let store: Backend;

    beforeAll(async () => {
      store = await backend.create();
      smtp = await startSmtp();
      server = await startServer({ SMTP_URL: smtp.url, ...store.env });
      staff = new StaffApi(server.url);
      await staff.enrol(
        'desk@support.test',
        addStaff({ dataDir: server.dataDir, env: store.env }, 'desk@support.test', 'Desk'),
      );
    });
    afterAll(async () => {
      await server?.stop();
      await smtp?.close();
      await store?.done();
    });

    /** A case where the user asked for a person straight away: the chat verified nothing. */
    async function askForAPerson(
      email: string,
      portal: 'platform' | 'identity',
    ): Promise<{ chat: ChatClient; ref: string }> {
      const chat = new ChatClient(server.url);
      await chat.start({ locale: 'en' });
      await chat.choose('codeRejected');
      await chat.choose('nav.human');
      while (chat.last.status === 'active') {
        const input = chat.last.prompt?.input?.kind;
        if (input === 'text') await chat.value('Please help me log in.');
        else if (input === 'email') await chat.value(email);
        else if (chat.choices.includes(portal)) await chat.choose(portal);
        else if (chat.choices.includes('same')) await chat.choose('same');
        else throw new Error(`unexpected question: ${chat.said}`);
      }
      return { chat, ref: chat.last.caseRef! };
    }

    const mailTo = (address: string, subject: RegExp) =>
      smtp.waitFor((m) => recipient(m) === address && subject.test(m.subject ?? ''));

    describe('queue', () => {
      it('lists cases newest first, a page at a time, with counts per status, filters and search', async () => {
        const { db, close } = store.open(server.dataDir);
        const base = Date.UTC(2026, 0, 1);
        const statuses = ['open', 'waiting', 'resolved'] as const;
        await db
          .insertInto('cases')
          .values(
            Array.from({ length: 27 }, (_, i) => ({
              id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
              ref: `LH-${1000 + i}-QUEU`,
              conversation_id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
              channel: i % 4 === 0 ? ('teams' as const) : ('web' as const),
              status: statuses[i % 3]!,
              path: i % 2 ? 'lostPhone' : 'forgotPassword',
              reason: 'asked_for_person',
              portal: 'platform',
              email: `queue-user-${i}@example.com`,
              locale: 'en',
              description: null,
              facts: '{"tried":[]}',
              ownership_verified_at: null,
              created_at: base + i * 60_000,
              updated_at: base + i * 60_000,
              resolved_at: null,
              resolution_note: null,
            })),
          )
          .execute();
        await close();

        const all = (await staff.call('GET', '/cases?status=all&q=QUEU')).body;
        expect(all).toMatchObject({
          total: 27,
          page: 1,
          pageSize: 25,
          counts: { open: 9, waiting: 9, resolved: 9 },
        });
        expect(all.cases).toHaveLength(25);
        expect(all.cases[0]).toMatchObject({
          ref: 'LH-1026-QUEU',
          status: 'resolved',
          channel: 'web',
          ownershipVerified: false,
        });
        expect(all.cases.map((c: { createdAt: number }) => c.createdAt)).toEqual(
          [...all.cases.map((c: { createdAt: number }) => c.createdAt)].sort((a, b) => b - a),
        );
        const second = (await staff.call('GET', '/cases?status=all&q=QUEU&page=2')).body;
        expect(second.cases.map((c: { ref: string }) => c.ref)).toEqual([
          'LH-1001-QUEU',
          'LH-1000-QUEU',
        ]);

        const waiting = (await staff.call('GET', '/cases?status=waiting&path=lostPhone&q=queu'))
          .body;
        expect(waiting.counts).toEqual({ open: 4, waiting: 5, resolved: 4 });
        expect(
          waiting.cases.every(
            (c: { status: string; path: string }) =>
              c.status === 'waiting' && c.path === 'lostPhone',
          ),
        ).toBe(true);

        expect(
          (await staff.call('GET', '/cases?status=all&q=lh-1007')).body.cases.map(
            (c: { ref: string }) => c.ref,
          ),
        ).toEqual(['LH-1007-QUEU']);
        const byAddress = (await staff.call('GET', '/cases?status=all&q=Queue-User-12@')).body;
        expect(byAddress.cases.map((c: { email: string }) => c.email)).toEqual([
          'queue-user-12@example.com',
        ]);
        expect((await staff.call('GET', '/cases?status=stale')).status).toBe(400);
      });

      it('answers 404 for a case number that does not exist or is malformed', async () => {
        expect((await staff.call('GET', '/cases/LH-2222-3333')).body.error.code).toBe(
          'case_not_found',
        );
        expect((await staff.call('GET', '/cases/..%2F..%2Fetc')).status).toBe(404);
      });
    });

    describe('case actions', () => {
      it('writes to the user by mail, in the chat and on the status page, and waits for their answer', async () => {
        const { chat, ref } = await lostPhoneCase(server, smtp, {
          email: 'tom@demo.econnect.test',
          description: 'Stolen phone.',
          locale: 'nl',
        });
        const text = 'Kun je ons bellen zodat we je identiteit kunnen controleren?';
        const sent = await staff.call('POST', `/cases/${ref}/messages`, { text });
        expect(sent.body).toEqual({ status: 'waiting', delivery: { mail: true, chat: true } });

        const mail = await mailTo(
          'tom@demo.econnect.test',
          new RegExp(`Over je eConnect-supportmelding ${ref}`),
        );
        expect(mail.text).toContain(text);
        const link = /https?:\/\/\S+\/case-status\?token=\S+/.exec(mail.text ?? '')![0];
        const page = await (await fetch(link)).text();
        expect(page).toContain('Wacht op jou');
        expect(page).toContain(text);

        const read = await fetch(`${server.url}/api/v1/conversations/${chat.id}`, {
          headers: { authorization: `Bearer ${chat.token}` },
        });
        const lines = ((await read.json()) as { transcript: Array<{ kind: string; text: string }> })
          .transcript;
        expect(lines.at(-1)).toEqual(
          expect.objectContaining({
            kind: 'support',
            text: `Bericht van support over je melding ${ref}: ${text}`,
          }),
        );

        const detail = (await staff.call('GET', `/cases/${ref}`)).body;
        expect(detail.case.status).toBe('waiting');
        expect(detail.messages).toEqual([
          expect.objectContaining({ kind: 'message', body: text, staff: 'Desk' }),
        ]);
        expect(detail.audit).toEqual([
          expect.objectContaining({ action: 'case.message_sent', staff: 'Desk' }),
        ]);
      });

      it('resolves a case once', async () => {
        const { ref } = await askForAPerson('anna@demo.econnect.test', 'platform');
        expect((await staff.call('POST', `/cases/${ref}/resolve`, { note: '   ' })).status).toBe(
          400,
        );
        expect(
          (await staff.call('POST', `/cases/${ref}/resolve`, { note: 'Solved on the phone.' }))
            .status,
        ).toBe(200);
        const again = await staff.call('POST', `/cases/${ref}/resolve`, { note: 'Solved twice?' });
        expect(again.body.error.code).toBe('already_resolved');
      });

      it('resets 2FA without proven ownership only when staff confirm how they verified the user', async () => {
        const { ref } = await askForAPerson('tom@demo.econnect.test', 'identity');
        const refused = await staff.call('POST', `/cases/${ref}/reset-2fa`, {});
        expect(refused.body.error.code).toBe('confirmation_required');
        const vague = await staff.call('POST', `/cases/${ref}/reset-2fa`, {
          confirmUnverified: true,
          reason: 'ok',
        });
        expect(vague.status).toBe(400);

        const reason =
          'Called the user back on the number in the CRM and checked the invoice number.';
        const reset = await staff.call('POST', `/cases/${ref}/reset-2fa`, {
          confirmUnverified: true,
          reason,
        });
        expect(reset.body).toEqual({ portal: 'identity', totpEnabled: false });
        const told = await mailTo('tom@demo.econnect.test', /Two-step verification was turned off/);
        expect(told.text).toContain(ref);

        const detail = (await staff.call('GET', `/cases/${ref}`)).body;
        expect(detail.audit).toEqual([
          expect.objectContaining({
            action: 'case.2fa_reset',
            details: {
              portal: 'identity',
              ownershipVerified: false,
              confirmedWithoutVerification: true,
              reason,
            },
          }),
        ]);
        expect(
          (await staff.call('POST', `/cases/${ref}/reset-2fa`, { confirmUnverified: true, reason }))
            .body.error.code,
        ).toBe('two_factor_off');
      });

      it('resends the verification link to an unverified address, and says so when it is verified', async () => {
        const { ref } = await askForAPerson('ivo@demo.econnect.test', 'identity');
        expect((await staff.call('POST', `/cases/${ref}/resend-verification`, {})).body).toEqual({
          portal: 'identity',
          sent: true,
        });
        const mail = await mailTo('ivo@demo.econnect.test', /Verify your e-mail address/);
        expect(mail.text).toMatch(/\/verify\?token=/);

        const verified = await askForAPerson('anna@demo.econnect.test', 'platform');
        const answer = await staff.call('POST', `/cases/${verified.ref}/resend-verification`, {});
        expect(answer.body.error.code).toBe('already_verified');
      });
    });

    describe('sign-in lockout', () => {
      it('locks an account after five failed passwords, even for the right one', async () => {
        const email = 'locked@support.test';
        const password = addStaff({ dataDir: server.dataDir, env: store.env }, email, 'Locked');
        const anyone = new StaffApi(server.url);
        const statuses = [];
        for (let i = 0; i < 5; i++) {
          statuses.push(
            (await anyone.call('POST', '/session', { email, password: `guess ${i}` })).status,
          );
        }
        statuses.push((await anyone.call('POST', '/session', { email, password })).status);
        expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      });
    });

    describe('notice', () => {
      it('starts every new conversation with the notice in its language until it is removed', async () => {
        expect((await staff.call('PUT', '/notice', {})).status).toBe(400);
        const set = await staff.call('PUT', '/notice', {
          en: 'Reset e-mails are delayed this morning.',
          nl: 'Resetmails zijn vanochtend vertraagd.',
        });
        expect(set.body.notice).toMatchObject({
          en: 'Reset e-mails are delayed this morning.',
          setBy: 'Desk',
        });

        const dutch = new ChatClient(server.url);
        await dutch.start({ locale: 'nl' });
        expect(dutch.last.messages[0]).toMatchObject({
          kind: 'notice',
          text: 'Resetmails zijn vanochtend vertraagd.',
        });
        const english = new ChatClient(server.url);
        await english.start({ locale: 'en' });
        expect(english.last.messages[0]).toMatchObject({
          kind: 'notice',
          text: 'Reset e-mails are delayed this morning.',
        });

        expect((await staff.call('DELETE', '/notice')).body).toEqual({ notice: null });
        const after = new ChatClient(server.url);
        await after.start({ locale: 'en' });
        expect(after.last.messages.map((m) => m.kind)).not.toContain('notice');
      });
    });
  });
}
