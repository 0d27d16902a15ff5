import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openServerDb } from '../support/db.js';
import { staffCli } from './helpers.js';

let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'login-help-staff-'));
});

async function staffRow(email: string) {
  const { db, close } = openServerDb(dataDir);
  try {
    return await db.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst();
  } finally {
    await close();
  }
}

describe('npm run staff', () => {
  it('adds a staff member and prints a one-time password that the first sign-in replaces', async () => {
    const out = staffCli(dataDir, ['add', 'Ana@Support.test', 'Ana', 'de', 'Wit']);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Created a staff account for ana@support.test (Ana de Wit).');
    expect(out.stdout).toMatch(/^ {4}([A-Za-z2-9]{5}-){3}[A-Za-z2-9]{5}$/m);
    expect(await staffRow('ana@support.test')).toMatchObject({
      must_change_password: 1,
      totp_secret: null,
      enrolled_at: null,
    });

    const again = staffCli(dataDir, ['add', 'ana@support.test', 'Ana']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('a staff account for ana@support.test exists already');
  });

  it('takes the password from stdin with --password-stdin, and refuses a weak one', async () => {
    const weak = staffCli(
      dataDir,
      ['add', 'bo@support.test', 'Bo', '--password-stdin'],
      'password\n',
    );
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('the password from stdin is not accepted');

    const out = staffCli(
      dataDir,
      ['add', 'bo@support.test', 'Bo', '--password-stdin'],
      'Bo chose this passphrase herself\n',
    );
    expect(out.status).toBe(0);
    expect(out.stdout).not.toContain('One-time password');
    expect(await staffRow('bo@support.test')).toMatchObject({ must_change_password: 0 });
  });

  it('lists, resets 2FA for and disables staff accounts', async () => {
    expect(staffCli(dataDir, ['list']).stdout).toMatch(
      /ana@support\.test\tAna de Wit\tnot signed in yet/,
    );
    expect(staffCli(dataDir, ['reset-2fa', 'bo@support.test']).status).toBe(0);
    const disabled = staffCli(dataDir, ['disable', 'bo@support.test']);
    expect(disabled.stdout).toContain('bo@support.test can no longer sign in');
    expect(staffCli(dataDir, ['list']).stdout).toMatch(/bo@support\.test\tBo\tdisabled/);
    expect((await staffRow('bo@support.test'))?.disabled_at).toEqual(expect.any(Number));
  });

  it('explains its usage for a wrong command', () => {
    const out = staffCli(dataDir, ['remove', 'ana@support.test']);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('unknown command "remove"');
    expect(out.stderr).toContain('npm run staff -- add <email> <name>');
    expect(staffCli(dataDir, ['add', 'not-an-address', 'X']).stderr).toContain(
      '"not-an-address" is not an e-mail address',
    );
  });
});
