import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Request, Response } from 'restify';
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

interface Asset {
  mtimeMs: number;
  body: Buffer;
  etag: string;
}
const cache = new Map<string, Asset>();

/** A built file, read again only when it changed on disk (a rebuild needs no restart). */
function load(name: string): Asset | undefined {
  for (const dir of DIRS) {
    const file = fileURLToPath(new URL(name, dir));
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      continue;
    }
    const cached = cache.get(file);
    if (cached?.mtimeMs === mtimeMs) return cached;
    const body = readFileSync(file);
    const asset = {
      mtimeMs,
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    };
    cache.set(file, asset);
    return asset;
  }
  return undefined;
}

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
  const headers = {
    'Content-Type': type!,
    'Cache-Control': cacheControl,
    ETag: asset.etag,
    'Content-Security-Policy': CONSOLE_CSP,
  };
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(asset.body.length) });
  res.end(asset.body);
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
