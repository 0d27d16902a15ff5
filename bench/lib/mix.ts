import { randomUUID } from 'node:crypto';
import type { Locale } from '../../flows/types.js';
import type { TurnInput } from '../../src/engine/engine.js';
import type { NextRequest } from './load.js';

/**
 * The turn mix every chat load sends, per conversation, over and over. It starts from a finished
 * forgotten-password walk (the portal is known), so every round is the same:
 *
 * - 10 of 16 are button presses (start over, "forgot password", "that worked"),
 * - 4 are typed: "hmm" (not understood, the question is asked again) and "I forgot my password"
 *   (classified into the path),
 * - 2 switch the language (to Dutch, and back a round later).
 *
 * Every round ends "resolved" (a feedback row). No round sends mail: actions are rate limited
 * per address and conversation (three an hour), so a loop of them would measure the limiter.
 */
export const CHAT_ROUND: Array<Record<string, string>> = [
  { choice: 'nav.restart' },
  { choice: 'forgotPassword' },
  { text: 'hmm' },
  { choice: 'worked' },
  { choice: 'nav.restart' },
  { text: 'I forgot my password' },
  { locale: 'nl' },
  { choice: 'worked' },
  { choice: 'nav.restart' },
  { choice: 'forgotPassword' },
  { text: 'hmm' },
  { choice: 'worked' },
  { choice: 'nav.restart' },
  { text: 'I forgot my password' },
  { locale: 'en' },
  { choice: 'worked' },
];

/** Brings a new conversation to where CHAT_ROUND starts: portal chosen, path resolved. */
export const CHAT_PRELUDE = [
  { choice: 'forgotPassword' },
  { choice: 'platform' },
  { choice: 'worked' },
];

export interface ChatConversation {
  id: string;
  token: string;
}

const ids = { n: 0, run: randomUUID().slice(0, 8) };
/** A turn id never used before in this bench run (a repeated one would be a replay). */
export const turnId = () => `b${ids.run}.${(ids.n++).toString(36)}`;

/** A body of the turn mix as the engine takes it in-process (bench/durability, engine-breakdown). */
export function engineTurn(body: Record<string, string>): TurnInput {
  const base = { turnId: turnId(), ...(body.locale ? { locale: body.locale as Locale } : {}) };
  if (body.choice) return { ...base, kind: 'choice', choice: body.choice };
  if (body.text) return { ...base, kind: 'text', text: body.text };
  return { ...base, kind: 'locale' };
}

export function chatTurn(
  conversation: ChatConversation,
  body: Record<string, string>,
): NextRequest {
  return {
    path: `/api/v1/conversations/${conversation.id}/turns`,
    headers: { authorization: `Bearer ${conversation.token}` },
    body: { turnId: turnId(), ...body },
  };
}

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Starts a web conversation and walks the prelude; throws on any answer that is not 2xx. */
export async function newChatConversation(base: string): Promise<ChatConversation> {
  const started = await post(`${base}/api/v1/conversations`, { locale: 'en' });
  if (started.status !== 201)
    throw new Error(`starting a conversation: ${started.status} ${JSON.stringify(started.body)}`);
  const conversation = {
    id: started.body.conversationId as string,
    token: started.body.token as string,
  };
  for (const body of CHAT_PRELUDE) await sendChat(base, conversation, body);
  return conversation;
}

/** One turn outside the load (prelude, checks); throws unless 200. */
export async function sendChat(
  base: string,
  conversation: ChatConversation,
  body: Record<string, string>,
): Promise<any> {
  const r = chatTurn(conversation, body);
  const res = await post(base + r.path, r.body, r.headers);
  if (res.status !== 200)
    throw new Error(`turn ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Lanes for `load`: lane i loops CHAT_ROUND on conversation i. Each load starts every lane at
 * the round's "start over", which is valid in any state, so an interrupted round cannot leave a
 * lane out of step.
 */
export function chatLanes(conversations: ChatConversation[]) {
  const position = conversations.map(() => 0);
  return (lane: number): NextRequest => {
    const body = CHAT_ROUND[position[lane]! % CHAT_ROUND.length]!;
    position[lane]!++;
    return chatTurn(conversations[lane]!, body);
  };
}

// --- Teams ------------------------------------------------------------------------------------

/** The same round through /api/messages: button presses are card submits, typing is messages. */
export const TEAMS_ROUND: Array<{ press: string } | { say: string }> = [
  { press: 'nav.restart' },
  { press: 'forgotPassword' },
  { say: 'hmm' },
  { press: 'worked' },
  { press: 'nav.restart' },
  { say: 'I forgot my password' },
  { press: 'worked' },
];
export const TEAMS_PRELUDE: Array<{ press: string } | { say: string }> = [
  { say: 'hi' },
  { press: 'forgotPassword' },
  { press: 'platform' },
  { press: 'worked' },
];

const TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

/**
 * A Teams personal-chat activity shaped like the recorded ones in test/bot/fixtures, answered in
 * the HTTP response (expectReplies), so no connector is called. A press carries no turnRef: the
 * bot then takes it as an answer to the open question.
 */
export function teamsActivity(
  user: string,
  step: { press: string } | { say: string },
): NextRequest {
  const now = new Date();
  const body: Record<string, unknown> = {
    type: 'message',
    id: turnId(),
    timestamp: now.toISOString(),
    localTimestamp: now.toISOString().replace('Z', '+00:00'),
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    from: {
      id: `29:${user}`,
      name: 'Bench User',
      aadObjectId: '3f1c2b9e-7d4a-4c1e-9f0a-5b6c7d8e9f01',
    },
    conversation: { conversationType: 'personal', tenantId: TENANT, id: `a:${user}` },
    recipient: { id: '28:1b2c3d4e-0000-4000-8000-00000000abcd', name: 'eConnect login help' },
    entities: [
      {
        locale: 'en-US',
        country: 'NL',
        platform: 'Web',
        timezone: 'Europe/Amsterdam',
        type: 'clientInfo',
      },
    ],
    channelData: { tenant: { id: TENANT } },
    locale: 'en-US',
    deliveryMode: 'expectReplies',
  };
  if ('say' in step) Object.assign(body, { text: step.say, textFormat: 'plain' });
  else Object.assign(body, { value: { choice: step.press, turnRef: '' } });
  return { path: '/api/messages', headers: {}, body };
}

/** Walks the Teams prelude for a new user; throws on any answer that is not 200. */
export async function newTeamsUser(base: string): Promise<string> {
  const user = `bench-${randomUUID()}`;
  for (const step of TEAMS_PRELUDE) {
    const r = teamsActivity(user, step);
    const res = await post(base + r.path, r.body);
    if (res.status !== 200)
      throw new Error(`teams ${JSON.stringify(step)}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return user;
}

export function teamsLanes(users: string[]) {
  const position = users.map(() => 0);
  return (lane: number): NextRequest =>
    teamsActivity(users[lane]!, TEAMS_ROUND[position[lane]!++ % TEAMS_ROUND.length]!);
}
