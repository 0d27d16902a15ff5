import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

export type { Logger };

/** `jansen@example.nl` → `j***@example.nl`: enough to tell cases apart, not to mail anyone. */
export function maskEmail(address: string | undefined | null): string | undefined {
  if (!address) return undefined;
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** What every log line written while serving one request carries. */
export interface LogContext {
  reqId?: string;
  conversation?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `fields` on every log line it writes (the server starts one per request). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return context.run({ ...fields }, work);
}

/** Adds to the current request's log fields, e.g. the conversation once it is known. */
export function setLogContext(fields: LogContext): void {
  const store = context.getStore();
  if (store) Object.assign(store, fields);
}

/**
 * Runs `work` outside any request's log fields: for work a request only starts, like a mail
 * sender that goes on to deliver other requests' mail, whose lines must not carry its ids.
 */
export function outsideRequest<T>(work: () => T): T {
  return context.exit(work);
}

/** The request id of the request being served, if any (for error replies). */
export const currentRequestId = (): string | undefined => context.getStore()?.reqId;

const ADDRESS =
  /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
const LINK_SECRET = /((?:[?&]|\\u0026)(?:token|code|key|otp|ticket|sig|secret)=)[^&"\s\\]+/gi;

/**
 * The last step of every log line: addresses are masked and link secrets removed wherever they
 * appear, including error messages from SMTP servers and drivers that quote them.
 */
export function scrubLogLine(line: string): string {
  // Most lines have neither; the checks cost far less than the expressions (bench: 5 µs a line).
  if (line.includes('@')) line = line.replace(ADDRESS, '$1***@$2');
  if (line.includes('=')) line = line.replace(LINK_SECRET, '$1[redacted]');
  return line;
}

/**
 * One JSON logger for the server. Secrets never reach it by design (nothing logs bodies);
 * `redact` is a second line of defence for the fields that could carry one, and every line is
 * scrubbed of addresses and link secrets before it is written (so an `email` field logs as
 * `a***@example.nl`: enough to tell cases apart). Lines written while serving a
 * request carry its `reqId` and, once known, its `conversation`.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const out = destination ?? pino.destination({ dest: 1, sync: false });
  return pino(
    {
      level,
      base: { service: 'login-help' },
      mixin: () => ({ ...context.getStore() }),
      redact: {
        paths: [
          'password',
          'token',
          'code',
          'text',
          '*.password',
          '*.token',
          '*.code',
          '*.text',
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor: '[redacted]',
      },
    },
    { write: (line: string) => out.write(scrubLogLine(line)) },
  );
}
