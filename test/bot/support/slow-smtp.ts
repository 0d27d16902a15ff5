import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SlowSmtp {
  url: string;
  mails: ParsedMail[];
  /** Messages the server has started to receive but not accepted yet. */
  held(): number;
  /** Accepts every held message, and every later one at once. */
  release(): void;
  /** Becomes slow again for the next messages. */
  hold(): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that is slow on purpose: it reads each message and then does
 * not answer the end of DATA until the test releases it, as an overloaded mail server would.
 * (Well inside the outbox's one-minute lease, so the sender does not give up on the mail.)
 */
export async function startSlowSmtp(): Promise<SlowSmtp> {
  const mails: ParsedMail[] = [];
  let holding = 0;
  let open!: () => void;
  let released = false;
  let gate = new Promise<void>((resolve) => (open = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream)
        .then(async (mail) => {
          if (!released) {
            holding++;
            await gate;
            holding--;
          }
          mails.push(mail);
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    held: () => holding,
    release() {
      released = true;
      open();
    },
    hold() {
      released = false;
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
