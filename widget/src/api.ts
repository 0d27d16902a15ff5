/**
 * The chat API as the widget sees it: the wire shapes of src/engine/output.ts (kept here so the
 * widget builds on its own) and a fetch wrapper that turns every failure into an `ApiFailure`.
 */

export type Locale = 'en' | 'nl';

export interface Choice {
  id: string;
  label: string;
}

export interface InputRules {
  kind: 'email' | 'code' | 'text';
  label: string;
  suggestion?: string;
  maxLength: number;
  pattern?: string;
  inputMode: 'email' | 'numeric' | 'text';
  autocomplete: 'email' | 'one-time-code' | 'off';
}

export interface Prompt {
  choices: Choice[];
  input?: InputRules;
  nav: Choice[];
}

interface ReplyBase {
  conversationId: string;
  seq: number;
  status: string;
  locale: Locale;
  flow: string | null;
  prompt: Prompt | null;
  caseRef: string | null;
}

export interface Message {
  role: 'assistant' | 'user';
  kind: string;
  text: string;
}

export interface Reply extends ReplyBase {
  messages: Message[];
  replayed?: boolean;
  token?: string;
}

export interface View extends ReplyBase {
  transcript: Array<Message & { line: number }>;
}

export interface ClockLink {
  url: string;
  svg: string;
}

/** `status` 0 means the request never got an answer (offline, DNS, timeout, CORS refusal). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }

  /** Worth sending again with the same turn id: the server may not have seen it, or was busy. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** A request that hangs this long is abandoned and retried (with the same turn id). */
const TIMEOUT_MS = 20_000;

export class Api {
  constructor(readonly base: string) {}

  start(body: {
    locale: Locale;
    path?: string;
    portal?: string;
    clientTime: number;
  }): Promise<Reply> {
    return this.call('POST', '/api/v1/conversations', undefined, body);
  }

  turn(id: string, token: string, body: Record<string, unknown>): Promise<Reply> {
    return this.call('POST', `/api/v1/conversations/${id}/turns`, token, body);
  }

  read(id: string, token: string): Promise<View> {
    return this.call('GET', `/api/v1/conversations/${id}`, token);
  }

  clockLink(id: string, token: string): Promise<ClockLink> {
    return this.call('POST', `/api/v1/conversations/${id}/clock-link`, token, {});
  }

  /**
   * Why requests fail when the browser reports no answer at all: a refused origin fails the
   * preflight, which looks like being offline. A plain GET needs no preflight, and its 403
   * is readable. Undefined when this says nothing.
   */
  async refusal(): Promise<string | undefined> {
    try {
      await this.call('GET', '/api/v1/time');
    } catch (error) {
      if ((error as ApiFailure).code === 'origin_not_allowed') return 'origin_not_allowed';
    }
    return undefined;
  }

  private async call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);

    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // No cookies, ever: the conversation token travels in a header.
        credentials: 'omit',
        cache: 'no-store',
        signal: abort.signal,
      });
    } catch {
      throw new ApiFailure(0, 'network');
    } finally {
      clearTimeout(timer);
    }

    const data = await res.json().catch(() => null);
    if (!res.ok) throw new ApiFailure(res.status, data?.error?.code ?? `http_${res.status}`);
    return data as T;
  }
}
