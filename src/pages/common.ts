import type { Request, Response } from 'restify';
import type { Locale } from '../../flows/types.js';
import { escapeHtml } from '../mail/escape.js';
import { pageCopy, type LinkProblem } from './copy.js';
import type { PagesDeps } from './deps.js';
import { BodyTooLargeError, pickLocale, sendPage } from './http.js';

const LINK_STATUS: Record<LinkProblem, number> = {
  unknown: 404,
  used: 410,
  expired: 410,
  missing: 400,
};

/** The page for a link that cannot be used, with the way forward: a new link from the assistant. */
export function sendLinkProblem(
  res: Response,
  locale: Locale,
  brand: string,
  problem: LinkProblem,
  headers?: Record<string, string | string[]>,
): void {
  const copy = pageCopy[locale].link;
  sendPage(res, locale, {
    status: LINK_STATUS[problem],
    title: copy[problem].title,
    body: `<p>${escapeHtml(copy[problem].body)}</p><p>${escapeHtml(copy.next(brand))}</p>`,
    headers,
  });
}

/** A "something went wrong" page with one sentence on what to do. */
export function sendNotice(res: Response, locale: Locale, status: number, text: string): void {
  const body = `<p>${escapeHtml(text)}</p>`;
  sendPage(res, locale, { status, title: pageCopy[locale].error.title, body });
}

type Handler = (req: Request, res: Response, locale: Locale) => Promise<void>;

/**
 * Wraps a page handler: picks the language, and turns any failure into a calm page instead of a
 * stack trace. The log line carries the error only, never the URL (it may hold a link secret).
 */
export function page(deps: PagesDeps, handler: Handler) {
  return async (req: Request, res: Response): Promise<void> => {
    const locale = pickLocale(req);
    try {
      await handler(req, res, locale);
    } catch (error) {
      const copy = pageCopy[locale].error;
      if (error instanceof BodyTooLargeError) return sendNotice(res, locale, 413, copy.tooLarge);
      deps.logger.error({ err: error }, 'page failed');
      if (!res.headersSent) sendNotice(res, locale, 503, copy.body);
    }
  };
}
