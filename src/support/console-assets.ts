import type { Request, Response } from 'restify';
import { builtFiles, sendBuilt } from '../http/built-files.js';
import { sendError } from '../http/respond.js';

/**
 * The console's page and Vite's hashed assets: scripts and styles from this server only, the QR
 * code as a data: image, API calls to this origin, and no framing.
 */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** `npm run build:console` writes dist/console/; found from src/support and dist/src/support. */
const DIRS = [
  new URL('../../dist/console/', import.meta.url),
  new URL('../../../dist/console/', import.meta.url),
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const load = builtFiles(DIRS);

function send(req: Request, res: Response, name: string, cacheControl: string): void {
  const type = TYPES[name.slice(name.lastIndexOf('.'))];
  const asset = type ? load(name) : undefined;
  if (!asset) {
    const built = load('index.html') !== undefined;
    return built
      ? sendError(res, 404, 'not_found', 'no such console file')
      : sendError(
          res,
          503,
          'console_not_built',
          'the console is not built yet; run "npm run build:console"',
        );
  }
  sendBuilt(req, res, asset, {
    'Content-Type': type!,
    'Cache-Control': cacheControl,
    'Content-Security-Policy': CONSOLE_CSP,
  });
}

/** GET /console: the app's page; never cached, so a new build is picked up at once. */
export const consolePage = (req: Request, res: Response): void =>
  send(req, res, 'index.html', 'no-store');

/** GET /console/assets/:file: content-hashed names, so a year of caching is safe. */
export function consoleAsset(req: Request, res: Response): void {
  const file = String((req.params as { file?: unknown }).file ?? '');
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(js|css|svg)$/.test(file)) {
    return sendError(res, 404, 'not_found', 'no such console file');
  }
  send(req, res, `assets/${file}`, 'public, max-age=31536000, immutable');
}
