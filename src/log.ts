import pino, { type Logger } from 'pino';

export type { Logger };

/** `jansen@example.nl` → `j***@example.nl`: enough to tell cases apart, not to mail anyone. */
export function maskEmail(address: string | undefined | null): string | undefined {
  if (!address) return undefined;
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/**
 * One JSON logger for the server. Secrets never reach it by design (nothing logs bodies);
 * `redact` is a second line of defence for the fields that could carry one.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'login-help' },
      redact: {
        paths: [
          'password',
          'token',
          'code',
          'text',
          'email',
          '*.password',
          '*.token',
          '*.code',
          '*.text',
          '*.email',
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
