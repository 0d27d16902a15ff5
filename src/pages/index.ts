import type { Server } from 'restify';
import type { PagesDeps } from './deps.js';
import { registerDevMailPages } from './dev-mail.js';
import { registerOutboxPage } from './outbox.js';
import { registerResetPages } from './reset.js';
import { registerVerifyPage } from './verify.js';

/**
 * The server-rendered pages behind the links in our mails:
 * - `GET /reset?token=` → 303 to `/reset` (token moved into a cookie), `GET /reset` the form,
 *   `POST /reset` the change;
 * - `GET /verify?token=` verifies the address;
 * - `GET /dev/mail`, `GET /dev/mail/:id` the dev mailbox, only when `SMTP_URL` is unset;
 * - `GET /dev/outbox` mail waiting or failed, except in production (`npm run outbox` there).
 *
 * Every page is English or Dutch (`?lang=`, else Accept-Language), needs no JavaScript and sends
 * a strict Content-Security-Policy. Request loggers should pass URLs through `redactTokens`.
 */
export function registerPages(server: Server, deps: PagesDeps): void {
  registerResetPages(server, deps);
  registerVerifyPage(server, deps);
  // Production requires SMTP (config.ts); the check here keeps the pages out even so.
  if (!deps.config.SMTP_URL && deps.config.NODE_ENV !== 'production')
    registerDevMailPages(server, deps);
  if (deps.config.NODE_ENV !== 'production') registerOutboxPage(server, deps);
}

export type { PagesDeps } from './deps.js';
export { PAGE_HEADERS, redactTokens } from './http.js';
