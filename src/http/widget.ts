import QRCode from 'qrcode';
import { escapeHtml } from '../mail/escape.js';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Locale, Portal } from '../../flows/types.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Engine } from '../engine/engine.js';
import { AppError, ConversationNotFoundError } from '../errors.js';
import { hmac, safeEqual } from '../ids.js';
import type { Logger } from '../log.js';
import { readJson } from './body.js';
import { builtFiles, sendBuilt } from './built-files.js';
import { registerCors } from './cors.js';
import { parseWith, route, sendError, sendJson } from './respond.js';
import type { ConversationTokens } from './tokens.js';

export interface WidgetDeps {
  config: Config;
  engine: Engine;
  tokens: ConversationTokens;
  logger: Logger;
  clock: Clock;
  /** The server secret (as app.ts gets it); clock links are signed with a key derived from it. */
  secret: string;
}

// --- built files ------------------------------------------------------------------------------

const TYPES: Record<string, string> = {
  'widget.js': 'text/javascript; charset=utf-8',
  'clock-check.js': 'text/javascript; charset=utf-8',
  'clock-check.css': 'text/css; charset=utf-8',
  'demo.js': 'text/javascript; charset=utf-8',
  'demo.css': 'text/css; charset=utf-8',
};

/** `npm run build:widget` writes dist/widget/; found from src/http (tsx) and dist/src/http. */
const ASSET_DIRS = [
  new URL('../../dist/widget/', import.meta.url),
  new URL('../../widget/', import.meta.url),
];

const loadAsset = builtFiles(ASSET_DIRS);

function sendAsset(req: Request, res: Response, name: string): void {
  const asset = loadAsset(name);
  if (!asset)
    return sendError(
      res,
      503,
      'widget_not_built',
      `${name} is not built yet; run "npm run build:widget"`,
    );
  const headers: Record<string, string> = {
    'Content-Type': TYPES[name]!,
    // Five minutes: a new release reaches every host page quickly, while the ETag keeps
    // revalidation to a 304 without the body.
    'Cache-Control': 'public, max-age=300',
  };
  if (name === 'widget.js') {
    // Embeddable anywhere, also by pages with COEP or `<script crossorigin integrity=…>`.
    headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
    headers['Access-Control-Allow-Origin'] = '*';
  }
  sendBuilt(req, res, asset, headers);
}

// --- pages ------------------------------------------------------------------------------------

/** Scripts and styles from this server only; the widget needs no style-src of its own here. */
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function sendPage(res: Response, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(html)),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': PAGE_CSP,
  });
  res.end(html);
}

function localeOf(req: Request): Locale {
  const asked = new URL(req.url ?? '/', 'http://x').searchParams.get('lang');
  if (asked === 'en' || asked === 'nl') return asked;
  return /^\s*nl\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'nl' : 'en';
}

const DEMO_COPY = {
  en: {
    bar: 'login-help demo',
    pages: 'Demo pages',
    mailbox: 'Dev mailbox',
    smtp: 'Mail goes to the configured SMTP server',
    login: 'Log in',
    to: 'to',
    email: 'E-mail address',
    password: 'Password',
    forgot: 'Forgot your password?',
    note: 'This is a demo page: nothing you type here is sent.',
    about:
      'A look-alike login page with the login-help widget embedded by one script tag. It starts in "forgotten password". Try a demo account such as anna@demo.econnect.test (Platform) or ivo@demo.econnect.test (Control); the mails appear in the dev mailbox.',
  },
  nl: {
    bar: 'login-help demo',
    pages: 'Demopagina’s',
    mailbox: 'Dev-mailbox',
    smtp: 'Mail gaat naar de ingestelde SMTP-server',
    login: 'Inloggen',
    to: 'bij',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    forgot: 'Wachtwoord vergeten?',
    note: 'Dit is een demopagina: niets wat je hier typt wordt verstuurd.',
    about:
      'Een nagebootste inlogpagina met de login-help-widget, ingebouwd met één script-tag. Hij begint bij "wachtwoord vergeten". Probeer een demo-account zoals anna@demo.econnect.test (Platform) of ivo@demo.econnect.test (Control); de mails verschijnen in de dev-mailbox.',
  },
};

