import type { Request } from 'restify';
import { AppError } from '../errors.js';

export class BodyTooLargeError extends AppError {
  constructor(limit: number) {
    super(413, 'body_too_large', `request body is larger than ${limit} bytes`);
  }
}

const MAX_DEPTH = 20;

/**
 * Walks a parsed body once: how deep it nests, and whether any key or string holds a NUL
 * character. No field of ours has a use for NUL, and PostgreSQL cannot store it in text, so it
 * is refused here rather than failing deep inside a turn.
 */
function inspect(value: unknown, depth = 0): { depth: number; nul: boolean } {
  if (typeof value === 'string') return { depth, nul: value.includes('\u0000') };
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object')
    return { depth, nul: false };
  let max = depth;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.includes('\u0000')) return { depth: max, nul: true };
    const inner = inspect(v, depth + 1);
    if (inner.nul) return inner;
    max = Math.max(max, inner.depth);
    if (max > MAX_DEPTH) break;
  }
  return { depth: max, nul: false };
}

/** Reads the raw body, refusing more than `limit` bytes without buffering the rest. */
export function readBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLargeError(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => failed || resolve(Buffer.concat(chunks)));
    req.on(
      'error',
      (err) =>
        failed ||
        reject(
          new AppError(400, 'body_unreadable', `request body could not be read: ${err.message}`),
        ),
    );
  });
}

/** Reads and parses a JSON object body. Every failure is a 4xx with a clear code. */
export async function readJson(req: Request, limit: number): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    req.resume();
    throw new AppError(
      415,
      'unsupported_media_type',
      'send the body as JSON with Content-Type: application/json',
    );
  }
  const raw = await readBody(req, limit);
  if (raw.length === 0)
    throw new AppError(400, 'empty_body', 'the request body is empty; send a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError(400, 'invalid_json', 'the request body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError(400, 'invalid_request', 'the request body must be a JSON object');
  }
  const shape = inspect(value);
  if (shape.depth > MAX_DEPTH)
    throw new AppError(400, 'too_deep', `JSON nested deeper than ${MAX_DEPTH} levels`);
  if (shape.nul)
    throw new AppError(
      400,
      'invalid_characters',
      'the body holds a NUL character (\\u0000); remove it',
    );
  return value;
}
