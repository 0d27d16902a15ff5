import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../../src/db/index.js';
import { createStaff } from '../../src/support/staff.js';
import { startConnector, type FakeConnector } from '../bot/support/connector.js';
import { TeamsUser, textsOf } from '../bot/support/teams.js';
import { ChatClient } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';
import { StaffApi } from '../support-console/helpers.js';
import { freshPgDatabase, type PgDatabase } from './support/pg.js';
import { startCountingSmtp, type CountingSmtp } from './support/smtp.js';

/**
 * One full scenario on PostgreSQL, through the widget's API, Teams and the support console, in
 * which users paste every kind of secret. Then every log line, every row of every table, every
 * mail and the case export are searched for those secrets and for the users' full addresses.
 */
const SECRETS = {
  password: 'Zomer2024!',
  passwordAsAddress: 'Welkom2024!',
  code: '482 913',
  link: 'https://help.example.test/reset?token=LeakTestTokenAbc123XyZ789qwe',
  linkToken: 'LeakTestTokenAbc123XyZ789qwe',
  dutchPassword: 'Lente2025!x',
  recovery: '4F9K-2M8X-Q7W3',
  teamsPassword: 'Voorjaar!22x',
};

let database: PgDatabase;
let db: OpenedDb;
let smtp: CountingSmtp;
let connector: FakeConnector;
let server: StartedServer;
const anna = 'anna@demo.econnect.test';
const lost = `leak-${randomUUID().slice(0, 8)}@example.test`;
const SUPPORT = 'support@help.example.test';

beforeAll(async () => {
  database = await freshPgDatabase();
  smtp = await startCountingSmtp();
  connector = await startConnector();
  server = await startServer({
    DATABASE_URL: database.url,
    SMTP_URL: smtp.url,
    SUPPORT_MAILBOX: SUPPORT,
    LOG_LEVEL: 'debug',
  });
  db = openDb(database.url);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
  await connector?.close();
  await smtp?.close();
  await database?.drop();
});

/** Every row of every table, as text. */
async function dumpDatabase(): Promise<string> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const parts: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`SELECT * FROM "${table_name}"`);
      parts.push(`${table_name}\n${JSON.stringify(rows.rows)}`);
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

