import type { Request, Response, Server } from 'restify';
import { sendError } from './respond.js';

export interface CorsOptions {
  /** Origins that may embed the widget (ALLOWED_ORIGINS), read on every request. */
  allowedOrigins: () => readonly string[];
  /** This server's own public origin (known only after listen when PORT=0). */
  ownOrigin: () => string;
  /**
   * Also accept the origin the request itself was sent to (`http://<Host>`), so a developer who
   * opens the demo as localhost instead of 127.0.0.1 is not refused. Off in production, where
   * only the configured public URL counts.
   */
  sameHostCounts: boolean;
}

/** Which paths are the API: everything a browser on another origin might call. */
const API_PREFIX = '/api/v1/';

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * CORS for the chat API, answered before routing so a refused origin never reaches a handler
 * (no turn runs, no mail is sent). No credentials are involved: the widget sends a bearer token
 * and never cookies, so `Access-Control-Allow-Credentials` is never set.
 *
 * - no `Origin` header (curl, servers, same-origin GET): passes untouched;
 * - allowed origin: echoed in `Access-Control-Allow-Origin`, preflight answered 204;
 * - any other origin: 403 `origin_not_allowed`. On a preflight the browser then refuses the
 *   real request. On a simple request the error carries `Access-Control-Allow-Origin`, so the
 *   widget can read why it was refused and say so instead of looking offline; the refusal
 *   holds no data.
 */
export function registerCors(server: Server, options: CorsOptions): void {
  const allowed = (origin: string, req: Request): boolean => {
    if (origin === originOf(options.ownOrigin())) return true;
    if (options.allowedOrigins().some((o) => originOf(o) === origin)) return true;
    return (
      options.sameHostCounts &&
      req.headers.host !== undefined &&
      origin === `http://${req.headers.host}`
    );
  };

  server.pre((req: Request, res: Response, next: (arg?: unknown) => void) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const origin = req.headers.origin;
    if (!path.startsWith(API_PREFIX) || origin === undefined) return next();

    res.setHeader('Vary', 'Origin');
    const preflight = req.method === 'OPTIONS';
    if (!allowed(origin, req)) {
      if (!preflight) res.setHeader('Access-Control-Allow-Origin', origin);
      req.resume();
      sendError(
        res,
        403,
        'origin_not_allowed',
        `the origin ${origin.slice(0, 200)} may not use this API; the operator can add it to ALLOWED_ORIGINS`,
      );
      return next(false);
    }

    res.setHeader('Access-Control-Allow-Origin', origin);
    if (!preflight) return next();
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, POST',
      'Access-Control-Allow-Headers': 'Content-Type, Authorization',
      // Ten minutes: Chromium caps the preflight cache at two hours; short keeps config changes quick.
      'Access-Control-Max-Age': '600',
      'Content-Length': '0',
    });
    res.end();
    return next(false);
  });
}
