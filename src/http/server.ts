import restify, { type Server } from 'restify';
import type { Logger } from '../log.js';
import { sendJson } from './respond.js';

interface RestifyError {
  statusCode?: number;
  toJSON?: () => unknown;
}

const KNOWN: Record<number, [string, string]> = {
  404: ['not_found', 'no such endpoint'],
  405: ['method_not_allowed', 'method not allowed here'],
  406: ['not_acceptable', 'this endpoint answers JSON only'],
};

export interface HttpOptions {
  logger: Logger;
  /** https public URL: adds Strict-Transport-Security. */
  secure: boolean;
}

/**
 * The restify server with what every route shares: security headers, one log line per request,
 * and JSON errors for restify's own refusals (unknown route, wrong method).
 */
export function createHttpServer(opts: HttpOptions): Server {
  const { logger } = opts;
  const server = restify.createServer({ name: 'login-help', handleUncaughtExceptions: false, ignoreTrailingSlash: true });

  server.pre((req, res, next) => {
    const started = process.hrtime.bigint();
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    if (opts.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The path only: query strings can carry reset tokens.
      const path = (req.url ?? '').split('?')[0];
      logger.info({ reqId: req.id(), method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  });

  server.get('/healthz', (_req, res, next) => {
    sendJson(res, 200, { ok: true });
    next(false);
  });

  // restify's own errors (404 route, 405 method, …) in the same JSON shape as ours. The
  // listener only reshapes the error: restify sends it after the listener returns.
  server.on('restifyError', (_req, _res, err: RestifyError, done: () => void) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    const [code, message] = KNOWN[status] ?? (status < 500 ? ['bad_request', 'bad request'] : ['internal', 'something went wrong on our side']);
    if (status >= 500) logger.error({ err }, 'restify error');
    err.statusCode = status;
    err.toJSON = () => ({ error: { code, message } });
    done();
  });

  return server;
}
