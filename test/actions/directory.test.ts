import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Db } from '../../src/db/index.js';
import {
  checkNewPassword,
  DEMO_PASSWORD,
  demoAccounts,
  findAccount,
  findAccounts,
  hashPassword,
  issueToken,
  peekToken,
  redeemToken,
  resetTwoFactor,
  seedDemoAccounts,
  verifyPassword,
  type Account,
} from '../../src/directory/index.js';
import { sha256 } from '../../src/ids.js';
import { parseAddress } from '../../src/mail/address.js';
import { openTestDb } from './fixtures.js';

const ANNA = 'anna@demo.econnect.test';
const notOk = (error: string) => ({ ok: false, error });

describe('parseAddress', () => {
  it('trims and lower-cases an address', () => {
    expect(parseAddress('  Anna@Demo.eConnect.TEST ')).toEqual({ address: ANNA });
  });

  it('reads a display name beside the address', () => {
    expect(parseAddress('Anna de Vries <Anna@demo.econnect.test>')).toEqual({
      address: ANNA,
      name: 'Anna de Vries',
    });
  });

  it('refuses line breaks, overlong addresses and things that are not addresses', () => {
    expect(parseAddress(`${ANNA}\r\nBcc: all@example.test`)).toBeUndefined();
    expect(parseAddress(`${'a'.repeat(250)}@example.test`)).toBeUndefined();
    expect(parseAddress('anna at demo')).toBeUndefined();
    expect(parseAddress('a@b.test, c@d.test')).toBeUndefined();
  });
});

describe('passwords', () => {
  it('salts each hash and verifies only the right password', async () => {
    const phrase = 'correct horse battery';
    const [one, two] = await Promise.all([hashPassword(phrase), hashPassword(phrase)]);
    expect(one).not.toBe(two);
    expect(one).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', one)).toBe(true);
    expect(await verifyPassword('correct horse batterY', one)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('accepts a long passphrase and rejects short, common and own-address passwords', () => {
    const good = 'purple tractor umbrella';
    expect(checkNewPassword(good, ANNA)).toEqual([]);
    expect(checkNewPassword('Short-1!', ANNA)).toEqual(['too_short']);
    expect(checkNewPassword('Wachtwoord2026!', ANNA)).toEqual(['common']);
    expect(checkNewPassword('123456789012', ANNA)).toEqual(['common']);
    expect(checkNewPassword(ANNA, ANNA)).toEqual(['contains_email']);
    expect(checkNewPassword('Anna-2026-2026', ANNA)).toEqual(['contains_email']);
    expect(checkNewPassword(good, ANNA, 'purple tractor')).toEqual(['mismatch']);
  });
});

describe('account directory', () => {
  let db: Db;
  let close: () => Promise<void>;
  const clock = new ManualClock();

  beforeEach(async () => {
    ({ db, close } = await openTestDb());
    await seedDemoAccounts(db, clock.now());
  });
  afterEach(() => close());

  it('seeds every demo account once, with the demo password', async () => {
    expect(await seedDemoAccounts(db, clock.now())).toBe(0);
    const rows = await db.selectFrom('accounts').selectAll().execute();
    expect(rows).toHaveLength(demoAccounts.length);

    const find = (portal: 'platform' | 'identity', name: string) =>
      findAccount(db, portal, `${name}@demo.econnect.test`);
    const anna = await find('platform', 'anna');
    expect(await verifyPassword(DEMO_PASSWORD, anna!.password_hash)).toBe(true);
    expect(await find('identity', 'ivo')).toMatchObject({ verified: 0 });
    expect(await find('platform', 'sara')).toMatchObject({ sso: 1 });
    expect(await find('identity', 'tom')).toMatchObject({ totp_enabled: 1, recovery_codes: 8 });
    expect(await find('platform', 'noor')).toMatchObject({ org_linked: 0 });
  });

  it('finds accounts by the normalised address on one or both login pages', async () => {
    const anna = await findAccount(db, 'platform', ' ANNA@demo.econnect.test');
    expect(anna).toMatchObject({ display_name: 'Anna de Vries' });
    expect(await findAccount(db, 'identity', ANNA)).toBeUndefined();
    const bob = await findAccounts(db, 'Bob@Demo.eConnect.test');
    expect(bob.map((a) => a.portal)).toEqual(['platform', 'identity']);
    expect(await findAccounts(db, 'not an address')).toEqual([]);
  });

  it('turns two-factor authentication off and drops the recovery codes', async () => {
    const tom = (await findAccount(db, 'identity', 'tom@demo.econnect.test'))!;
    expect(tom).toMatchObject({ totp_enabled: 1, recovery_codes: 8 });
    expect(await resetTwoFactor(db, tom.id, clock.now())).toBe(true);
    const after = await findAccount(db, 'identity', tom.email);
    expect(after).toMatchObject({ totp_enabled: 0, recovery_codes: 0 });
  });

  describe('tokens', () => {
    let anna: Account;
    const issue = () =>
      issueToken(db, {
        kind: 'reset',
        email: anna.email,
        portal: 'platform',
        accountId: anna.id,
        ttlMs: 60 * 60_000,
        now: clock.now(),
      });
    const redeem = (secret: string, kind: 'reset' | 'verify' = 'reset') =>
      redeemToken(db, kind, secret, clock.now());

    beforeEach(async () => {
      anna = (await findAccount(db, 'platform', ANNA))!;
    });

    it('stores only the SHA-256 of a 256-bit secret', async () => {
      const secret = await issue();
      expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
      const rows = await db.selectFrom('tokens').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.token_hash).toBe(sha256(secret));
      expect(JSON.stringify(rows)).not.toContain(secret);
    });

    it('redeems a token once, then reports it used', async () => {
      const secret = await issue();
      expect(await redeem(secret)).toMatchObject({ ok: true, account: { id: anna.id } });
      expect(await redeem(secret)).toEqual(notOk('used'));
    });

    it('reports unknown secrets and secrets of another kind as unknown', async () => {
      const secret = await issue();
      expect(await redeem('x'.repeat(43))).toEqual(notOk('unknown'));
      expect(await redeem(secret, 'verify')).toEqual(notOk('unknown'));
      expect(await redeem('<script>')).toEqual(notOk('unknown'));
    });

    it('expires a token at the end of its time to live', async () => {
      const secret = await issue();
      clock.advance(60 * 60_000);
      expect(await peekToken(db, 'reset', secret, clock.now())).toEqual(notOk('expired'));
      expect(await redeem(secret)).toEqual(notOk('expired'));
    });

    it('peeks at a token without using it up', async () => {
      const secret = await issue();
      expect(await peekToken(db, 'reset', secret, clock.now())).toMatchObject({ ok: true });
      expect(await redeem(secret)).toMatchObject({ ok: true });
    });

    it('stops older unused links working when a new one is issued', async () => {
      const older = await issue();
      const newer = await issue();
      expect(await redeem(older)).toEqual(notOk('expired'));
      expect(await redeem(newer)).toMatchObject({ ok: true });
    });

    it('lets exactly one of ten parallel redemptions succeed', async () => {
      const secret = await issue();
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          db.transaction().execute((tx) => redeemToken(tx, 'reset', secret, clock.now())),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.error === 'used')).toHaveLength(9);
    });
  });
});
