import type { Request, Response, Server } from 'restify';
import type { ActionSet } from '../actions/types.js';
import { route, sendJson } from '../http/respond.js';
import { page } from '../pages/common.js';
import * as auth from './auth.js';
import * as actions from './case-actions.js';
import { caseDetail, listCases, parseQueueQuery } from './cases.js';
import { withStatusLink } from './confirmation.js';
import { consoleAsset, consolePage } from './console-assets.js';
import {
  supportContext,
  type SupportChannels,
  type SupportContext,
  type SupportDeps,
} from './deps.js';
import { exportCase, printCase } from './export.js';
import {
  admit,
  caseRefParam,
  LockedOutError,
  query,
  type Call,
  type SignedInCall,
} from './http.js';
import * as notice from './notice.js';
import { getOverview } from './overview.js';
import { SUPPORT_API, SUPPORT_PREFIX, type HandlerName } from './routes.js';
import { statusPage } from './status-page.js';

type Handler = (ctx: SupportContext, call: SignedInCall) => Promise<void>;

const handlers: Record<HandlerName, Handler> = {
  signIn: auth.signIn,
  whoAmI: auth.whoAmI,
  signOut: auth.signOut,
  changePassword: auth.changePassword,
  startEnrolment: auth.startEnrolment,
  confirmEnrolment: auth.confirmEnrolment,
  secondFactor: auth.secondFactor,
  listCases: async (ctx, call) =>
    sendJson(call.res, 200, await listCases(ctx.db, parseQueueQuery(query(call.req)))),
  getCase: async (ctx, call) =>
    sendJson(call.res, 200, await caseDetail(ctx, caseRefParam(call.req))),
  exportCase,
  printCase,
  resolveCase: actions.resolveCase,
  messageUser: actions.messageUser,
  resetCaseTwoFactor: actions.resetCaseTwoFactor,
  resendVerification: actions.resendVerification,
  getNotice: notice.getNotice,
  setNotice: notice.setNotice,
  removeNotice: notice.removeNotice,
  getOverview,
};

export interface Support {
  /** The engine's `notice` dependency: support's banner in the conversation's language. */
  notice: notice.NoticeCache['forLocale'];
  /** Wraps the engine's actions so the case confirmation carries the status link. */
  withStatusLink(actions: ActionSet): ActionSet;
  /**
   * Serves the console at `/console`, its API under `/api/v1/support` (SUPPORT_API lists each
   * route's access) and the user's case status page at `/case-status`.
   */
  register(server: Server, channels: SupportChannels): void;
  /** Stops reading the notice in the background (before the database closes). */
  stop(): void;
}

/**
 * The support console. Created before the engine (which takes its notice and wrapped actions),
 * registered once the engine and the Teams bot exist.
 */
export function createSupport(deps: SupportDeps): Support {
  const ctx = supportContext(deps);
  return {
    notice: ctx.notices.forLocale,
    withStatusLink: (set) => withStatusLink(set, ctx),
    register(server, channels) {
      Object.assign(ctx, channels);
      registerRoutes(server, ctx);
      ctx.notices.start();
    },
    stop: () => ctx.notices.stop(),
  };
}

function registerRoutes(server: Server, ctx: SupportContext): void {
  const { logger } = ctx;
  for (const r of SUPPORT_API) {
    const handler = handlers[r.handler];
    server[r.method](
      `${SUPPORT_PREFIX}${r.path}`,
      route(logger, async (req: Request, res: Response) => {
        const call: Call = { req, res, now: ctx.clock.now() };
        try {
          await admit(ctx, r.access, call);
          await handler(ctx, call as SignedInCall);
        } catch (error) {
          if (error instanceof LockedOutError)
            res.setHeader('Retry-After', String(error.retryAfterSeconds));
          throw error;
        }
      }),
    );
  }

  const sync =
    (serve: (req: Request, res: Response) => void) =>
    (req: Request, res: Response, next: (arg?: unknown) => void) => {
      serve(req, res);
      next(false);
    };
  server.get('/console', sync(consolePage));
  server.get('/console/assets/:file', sync(consoleAsset));
  const pages = { ...ctx, content: ctx.config.content };
  server.get(
    '/case-status',
    page(pages, (req, res) => statusPage(ctx, req, res)),
  );
}

export type { SupportChannels, SupportDeps } from './deps.js';
export { SUPPORT_API, SUPPORT_PREFIX } from './routes.js';
