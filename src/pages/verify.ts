import type { Server } from 'restify';
import type { Portal } from '../../flows/types.js';
import { markVerified, redeemToken } from '../directory/index.js';
import { escapeHtml } from '../mail/escape.js';
import { page, sendLinkProblem } from './common.js';
import { pageCopy } from './copy.js';
import type { PagesDeps } from './deps.js';
import { queryOf, sendPage } from './http.js';

/**
 * GET /verify?token= verifies the address on first use. Unlike a password change this is safe to
 * do on a GET: the only effect is the one the mailbox owner asked for, even when a mail scanner
 * follows the link first (the owner then sees "already used", which the page explains).
 */
export function registerVerifyPage(server: Server, deps: PagesDeps): void {
  server.get(
    '/verify',
    page(deps, async (req, res, locale) => {
      const token = queryOf(req).get('token') ?? '';
      const now = deps.clock.now();
      const result = await deps.db.transaction().execute(async (tx) => {
        const redeemed = await redeemToken(tx, 'verify', token, now);
        if (redeemed.ok) await markVerified(tx, redeemed.account.id, now);
        return redeemed;
      });
      if (!result.ok) return sendLinkProblem(res, locale, deps.content.brand, result.error);

      const copy = pageCopy[locale].verify;
      const portal = deps.content.portals[result.account.portal as Portal];
      sendPage(res, locale, {
        title: copy.doneTitle,
        body:
          `<p>${escapeHtml(copy.done(portal.host))}</p>` +
          `<p><a class="button" href="${escapeHtml(portal.loginUrl)}">` +
          `${escapeHtml(copy.login(portal.host))}</a></p>`,
      });
    }),
  );
}
