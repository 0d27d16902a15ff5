import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';
import { chatAt, mailsTo, neutral, rawTurn } from './helpers.js';

let smtp: TestSmtp;
let server: StartedServer;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

// Demo accounts: Anna on Platform only, Bob on both login pages, nobody@ on neither.
const ONE = 'anna@demo.econnect.test';
const BOTH = 'bob@demo.econnect.test';
const NONE = 'nobody@example.org';

describe('account locator', () => {
  it('answers one portal, both and none byte for byte alike, and tells each by mail', async () => {
    const replies = [];
    for (const address of [ONE, BOTH, NONE]) {
      const chat = await chatAt(server, 'wrongPortal', ['platform', 'locate']);
      expect(chat.last.prompt?.input?.kind).toBe('email');
      const reply = await rawTurn(chat, address);
      expect(reply.status).toBe(200);
      replies.push(neutral(reply.body, chat, address));
    }
    expect(replies[1]).toBe(replies[0]);
    expect(replies[2]).toBe(replies[0]);
    expect(JSON.parse(replies[0]!).messages[0].text).toContain('<address>');

    const [one, both, none] = await Promise.all(
      [ONE, BOTH, NONE].map((address) => smtp.waitFor((m) => recipient(m) === address)),
    );
    for (const address of [ONE, BOTH, NONE]) expect(mailsTo(smtp, address)).toHaveLength(1);
    for (const mail of [one!, both!, none!]) {
      expect(mail.subject).toBe('Where you log in to eConnect');
      expect(mail.html).toContain('<html lang="en">');
      expect(mail.text).toContain('+31 88 440 6633');
    }

    expect(one!.text).toContain('It has one on platform.econnect.eu (Platform)');
    expect(one!.text).toContain('Log in at platform.econnect.eu:\nhttps://platform.econnect.eu');
    expect(one!.text).not.toContain('identity.econnect.eu (');

    expect(both!.text).toContain('It has an account on both login pages');
    expect(both!.text).toMatch(/Platform: https:\/\/platform\.econnect\.eu/);
    expect(both!.text).toMatch(/: https:\/\/identity\.econnect\.eu/);

    expect(none!.text).toContain('It has none: there is no account for it on platform');
    expect(none!.text).toContain('Perhaps you log in with a different e-mail address');
    expect(none!.text).not.toMatch(/Log in at/);
  });
});
