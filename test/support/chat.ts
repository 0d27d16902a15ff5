import { randomUUID } from 'node:crypto';
import type { Reply } from '../../src/engine/output.js';

export interface ChatReply extends Reply {
  token?: string;
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function http<T = unknown>(
  url: string,
  init: RequestInit = {},
): Promise<HttpResult<T>> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (a page)
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** A client for the chat API, the way the widget uses it. */
export class ChatClient {
  id = '';
  token = '';
  last!: Reply;
  all: Reply[] = [];

  constructor(readonly base: string) {}

  async start(body: Record<string, unknown> = {}): Promise<Reply> {
    const res = await http<ChatReply>(`${this.base}/api/v1/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201)
      throw new Error(`start failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.id = res.body.conversationId;
    this.token = res.body.token!;
    return this.keep(res.body);
  }

  async send(body: Record<string, unknown>, turnId = randomUUID()): Promise<Reply> {
    const res = await this.raw({ turnId, ...body });
    if (res.status !== 200)
      throw new Error(`turn failed: ${res.status} ${JSON.stringify(res.body)}`);
    return this.keep(res.body as Reply);
  }

  raw(body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
    return http(`${this.base}/api/v1/conversations/${this.id}/turns`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.token}`,
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  choose(choice: string) {
    return this.send({ choice });
  }

  text(text: string) {
    return this.send({ text });
  }

  value(value: string) {
    return this.send({ value });
  }

  /** The ids of the buttons offered now. */
  get choices(): string[] {
    return this.last.prompt?.choices.map((c) => c.id) ?? [];
  }

  /** All assistant text of the last reply, joined. */
  get said(): string {
    return this.last.messages.map((m) => m.text).join('\n');
  }

  private keep(reply: Reply): Reply {
    this.last = reply;
    this.all.push(reply);
    return reply;
  }
}
