import { z } from 'zod';
import type { Db } from '../db/index.js';
import { parseWith, sendJson } from '../http/respond.js';
import type { SupportContext } from './deps.js';
import { query, type SignedInCall } from './http.js';
import { stateName } from './transcript.js';
import type { OverviewRow } from './api-types.js';

export type { OverviewRow };

const DAY = 86_400_000;
/** As the engine's default `idleMinutes`: a conversation quiet this long counts as left. */
const LEFT_AFTER_MS = 30 * 60_000;
/** Steps every path may pass through; a conversation is counted under the help path it reached. */
const PASSING = new Set(['triage', 'whichPortal', 'escalation']);

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Visit = { flows: string[]; last: string | null };

/** The help path a conversation is counted under: the last real path it reached. */
export function pathOf(flows: string[]): string {
  const real = flows.filter((f) => !PASSING.has(f));
  if (real.length) return real.at(-1)!;
  return flows.includes('escalation') ? 'escalation' : 'triage';
}

/** Conversations, outcomes, where people left and feedback, per path and UTC day. */
export async function overview(db: Db, now: number, days: number): Promise<OverviewRow[]> {
  const since = Date.parse(dayOf(now)) - (days - 1) * DAY;
  const [conversations, states, feedback] = await Promise.all([
    db
      .selectFrom('conversations')
      .select(['id', 'status', 'created_at', 'updated_at', 'case_ref'])
      .where('created_at', '>=', since)
      .execute(),
    db
      .selectFrom('transcript')
      .innerJoin('conversations', 'conversations.id', 'transcript.conversation_id')
      .select(['transcript.conversation_id', 'transcript.body'])
      .where('conversations.created_at', '>=', since)
      .where('transcript.kind', '=', 'state')
      .orderBy('transcript.conversation_id')
      .orderBy('transcript.line')
      .execute(),
    db
      .selectFrom('feedback')
      .select(['flow_id', 'solved', 'created_at'])
      .where('created_at', '>=', since)
      .execute(),
  ]);

  const visits = new Map<string, Visit>();
  for (const s of states) {
    const body = JSON.parse(s.body) as { flow?: string; state?: unknown };
    if (!body.flow) continue;
    const visit = visits.get(s.conversation_id) ?? { flows: [], last: null };
    if (visit.flows.at(-1) !== body.flow) visit.flows.push(body.flow);
    visit.last = `${body.flow}.${stateName(body.state)}`;
    visits.set(s.conversation_id, visit);
  }

  const rows = new Map<string, OverviewRow & { leftAtMap: Map<string, number> }>();
  const row = (day: string, path: string) => {
    const key = `${day} ${path}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        day,
        path,
        conversations: 0,
        resolvedWithoutPerson: 0,
        escalated: 0,
        left: 0,
        inProgress: 0,
        leftAt: [],
        solvedYes: 0,
        solvedNo: 0,
        leftAtMap: new Map(),
      };
      rows.set(key, r);
    }
    return r;
  };

  for (const c of conversations) {
    const visit = visits.get(c.id) ?? { flows: [], last: null };
    const r = row(dayOf(c.created_at), pathOf(visit.flows));
    r.conversations++;
    if (c.status === 'escalated' || c.case_ref) r.escalated++;
    else if (c.status === 'resolved') r.resolvedWithoutPerson++;
    else if (c.status === 'left' || now - c.updated_at > LEFT_AFTER_MS) {
      r.left++;
      const at = visit.last ?? 'before the first answer';
      r.leftAtMap.set(at, (r.leftAtMap.get(at) ?? 0) + 1);
    } else r.inProgress++;
  }
  for (const f of feedback) {
    const r = row(dayOf(f.created_at), f.flow_id);
    if (f.solved) r.solvedYes++;
    else r.solvedNo++;
  }

  return [...rows.values()]
    .map(({ leftAtMap, ...r }) => ({
      ...r,
      leftAt: [...leftAtMap]
        .map(([state, count]) => ({ state, count }))
        .sort((a, b) => b.count - a.count),
    }))
    .sort(
      (a, b) =>
        b.day.localeCompare(a.day) ||
        b.conversations - a.conversations ||
        a.path.localeCompare(b.path),
    );
}

const overviewQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) });

export async function getOverview(ctx: SupportContext, call: SignedInCall): Promise<void> {
  const { days } = parseWith(overviewQuery, Object.fromEntries(query(call.req)));
  sendJson(call.res, 200, { days, rows: await overview(ctx.db, call.now, days) });
}