describe('secrets and addresses in a full scenario', () => {
  let caseRef = '';
  let exported = '';
  const warned: string[] = [];

  it('warns in the user’s language whenever a secret is pasted, and goes on', async () => {
    // English, in the widget: a password, a code and a reset link in free text, a password in the
    // address field.
    const en = new ChatClient(server.url);
    await en.start({ locale: 'en' });
    await en.text(`hi, my password is ${SECRETS.password} and it fails`);
    warned.push(en.said);
    await en.text(`the app says ${SECRETS.code}`);
    warned.push(en.said);
    await en.choose('forgotPassword');
    await en.choose('platform');
    await en.choose('reset');
    await en.value(SECRETS.passwordAsAddress);
    warned.push(en.said);
    expect(en.last.prompt?.input?.kind).toBe('email');
    await en.value(anna);
    await en.text(`I got ${SECRETS.link}`);
    warned.push(en.said);
    expect(warned.map((w) => /do not share|keep it to yourself/i.test(w))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(en.last.messages.some((m) => m.kind === 'warning')).toBe(true);

    // Dutch: lost phone, a password where the mailed code is asked, a recovery code in the
    // description, then the case.
    const nl = new ChatClient(server.url);
    await nl.start({ locale: 'nl' });
    await nl.choose('lostPhone');
    await nl.choose('none');
    await nl.choose('send');
    await nl.value(lost);
    const mail = await smtp.waitForCount(2).then(() => smtp.mails.find((m) => m.to === lost)!);
    await nl.value(`mijn wachtwoord is ${SECRETS.dutchPassword}`);
    await nl.value(/\b(\d{6})\b/.exec(mail.parsed.text ?? '')![1]!);
    let guard = 0;
    while (nl.last.status === 'active' && guard++ < 8) {
      if (
        nl.last.prompt?.input?.kind === 'text' &&
        !warned.some((w) => w.includes('herstelcodes'))
      ) {
        await nl.value(`mijn herstelcode is ${SECRETS.recovery}`);
        expect(nl.said).toMatch(/Deel hier alsjeblieft geen codes/);
        warned.push(nl.said);
      } else if (nl.last.prompt?.input?.kind === 'text')
        await nl.value('Nieuwe telefoon, de oude is kapot');
      else if (nl.choices.includes('identity')) await nl.choose('identity');
      else throw new Error(`unexpected question: ${nl.said}`);
    }
    expect(nl.last.caseRef).toMatch(/^LH-/);
    caseRef = nl.last.caseRef!;

    // Teams: a password in a message.
    const teams = new TeamsUser({ base: server.url, serviceUrl: connector.url, locale: 'nl-NL' });
    await teams.say('hallo');
    await teams.say(`mijn wachtwoord is ${SECRETS.teamsPassword}`);
    expect(textsOf(teams.replies).join('\n')).toMatch(/Deel je wachtwoord hier alsjeblieft niet/);

    // Support reads and exports the case.
    await createStaff(db.db, {
      email: 'agent@example.test',
      name: 'Agent',
      password: 'Agent-passphrase-2026!',
      oneTime: false,
      now: Date.now(),
    });
    const api = new StaffApi(server.url);
    await api.enrol('agent@example.test', 'Agent-passphrase-2026!');
    const view = await api.call('GET', `/cases/${caseRef}`);
    expect(view.status).toBe(200);
    exported = JSON.stringify(view.body);
    for (const path of ['export?format=text', 'export?format=json', 'print']) {
      const res = await fetch(`${server.url}/api/v1/support/cases/${caseRef}/${path}`, {
        headers: { cookie: api.cookie },
      });
      expect(res.status, path).toBe(200);
      exported += `\n${await res.text()}`;
    }
    expect(exported).toContain(caseRef);
  });

  it('keeps every pasted secret out of the logs, the database, the mails and the case export', async () => {
    await smtp.waitForCount(4);
    const places = {
      logs: server.output(),
      database: await dumpDatabase(),
      mails: smtp.mails.map((m) => m.raw).join('\n'),
      export: exported,
      teams: JSON.stringify(connector.calls),
    };
    const found: string[] = [];
    for (const [place, text] of Object.entries(places)) {
      for (const [name, secret] of Object.entries(SECRETS))
        if (text.includes(secret)) found.push(`${name} in ${place}`);
    }
    expect(found).toEqual([]);
    // The transcript shows where each secret was, as a marker.
    const markers = await db.db
      .selectFrom('transcript')
      .select('body')
      .where('kind', '=', 'marker')
      .execute();
    expect(markers.map((m) => m.body).join(' ')).toMatch(
      /secret_password.*secret_code|secret_code.*secret_password/s,
    );
  });

  it('writes no full address to the logs, and each address only to its own mails and to support', async () => {
    const logs = server.output();
    for (const address of [anna, lost, 'agent@example.test'])
      expect(logs.includes(address), `${address} in the logs`).toBe(false);
    // Masked addresses are there, so the lines are still useful.
    expect(logs).toMatch(/a\*\*\*@demo\.econnect\.test|l\*\*\*@example\.test/);
    for (const mail of smtp.mails) {
      for (const address of [anna, lost]) {
        if (mail.to === address || mail.to === SUPPORT) continue;
        expect(mail.raw.includes(address), `${address} in a mail to ${mail.to}`).toBe(false);
      }
    }
    // Every log line is JSON with a request id where a request was served, and the turn lines
    // name their conversation.
    const requests = server.logs.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThan(20);
    expect(requests.every((l) => typeof l.reqId === 'string')).toBe(true);
    const turns = server.logs.filter((l) => l.msg === 'turn');
    expect(
      turns.every((l) => typeof l.conversation === 'string' && typeof l.reqId === 'string'),
    ).toBe(true);
    // The mail sender works for every request, so its lines carry none's ids.
    const sent = server.logs.filter((l) => l.msg === 'mail sent');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((l) => l.reqId === undefined && l.conversation === undefined)).toBe(true);
  });
});
