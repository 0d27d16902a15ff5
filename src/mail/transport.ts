import nodemailer, { type SendMailOptions } from 'nodemailer';
import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/index.js';
import { newId } from '../ids.js';

/** The part of a nodemailer transporter the outbox uses; tests may pass any object like it. */
export interface MailTransport {
  sendMail(mail: SendMailOptions): Promise<unknown>;
  close?(): void;
}

const text = (value: SendMailOptions['text']) => (typeof value === 'string' ? value : '');

/**
 * Builds each message exactly as SMTP would (nodemailer's stream transport) and keeps it in
 * `dev_mailbox` for the /dev/mail pages, so `npm start` shows real mails with nothing configured.
 */
function devMailbox(db: Db, clock: Clock, from: string): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    async sendMail(mail) {
      const info = await builder.sendMail({ from, ...mail });
      const outbox = mail.messageId
        ? await db
            .selectFrom('outbox')
            .select('id')
            .where('message_id', '=', mail.messageId)
            .executeTakeFirst()
        : undefined;
      await db
        .insertInto('dev_mailbox')
        .values({
          id: newId(),
          outbox_id: outbox?.id ?? null,
          to_address: info.envelope.to.join(', '),
          subject: mail.subject ?? '',
          text_body: text(mail.text),
          html_body: text(mail.html),
          raw: Buffer.isBuffer(info.message) ? info.message.toString('utf8') : '',
          created_at: clock.now(),
        })
        .execute();
      return info;
    },
  };
}

/**
 * SMTP through nodemailer when `SMTP_URL` is set, otherwise the dev mailbox. Either way every
 * mail gets `MAIL_FROM` as its sender.
 */
export function createTransport(
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>,
  db: Db,
  clock: Clock = systemClock,
): MailTransport {
  if (config.SMTP_URL) {
    // Every send must end well inside the outbox lease (60 s), or a second sender could take
    // the row over while this one is still talking; nodemailer's socket default is an hour.
    const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
    const options = { url: config.SMTP_URL, ...timeouts };
    return nodemailer.createTransport(options, { from: config.MAIL_FROM });
  }
  return devMailbox(db, clock, config.MAIL_FROM);
}
