import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  /** The whole message as it came over the wire (headers, text and HTML parts). */
  raw: string;
  parsed: ParsedMail;
}

export interface CountingSmtp {
  url: string;
  mails: ReceivedMail[];
  /** How often each Message-ID arrived: a count above 1 is a mail sent twice. */
  counts(): Map<string, number>;
  /** Milliseconds to stall every mail before its DATA is read (a slow mail server). */
  delayMs: number;
  /** Waits until `n` mails have arrived, then a little longer to catch any that arrive twice. */
  waitForCount(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that counts every accepted mail by Message-ID. A mail counts
 * only once the server has accepted it (after DATA), so a client that dies while the server
 * stalls has delivered nothing, as with a real server.
 */
export async function startCountingSmtp(options: { delayMs?: number } = {}): Promise<CountingSmtp> {
  const mails: ReceivedMail[] = [];
  const state = { delayMs: options.delayMs ?? 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      setTimeout(() => callback(), state.delayMs);
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
            mails.push({
              messageId: parsed.messageId ?? '',
              to: to?.value[0]?.address ?? '',
              subject: parsed.subject ?? '',
              raw,
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    counts() {
      const counts = new Map<string, number>();
      for (const m of mails) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      return counts;
    },
    async waitForCount(n, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (mails.length < n) {
        if (Date.now() > until)
          throw new Error(
            `${mails.length} of ${n} mails within ${timeoutMs} ms: ${mails.map((m) => m.subject).join(' | ')}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
      // Both outbox senders poll every second: give a duplicate the time to show itself.
      await new Promise((r) => setTimeout(r, 1500));
      return mails;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
