import { createServer, type IncomingMessage, type Server } from 'node:http';

/** One call the bot made to the connector, the way Teams' Bot Connector service receives it. */
export interface ConnectorCall {
  method: string;
  conversationId: string;
  /** The activity a reply answers (POST), or the activity being replaced (PUT). */
  activityId?: string;
  body: Record<string, unknown>;
  /** The id the connector gave a posted activity. */
  id?: string;
}

export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
}

export interface FakeConnector {
  /** Use as the activities' serviceUrl. */
  url: string;
  calls: ConnectorCall[];
  /** Profiles the roster call returns, by user id (`29:…`). */
  members: Map<string, TeamsMember>;
  /** Messages and cards sent into a conversation (typing indicators left out). */
  sent(conversationId: string): Array<Record<string, unknown>>;
  updates(conversationId: string): ConnectorCall[];
  typing(conversationId: string): number;
  /** Holds every posted message (not typing) until `resume`: a slow Teams. */
  pause(): void;
  resume(): void;
  /** Messages being held right now. */
  held(): number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch {
        resolve({});
      }
    });
  });
}

/**
 * The Bot Framework connector REST API (v3) as far as the bot uses it, served on 127.0.0.1:
 * send and reply to activities, update an activity, read one conversation member.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
 */
export async function startConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const members = new Map<string, TeamsMember>();
  let next = 1;
  let gate: { promise: Promise<void>; open: () => void } | undefined;
  let holding = 0;

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const body = req.method === 'GET' ? {} : await readBody(req);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    // /v3/conversations/{conversationId}/activities[/{activityId}] and /members/{memberId}
    if (parts[0] !== 'v3' || parts[1] !== 'conversations' || !parts[2])
      return json(404, { error: { code: 'NotFound' } });
    const conversationId = parts[2];
    if (parts[3] === 'members' && parts[4] && req.method === 'GET') {
      const member = members.get(parts[4]);
      return member ? json(200, member) : json(404, { error: { code: 'MemberNotFound' } });
    }
    if (parts[3] === 'activities' && req.method === 'POST') {
      if (gate && body.type !== 'typing') {
        holding++;
        await gate.promise;
        holding--;
      }
      const id = `sent-${next++}`;
      calls.push({ method: 'POST', conversationId, activityId: parts[4], body, id });
      return json(200, { id });
    }
    if (parts[3] === 'activities' && parts[4] && req.method === 'PUT') {
      calls.push({ method: 'PUT', conversationId, activityId: parts[4], body });
      return json(200, { id: parts[4] });
    }
    return json(405, { error: { code: 'MethodNotAllowed' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const sent = (conversationId: string) =>
    calls
      .filter(
        (c) =>
          c.method === 'POST' && c.conversationId === conversationId && c.body.type !== 'typing',
      )
      .map((c) => ({ ...c.body, id: c.id }));

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    members,
    sent,
    updates: (conversationId) =>
      calls.filter((c) => c.method === 'PUT' && c.conversationId === conversationId),
    pause() {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      gate = { promise, open };
    },
    resume() {
      gate?.open();
      gate = undefined;
    },
    held: () => holding,
    typing: (conversationId) =>
      calls.filter((c) => c.conversationId === conversationId && c.body.type === 'typing').length,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
