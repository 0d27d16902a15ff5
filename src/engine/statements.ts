/**
 * The statements of a turn, built and compiled once (src/db/prepared.ts): a chat turn reads
 * one row set and writes four, and building those queries anew each time cost more CPU than
 * SQLite spent running them.
 */
import { isPostgres, type Tx } from '../db/index.js';
import { prepare } from '../db/prepared.js';
import type { ConversationStatus, DbRow } from '../db/schema.js';

/**
 * What a turn starts from: the conversation, its current step, and the reply stored if this turn
 * id was answered before. One statement; on PostgreSQL it runs after the row lock (below).
 */
const openTurnStatement = prepare((db, p: { id: string; turnId: string }) =>
  db
    .selectFrom('conversations as c')
    .leftJoin('steps as s', (join) =>
      join.onRef('s.conversation_id', '=', 'c.id').onRef('s.seq', '=', 'c.seq'),
    )
    .leftJoin('turns as t', (join) =>
      join.onRef('t.conversation_id', '=', 'c.id').on('t.turn_id', '=', p.turnId),
    )
    // What a turn uses of the conversation (not its Teams reference, a kilobyte of JSON).
    .select([
      'c.id',
      'c.channel',
      'c.locale',
      'c.locale_chosen',
      'c.status',
      'c.seq',
      'c.client_key',
      'c.lines',
    ])
    .select(['t.response as replay', 't.request as replay_request'])
    .select([
      's.seq as step_seq',
      's.prev as step_prev',
      's.flow_id as step_flow_id',
      's.flow_version as step_flow_version',
      's.snapshot as step_snapshot',
      's.facts as step_facts',
      's.prompt as step_prompt',
      's.created_at as step_created_at',
    ])
    .where('c.id', '=', p.id),
);

const lockStatement = prepare((db, p: { id: string }) =>
  db.selectFrom('conversations').select('id').where('id', '=', p.id).forUpdate(),
);

/**
 * Reads what a turn starts from. On PostgreSQL the conversation's row is locked first, in a
 * statement of its own: a turn on another instance waits there, and the read after it sees that
 * turn's step and stored reply. (Locking in the read itself would not: under READ COMMITTED a
 * statement that waited for a lock re-reads the locked row only, and its join and subquery would
 * still show the state from before the wait.) SQLite runs one transaction at a time anyway.
 */
export async function openTurn(tx: Tx, conversationId: string, turnId: string) {
  if (isPostgres(tx)) await lockStatement.run(tx, { id: conversationId });
  const { rows } = await openTurnStatement.run(tx, { id: conversationId, turnId });
  const row = rows[0];
  if (!row) return undefined;
  const {
    step_seq,
    step_prev,
    step_flow_id,
    step_flow_version,
    step_snapshot,
    step_facts,
    step_prompt,
    step_created_at,
    replay,
    replay_request,
    ...conv
  } = row;
  const step: DbRow<'steps'> | undefined =
    step_seq === null
      ? undefined
      : {
          conversation_id: conv.id,
          seq: step_seq,
          prev: step_prev,
          flow_id: step_flow_id,
          flow_version: step_flow_version,
          snapshot: step_snapshot,
          facts: step_facts!,
          prompt: step_prompt,
          created_at: step_created_at!,
        };
  return { conv, step, replay, replayRequest: replay_request };
}

/**
 * Reads the conversation for a turn. On PostgreSQL the row stays locked until the transaction
 * ends, so turns on one conversation run one after the other across instances (the per-process
 * mutex covers one instance, and SQLite runs every transaction alone anyway). The `seq` check
 * in advanceConversation() stays as the last line of defence.
 */
export function lockConversation(tx: Tx, conversationId: string) {
  return tx
    .selectFrom('conversations')
    .selectAll()
    .where('id', '=', conversationId)
    .$if(isPostgres(tx), (q) => q.forUpdate())
    .executeTakeFirst();
}

/** A conversation's new state after a turn, and the step it must still be at. */
interface Advance {
  id: string;
  seq: number;
  expectedSeq: number;
  locale: string;
  localeChosen: number;
  status: ConversationStatus;
  lines: number;
  caseRef: string | null;
  now: number;
}

const advanceStatement = prepare((db, p: Advance) =>
  db
    .updateTable('conversations')
    .set((eb) => ({
      seq: p.seq,
      locale: p.locale,
      locale_chosen: p.localeChosen,
      status: p.status,
      updated_at: p.now,
      lines: p.lines,
      case_ref: eb.fn.coalesce(eb.val(p.caseRef), 'case_ref'),
    }))
    .where('id', '=', p.id)
    .where('seq', '=', p.expectedSeq),
);

/**
 * Moves the conversation to its new step, if it is still at the step the turn started from.
 * Returns false when another turn got there first. A case number, once set, stays.
 */
export async function advanceConversation(tx: Tx, values: Advance): Promise<boolean> {
  const result = await advanceStatement.run(tx, values);
  return Number(result.numAffectedRows) === 1;
}

const insertStepStatement = prepare((db, p: DbRow<'steps'>) =>
  db.insertInto('steps').values({
    conversation_id: p.conversation_id,
    seq: p.seq,
    prev: p.prev,
    flow_id: p.flow_id,
    flow_version: p.flow_version,
    snapshot: p.snapshot,
    facts: p.facts,
    prompt: p.prompt,
    created_at: p.created_at,
  }),
);

export async function insertStep(tx: Tx, step: DbRow<'steps'>): Promise<void> {
  await insertStepStatement.run(tx, step);
}

const insertTurnStatement = prepare((db, p: DbRow<'turns'>) =>
  db.insertInto('turns').values({
    conversation_id: p.conversation_id,
    turn_id: p.turn_id,
    seq: p.seq,
    response: p.response,
    request: p.request,
    created_at: p.created_at,
  }),
);

export async function insertTurn(tx: Tx, turn: DbRow<'turns'>): Promise<void> {
  await insertTurnStatement.run(tx, turn);
}

/** One statement per number of lines (a turn writes a handful); longer lists are split. */
const LINES_PER_STATEMENT = 8;
const insertLinesStatements = Array.from({ length: LINES_PER_STATEMENT }, (_, i) =>
  prepare((db, p: Record<string, string | number>) =>
    db.insertInto('transcript').values(
      Array.from({ length: i + 1 }, (_, j) => ({
        conversation_id: p[`conversation_id${j}`] as string,
        line: p[`line${j}`] as number,
        seq: p[`seq${j}`] as number,
        role: p[`role${j}`] as DbRow<'transcript'>['role'],
        kind: p[`kind${j}`] as DbRow<'transcript'>['kind'],
        body: p[`body${j}`] as string,
        created_at: p[`created_at${j}`] as number,
      })),
    ),
  ),
);

export async function insertLines(tx: Tx, lines: Array<DbRow<'transcript'>>): Promise<void> {
  for (let start = 0; start < lines.length; start += LINES_PER_STATEMENT) {
    const chunk = lines.slice(start, start + LINES_PER_STATEMENT);
    const params: Record<string, string | number> = {};
    chunk.forEach((line, j) => {
      for (const [column, value] of Object.entries(line)) params[`${column}${j}`] = value;
    });
    await insertLinesStatements[chunk.length - 1]!.run(tx, params);
  }
}
