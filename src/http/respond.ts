import type { Request, Response } from 'restify';
import { z } from 'zod';
import { isDatabaseUnavailable } from '../db/index.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: Array<{ path: string; code: string; message: string }>;
  };
}

export function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  issues?: ErrorBody['error']['issues'],
): void {
  if (res.headersSent) return;
  sendJson(res, status, {
    error: { code, message, ...(issues ? { issues } : {}) },
  } satisfies ErrorBody);
}

export class ValidationError extends AppError {
  constructor(error: z.ZodError) {
    const issues = error.issues.slice(0, 10).map((i) => ({
      path: i.path.join('.') || '(body)',
      code: i.code,
      message: i.message,
    }));
    super(
      400,
      'invalid_request',
      `invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(parsed.error);
  return parsed.data;
}

/**
 * The single place a handler's failure becomes a response. A client's mistake (AppError) gets
 * its status and a short JSON error; anything else is our bug: logged with its stack, answered
 * with a plain 500 that shows nothing of it.
 */
export function handleError(res: Response, error: unknown, logger: Logger, req?: Request): void {
  if (error instanceof AppError) {
    sendError(
      res,
      error.status,
      error.code,
      error.message,
      error.details as ErrorBody['error']['issues'],
    );
    return;
  }
  if (isDatabaseUnavailable(error)) {
    // Not a bug: the database is down or overloaded. The user can simply try again.
    logger.warn({ err: error, route: req?.getRoute?.()?.path }, 'database unavailable');
    if (!res.headersSent) res.setHeader('Retry-After', '5');
    sendError(
      res,
      503,
      'unavailable',
      'the service is briefly unavailable; please try again in a moment',
    );
    return;
  }
  logger.error(
    { err: error, route: req?.getRoute?.()?.path, reqId: req?.id?.() },
    'unhandled error',
  );
  sendError(res, 500, 'internal', 'something went wrong on our side; please try again');
}

type AsyncHandler = (req: Request, res: Response) => Promise<void>;

/** Wraps an async route so every error goes through `handleError`. */
export const route =
  (logger: Logger, handler: AsyncHandler) =>
  (req: Request, res: Response, next: (err?: unknown) => void): void => {
    handler(req, res).then(
      () => next(false as unknown as undefined),
      (error) => {
        handleError(res, error, logger, req);
        next(false as unknown as undefined);
      },
    );
  };
