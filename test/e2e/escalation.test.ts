import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient } from '../support/chat.js';
import { openServerDb } from '../support/db.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';

let smtp: TestSmtp;
let server: StartedServer;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url, SUPPORT_MAILBOX: 'desk@support.test' });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe('escalation', () => {
  it('creates a case, mails support the transcript and confirms to the user', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en' });
    await chat.choose('forgotPassword');
    await chat.choose('platform');
    await chat.choose('reset');
    await chat.value('noor@demo.econnect.test');
    await chat.choose('no');
    await chat.choose('human');
    expect(chat.last.flow).toBe('escalation');
    while (chat.last.status === 'active') {
      const input = chat.last.prompt?.input?.kind;
      if (input === 'text') await chat.value('The reset link says my session expired. <b>help</b>');
      else if (input === 'email') await chat.value('noor@demo.econnect.test');
      else if (chat.choices.includes('same')) await chat.choose('same');
      else if (chat.choices.includes('platform')) await chat.choose('platform');
      else throw new Error(`unexpected question: ${chat.said}`);
    }

    expect(chat.last.status).toBe('escalated');
    const ref = chat.last.caseRef!;
    expect(ref).toMatch(/^LH-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const caseLine = chat.last.messages.find((m) => m.kind === 'case')!;
    expect(caseLine.text).toContain(ref);
    expect(caseLine.text).toContain('+31 88 440 6633');

    const { db, close } = openServerDb(server.dataDir);
    const row = await db
      .selectFrom('cases')
      .selectAll()
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow();
    await close();
    expect(row).toMatchObject({
      status: 'open',
      email: 'noor@demo.econnect.test',
      portal: 'platform',
      conversation_id: chat.id,
    });
    expect(row.description).toContain('session expired');
    expect(JSON.parse(row.facts).tried).toEqual(
      expect.arrayContaining(['forgotPassword', 'action:passwordReset']),
    );

    const support = await smtp.waitFor((m) => recipient(m) === 'desk@support.test');
    expect(support.subject).toContain(ref);
    expect(support.text).toContain('noor@demo.econnect.test');
    expect(support.text).toContain('Did this solve it?');
    expect(support.html).not.toContain('<b>help</b>');
    const confirmation = await smtp.waitFor(
      (m) => recipient(m) === 'noor@demo.econnect.test' && (m.subject ?? '').includes(ref),
    );
    expect(confirmation.text).toContain('+31 88 440 6633');
  });

  it('reaches a person from any question with "talk to a person"', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'nl' });
    await chat.choose('codeRejected');
    expect(chat.last.prompt?.nav.map((n) => n.id)).toContain('nav.human');
    await chat.choose('nav.human');
    expect(chat.last.flow).toBe('escalation');
    expect(chat.last.locale).toBe('nl');
  });
});
