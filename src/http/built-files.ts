import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Request, Response } from 'restify';

export interface BuiltFile {
  mtimeMs: number;
  body: Buffer;
  etag: string;
}

/**
 * Files Vite built (the widget, the console), looked up in the first of `dirs` that has them and
 * read again only when they changed on disk, so a rebuild needs no restart.
 */
export function builtFiles(dirs: URL[]): (name: string) => BuiltFile | undefined {
  const cache = new Map<string, BuiltFile>();
  return (name) => {
    for (const dir of dirs) {
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
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
      const built = { mtimeMs, body, etag };
      cache.set(file, built);
      return built;
    }
    return undefined;
  };
}

/** Sends a built file with its ETag, or 304 when the client already has this version. */
export function sendBuilt(
  req: Request,
  res: Response,
  file: BuiltFile,
  headers: Record<string, string>,
): void {
  const all = { ...headers, ETag: file.etag };
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, all);
    res.end();
    return;
  }
  res.writeHead(200, { ...all, 'Content-Length': String(file.body.length) });
  res.end(file.body);
}