function demoPage(config: Config, portal: Portal, locale: Locale): string {
  const t = DEMO_COPY[locale];
  const other = locale === 'en' ? 'nl' : 'en';
  const { name, host } = config.content.portals[portal];
  const product = portal === 'platform' ? 'eConnect Platform' : 'eConnect Control · PSB';
  const here = portal === 'platform' ? '/' : '/demo/control';
  const current = (path: string) => (path === here ? ' aria-current="page"' : '');
  const mail = config.SMTP_URL
    ? `<span>${t.smtp}</span>`
    : `<a href="/dev/mail?lang=${locale}">${t.mailbox}</a>`;
  // The Control page shows the accent option; both start in the forgotten-password path.
  const accent = portal === 'identity' ? ' data-accent="#14532d"' : '';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.login} · ${escapeHtml(product)}</title>
<link rel="stylesheet" href="/demo.css">
</head>
<body class="${portal === 'platform' ? 'platform' : 'control'}">
<header>
<nav class="demo-bar" aria-label="${t.pages}"><span>${t.bar}:</span>
<a href="/?lang=${locale}"${current('/')}>Platform</a>
<a href="/demo/control?lang=${locale}"${current('/demo/control')}>Control / PSB</a>
${mail}
<a href="${here}?lang=${other}" lang="${other}" hreflang="${other}">${other === 'nl' ? 'Nederlands' : 'English'}</a></nav>
<div class="brand"><span class="logo" aria-hidden="true">e</span>${escapeHtml(product)}</div>
</header>
<main>
<div class="card">
<h1>${t.login}</h1>
<p class="sub">${t.to} ${escapeHtml(name[locale])} · ${escapeHtml(host)}</p>
<form class="login">
<label for="email">${t.email}</label>
<input id="email" name="email" type="email" autocomplete="username">
<label for="password">${t.password}</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<div class="actions"><button type="submit">${t.login}</button>
<a href="#login-help" data-open-help="forgotPassword">${t.forgot}</a></div>
<p class="demo-note" role="status" hidden>${t.note}</p>
</form>
</div>
<p class="about">${escapeHtml(t.about)}</p>
</main>
<script src="/widget.js" data-path="forgotPassword" data-portal="${portal}" data-lang="${locale}"${accent} defer></script>
<script src="/demo.js" defer></script>
</body>
</html>`;
}

const CLOCK_COPY = {
  en: {
    title: 'Check the clock of your phone',
    measuring: 'Measuring the clock of this phone…',
    measured: 'This phone’s clock differs from ours by {seconds} seconds.',
    failed: 'The check did not work. Please go back to the chat and try again.',
    expired: 'This link has expired. Ask the assistant in the chat for a new one.',
    invalid: 'This link is not valid. Ask the assistant in the chat for a new one.',
    back: 'You can now go back to the chat on your other screen.',
    noscript: 'This check needs JavaScript.',
  },
  nl: {
    title: 'Controleer de klok van je telefoon',
    measuring: 'De klok van deze telefoon wordt gemeten…',
    measured: 'De klok van deze telefoon wijkt {seconds} seconden af van de onze.',
    failed: 'De controle is niet gelukt. Ga terug naar de chat en probeer het opnieuw.',
    expired: 'Deze link is verlopen. Vraag de assistent in de chat om een nieuwe.',
    invalid: 'Deze link is niet geldig. Vraag de assistent in de chat om een nieuwe.',
    back: 'Je kunt nu teruggaan naar de chat op je andere scherm.',
    noscript: 'Voor deze controle is JavaScript nodig.',
  },
};

function clockPage(locale: Locale, token: string | null, problem?: 'expired' | 'invalid'): string {
  const t = CLOCK_COPY[locale];
  const data = token
    ? ` data-token="${escapeHtml(token)}" data-measuring="${t.measuring}" data-measured="${t.measured}" data-failed="${t.failed}" data-expired="${t.expired}"`
    : '';
  const body = problem
    ? `<p id="status" class="failed">${t[problem]}</p>`
    : `<p id="status" role="status">${t.measuring}</p>
