import type { Request, Response } from 'restify';
import type { Locale } from '../../flows/types.js';
import { escapeHtml } from '../mail/escape.js';

/**
 * Headers of every page: nothing loads from elsewhere and no script runs at all (the pages work
 * without JavaScript), forms post only here, no page can be framed, and nothing is cached or
 * leaks a link through the Referer header.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; " +
    "base-uri 'none'; frame-src 'self'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

const STYLE = `
body{margin:0;background:#f4f5f7;color:#1f2933;font:16px/1.5 system-ui,Arial,sans-serif}
main{max-width:36rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:6px}
h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin-top:1rem}
input[type=password]{width:100%;box-sizing:border-box;font-size:1rem;padding:.6rem;
margin-top:.25rem}
button,.button{display:inline-block;margin-top:1.25rem;background:#0b5cad;color:#fff;border:0;
padding:.7rem 1.2rem;font-size:1rem;border-radius:4px;text-decoration:none;cursor:pointer}
.issues{background:#fdecea;border-left:4px solid #b42318;padding:.5rem 1rem}
.muted{color:#52606d;font-size:.9rem}nav{text-align:right;font-size:.9rem}
table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #d9dee3}
pre{white-space:pre-wrap;word-break:break-word;background:#f4f5f7;padding:.75rem}
iframe{width:100%;height:32rem;border:1px solid #d9dee3}
`;

/** `?lang=` first, then the best English or Dutch entry of Accept-Language, else English. */
export function pickLocale(req: Request): Locale {
  const asked = queryOf(req).get('lang');
  if (asked === 'en' || asked === 'nl') return asked;

  const ranked = (req.headers['accept-language'] ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
      return { lang: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.lang === 'en' || x.lang === 'nl')
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.lang === 'nl' ? 'nl' : 'en';
}

export const queryOf = (req: Request): URLSearchParams =>
  new URL(req.url ?? '/', 'http://localhost').searchParams;

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Hides link secrets in a URL, for whoever logs requests: `/reset?token=[redacted]`. */
export const redactTokens = (url: string): string =>
  url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');

export interface PageOptions {
  status?: number;
  title: string;
  /** Already-escaped HTML of the page body. */
  body: string;
  headers?: Record<string, string | string[]>;
  /** Offer a language switch (only where reloading the page in another language is harmless). */
  switchLanguage?: boolean;
}

export function sendPage(res: Response, locale: Locale, page: PageOptions): void {
  const other =
    locale === 'en' ? { lang: 'nl', label: 'Nederlands' } : { lang: 'en', label: 'English' };
  const to = `href="?lang=${other.lang}" hreflang="${other.lang}" lang="${other.lang}"`;
  const nav = page.switchLanguage ? `<nav><a ${to}>${other.label}</a></nav>` : '';
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(page.title)}</title><style>${STYLE}</style></head>` +
    `<body><main>${nav}<h1>${escapeHtml(page.title)}</h1>${page.body}</main></body></html>`;

  res.writeHead(page.status ?? 200, {
    ...PAGE_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(html)),
    ...page.headers,
  });
  res.end(html);
}

export class BodyTooLargeError extends Error {
  readonly code = 'BODY_TOO_LARGE';
}

/**
 * The fields of a urlencoded form. Uses a body a server-wide parser already read, else reads
 * the request itself, up to `maxBytes`.
 */
export async function readForm(req: Request, maxBytes = 8192): Promise<URLSearchParams> {
  const body: unknown = req.body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    return new URLSearchParams(body.toString());
  }
  if (body && typeof body === 'object') {
    const fields = Object.entries(body).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    );
    return new URLSearchParams(fields);
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams();
  }

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyTooLargeError(`form body over ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
