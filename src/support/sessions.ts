import type { Request } from 'restify';
import type { Db, Executor } from '../db/index.js';
import type { DbRow } from '../db/schema.js';
import { newSecret, safeEqual, sha256 } from '../ids.js';
import { readCookie } from '../pages/http.js';

export type Session = DbRow<'staff_sessions'>;

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however busy. */
  maxMs: number;
  /** Between the password and the second factor: time to open the authenticator app. */
  pendingMs: number;
  /** Behind https: the cookie is Secure and uses the `__Host-` prefix. */
  secure: boolean;
}

/**
 * `__Host-` makes the browser insist on Secure, Path=/ and no Domain, so no sibling host can
 * plant or read it; it needs https, so plain-http development uses the bare name.
 */
export const cookieName = (policy: Pick<SessionPolicy, 'secure'>): string =>
  policy.secure ? '__Host-lh_staff' : 'lh_staff';

function cookie(policy: SessionPolicy, value: string, maxAgeSeconds: number): string {
  // Path=/ because the console (/console) and its API (/api/v1/support) both need it.
  const secure = policy.secure ? '; Secure' : '';
  const attributes = `Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`;
  return `${cookieName(policy)}=${value}; ${attributes}`;
}

export const clearCookie = (policy: SessionPolicy): string => cookie(policy, '', 0);

export interface NewSession {
  session: Session;
  /** Set-Cookie value carrying the secret. */
  setCookie: string;
}

/** Starts a session; the cookie holds a secret whose hash is the row id. */
export async function createSession(
  db: Executor,
  staffId: string,
  stage: Session['stage'],
  now: number,
  policy: SessionPolicy,
): Promise<NewSession> {
  const secret = newSecret();
  const life = stage === 'full' ? policy.maxMs : policy.pendingMs;
  const session: Session = {
    id: sha256(secret),
    staff_id: staffId,
    stage,
    csrf_token: newSecret(),
    created_at: now,
    last_seen_at: now,
    expires_at: now + life,
  };
  await db.insertInto('staff_sessions').values(session).execute();
  // Sessions nobody presents again are swept here, at each sign-in, rather than by a timer.
  await db.deleteFrom('staff_sessions').where('expires_at', '<', now).execute();
  return { session, setCookie: cookie(policy, secret, Math.ceil(life / 1000)) };
}

/**
 * The session a request carries, if it is still alive, and marks it used. An expired session is
 * deleted on the spot, so its cookie is worthless even before the browser drops it.
 */
export async function readSession(
  db: Db,
  req: Request,
  now: number,
  policy: SessionPolicy,
): Promise<Session | undefined> {
  const secret = readCookie(req, cookieName(policy));
  if (!secret) return undefined;
  const id = sha256(secret);
  const session = await db
    .selectFrom('staff_sessions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!session) return undefined;

  const idle = session.stage === 'full' ? policy.idleMs : policy.pendingMs;
  if (now >= session.expires_at || now - session.last_seen_at >= idle) {
    await endSession(db, id);
    return undefined;
  }
  await db.updateTable('staff_sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  return { ...session, last_seen_at: now };
}

export async function endSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id', '=', id).execute();
}

/** Whether the request carries the session's CSRF token in `X-CSRF-Token`. */
export function hasCsrfToken(req: Request, session: Session): boolean {
  const sent = req.headers['x-csrf-token'];
  return typeof sent === 'string' && safeEqual(sent, session.csrf_token);
}
