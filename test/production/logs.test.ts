import { describe, expect, it } from 'vitest';
import { createLogger, setLogContext, withLogContext } from '../../src/log.js';

function capture() {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  return {
    logger,
    lines,
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('the logger', () => {
  it('masks every address and removes link secrets, also inside error messages', () => {
    const { logger, lines } = capture();
    const err = new Error(
      '550 5.1.1 <Jan.Jansen@Example.NL>: mailbox unavailable; see https://x.test/reset?token=AbC123secret&lang=nl',
    );
    logger.warn(
      { err, email: 'anna@demo.econnect.test', to: 'x <bob@demo.econnect.test>' },
      'mail to piet@firma.nl failed',
    );
    const line = lines.join('');
    for (const address of [
      'Jan.Jansen@Example.NL',
      'anna@demo.econnect.test',
      'bob@demo.econnect.test',
      'piet@firma.nl',
    ])
      expect(line).not.toContain(address);
    expect(line).toContain('J***@Example.NL');
    expect(line).toContain('a***@demo.econnect.test');
    expect(line).not.toContain('AbC123secret');
    expect(line).toContain('token=[redacted]');
  });

  it('adds the request id and conversation of the request being served to every line', async () => {
    const { logger, parsed } = capture();
    await withLogContext({ reqId: 'r-1' }, async () => {
      logger.info('before');
      await new Promise((r) => setTimeout(r, 1));
      setLogContext({ conversation: 'c-1' });
      logger.info('after');
    });
    logger.info('outside');
    expect(parsed().map((l) => [l.msg, l.reqId, l.conversation])).toEqual([
      ['before', 'r-1', undefined],
      ['after', 'r-1', 'c-1'],
      ['outside', undefined, undefined],
    ]);
  });
});
