import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { ChatClient } from '../support/chat.js';
import { openServerDb } from '../support/db.js';
import type { StartedServer } from '../support/server.js';
import { recipient, type TestSmtp } from '../support/smtp.js';

export const MINUTE = 60_000;

/** A conversation on `server` started in `path`, moved on by pressing `choices` in order. */
export async function chatAt(
  server: StartedServer,
  path: string,
  choices: string[],
  locale: 'en' | 'nl' = 'en',
): Promise<ChatClient> {
  const chat = new ChatClient(server.url);
  await chat.start({ locale, path });
  for (const choice of choices) await chat.choose(choice);
  return chat;
}

/**
 * Sends one value as a turn and returns the reply exactly as it came over the wire, the body as
 * text, for byte-for-byte comparison (`ChatClient.raw` would parse it).
 */
export async function rawTurn(chat: ChatClient, value: string) {
  const res = await fetch(`${chat.base}/api/v1/conversations/${chat.id}/turns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${chat.token}` },
    body: JSON.stringify({ turnId: randomUUID(), value }),
  });
  return { status: res.status, body: await res.text() };
}

/** A reply body with what must differ between conversations taken out. */
export const neutral = (body: string, chat: ChatClient, address: string) =>
  body.replaceAll(chat.id, '<conversation>').replaceAll(address, '<address>');

/** Mails received for `address` so far. */
export const mailsTo = (smtp: TestSmtp, address: string): ParsedMail[] =>
  smtp.mails.filter((m) => recipient(m) === address);

/** The six-digit code in an ownership-code mail. */
export function codeIn(mail: ParsedMail): string {
  const code = /^(\d{6})$/m.exec(mail.text ?? '')?.[1];
  if (!code) throw new Error(`no code in "${mail.subject}":\n${mail.text}`);
  return code;
}

/** The SQLite database file and its write-ahead log, byte for byte, read as latin1 text. */
export function databaseBytes(dataDir: string): string {
  const file = join(dataDir, 'login-help.sqlite');
  return [file, `${file}-wal`]
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');
}

/** Whether `digits` appear as a number of their own (not inside a longer run of letters/digits). */
export const containsNumber = (haystack: string, digits: string) =>
  new RegExp(`(?<![0-9A-Za-z])${digits}(?![0-9A-Za-z])`).test(haystack);

/** Runs `work` on the started server's database (SQLite beside it). */
export async function withServerDb<T>(
  server: StartedServer,
  work: (db: ReturnType<typeof openServerDb>['db']) => Promise<T>,
): Promise<T> {
  const { db, close } = openServerDb(server.dataDir);
  try {
    return await work(db);
  } finally {
    await close();
  }
}

/**
 * Answers the escalation's questions (address, login page, description) until the case exists.
 */
export async function completeEscalation(chat: ChatClient, email: string): Promise<string> {
  for (let step = 0; chat.last.status === 'active' && step < 10; step++) {
    const input = chat.last.prompt?.input?.kind;
    if (input === 'text') await chat.value('My phone was stolen and I have no recovery codes.');
    else if (input === 'email') await chat.value(email);
    else if (chat.choices.includes('same')) await chat.choose('same');
    else if (chat.choices.includes('identity')) await chat.choose('identity');
    else throw new Error(`unexpected question in the escalation: ${chat.said}`);
  }
  if (chat.last.status !== 'escalated' || !chat.last.caseRef) {
    throw new Error(`no case after the escalation: ${chat.said}`);
  }
  return chat.last.caseRef;
}

/**
 * A request through node:http, which sends the Host header it is given (fetch always sends the
 * real one). Returns status and body text.
 */
export function requestAs(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const init = { method: options.method ?? 'GET', headers: options.headers };
    const req = request(url, init, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
