// The outbox: mail waiting to be sent, and mail that could not be sent.
//
//   npm run outbox -- list            mail not sent yet, mail needing a look first
//   npm run outbox -- list --all      sent mail too (newest 100)
//   npm run outbox -- retry <id>      a failed mail, due again now with fresh attempts
//
// It uses the server's own configuration (DATABASE_URL or DATA_DIR), so run it where the server
// runs. It sends nothing itself: a retried mail goes out with the running server's next pass,
// within a second, under the Message-ID it always had (the README, "Mail: the outbox and its guarantee").
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { openDb, type Db } from '../src/db/index.js';
import { MAX_ATTEMPTS } from '../src/mail/outbox.js';
import { countOutbox, listOutbox, retryMail, type OutboxEntry } from '../src/mail/outbox-admin.js';
import { formatTime } from '../src/mail/transcript.js';

const USAGE = `usage:
  npm run outbox -- list [--all]
  npm run outbox -- retry <id>`;

class UsageError extends Error {}

const time = (ms: number | null) => (ms === null ? '-' : formatTime(ms));

function describe(e: OutboxEntry): string {
  const when =
    e.status === 'sent' ? `sent ${time(e.sentAt)}` : `next attempt ${time(e.nextAttemptAt)}`;
  const lines = [
    `${e.id}  ${e.status}${e.problem ? ` (${e.problem})` : ''}  ${e.kind} to ${e.to}`,
    `    "${e.subject}"`,
    `    created ${time(e.createdAt)}, ${e.attempts}/${MAX_ATTEMPTS} attempts, ${when}`,
  ];
  if (e.lastError) lines.push(`    last error: ${e.lastError}`);
  return lines.join('\n');
}

async function list(db: Db, args: string[]): Promise<void> {
  const all = args.includes('--all');
  const entries = await listOutbox(db, { now: Date.now(), include: all ? 'all' : 'unsent' });
  const counts = await countOutbox(db);
  const summary = Object.entries(counts)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  console.log(`Outbox: ${summary}.`);
  if (entries.length === 0) return console.log(all ? 'No mail at all.' : 'Nothing waiting.');
  console.log('');
  for (const entry of entries) console.log(describe(entry));
  const failed = entries.filter((e) => e.status === 'failed');
  if (failed.length) console.log(`\nSend a failed mail again with: npm run outbox -- retry <id>`);
}

async function retry(db: Db, id: string | undefined): Promise<number> {
  if (!id) throw new UsageError('retry needs the id of a mail (see list)');
  const result = await retryMail(db, id, Date.now());
  if (result.ok) {
    console.log(`Queued again: ${describe(result.entry)}`);
    console.log('The running server sends it within a second.');
    return 0;
  }
  const why = {
    unknown: `no mail with id ${id}`,
    sent: `${id} was sent already; sending it again would deliver it twice`,
    sending: `a sender is delivering ${id} right now; list again in a minute`,
  };
  console.error(`outbox: ${why[result.reason]}`);
  return 1;
}

async function run(config: Config, [command, ...args]: string[]): Promise<number> {
  const sqlite = !/^postgres(ql)?:\/\//.test(config.databaseUrl);
  // Opening a SQLite path creates the file: a typo in DATA_DIR should not look like "no mail".
  if (sqlite && !existsSync(config.databaseUrl)) {
    console.error(`outbox: no database at ${config.databaseUrl} (set DATA_DIR or DATABASE_URL)`);
    return 2;
  }
  const { db, close } = openDb(config.databaseUrl, { checkpointInWorker: false });
  try {
    switch (command) {
      case 'list':
        await list(db, args);
        return 0;
      case 'retry':
        return await retry(db, args[0]);
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } finally {
    await close();
  }
}

async function main(): Promise<number> {
  try {
    return await run(loadConfig(), process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) return (console.error(`outbox: ${error.message}`), 2);
    if (error instanceof UsageError)
      return (console.error(`outbox: ${error.message}\n${USAGE}`), 2);
    throw error;
  }
}

process.exitCode = await main();
