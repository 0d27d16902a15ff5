import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultContent } from '../../flows/content.js';
import type { ActionResult, Facts, Portal } from '../../flows/types.js';
import { createActions } from '../../src/actions/index.js';
import type { ActionSet } from '../../src/actions/types.js';
import { ManualClock } from '../../src/clock.js';
import type { Db } from '../../src/db/index.js';
import { peekToken, redeemToken, seedDemoAccounts } from '../../src/directory/index.js';
import { createTransport, OutboxSender } from '../../src/mail/index.js';
import { addConversation, inTurn, linkSecret, logger, openTestDb, startSmtp, testConfig } from './fixtures.js';

const config = testConfig();
const HOUR = 60 * 60_000;

describe('actions', () => {
  let db: Db;
  let close: () => Promise<void>;
  let actions: ActionSet;
  let clock: ManualClock;

  beforeEach(async () => {
    ({ db, close } = await openTestDb());
    clock = new ManualClock();
    actions = createActions({ config, content: config.content, clock, logger });
    await seedDemoAccounts(db, clock.now());
    await addConversation(db, 'c1', clock.now());
  });
  afterEach(() => close());

  const run = (name: keyof ActionSet, input: unknown, over: { locale?: 'en' | 'nl'; conversationId?: string } = {}) =>
    inTurn(db, { conversationId: 'c1', now: clock.now(), ...over }, (ctx) => actions[name](input, ctx));

  const mailsTo = (address: string) =>
    db.selectFrom('outbox').selectAll().where('to_address', '=', address).orderBy('created_at').execute();

  /** Runs one address action for each address and returns the results and the one mail each got. */
  async function forEach(name: keyof ActionSet, addresses: string[], portal?: Portal) {
    const results: ActionResult[] = [];
    for (const email of addresses) results.push(await run(name, portal ? { email, portal } : { email }));
    const mails = await Promise.all(addresses.map(async (a) => (await mailsTo(a.toLowerCase())).at(-1)!));
    return { results, mails };
  }

  describe('no enumeration', () => {
    it('answers a reset request alike for verified, unverified, SSO and unknown addresses', async () => {
      const { results, mails } = await forEach('sendPasswordReset', [
        'anna@demo.econnect.test',
        'sara@demo.econnect.test',
        'nobody@demo.econnect.test',
        'ANNA@demo.econnect.test',
      ], 'platform');
      const identity = await run('sendPasswordReset', { email: 'ivo@demo.econnect.test', portal: 'identity' });

      for (const result of [...results, identity]) expect(result).toEqual({ status: 'ok', at: clock.now() });
      const [anna, sara, nobody] = mails;
      expect(anna!.subject).toBe('Reset your eConnect Platform password');
      expect(linkSecret(anna!.text_body, 'reset')).toBeDefined();
      expect(sara!.subject).toBe('Your eConnect password is managed by your organisation');
      expect(nobody!.subject).toBe('No eConnect account on platform.econnect.eu for this address');
      expect(nobody!.text_body).toContain('https://identity.econnect.eu');

      const [ivo] = await mailsTo('ivo@demo.econnect.test');
      expect(ivo!.subject).toBe('Verify your e-mail address to reset your eConnect password');
      expect(linkSecret(ivo!.text_body, 'reset')).toBeUndefined();
      expect(linkSecret(ivo!.text_body, 'verify')).toBeDefined();
      expect(new Set(mails.map((m) => m!.kind))).toEqual(new Set(['reset']));
    });

    it('names the other login page when the address has an account only there', async () => {
      await run('sendPasswordReset', { email: 'anna@demo.econnect.test', portal: 'identity' });
      const [mail] = await mailsTo('anna@demo.econnect.test');
      expect(mail!.subject).toBe('No eConnect account on identity.econnect.eu for this address');
      expect(mail!.text_body).toContain('does have an account on the other login page, platform.econnect.eu');
    });

    it('answers a verification resend alike while the mails differ', async () => {
      const { results, mails } = await forEach('resendVerification', [
        'ivo@demo.econnect.test',
        'tom@demo.econnect.test',
        'bob@demo.econnect.test',
        'nobody@demo.econnect.test',
      ], 'identity');
      const sso = await run('resendVerification', { email: 'sara@demo.econnect.test', portal: 'platform' });

      for (const result of [...results, sso]) expect(result).toEqual({ status: 'ok', at: clock.now() });
      expect(mails.map((m) => m!.subject)).toEqual([
        'Verify your e-mail address for eConnect Control or the Peppol Service Bus (PSB)',
        'Your e-mail address for eConnect Control or the Peppol Service Bus (PSB) is already verified',
        'Your e-mail address for eConnect Control or the Peppol Service Bus (PSB) is already verified',
        'No eConnect account on identity.econnect.eu for this address',
      ]);
      expect((await mailsTo('sara@demo.econnect.test'))[0]!.subject).toBe(
        'Your eConnect password is managed by your organisation',
      );
    });

    it('answers the account locator alike for one, both and no login pages', async () => {
      const { results, mails } = await forEach('sendAccountLocator', [
        'anna@demo.econnect.test',
        'bob@demo.econnect.test',
        'nobody@demo.econnect.test',
      ]);

      for (const result of results) expect(result).toEqual({ status: 'ok', at: clock.now() });
      const [anna, bob, nobody] = mails.map((m) => m!.text_body);
      expect(anna).toContain('It has one on platform.econnect.eu (Platform)');
      expect(bob).toContain('It has an account on both login pages');
      expect(nobody).toContain('It has none');
    });

    it('mails an ownership code whether or not the address has an account', async () => {
      const { results, mails } = await forEach('sendOwnershipCode', ['tom@demo.econnect.test', 'nobody@demo.econnect.test']);
      for (const result of results) expect(result).toEqual({ status: 'ok', at: clock.now() });
      for (const mail of mails) expect(mail!.text_body).toMatch(/^\d{6}$/m);
    });
  });

  describe('limits', () => {
    it('sends at most three reset mails an hour to one address, then says when to retry', async () => {
      const input = { email: 'anna@demo.econnect.test', portal: 'platform' };
      for (let i = 0; i < 3; i++) {
        expect(await run('sendPasswordReset', input)).toMatchObject({ status: 'ok' });
        clock.advance(10 * 60_000);
      }
      expect(await run('sendPasswordReset', input)).toEqual({ status: 'limited', retryAfterMinutes: 30 });
      expect(await run('sendPasswordReset', { ...input, email: 'nobody@demo.econnect.test' })).toEqual({
        status: 'ok',
        at: clock.now(),
      });
      expect(await mailsTo('anna@demo.econnect.test')).toHaveLength(3);

      clock.advance(30 * 60_000);
      expect(await run('sendPasswordReset', input)).toMatchObject({ status: 'ok' });
    });

    it('limits unknown addresses exactly as it limits known ones', async () => {
      const results: ActionResult[] = [];
      for (const email of ['anna@demo.econnect.test', 'nobody@demo.econnect.test']) {
        for (let i = 0; i < 4; i++) results.push(await run('resendVerification', { email, portal: 'platform' }));
      }
      expect(results.slice(0, 4)).toEqual(results.slice(4));
      expect(results[3]).toEqual({ status: 'limited', retryAfterMinutes: 60 });
    });

    it('stops one conversation from mailing more than ten addresses an hour', async () => {
      for (let i = 0; i < 10; i++) {
        expect(await run('sendAccountLocator', { email: `person${i}@example.test` })).toMatchObject({ status: 'ok' });
      }
      expect(await run('sendAccountLocator', { email: 'person10@example.test' })).toMatchObject({ status: 'limited' });
    });
  });

  it('sends a reset link the reset page can redeem once', async () => {
    await run('sendPasswordReset', { email: 'anna@demo.econnect.test', portal: 'platform' });
    const [mail] = await mailsTo('anna@demo.econnect.test');
    const secret = linkSecret(mail!.text_body, 'reset')!;

    expect(await peekToken(db, 'reset', secret, clock.now())).toMatchObject({ ok: true, account: { email: 'anna@demo.econnect.test' } });
    expect(mail!.html_body).toContain(`https://help.example.test/reset?token=${secret}&amp;lang=en`);
    clock.advance(config.RESET_LINK_MINUTES * 60_000);
    expect(await redeemToken(db, 'reset', secret, clock.now())).toEqual({ ok: false, error: 'expired' });
  });

  it('writes the mail in Dutch for a Dutch conversation', async () => {
    await run('sendPasswordReset', { email: 'anna@demo.econnect.test', portal: 'platform' }, { locale: 'nl' });
    const [mail] = await mailsTo('anna@demo.econnect.test');
    expect(mail!.subject).toBe('Je eConnect Platform-wachtwoord opnieuw instellen');
    expect(mail!.html_body).toContain('<html lang="nl">');
    expect(mail!.text_body).toContain('Nieuw wachtwoord kiezen');
    expect(mail!.text_body).toContain('&lang=nl');
  });

  it('refuses an address the engine should have rejected', async () => {
    await expect(run('sendPasswordReset', { email: 'not an address', portal: 'platform' })).rejects.toMatchObject({
      code: 'INVALID_ADDRESS',
    });
    await expect(run('sendPasswordReset', { email: 'anna@demo.econnect.test', portal: 'unsure' })).rejects.toMatchObject({
      code: 'INVALID_ACTION_INPUT',
    });
  });

  describe('ownership code', () => {
    const email = 'tom@demo.econnect.test';
    const codeMailed = async () => (await mailsTo(email)).at(-1)!.text_body.match(/^(\d{6})$/m)![1]!;
    const check = (code: string, conversationId = 'c1') => run('checkOwnershipCode', { email, code }, { conversationId });
    const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

    it('accepts the right code once', async () => {
      await run('sendOwnershipCode', { email });
      const code = await codeMailed();
      expect(await check(` ${code.slice(0, 3)} ${code.slice(3)} `)).toEqual({ status: 'ok', at: clock.now() });
      expect(await check(code)).toEqual({ status: 'failed', reason: 'expired' });
    });

    it('counts wrong guesses and locks the code at the fifth', async () => {
      await run('sendOwnershipCode', { email });
      const code = await codeMailed();
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await check(wrong(code)));
      expect(results).toEqual([
        { status: 'failed', reason: 'wrong', attemptsLeft: 4 },
        { status: 'failed', reason: 'wrong', attemptsLeft: 3 },
        { status: 'failed', reason: 'wrong', attemptsLeft: 2 },
        { status: 'failed', reason: 'wrong', attemptsLeft: 1 },
        { status: 'failed', reason: 'locked' },
      ]);
      expect(await check(code)).toEqual({ status: 'failed', reason: 'locked' });
    });

    it('expires the code after ten minutes', async () => {
      await run('sendOwnershipCode', { email });
      const code = await codeMailed();
      clock.advance(10 * 60_000);
      expect(await check(code)).toEqual({ status: 'failed', reason: 'expired' });
    });

    it('accepts only the newest code, and only in the conversation it was sent from', async () => {
      await addConversation(db, 'c2', clock.now());
      await run('sendOwnershipCode', { email });
      const first = await codeMailed();
      await run('sendOwnershipCode', { email });
      const second = await codeMailed();

      expect(await check(second, 'c2')).toEqual({ status: 'failed', reason: 'none' });
      if (first !== second) expect(await check(first)).toMatchObject({ status: 'failed', reason: 'wrong' });
      expect(await check(second)).toEqual({ status: 'ok', at: clock.now() });
    });

    it('says no code was sent when none was', async () => {
      expect(await check('123456')).toEqual({ status: 'failed', reason: 'none' });
    });
  });

  describe('createCase', () => {
    const facts: Facts = {
      portal: 'identity',
      email: 'Tom@demo.econnect.test',
      tried: ['lostPhone', 'action:ownershipCode'],
      hasRecoveryCodes: false,
      description: 'New phone, <script>alert("x")</script> & no codes',
    };

    async function addTranscript() {
      const lines = [
        { role: 'assistant', kind: 'text', body: { key: 'lost.ask', params: {}, text: 'Do you still have your recovery codes?' } },
        { role: 'user', kind: 'choice', body: { label: 'No, I do not' } },
        { role: 'user', kind: 'marker', body: { marker: 'password' } },
        { role: 'user', kind: 'text', body: { text: 'My phone fell in the <b>canal</b>' } },
      ] as const;
      await db
        .insertInto('transcript')
        .values(lines.map((l, i) => ({
          conversation_id: 'c1', line: i + 1, seq: i + 1, role: l.role, kind: l.kind,
          body: JSON.stringify(l.body), created_at: clock.now() + i * 1000,
        })))
        .execute();
    }

    async function escalate(over: Partial<Facts> = {}) {
      return run('createCase', { facts: { ...facts, ...over }, reason: 'lostPhone.noCodes', path: 'lostPhone' });
    }

    it('stores the case, links the conversation and mails support and the user', async () => {
      await addTranscript();
      const result = await escalate();

      expect(result).toEqual({ status: 'ok', at: clock.now(), caseRef: expect.stringMatching(/^LH-[2-9A-Z]{4}-[2-9A-Z]{4}$/) });
      const caseRef = (result as { caseRef: string }).caseRef;
      const row = await db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        ref: caseRef, conversation_id: 'c1', channel: 'web', status: 'open', path: 'lostPhone',
        reason: 'lostPhone.noCodes', portal: 'identity', email: 'tom@demo.econnect.test', locale: 'en',
        description: facts.description, ownership_verified_at: null,
      });
      expect(JSON.parse(row.facts)).toEqual(facts);
      expect(await db.selectFrom('conversations').select('case_ref').executeTakeFirst()).toEqual({ case_ref: caseRef });

      const smtp = await startSmtp();
      const sender = new OutboxSender({ db, transport: createTransport(testConfig({ SMTP_URL: smtp.url }), db, clock), clock, logger });
      await sender.drain();
      await smtp.close();

      const support = smtp.received.find((m) => m.to && 'text' in m.to && m.to.text === 'support@help.example.test')!;
      const user = smtp.received.find((m) => m.to && 'text' in m.to && m.to.text === 'tom@demo.econnect.test')!;
      expect(smtp.received).toHaveLength(2);
      expect(support.subject).toBe(`[${caseRef}] Login help: lostPhone (lostPhone.noCodes)`);
      expect(support.text).toContain('Login address: tom@demo.econnect.test');
      expect(support.text).toContain('Assistant: Do you still have your recovery codes?');
      expect(support.text).toContain('User: [No, I do not]');
      expect(support.text).toContain('User: [removed: password]');
      expect(support.text).toContain('User: My phone fell in the <b>canal</b>');
      expect(user.subject).toBe(`Your eConnect support case ${caseRef}`);
      expect(user.text).toContain(caseRef);
      expect(user.text).toContain(`${defaultContent.support.phone} or support@econnect.example (on working days)`);
    });

    it('escapes HTML the user typed, in the description and in the transcript', async () => {
      await addTranscript();
      await escalate();
      const support = await db.selectFrom('outbox').selectAll().where('kind', '=', 'case-support').executeTakeFirstOrThrow();

      expect(support.html_body).not.toContain('<script>');
      expect(support.html_body).not.toContain('<b>canal</b>');
      expect(support.html_body).toContain('New phone, &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; no codes');
      expect(support.html_body).toContain('My phone fell in the &lt;b&gt;canal&lt;/b&gt;');
    });

    it('records ownership only when a used ownership code proves it', async () => {
      await run('sendOwnershipCode', { email: 'tom@demo.econnect.test' });
      const code = (await mailsTo('tom@demo.econnect.test'))[0]!.text_body.match(/^(\d{6})$/m)![1]!;
      clock.advance(60_000);
      const { at } = (await run('checkOwnershipCode', { email: 'tom@demo.econnect.test', code })) as { at: number };

      await escalate({ ownershipVerifiedAt: at });
      await addConversation(db, 'c2', clock.now());
      await run('createCase', { facts: { ...facts, ownershipVerifiedAt: at }, reason: 'r', path: 'lostPhone' }, { conversationId: 'c2' });

      const cases = await db.selectFrom('cases').select(['conversation_id', 'ownership_verified_at']).orderBy('conversation_id').execute();
      expect(cases).toEqual([
        { conversation_id: 'c1', ownership_verified_at: at },
        { conversation_id: 'c2', ownership_verified_at: null },
      ]);
    });

    it('mails only support when the user gave no address', async () => {
      await escalate({ email: undefined, portal: 'unsure' });
      const mails = await db.selectFrom('outbox').select(['kind', 'to_address']).execute();
      expect(mails).toEqual([{ kind: 'case-support', to_address: 'support@help.example.test' }]);
      expect(await db.selectFrom('cases').select(['email', 'portal']).executeTakeFirst()).toEqual({ email: null, portal: null });
    });

    it('writes both case mails in Dutch for a Dutch conversation', async () => {
      await run('createCase', { facts, reason: 'r', path: 'lostPhone' }, { locale: 'nl' });
      const mails = await db.selectFrom('outbox').select(['kind', 'subject', 'text_body']).orderBy('kind').execute();
      expect(mails[0]!.subject).toMatch(/^\[LH-.*\] Inloghulp: lostPhone \(r\)$/);
      expect(mails[1]!.subject).toMatch(/^Je eConnect-supportmelding LH-/);
      expect(mails[1]!.text_body).toContain('op werkdagen');
    });
  });
});