<div id="said" aria-live="polite" hidden></div>
<p id="back" class="muted" hidden>${t.back}</p>
<noscript><p>${t.noscript}</p></noscript>`;
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<link rel="stylesheet" href="/clock-check.css">
</head>
<body>
<main id="check"${data}${problem ? ' class="failed"' : ''}>
<h1>${t.title}</h1>
${body}
</main>
${problem ? '' : '<script src="/clock-check.js" defer></script>'}
</body>
</html>`;
}

// --- clock links ------------------------------------------------------------------------------

/** Half an hour: long enough to find the phone, short enough that an old link leads nowhere. */
const CLOCK_LINK_SECONDS = 30 * 60;
/** 96 bits of signature: plenty for a link that lives half an hour. */
const SIG_CHARS = 16;
const PAYLOAD_CHARS = 27;

/**
 * A clock token: base64url(conversation id as 16 bytes + expiry in seconds) followed by a
 * truncated HMAC of it, 43 URL-safe characters. Nothing is stored.
 */
export class ClockLinks {
  private readonly key: string;

  constructor(secret: string) {
    this.key = hmac(secret, 'clock-link-key');
  }

  issue(conversationId: string, nowMs: number): { token: string; expiresAt: number } {
    const payload = Buffer.alloc(20);
    Buffer.from(conversationId.replace(/-/g, ''), 'hex').copy(payload);
    const expires = Math.floor(nowMs / 1000) + CLOCK_LINK_SECONDS;
    payload.writeUInt32BE(expires, 16);
    const encoded = payload.toString('base64url');
    return { token: encoded + this.sign(encoded), expiresAt: expires * 1000 };
  }

  /** The conversation id, or why the token cannot be used. */
  read(
    token: string,
    nowMs: number,
  ): { conversationId: string } | { problem: 'invalid' | 'expired' } {
    if (!/^[A-Za-z0-9_-]+$/.test(token) || token.length !== PAYLOAD_CHARS + SIG_CHARS)
      return { problem: 'invalid' };
    const encoded = token.slice(0, PAYLOAD_CHARS);
    if (!safeEqual(this.sign(encoded), token.slice(PAYLOAD_CHARS))) return { problem: 'invalid' };
    const payload = Buffer.from(encoded, 'base64url');
    if (payload.readUInt32BE(16) * 1000 < nowMs) return { problem: 'expired' };
    const hex = payload.subarray(0, 16).toString('hex');
    return {
      conversationId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    };
  }

  private sign(encoded: string): string {
    return hmac(this.key, encoded).slice(0, SIG_CHARS);
  }
}

/** A phone clock can be years off (a drained battery resets it), so the range is wide. */
const clockReport = z.strictObject({
  turnId: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'use 1-100 letters, digits, or _ . : -'),
  offsetMs: z.number().int().min(-2e12).max(2e12),
});

/**
 * Reports per conversation within one link's lifetime. A person re-measures a few times at most;
 * the cap keeps a leaked link from flooding the transcript. Counted in memory, so with several
 * instances each allows this many; a shared count would need a table of its own.
 */
const MAX_REPORTS = 10;

// --- routes -----------------------------------------------------------------------------------

type Next = (arg?: unknown) => void;

/**
 * Everything the embeddable widget needs from this server: CORS for the chat API, the script,
 * the demo login pages at `/`, and the clock check (link + QR, page, time, report).
 */
export function registerWidgetRoutes(server: Server, deps: WidgetDeps): void {
  const { config } = deps;
  registerCors(server, {
    allowedOrigins: () => config.allowedOrigins,
    ownOrigin: () => config.publicUrl,
    sameHostCounts: config.NODE_ENV !== 'production',
  });
  registerAssets(server);
  registerDemo(server, config);
  registerClockCheck(server, deps);
}

