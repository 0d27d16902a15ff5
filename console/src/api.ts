/** A refusal from the support API, with the stable code it sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';
let onSignedOut: (reason: string) => void = () => {};

/** The token every write sends back; it changes whenever the session does. */
export const setCsrfToken = (token: string): void => {
  csrfToken = token;
};

/** What to do when the server says the session is gone (idle, expired, signed out elsewhere). */
export const whenSignedOut = (handler: (reason: string) => void): void => {
  onSignedOut = handler;
};

const PREFIX = '/api/v1/support';

/**
 * Calls the support API. Writes carry the CSRF token; a 401 on anything but the sign-in steps
 * means the session ended, and the app goes back to the sign-in form.
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(PREFIX + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      'The server did not answer. Check your connection and try again.',
    );
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const error =
      (data as { error?: { code?: string; message?: string; issues?: unknown } }).error ?? {};
    const failure = new ApiError(
      res.status,
      error.code ?? 'error',
      error.message ?? `The server answered ${res.status}.`,
      error.issues,
    );
    if (res.status === 401 && failure.code === 'not_signed_in')
      onSignedOut('Your session has ended. Please sign in again.');
    throw failure;
  }
  return data as T;
}

export const messageOf = (error: unknown): string =>
  error instanceof ApiError ? sentence(error.message) : 'Something went wrong. Please try again.';

/** API messages are lower-case fragments; shown on their own they read better as a sentence. */
const sentence = (text: string) => {
  const s = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
};
