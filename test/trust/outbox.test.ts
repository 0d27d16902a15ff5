import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';
import { chatAt, completeEscalation, mailsTo, MINUTE, withServerDb } from './helpers.js';

const run = promisify(execFile);
const SUPPORT = 'desk@support.test';

let smtp: TestSmtp;
let port: number;
let server: StartedServer;
let env: Record<string, string>;
let clock = 0;

beforeAll(async () => {
  smtp = await startSmtp();
  port = smtp.port;
  env = { SMTP_URL: smtp.url, SUPPORT_MAILBOX: SUPPORT };
  server = await startServer(env);
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

/** Moves the server's clock on, past the sender's next planned attempt. */
async function later(ms: number) {
  clock += ms;
  await server.setClockOffset(clock);
}

const rowsOf = (where: { caseId?: string; to?: string }) =>
  withServerDb(server, (db) =>
    db
      .selectFrom('outbox')
      .select(['id', 'kind', 'status', 'attempts', 'last_error'])
      .$if(where.caseId !== undefined, (q) => q.where('case_id', '=', where.caseId!))
      .$if(where.to !== undefined, (q) => q.where('to_address', '=', where.to!))
      .orderBy('kind')
      .execute(),
  );

/**
 * Waits until every row has failed at least once and waits for its next attempt (the sender
 * tries right after the turn; while it tries, the row is `sending`).
 */
async function failedOnce(where: { caseId?: string; to?: string }) {
  const waiting = (r: { status: string; last_error: string | null }) =>
    r.status === 'pending' && r.last_error !== null;
  await expect
    .poll(async () => (await rowsOf(where)).every(waiting), { timeout: 10_000 })
    .toBe(true);
  return rowsOf(where);
}

/** `npm run outbox -- list` on the server's own configuration. */
async function outboxCli(...args: string[]): Promise<string> {
  const cli = ['--import', 'tsx', 'scripts/outbox.ts', ...args];
  const childEnv = { PATH: process.env.PATH, NODE_ENV: 'test', DATA_DIR: server.dataDir };
  const { stdout } = await run(process.execPath, cli, { env: childEnv });
  return stdout;
}

describe('outbox', () => {
  it('stores the case while SMTP is down and mails it exactly once when SMTP is back', async () => {
    await smtp.close();
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en', path: 'escalation' });
    const ref = await completeEscalation(chat, 'noor@demo.econnect.test');

    const stored = await withServerDb(server, (db) =>
      db.selectFrom('cases').selectAll().where('ref', '=', ref).executeTakeFirstOrThrow(),
    );
    expect(stored).toMatchObject({ status: 'open', email: 'noor@demo.econnect.test' });
    const pending = await failedOnce({ caseId: stored.id });
    expect(pending.map((r) => [r.kind, r.status])).toEqual([
      ['case-support', 'pending'],
      ['case-user', 'pending'],
    ]);
    expect(pending[0]!.last_error).toMatch(/ECONNREFUSED/);

    // Visible where an operator looks: the status page and the command line.
    const page = await (await fetch(`${server.url}/dev/outbox`)).text();
    expect(page).toContain(pending[0]!.id);
    expect(page).toContain('failed, will retry');
    const listed = await outboxCli('list');
    const userMail = `${pending[1]!.id}  pending (retrying)  case-user to n***@demo.econnect.test`;
    expect(listed).toContain(userMail);
    expect(listed).toMatch(/last error: .*ECONNREFUSED/);

    smtp = await startSmtp(port);
    await later(MINUTE);
    const support = await smtp.waitFor(
      (m) => recipient(m) === SUPPORT && (m.subject ?? '').includes(ref),
    );
    expect(support.text).toContain(ref);
    await smtp.waitFor((m) => recipient(m) === 'noor@demo.econnect.test');

    // Later passes, and a clock past every backoff, send nothing again.
    await later(31 * MINUTE);
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.mails.filter((m) => m.subject?.includes(ref)).length).toBe(2);
    expect(mailsTo(smtp, SUPPORT)).toHaveLength(1);
    const sent = await rowsOf({ caseId: stored.id });
    expect(sent.map((r) => r.status)).toEqual(['sent', 'sent']);
    for (const row of sent) expect(row.attempts).toBeGreaterThanOrEqual(2);
  });

  it('delivers mail pending at a SIGKILL exactly once after the restart', async () => {
    await smtp.close();
    const address = 'bob@demo.econnect.test';
    const chat = await chatAt(server, 'wrongPortal', ['platform', 'locate']);
    await chat.value(address);
    const [pending] = await failedOnce({ to: address });
    expect(pending).toMatchObject({ kind: 'locator', status: 'pending', attempts: 1 });

    expect(await server.stop('SIGKILL')).toBeNull();
    smtp = await startSmtp(port);
    server = await startServer(env, server.dataDir);
    await later(MINUTE);

    const mail = await smtp.waitFor((m) => recipient(m) === address);
    expect(mail.subject).toBe('Where you log in to eConnect');
    await new Promise((r) => setTimeout(r, 2500));
    expect(mailsTo(smtp, address)).toHaveLength(1);
    expect(await rowsOf({ to: address })).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });
});
