// Staff accounts for the support console.
//
//   npm run staff -- add <email> <name>          prints a one-time password (changed at sign-in)
//   npm run staff -- add <email> <name> --password-stdin   takes the password from stdin instead
//   npm run staff -- list
//   npm run staff -- reset-2fa <email>           for someone who lost phone and recovery codes
//   npm run staff -- disable <email>
//
// It uses the server's own configuration (DATABASE_URL or DATA_DIR), so run it where the server
// runs. Nothing here sends mail: hand the one-time password over in person or by phone.
import { text } from 'node:stream/consumers';
import { ConfigError, loadConfig } from '../src/config.js';
import { migrate, openDb, type Db } from '../src/db/index.js';
import { checkNewPassword } from '../src/directory/password-policy.js';
import {
  createStaff,
  disableStaff,
  findStaffByEmail,
  InvalidStaffError,
  newInitialPassword,
  resetStaffTwoFactor,
  StaffExistsError,
} from '../src/support/staff.js';

const USAGE = `usage:
  npm run staff -- add <email> <name> [--password-stdin]
  npm run staff -- list
  npm run staff -- reset-2fa <email>
  npm run staff -- disable <email>`;

class UsageError extends Error {}

async function add(db: Db, args: string[], consoleUrl: string): Promise<void> {
  const fromStdin = args.includes('--password-stdin');
  const [email, ...nameParts] = args.filter((a) => a !== '--password-stdin');
  if (!email || nameParts.length === 0)
    throw new UsageError('add needs an e-mail address and a name');

  let password = newInitialPassword();
  if (fromStdin) {
    password = (await text(process.stdin)).replace(/\r?\n$/, '');
    const issues = checkNewPassword(password, email);
    if (issues.length)
      throw new InvalidStaffError(`the password from stdin is not accepted: ${issues.join(', ')}`);
  }
  const staff = await createStaff(db, {
    email,
    name: nameParts.join(' '),
    password,
    oneTime: !fromStdin,
    now: Date.now(),
  });

  console.log(`Created a staff account for ${staff.email} (${staff.name}).`);
  if (!fromStdin) {
    console.log('One-time password (shown only now; it is replaced at the first sign-in):');
    console.log('');
    console.log(`    ${password}`);
    console.log('');
  }
  console.log(
    `Sign in at ${consoleUrl} to set up two-step verification with an authenticator app.`,
  );
}

async function list(db: Db): Promise<void> {
  const rows = await db.selectFrom('staff').selectAll().orderBy('email').execute();
  if (rows.length === 0)
    return console.log('No staff accounts yet. Add one with: npm run staff -- add <email> <name>');
  for (const s of rows) {
    const state = s.disabled_at ? 'disabled' : s.enrolled_at ? '2FA set up' : 'not signed in yet';
    console.log(`${s.email}\t${s.name}\t${state}`);
  }
}

async function byEmail(db: Db, email: string | undefined) {
  if (!email) throw new UsageError('give the e-mail address of the staff account');
  const staff = await findStaffByEmail(db, email);
  if (!staff) throw new InvalidStaffError(`no staff account for ${email}`);
  return staff;
}

async function run(db: Db, [command, ...args]: string[], consoleUrl: string): Promise<void> {
  switch (command) {
    case 'add':
      return add(db, args, consoleUrl);
    case 'list':
      return list(db);
    case 'reset-2fa': {
      const staff = await byEmail(db, args[0]);
      await resetStaffTwoFactor(db, staff.id, Date.now());
      return console.log(
        `Two-step verification reset for ${staff.email}: the next sign-in sets it up again.`,
      );
    }
    case 'disable': {
      const staff = await byEmail(db, args[0]);
      await disableStaff(db, staff.id, Date.now());
      return console.log(`${staff.email} can no longer sign in; their sessions have ended.`);
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) return (console.error(`staff: ${error.message}`), 2);
    throw error;
  }
  const { db, close } = openDb(config.databaseUrl, { checkpointInWorker: false });
  try {
    await migrate(db);
    await run(db, process.argv.slice(2), `${config.publicUrl}/console`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return (console.error(`staff: ${error.message}\n${USAGE}`), 2);
    if (error instanceof StaffExistsError || error instanceof InvalidStaffError) {
      return (console.error(`staff: ${error.message}`), 1);
    }
    throw error;
  } finally {
    await close();
  }
}

process.exitCode = await main();
