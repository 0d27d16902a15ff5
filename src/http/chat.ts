import type { Server } from 'restify';
import { z } from 'zod';
import { flowIds } from '../../flows/index.js';
import type { Engine, TurnInput } from '../engine/engine.js';
import { ConversationNotFoundError } from '../errors.js';
import type { Logger } from '../log.js';
import { readJson } from './body.js';
import { parseWith, route, sendJson } from './respond.js';
import { clientAddressOf } from './server.js';
import type { ConversationTokens } from './tokens.js';

const locale = z.enum(['en', 'nl']);
/** Client clocks are checked for plausibility only: within a day of 2000..2100 is fine. */
const clientTime = z.number().int().min(946_684_800_000).max(4_102_444_800_000);
const conversationId = z.uuid();

/** The id in the URL: anything that is not a conversation id names no conversation (404). */
function idOf(raw: unknown): string {
  const parsed = conversationId.safeParse(raw);
  if (!parsed.success) throw new ConversationNotFoundError();
  return parsed.data;
}

const startBody = z.strictObject({
  locale: locale.optional(),
  path: z.enum(flowIds as [string, ...string[]]).optional(),
  /** The login page the widget sits on, so the assistant need not ask. */
  portal: z.enum(['platform', 'identity']).optional(),
  clientTime: clientTime.optional(),
});

const turnBody = z
  .strictObject({
    turnId: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'use 1-100 letters, digits, or _ . : -'),
    clientTime: clientTime.optional(),
    locale: locale.optional(),
    choice: z.string().min(1).max(100).optional(),
    text: z.string().min(1).max(2000).optional(),
    value: z.string().max(1000).optional(),
  })
  .refine((b) => [b.choice, b.text, b.value].filter((v) => v !== undefined).length <= 1, {
    message: 'send at most one of choice, text and value',
  })
  .refine(
    (b) =>
      b.choice !== undefined ||
      b.text !== undefined ||
      b.value !== undefined ||
      b.locale !== undefined,
    {
      message: 'send one of choice, text or value (or only locale to switch language)',
    },
  );

export interface ChatDeps {
  engine: Engine;
  tokens: ConversationTokens;
  logger: Logger;
  maxBodyBytes: number;
}

function toTurnInput(body: z.infer<typeof turnBody>): TurnInput {
  const base = { turnId: body.turnId, clientTime: body.clientTime, locale: body.locale };
  if (body.choice !== undefined) return { ...base, kind: 'choice', choice: body.choice };
  if (body.text !== undefined) return { ...base, kind: 'text', text: body.text };
  if (body.value !== undefined) return { ...base, kind: 'value', value: body.value };
  return { ...base, kind: 'locale' };
}

/** The versioned chat API the widget (and anything else) talks to. */
export function registerChatRoutes(server: Server, deps: ChatDeps): void {
  const { engine, tokens, logger, maxBodyBytes } = deps;

  server.post(
    '/api/v1/conversations',
    route(logger, async (req, res) => {
      const body = parseWith(startBody, await readJson(req, maxBodyBytes));
      const reply = await engine.start({
        channel: 'web',
        clientKey: tokens.clientKey(clientAddressOf(req)),
        locale: body.locale,
        flow: body.path as never,
        portal: body.portal,
        clientTime: body.clientTime,
      });
      sendJson(res, 201, { ...reply, token: tokens.issue(reply.conversationId) });
    }),
  );

  server.post(
    '/api/v1/conversations/:id/turns',
    route(logger, async (req, res) => {
      const id = idOf(req.params.id);
      tokens.require(req, id);
      const body = parseWith(turnBody, await readJson(req, maxBodyBytes));
      sendJson(res, 200, await engine.turn(id, toTurnInput(body), { sameRequest: true }));
    }),
  );

  server.get(
    '/api/v1/conversations/:id',
    route(logger, async (req, res) => {
      const id = idOf(req.params.id);
      tokens.require(req, id);
      sendJson(res, 200, await engine.read(id));
    }),
  );
}
