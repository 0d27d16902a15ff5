import helmet from 'helmet';
import restify, { type Request, type Response, type Server } from 'restify';
import { withLogContext, type Logger } from '../log.js';
import { sendError, sendJson } from './respond.js';

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
  /**
   * The largest body any route reads. A request that declares more is refused before routing,
   * whatever its path; each route still enforces its own (smaller) limit while reading.
   */
  maxBodyBytes: number;
  /** Whether this instance can serve (its database answers); `/readyz` reports it. */
  ready?: () => Promise<boolean>;
  /**
   * Proxies (load balancers) in front of this server whose `X-Forwarded-For` entries are
   * trusted to name the client. 0: the connecting address is the client. @default 0
   */
  trustProxyHops?: number;
}

const clientAddresses = new WeakMap<object, string>();

/**
 * The client's address, for per-client limits: the connecting address, or behind
 * `trustProxyHops` proxies the entry they appended to X-Forwarded-For. Entries further left are
 * written by the client itself and never trusted.
 */
export function clientAddressOf(req: Request): string {
  return clientAddresses.get(req) ?? req.socket.remoteAddress ?? 'unknown';
}

function clientAddress(req: Request, hops: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (hops <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - hops] ?? chain[0] ?? socket;
}

/** How long a request may take from its first byte to its last; slow senders are cut off. */
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 10_000;
/**
 * An idle keep-alive connection stays open this long: longer than load balancers keep theirs
 * (60 s is the common default), so it is always the client or balancer that closes one. When
 * the server closes first, a request sent at that moment fails with a reset connection.
 */
const KEEP_ALIVE_MS = 65_000;

interface Lifecycle {
  inFlight: number;
  draining: boolean;
  settled: Array<() => void>;
}

const lifecycles = new WeakMap<Server, Lifecycle>();

const CONVERSATION_IN_PATH = /^\/api\/v1\/conversations\/([0-9a-f-]{36})(?:\/|$)/i;

/**
 * The restify server with what every route shares: security headers (helmet), a body-size
 * ceiling, one log line per request carrying its id, JSON errors for restify's own refusals
 * (unknown route, wrong method), and a drain for graceful shutdown.
 */
export function createHttpServer(opts: HttpOptions): Server {
  const { logger } = opts;
  const server = restify.createServer({
    name: 'login-help',
    handleUncaughtExceptions: false,
    ignoreTrailingSlash: true,
  });
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.server.keepAliveTimeout = KEEP_ALIVE_MS;
  const lifecycle: Lifecycle = { inFlight: 0, draining: false, settled: [] };
  lifecycles.set(server, lifecycle);

  // The strictest headers by default; pages and the widget script set what they need instead
  // (their own Content-Security-Policy, Cross-Origin-Resource-Policy: cross-origin).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: opts.secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  });

  server.pre((req: Request, res: Response, next: (arg?: unknown) => void) => {
    const started = process.hrtime.bigint();
    const path = (req.url ?? '').split('?')[0] ?? '';
    const fields = { reqId: req.id(), conversation: CONVERSATION_IN_PATH.exec(path)?.[1] };
    clientAddresses.set(req, clientAddress(req, opts.trustProxyHops ?? 0));
    withLogContext(fields, () => {
      securityHeaders(req, res, () => undefined);
      res.setHeader(
        'Permissions-Policy',
        'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
      );
      res.setHeader('X-Request-Id', fields.reqId);

      lifecycle.inFlight++;
      res.once('close', () => {
        lifecycle.inFlight--;
        if (lifecycle.inFlight === 0) for (const done of lifecycle.settled.splice(0)) done();
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        // The path only: query strings can carry reset tokens.
        logger.info(
          {
            reqId: fields.reqId,
            method: req.method,
            path,
            status: res.statusCode,
            ms: Math.round(ms * 10) / 10,
          },
          'request',
        );
      });

      if (lifecycle.draining) {
        refuse(
          req,
          res,
          503,
          'shutting_down',
          'this server is restarting; please try again in a moment',
        );
        return next(false);
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > opts.maxBodyBytes) {
        refuse(
          req,
          res,
          413,
          'body_too_large',
          `request body is larger than ${opts.maxBodyBytes} bytes`,
        );
        return next(false);
      }
      next();
    });
  });

  server.get('/healthz', (_req, res, next) => {
    sendJson(res, 200, { ok: true });
    next(false);
  });

  // Browsers ask every page's origin for one; "no content" keeps their consoles and our logs
  // free of a 404 on every first visit.
  server.get('/favicon.ico', (_req, res, next) => {
    res.writeHead(204, { 'Cache-Control': 'public, max-age=86400' });
    res.end();
    next(false);
  });

  // For a load balancer: 200 while this instance reaches its database, 503 otherwise (and
  // while draining, which the pre-handler answers).
  server.get('/readyz', (_req, res, next) => {
    const check = opts.ready ?? (async () => true);
    check()
      .then(
        (ok) =>
          ok
            ? sendJson(res, 200, { ok: true })
            : sendError(res, 503, 'unavailable', 'the database cannot be reached'),
        () => sendError(res, 503, 'unavailable', 'the database cannot be reached'),
      )
      .finally(() => next(false));
  });

  // restify's own errors (404 route, 405 method, …) in the same JSON shape as ours. The
  // listener only reshapes the error: restify sends it after the listener returns.
  server.on('restifyError', (_req, _res, err: RestifyError, done: () => void) => {
    const status =
      err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    const [code, message] =
      KNOWN[status] ??
      (status < 500
        ? ['bad_request', 'bad request']
        : ['internal', 'something went wrong on our side']);
    if (status >= 500) logger.error({ err }, 'restify error');
    err.statusCode = status;
    err.toJSON = () => ({ error: { code, message } });
    done();
  });

  return server;
}

/**
 * A refused request's body is read and dropped up to this much, so the client, still sending,
 * gets to read the answer: closing under a client that is uploading leaves it a broken pipe
 * instead of the 413. Past it the connection is cut; the request timeout bounds the time.
 */
const DRAIN_LIMIT_BYTES = 8 * 2 ** 20;

/** Answers before routing. A stopping server also closes the connection (Retry-After). */
function refuse(req: Request, res: Response, status: number, code: string, message: string): void {
  if (status === 503) {
    res.setHeader('Connection', 'close');
    res.setHeader('Retry-After', '2');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > DRAIN_LIMIT_BYTES) res.setHeader('Connection', 'close');
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
  sendError(res, status, code, message);
}

/**
 * Graceful stop: new requests are answered 503 `shutting_down` (and their connections closed),
 * requests already running finish, then the listener closes. The port keeps answering during
 * the drain so a client or load balancer still sending here gets a clear 503, not a refused
 * connection. Resolves true when everything finished within `timeoutMs`, false when it gave up.
 */
export async function drainServer(server: Server, timeoutMs: number): Promise<boolean> {
  const lifecycle = lifecycles.get(server);
  if (!lifecycle) throw new Error('drainServer: not a server from createHttpServer');
  lifecycle.draining = true;
  const http = server.server;
  http.closeIdleConnections();
  const finished =
    lifecycle.inFlight === 0 ||
    (await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      lifecycle.settled.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    }));
  await new Promise<void>((resolve) => {
    http.close(() => resolve());
    http.closeAllConnections();
  });
  return finished;
}
