import type { Portal } from '../../flows/types.js';
import type { Executor } from '../db/index.js';
import { newId } from '../ids.js';
import { hashPassword } from './password.js';

/** The password of every demo account (documented in the README; demo data only). */
export const DEMO_PASSWORD = 'Demo-Password-2026!';

export interface DemoAccount {
  address: string;
  portal: Portal;
  displayName: string;
  /** What the account is there to show, for the README. */
  situation: string;
  verified: boolean;
  sso: boolean;
  totpEnabled: boolean;
  recoveryCodes: number;
  orgLinked: boolean;
}

const plain = { verified: true, sso: false, totpEnabled: false, recoveryCodes: 0, orgLinked: true };

/** One account per situation the help paths handle. */
export const demoAccounts: readonly DemoAccount[] = [
  {
    ...plain,
    address: 'anna@demo.econnect.test',
    portal: 'platform',
    displayName: 'Anna de Vries',
    situation: 'verified Platform user: the reset link arrives and works',
  },
  {
    ...plain,
    address: 'ivo@demo.econnect.test',
    portal: 'identity',
    displayName: 'Ivo Jansen',
    verified: false,
    situation:
      'identity server user whose address was never verified: a reset sends a verification link',
  },
  {
    ...plain,
    address: 'bob@demo.econnect.test',
    portal: 'platform',
    displayName: 'Bob Bakker',
    situation: 'one address with an account on both login pages (Platform side)',
  },
  {
    ...plain,
    address: 'bob@demo.econnect.test',
    portal: 'identity',
    displayName: 'Bob Bakker',
    situation: 'one address with an account on both login pages (identity server side)',
  },
  {
    ...plain,
    address: 'sara@demo.econnect.test',
    portal: 'platform',
    displayName: 'Sara Visser',
    sso: true,
    situation: 'Single Sign-On user: the organisation’s identity provider owns the password',
  },
  {
    ...plain,
    address: 'tom@demo.econnect.test',
    portal: 'identity',
    displayName: 'Tom Smit',
    totpEnabled: true,
    recoveryCodes: 8,
    situation: 'identity server user with 2FA on and 8 recovery codes left',
  },
  {
    ...plain,
    address: 'noor@demo.econnect.test',
    portal: 'platform',
    displayName: 'Noor El Amrani',
    orgLinked: false,
    situation: 'Platform user not linked to any organisation: logs in but sees no invoices',
  },
];

/**
 * Adds the demo accounts that are missing and leaves existing ones (and their changed passwords)
 * alone, so it can run at every start. Returns how many it created.
 */
export async function seedDemoAccounts(db: Executor, now: number): Promise<number> {
  const existing = await db.selectFrom('accounts').select(['portal', 'email']).execute();
  const have = new Set(existing.map((a) => `${a.portal} ${a.email}`));
  const missing = demoAccounts.filter((a) => !have.has(`${a.portal} ${a.address}`));
  if (missing.length === 0) return 0;

  // Every demo account has the same published password, so one hash (one salt) hides nothing
  // that separate ones would, and start-up pays for one scrypt run instead of seven.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rows = missing.map((a) => ({
    id: newId(),
    portal: a.portal,
    email: a.address,
    display_name: a.displayName,
    password_hash: passwordHash,
    verified: Number(a.verified),
    sso: Number(a.sso),
    totp_enabled: Number(a.totpEnabled),
    recovery_codes: a.recoveryCodes,
    org_linked: Number(a.orgLinked),
    created_at: now,
    updated_at: now,
  }));
  // ON CONFLICT keeps two instances starting at once from failing on the unique (portal, email).
  const result = await db
    .insertInto('accounts')
    .values(rows)
    .onConflict((oc) => oc.columns(['portal', 'email']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
