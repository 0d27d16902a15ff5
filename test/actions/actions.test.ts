import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultContent } from '../../flows/content.js';
import type { ActionResult, Facts, Locale, Portal } from '../../flows/types.js';
import { createActions } from '../../src/actions/index.js';
import type { ActionContext, ActionSet } from '../../src/actions/types.js';
import { ManualClock } from '../../src/clock.js';
import type { Db } from '../../src/db/index.js';
import type { DbRow } from '../../src/db/schema.js';
import { peekToken, redeemToken, seedDemoAccounts } from '../../src/directory/index.js';
import { createTransport, openMail, OutboxSender } from '../../src/mail/index.js';
import {
  addConversation,
  inTurn,
  linkSecret,
  logger,
  openTestDb,
  startSmtp,
  testConfig,
} from './fixtures.js';

const config = testConfig();
const ANNA = 'anna@demo.econnect.test';
const IVO = 'ivo@demo.econnect.test';
const BOB = 'bob@demo.econnect.test';
const SARA = 'sara@demo.econnect.test';
const TOM = 'tom@demo.econnect.test';
const NOBODY = 'nobody@demo.econnect.test';
const PSB = 'eConnect Control or the Peppol Service Bus (PSB)';
const CODE_LINE = /^(\d{6})$/m;

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

  type Turn = { locale?: Locale; conversationId?: string };
  // Inputs as a machine (or a broken client of the contract) would hand them over.
  const run = (name: keyof ActionSet, input: unknown, turn: Turn = {}) =>
    inTurn(db, { conversationId: 'c1', now: clock.now(), ...turn }, (ctx) =>
      (actions[name] as (input: unknown, ctx: ActionContext) => Promise<ActionResult>)(input, ctx),
    );
  const ok = () => ({ status: 'ok', at: clock.now() });

  /** Outbox rows with their bodies as they will be sent (secrets unsealed). */
  const opened = (rows: DbRow<'outbox'>[]) =>
    Promise.all(
      rows.map(async (row) => {
        const { text, html } = await openMail(db, row);
        return { ...row, text_body: text, html_body: html };
      }),
    );
  const mailsTo = async (address: string) =>
    opened(
      await db
        .selectFrom('outbox')
        .selectAll()
        .where('to_address', '=', address)
        .orderBy('created_at')
        .execute(),
    );
  const lastMailTo = async (address: string) => (await mailsTo(address.toLowerCase())).at(-1)!;
  const outbox = async () =>
    opened(await db.selectFrom('outbox').selectAll().orderBy('kind').execute());

  /** Runs one address action per address; returns the results and the last mail each got. */
  async function forEach(name: keyof ActionSet, addresses: string[], portal?: Portal) {
    const results: ActionResult[] = [];
    for (const email of addresses) {
      results.push(await run(name, portal ? { email, portal } : { email }));
    }
    const mails = await Promise.all(addresses.map(lastMailTo));
    return { results, mails };
  }

  describe('no enumeration', () => {
    it('answers a reset alike for verified, unverified, SSO and unknown addresses', async () => {
      const addresses = [ANNA, SARA, NOBODY, 'ANNA@demo.econnect.test'];
      const { results, mails } = await forEach('sendPasswordReset', addresses, 'platform');
      const identity = await run('sendPasswordReset', { email: IVO, portal: 'identity' });

      for (const result of [...results, identity]) expect(result).toEqual(ok());
      const [anna, sara, nobody] = mails;
      expect(anna!.subject).toBe('Reset your eConnect Platform password');
      expect(linkSecret(anna!.text_body, 'reset')).toBeDefined();
      expect(sara!.subject).toBe('Your eConnect password is managed by your organisation');
      expect(nobody!.subject).toBe('No eConnect account on platform.econnect.eu for this address');
      expect(nobody!.text_body).toContain('https://identity.econnect.eu');

      const ivo = await lastMailTo(IVO);
      expect(ivo.subject).toBe('Verify your e-mail address to reset your eConnect password');
      expect(linkSecret(ivo.text_body, 'reset')).toBeUndefined();
      expect(linkSecret(ivo.text_body, 'verify')).toBeDefined();
      expect(new Set([...mails, ivo].map((m) => m.kind))).toEqual(new Set(['reset']));
    });

    it('names the other login page when the address has an account only there', async () => {
      await run('sendPasswordReset', { email: ANNA, portal: 'identity' });
      const mail = await lastMailTo(ANNA);
      expect(mail.subject).toBe('No eConnect account on identity.econnect.eu for this address');
      expect(mail.text_body).toContain(
        'does have an account on the other login page, platform.econnect.eu',
      );
    });

    it('answers a verification resend alike while the mails differ', async () => {
      const addresses = [IVO, TOM, BOB, NOBODY];
      const { results, mails } = await forEach('resendVerification', addresses, 'identity');
      const sso = await run('resendVerification', { email: SARA, portal: 'platform' });

      for (const result of [...results, sso]) expect(result).toEqual(ok());
      expect(mails.map((m) => m.subject)).toEqual([
        `Verify your e-mail address for ${PSB}`,
        `Your e-mail address for ${PSB} is already verified`,
        `Your e-mail address for ${PSB} is already verified`,
        'No eConnect account on identity.econnect.eu for this address',
      ]);
      expect((await lastMailTo(SARA)).subject).toBe(
        'Your eConnect password is managed by your organisation',
      );
    });

    it('answers the account locator alike for one, both and no login pages', async () => {
      const { results, mails } = await forEach('sendAccountLocator', [ANNA, BOB, NOBODY]);

      for (const result of results) expect(result).toEqual(ok());
      const [anna, bob, nobody] = mails.map((m) => m.text_body);
      expect(anna).toContain('It has one on platform.econnect.eu (Platform)');
      expect(bob).toContain('It has an account on both login pages');
      expect(nobody).toContain('It has none');
    });

    it('writes one token per reset or resend, usable only when its link is mailed', async () => {
      const tokens = () => db.selectFrom('tokens').select(['email', 'account_id']).execute();
      await forEach('sendPasswordReset', [ANNA, SARA, NOBODY], 'platform');
      await forEach('resendVerification', [IVO, TOM, NOBODY], 'identity');
      const written = await tokens();
      expect(written).toHaveLength(6);

      const linked = written.filter((t) => t.account_id !== null).map((t) => t.email);
      expect(linked.sort()).toEqual([ANNA, IVO]);
      for (const mail of await outbox()) {
        const secrets = [linkSecret(mail.text_body, 'reset'), linkSecret(mail.text_body, 'verify')];
        expect(secrets.some(Boolean)).toBe([ANNA, IVO].includes(mail.to_address));
      }
    });

    it('mails an ownership code whether or not the address has an account', async () => {
      const { results, mails } = await forEach('sendOwnershipCode', [TOM, NOBODY]);
      for (const result of results) expect(result).toEqual(ok());
      for (const mail of mails) expect(mail.text_body).toMatch(CODE_LINE);
    });
  });

  describe('limits', () => {
    it('sends at most three reset mails an hour to an address, then says when', async () => {
      const input = { email: ANNA, portal: 'platform' };
      for (let i = 0; i < 3; i++) {
        expect(await run('sendPasswordReset', input)).toEqual(ok());
        clock.advance(10 * 60_000);
      }
      const limited = await run('sendPasswordReset', input);
      expect(limited).toEqual({ status: 'limited', retryAfterMinutes: 30 });
      expect(await run('sendPasswordReset', { ...input, email: NOBODY })).toEqual(ok());
      expect(await mailsTo(ANNA)).toHaveLength(3);

      clock.advance(30 * 60_000);
      expect(await run('sendPasswordReset', input)).toEqual(ok());
    });

    it('limits unknown addresses exactly as it limits known ones', async () => {
      const results: ActionResult[] = [];
      for (const email of [ANNA, NOBODY]) {
        for (let i = 0; i < 4; i++) {
          results.push(await run('resendVerification', { email, portal: 'platform' }));
        }
      }
      expect(results.slice(0, 4)).toEqual(results.slice(4));
      expect(results[3]).toEqual({ status: 'limited', retryAfterMinutes: 60 });
    });

    it('stops one conversation from mailing more than ten addresses an hour', async () => {
      for (let i = 0; i < 10; i++) {
        expect(await run('sendAccountLocator', { email: `person${i}@example.test` })).toEqual(ok());
      }
      const eleventh = await run('sendAccountLocator', { email: 'person10@example.test' });
      expect(eleventh).toMatchObject({ status: 'limited' });
    });
  });

  it('sends a reset link the reset page can redeem once', async () => {
    await run('sendPasswordReset', { email: ANNA, portal: 'platform' });
    const mail = await lastMailTo(ANNA);
    const secret = linkSecret(mail.text_body, 'reset')!;

    const peek = await peekToken(db, 'reset', secret, clock.now());
    expect(peek).toMatchObject({ ok: true, account: { email: ANNA } });
    expect(mail.html_body).toContain(`https://help.example.test/reset?token=${secret}&amp;lang=en`);
    clock.advance(config.RESET_LINK_MINUTES * 60_000);
    const late = await redeemToken(db, 'reset', secret, clock.now());
    expect(late).toEqual({ ok: false, error: 'expired' });
  });

  it('writes the mail in Dutch for a Dutch conversation', async () => {
    await run('sendPasswordReset', { email: ANNA, portal: 'platform' }, { locale: 'nl' });
    const mail = await lastMailTo(ANNA);
    expect(mail.subject).toBe('Je eConnect Platform-wachtwoord opnieuw instellen');
    expect(mail.html_body).toContain('<html lang="nl">');
    expect(mail.text_body).toContain('Nieuw wachtwoord kiezen');
    expect(mail.text_body).toContain('&lang=nl');
  });

  it('refuses an address or portal the engine should have rejected', async () => {
    const badAddress = run('sendPasswordReset', { email: 'not an address', portal: 'platform' });
    await expect(badAddress).rejects.toMatchObject({ code: 'INVALID_ADDRESS' });
    const badPortal = run('sendPasswordReset', { email: ANNA, portal: 'unsure' });
    await expect(badPortal).rejects.toMatchObject({ code: 'INVALID_ACTION_INPUT' });
  });

  describe('ownership code', () => {
    const codeMailed = async () => (await lastMailTo(TOM)).text_body.match(CODE_LINE)![1]!;
    const check = (code: string, conversationId = 'c1') =>
      run('checkOwnershipCode', { email: TOM, code }, { conversationId });
    const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

    it('accepts the right code once', async () => {
      await run('sendOwnershipCode', { email: TOM });
      const code = await codeMailed();
      expect(await check(` ${code.slice(0, 3)} ${code.slice(3)} `)).toEqual(ok());
      expect(await check(code)).toEqual({ status: 'failed', reason: 'expired' });
    });

    it('counts wrong guesses and locks the code at the fifth', async () => {
      await run('sendOwnershipCode', { email: TOM });
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
      await run('sendOwnershipCode', { email: TOM });
      const code = await codeMailed();
      clock.advance(10 * 60_000);
      expect(await check(code)).toEqual({ status: 'failed', reason: 'expired' });
    });

    it('accepts only the newest code, and only in the conversation it was sent from', async () => {
      await addConversation(db, 'c2', clock.now());
      await run('sendOwnershipCode', { email: TOM });
      const first = await codeMailed();
      await run('sendOwnershipCode', { email: TOM });
      const second = await codeMailed();

      expect(await check(second, 'c2')).toEqual({ status: 'failed', reason: 'none' });
      // One time in a million the two codes are equal; then the first is simply the second.
      if (first !== second) expect(await check(first)).toMatchObject({ reason: 'wrong' });
      expect(await check(second)).toEqual(ok());
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
    const question = 'Do you still have your recovery codes?';
    const path = 'lostPhone';

    async function addTranscript() {
      const lines = [
        ['assistant', 'text', { key: 'lost.ask', params: {}, text: question }],
        ['user', 'choice', { label: 'No, I do not' }],
        ['user', 'marker', { marker: 'password' }],
        ['user', 'text', { text: 'My phone fell in the <b>canal</b>' }],
      ] as const;
      const rows = lines.map(([role, kind, body], i) => ({
        conversation_id: 'c1',
        line: i + 1,
        seq: i + 1,
        role,
        kind,
        body: JSON.stringify(body),
        created_at: clock.now() + i * 1000,
      }));
      await db.insertInto('transcript').values(rows).execute();
    }

    const escalate = (over: Partial<Facts> = {}, turn: Turn = {}) =>
      run('createCase', { facts: { ...facts, ...over }, reason: '2fa_reset', path }, turn);

    async function deliver() {
      const smtp = await startSmtp();
      const transport = createTransport(testConfig({ SMTP_URL: smtp.url }), db, clock);
      await new OutboxSender({ db, transport, clock, logger }).drain();
      await smtp.close();
      const to = (address: string) =>
        smtp.received.find((m) => m.to && 'text' in m.to && m.to.text === address)!;
      return { count: smtp.received.length, to };
    }

    it('stores the case, links the conversation and mails support and the user', async () => {
      await addTranscript();
      const result = await escalate();

      const caseRef = expect.stringMatching(/^LH-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      expect(result).toEqual({ ...ok(), caseRef });
      const ref = (result as { caseRef: string }).caseRef;
      const row = await db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        ref,
        conversation_id: 'c1',
        channel: 'web',
        status: 'open',
        path: 'lostPhone',
        reason: '2fa_reset',
        portal: 'identity',
        email: TOM,
        locale: 'en',
        description: facts.description,
        ownership_verified_at: null,
      });
      expect(JSON.parse(row.facts)).toEqual(facts);
      const conversation = db.selectFrom('conversations').select('case_ref');
      expect(await conversation.executeTakeFirst()).toEqual({ case_ref: ref });

      const mail = await deliver();
      const support = mail.to('support@help.example.test');
      const user = mail.to(TOM);
      expect(mail.count).toBe(2);
      expect(support.subject).toBe(
        `[${ref}] Login help: 2FA reset needed (lost phone, no recovery codes) · Lost or new phone`,
      );
      expect(support.text).toContain(`Login address: ${TOM}`);
      expect(support.text).toContain(`Assistant: ${question}`);
      expect(support.text).toContain('User: [No, I do not]');
      expect(support.text).toContain('User: [removed: password]');
      expect(support.text).toContain('User: My phone fell in the <b>canal</b>');
      expect(user.subject).toBe(`Your eConnect support case ${ref}`);
      expect(user.text).toContain(ref);
      const { phone } = defaultContent.support;
      expect(user.text).toContain(`${phone} or support@econnect.example (on working days)`);
    });

    it('escapes HTML the user typed, in the description and in the transcript', async () => {
      await addTranscript();
      await escalate();
      const support = (await outbox()).find((m) => m.kind === 'case-support')!;

      expect(support.html_body).not.toContain('<script>');
      expect(support.html_body).not.toContain('<b>canal</b>');
      expect(support.html_body).toContain(
        'New phone, &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; no codes',
      );
      expect(support.html_body).toContain('My phone fell in the &lt;b&gt;canal&lt;/b&gt;');
    });

    it('records ownership only when a used ownership code proves it', async () => {
      await run('sendOwnershipCode', { email: TOM });
      const code = (await lastMailTo(TOM)).text_body.match(CODE_LINE)![1]!;
      clock.advance(60_000);
      const checked = await run('checkOwnershipCode', { email: TOM, code });
      const { at } = checked as { at: number };

      await escalate({ ownershipVerifiedAt: at });
      await addConversation(db, 'c2', clock.now());
      await escalate({ ownershipVerifiedAt: at }, { conversationId: 'c2' });

      const cases = await db
        .selectFrom('cases')
        .select(['conversation_id', 'ownership_verified_at'])
        .orderBy('conversation_id')
        .execute();
      expect(cases).toEqual([
        { conversation_id: 'c1', ownership_verified_at: at },
        { conversation_id: 'c2', ownership_verified_at: null },
      ]);
    });

    it('mails only support when the user gave no address', async () => {
      await escalate({ email: undefined, portal: 'unsure' });
      const mails = (await outbox()).map((m) => ({ kind: m.kind, to: m.to_address }));
      expect(mails).toEqual([{ kind: 'case-support', to: 'support@help.example.test' }]);
      const row = await db.selectFrom('cases').select(['email', 'portal']).executeTakeFirst();
      expect(row).toEqual({ email: null, portal: null });
    });

    it('writes both case mails in Dutch for a Dutch conversation', async () => {
      await escalate({}, { locale: 'nl' });
      const [support, user] = await outbox();
      expect(support!.subject).toMatch(
        /^\[LH-.*\] Inloghulp: 2FA-reset nodig \(telefoon kwijt, geen herstelcodes\) · Telefoon kwijt of nieuw$/,
      );
      expect(user!.subject).toMatch(/^Je eConnect-supportmelding LH-/);
      expect(user!.text_body).toContain('op werkdagen');
    });
  });
});