function registerAssets(server: Server): void {
  for (const name of Object.keys(TYPES)) {
    const serve = (req: Request, res: Response, next: Next) => {
      sendAsset(req, res, name);
      next(false);
    };
    server.get(`/${name}`, serve);
    server.head(`/${name}`, serve);
  }
}

function registerDemo(server: Server, config: Config): void {
  const demo = (portal: Portal) => (req: Request, res: Response, next: Next) => {
    sendPage(res, 200, demoPage(config, portal, localeOf(req)));
    next(false);
  };
  server.get('/', demo('platform'));
  server.get('/demo/control', demo('identity'));
}

function registerClockCheck(server: Server, deps: WidgetDeps): void {
  const { config, engine, tokens, logger, clock } = deps;
  const links = new ClockLinks(deps.secret);
  const reports = new Map<string, { count: number; until: number }>();

  /** The conversation a link names, or the 404/410 that says why it cannot be used. */
  const conversationOf = (req: Request): string => {
    const found = links.read(String(req.params.token), clock.now());
    if (!('problem' in found)) return found.conversationId;
    req.resume();
    throw found.problem === 'expired'
      ? new AppError(
          410,
          'clock_link_expired',
          'this clock-check link has expired; ask the assistant for a new one',
        )
      : new AppError(404, 'clock_link_invalid', 'this clock-check link is not valid');
  };

  const countReport = (conversationId: string): void => {
    const now = clock.now();
    const seen = reports.get(conversationId);
    const tally =
      seen && seen.until > now ? seen : { count: 0, until: now + CLOCK_LINK_SECONDS * 1000 };
    if (tally.count >= MAX_REPORTS)
      throw new AppError(
        429,
        'too_many_reports',
        'this conversation has had enough clock reports for now',
      );
    tally.count++;
    reports.set(conversationId, tally);
    if (reports.size > 10_000)
      for (const [id, t] of reports) if (t.until <= now) reports.delete(id);
  };

  server.get('/api/v1/time', (_req: Request, res: Response, next: Next) => {
    sendJson(res, 200, { now: clock.now() });
    next(false);
  });

  server.post(
    '/api/v1/conversations/:id/clock-link',
    route(logger, async (req, res) => {
      const id = parseWith(z.uuid(), req.params.id);
      tokens.require(req, id);
      req.resume();
      if (!(await engine.exists(id)))
        throw new AppError(404, 'conversation_not_found', 'no conversation with this id');

      const { token, expiresAt } = links.issue(id, clock.now());
      const url = `${config.publicUrl}/c/${token}`;
      const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      sendJson(res, 200, { url, svg, expiresAt });
    }),
  );

  server.get(
    '/c/:token',
    route(logger, async (req, res) => {
      const found = links.read(String(req.params.token), clock.now());
      if ('problem' in found) {
        return sendPage(
          res,
          found.problem === 'expired' ? 410 : 404,
          clockPage(localeOf(req), null, found.problem),
        );
      }
      const view = await engine.read(found.conversationId).catch((error: unknown) => {
        if (error instanceof ConversationNotFoundError) return null;
        throw error;
      });
      if (!view) return sendPage(res, 404, clockPage(localeOf(req), null, 'invalid'));
      sendPage(res, 200, clockPage(view.locale, String(req.params.token)));
    }),
  );

  server.post(
    '/api/v1/clock/:token',
    route(logger, async (req, res) => {
      const conversationId = conversationOf(req);
      const body = parseWith(clockReport, await readJson(req, config.MAX_BODY_BYTES));
      countReport(conversationId);

      const turn = {
        turnId: `clock:${body.turnId}`,
        kind: 'clock' as const,
        offsetMs: body.offsetMs,
      };
      const reply = await engine.turn(conversationId, turn);
      sendJson(res, 200, { offsetMs: body.offsetMs, messages: reply.messages.map((m) => m.text) });
    }),
  );
}
