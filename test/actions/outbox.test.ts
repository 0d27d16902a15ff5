import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Db } from '../../src/db/index.js';
import {
  backoffMs,
  parseAddress,
  createTransport,
  enqueueMail,
  LEASE_MS,
  MAX_ATTEMPTS,
  OutboxSender,
  type MailMessage,
  type MailTransport,
} from '../../src/mail/index.js';
import { listOutbox, retryMail } from '../../src/mail/outbox-admin.js';
import { logger, openTestDb, startSmtp, testConfig, type TestSmtp } from './fixtures.js';

const message = (over: Partial<MailMessage> = {}): MailMessage => ({
  kind: 'reset',
  to: { address: 'Anna@Demo.eConnect.test', name: 'Anna de Vries' },
  subject: 'Reset your eConnect Platform password',
  text: 'Choose a new password: https://help.example.test/reset?token=abc',
  html: '<p>Choose a new password</p>',
  ...over,
});

describe('outbox', () => {
  let db: Db;
  let close: () => Promise<void>;
  let smtp: TestSmtp;
  const clock = new ManualClock();

  beforeEach(async () => {
    ({ db, close } = await openTestDb());
    smtp = await startSmtp();
  });
  afterEach(async () => {
    await smtp.close();
    await close();
  });

  const senderFor = (transport: MailTransport) =>
    new OutboxSender({ db, transport, clock, logger });
  const smtpSender = () =>
    senderFor(createTransport(testConfig({ SMTP_URL: smtp.url }), db, clock));
  const row = (id: string) =>
    db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('stores a mail as pending with a fixed Message-ID and the normalised address', async () => {
    const id = await enqueueMail(db, message(), clock.now());
    expect(await row(id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      to_address: 'anna@demo.econnect.test',
      next_attempt_at: clock.now(),
      message_id: expect.stringMatching(/^<[0-9a-f-]{36}@login-help>$/),
    });
  });

  it("keeps a mail's secrets sealed until it is sent, then drops them", async () => {
    const token = 'Zq3xLr8vTn2Kp5Wd9Ys1Hc4Jm7Bf0Ga6Ue_Xo-Ni3Rt';
    const link = (secret: string) => `https://help.example.test/reset?token=${secret}`;
    const text = `Code:\n\n123456\n\nCall 0612345678.\n${link(token)}`;
    const html = `<p>123456</p><a href="${link(token)}">x</a>`;
    const secrets = [token, '123456'];
    const id = await enqueueMail(db, message({ text, html, secrets }), clock.now());

    const stored = await row(id);
    const placeholders = `Code:\n\n{{secret:1}}\n\nCall 0612345678.\n${link('{{secret:0}}')}`;
    expect(stored.text_body).toBe(placeholders);
    expect(stored.html_body).not.toContain(token);
    expect(stored.sealed).toMatch(/^v1\./);
    expect(stored.sealed).not.toContain(token);

    await smtpSender().drain();
    expect(smtp.received[0]!.text?.trimEnd()).toBe(text);
    expect(await row(id)).toMatchObject({ status: 'sent', sealed: null });

    const missing = enqueueMail(db, message({ secrets: ['not-in-the-mail'] }), clock.now());
    await expect(missing).rejects.toMatchObject({ code: 'OUTBOX_SEAL_INVALID' });
  });

  it('delivers a queued mail through SMTP exactly once, with its stored Message-ID', async () => {
    const id = await enqueueMail(db, message(), clock.now());
    const sender = smtpSender();
    await sender.drain();
    await sender.drain();

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    const stored = await row(id);
    expect(mail.messageId).toBe(stored.message_id);
    expect(mail.subject).toBe('Reset your eConnect Platform password');
    expect(mail.from?.text).toContain('login-help@localhost');
    expect(stored).toMatchObject({
      status: 'sent',
      sent_at: clock.now(),
      attempts: 1,
      lease_until: null,
    });
  });

  it('keeps mail pending while SMTP is down and delivers it once when it is back', async () => {
    const port = smtp.port;
    const id = await enqueueMail(db, message(), clock.now());
    const sender = smtpSender();
    await smtp.close();

    await sender.drain();
    const failed = await row(id);
    const retryAt = clock.now() + 30_000;
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: retryAt });
    expect(failed.last_error).toMatch(/ECONNREFUSED/);

    smtp = await startSmtp(port);
    await sender.drain();
    expect(smtp.received).toHaveLength(0);

    clock.advance(30_000);
    await sender.drain();
    await sender.drain();
    expect(smtp.received).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('retries a mail whose sender stopped mid-send once the lease has run out', async () => {
    const id = await enqueueMail(db, message(), clock.now());
    await db
      .updateTable('outbox')
      .set({ status: 'sending', attempts: 1, lease_until: clock.now() + LEASE_MS })
      .where('id', '=', id)
      .execute();
    const sender = smtpSender();

    await sender.drain();
    expect(smtp.received).toHaveLength(0);

    clock.advance(LEASE_MS);
    await sender.drain();
    expect(smtp.received).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails a mail at once when the receiving server refuses its mailbox for good, and sends the rest', async () => {
    await smtp.close();
    smtp = await startSmtp(0, [], { refuse: 'nobody@demo.econnect.test' });
    const refused = await enqueueMail(
      db,
      message({ to: { address: 'nobody@demo.econnect.test', name: 'Nobody' } }),
      clock.now(),
    );
    const fine = await enqueueMail(db, message(), clock.now());
    await smtpSender().drain();

    const failed = await row(refused);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lease_until: null });
    expect(failed.last_error).toMatch(/550/);
    expect(failed.last_error).not.toContain('nobody@');
    expect(await row(fine)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(smtp.received.map((m) => m.subject)).toEqual([message().subject]);
  });

  it('backs off from 30 s, doubling up to 30 min, and gives up after ten attempts', async () => {
    const waits = [1, 2, 3, 7, 10].map(backoffMs);
    expect(waits).toEqual([30_000, 60_000, 120_000, 1_800_000, 1_800_000]);

    const id = await enqueueMail(db, message(), clock.now());
    const sender = smtpSender();
    await smtp.close();

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await sender.drain();
      clock.advance(backoffMs(attempt));
    }
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lease_until: null });
    expect(failed.last_error).toMatch(/ECONNREFUSED/);

    clock.advance(24 * 60 * 60_000);
    smtp = await startSmtp(smtp.port);
    await sender.drain();
    expect(smtp.received).toHaveLength(0);
  });

  it('keeps no address in the stored error when the server refuses the recipient', async () => {
    const id = await enqueueMail(db, message(), clock.now());
    const rejected = "Can't send mail - all recipients were rejected: 550";
    const refusing = {
      async sendMail() {
        const error = new Error(`${rejected} <anna@demo.econnect.test>: no such user`);
        throw Object.assign(error, { code: 'EENVELOPE', responseCode: 550 });
      },
    };
    await senderFor(refusing).drain();
    const failed = await row(id);
    expect(failed.last_error).toBe(`EENVELOPE 550 ${rejected} <[address]>: no such user`);
  });

  it('keeps mail in the dev mailbox when no SMTP server is configured', async () => {
    const id = await enqueueMail(db, message(), clock.now());
    const sender = senderFor(createTransport(testConfig(), db, clock));
    await sender.drain();

    const stored = await row(id);
    const dev = await db.selectFrom('dev_mailbox').selectAll().execute();
    expect(dev).toHaveLength(1);
    expect(dev[0]).toMatchObject({
      outbox_id: id,
      to_address: 'anna@demo.econnect.test',
      subject: 'Reset your eConnect Platform password',
      html_body: '<p>Choose a new password</p>',
      created_at: clock.now(),
    });
    expect(dev[0]!.raw).toContain(`Message-ID: ${stored.message_id}`);
    expect(stored.status).toBe('sent');
    expect(smtp.received).toHaveLength(0);
  });

  it('lists mail needing a look first and sends a failed one again, same Message-ID', async () => {
    const sentId = await enqueueMail(db, message({ subject: 'sent' }), clock.now());
    await smtpSender().drain();
    const failedId = await enqueueMail(db, message({ subject: 'failed' }), clock.now());
    await db
      .updateTable('outbox')
      .set({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: 'ECONNREFUSED' })
      .where('id', '=', failedId)
      .execute();
    const waitingId = await enqueueMail(db, message({ subject: 'waiting' }), clock.now());

    const unsent = await listOutbox(db, { now: clock.now() });
    expect(unsent.map((e) => [e.id, e.problem])).toEqual([
      [failedId, 'failed'],
      [waitingId, null],
    ]);
    expect(unsent[0]).toMatchObject({ to: 'a***@demo.econnect.test', lastError: 'ECONNREFUSED' });
    const all = await listOutbox(db, { now: clock.now(), include: 'all' });
    expect(all.map((e) => e.id)).toContain(sentId);

    expect(await retryMail(db, sentId, clock.now())).toEqual({ ok: false, reason: 'sent' });
    expect(await retryMail(db, 'no-such-id', clock.now())).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await retryMail(db, failedId, clock.now())).toMatchObject({
      ok: true,
      entry: { status: 'pending', attempts: 0 },
    });
    await smtpSender().drain();
    const again = smtp.received.find((m) => m.subject === 'failed');
    expect(again?.messageId).toBe((await row(failedId)).message_id);
    expect(smtp.received.map((m) => m.subject).sort()).toEqual(['failed', 'sent', 'waiting']);
  });

  it('keeps "Jansen, Piet" one recipient and every header value on one line', async () => {
    const piet = { address: 'piet.jansen@example.nl', name: 'Jansen, Piet' };
    const typed = ['Jansen, Piet <Piet.Jansen@Example.nl>', `"Jansen, Piet" <${piet.address}>`];
    for (const form of typed) {
      const to = parseAddress(form)!;
      expect(to).toEqual(piet);
      const subject = 'Your code\r\nBcc: all@example.test';
      await enqueueMail(db, message({ to, subject }), clock.now());
    }
    expect(parseAddress('Piet\r\nBcc: all@example.test <piet.jansen@example.nl>')).toBeUndefined();
    await smtpSender().drain();

    expect(smtp.received).toHaveLength(2);
    for (const mail of smtp.received) {
      const to = Array.isArray(mail.to) ? mail.to : [mail.to!];
      expect(to.flatMap((t) => t.value)).toEqual([piet]);
      expect(mail.subject).toBe('Your code Bcc: all@example.test');
      expect(mail.headers.has('bcc')).toBe(false);
      expect(mail.bcc).toBeUndefined();
    }
  });

  it('delivers mail on its own once started, and stops cleanly', async () => {
    const sender = new OutboxSender({
      db,
      transport: createTransport(testConfig({ SMTP_URL: smtp.url }), db, clock),
      clock,
      logger,
      pollMs: 10,
    });
    sender.start();
    await enqueueMail(db, message(), clock.now());
    await expect.poll(() => smtp.received.length, { timeout: 5000 }).toBe(1);
    await sender.stop();
  });
});
