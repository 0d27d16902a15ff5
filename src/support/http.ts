import type { Request, Response } from 'restify';
import { AppError } from '../errors.js';
import { readJson } from '../http/body.js';
import { clientAddressOf } from '../http/server.js';
import { hmac } from '../ids.js';
import type { SupportContext } from './deps.js';
import { hasCsrfToken, readSession, type Session } from './sessions.js';
import { findStaff, type Staff } from './staff.js';

export class NotSignedInError extends AppError {
  constructor() {
    super(
      401,
      'not_signed_in',
      'sign in to the support console first (POST /api/v1/support/session)',
    );
  }
}

export class CsrfError extends AppError {
  constructor() {
    super(
      403,
      'csrf_token_invalid',
      'send the X-CSRF-Token header from GET /api/v1/support/session with every write',
    );
  }
}

export class LockedOutError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(
      429,
      'locked_out',
      `too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      {
        retryAfterSeconds,
      },
    );
  }
}

/**
 * Who may call a route:
 * - `public`: anyone (signing in);
 * - `pending`: a session past the password but not yet past the second factor;
 * - `any`: a session at either stage (who am I, sign out);
 * - `staff`: a fully signed-in staff member.
 */
export type Access = 'public' | 'pending' | 'any' | 'staff';

export interface Call {
  req: Request;
  res: Response;
  now: number;
  /** Set for every access but `public`. */
  session?: Session;
  staff?: Staff;
}

export interface SignedInCall extends Call {
  session: Session;
  staff: Staff;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Checks a request against its route's access before the handler runs. Every write needs the
 * session's CSRF token, and a browser that says the request came from another site is refused
 * outright (SameSite=Strict already keeps the cookie off such requests; this is belt and braces).
 */
export async function admit(ctx: SupportContext, access: Access, call: Call): Promise<void> {
  const { req } = call;
  const write = WRITES.has(req.method ?? 'GET');
  if (write && req.headers['sec-fetch-site'] === 'cross-site') throw new CsrfError();
  if (access === 'public') return;

  const session = await readSession(ctx.db, req, call.now, ctx.sessions);
  if (!session) throw new NotSignedInError();
  const staff = await findStaff(ctx.db, session.staff_id);
  if (!staff || staff.disabled_at !== null) throw new NotSignedInError();
  if (write && !hasCsrfToken(req, session)) throw new CsrfError();
  if (access === 'staff' && session.stage !== 'full') throw new NotSignedInError();
  if (access === 'pending' && session.stage !== 'password') {
    throw new AppError(409, 'already_signed_in', 'this session is signed in already');
  }
  call.session = session;
  call.staff = staff;
}

/** Request bodies of the console are small: a note, a message, a notice. */
export const MAX_BODY_BYTES = 16_384;

export const body = (req: Request): Promise<unknown> => readJson(req, MAX_BODY_BYTES);

/**
 * A per-client key for lockout that does not store the address itself. The address is the one the
 * server resolved (behind TRUST_PROXY_HOPS proxies, from X-Forwarded-For): otherwise every staff
 * member behind a load balancer would share one key and one lock.
 */
export const clientKey = (ctx: SupportContext, req: Request): string =>
  `client:${hmac(ctx.secret, `staff-client:${clientAddressOf(req)}`).slice(0, 22)}`;

/** The `:ref` of a case route, checked for shape so it can go into a query. */
export function caseRefParam(req: Request): string {
  const ref = String((req.params as { ref?: unknown }).ref ?? '').toUpperCase();
  if (!/^LH-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(ref)) {
    throw new AppError(
      404,
      'case_not_found',
      `no case "${ref.slice(0, 20)}"; case numbers look like LH-7KQ4-M2XD`,
    );
  }
  return ref;
}

export function query(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}
