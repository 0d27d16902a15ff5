import { useEffect, useState } from 'preact/hooks';
import { api, messageOf } from './api';
import { pathLabel } from './format';
import { go, href, type Route } from './router';
import type { OverviewRow } from './types';

type Totals = Omit<OverviewRow, 'day' | 'leftAt'> & { leftAt: Map<string, number> };

function totalsByPath(rows: OverviewRow[]): Totals[] {
  const byPath = new Map<string, Totals>();
  for (const r of rows) {
    const t = byPath.get(r.path) ?? {
      path: r.path,
      conversations: 0,
      resolvedWithoutPerson: 0,
      escalated: 0,
      left: 0,
      inProgress: 0,
      solvedYes: 0,
      solvedNo: 0,
      leftAt: new Map<string, number>(),
    };
    t.conversations += r.conversations;
    t.resolvedWithoutPerson += r.resolvedWithoutPerson;
    t.escalated += r.escalated;
    t.left += r.left;
    t.inProgress += r.inProgress;
    t.solvedYes += r.solvedYes;
    t.solvedNo += r.solvedNo;
    for (const l of r.leftAt) t.leftAt.set(l.state, (t.leftAt.get(l.state) ?? 0) + l.count);
    byPath.set(r.path, t);
  }
  return [...byPath.values()].sort((a, b) => b.conversations - a.conversations);
}

const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '–');

function LeftAt({ entries }: { entries: Array<[string, number]> }) {
  if (entries.length === 0) return <>–</>;
  return (
    <ul class="left-at">
      {entries
        .sort((a, b) => b[1] - a[1])
        .map(([state, n]) => (
          <li key={state}>
            <code>{state}</code> × {n}
          </li>
        ))}
    </ul>
  );
}

function Table({
  rows,
  caption,
  withDay,
}: {
  rows: Array<Totals & { day?: string }>;
  caption: string;
  withDay: boolean;
}) {
  return (
    <table class="overview">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {withDay && <th scope="col">Day</th>}
          <th scope="col">Help path</th>
          <th scope="col" class="num">
            Conversations
          </th>
          <th scope="col" class="num">
            Resolved without a person
          </th>
          <th scope="col" class="num">
            Escalated
          </th>
          <th scope="col" class="num">
            Left
          </th>
          <th scope="col">Left at step</th>
          <th scope="col" class="num">
            “Did this solve it?” yes / no
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.day ?? ''}-${r.path}`}>
            {withDay && <td>{r.day}</td>}
            <th scope="row">{pathLabel(r.path)}</th>
            <td class="num">
              {r.conversations}
              {r.inProgress ? <span class="muted"> ({r.inProgress} ongoing)</span> : null}
            </td>
            <td class="num">
              {r.resolvedWithoutPerson}{' '}
              <span class="muted">{pct(r.resolvedWithoutPerson, r.conversations)}</span>
            </td>
            <td class="num">
              {r.escalated} <span class="muted">{pct(r.escalated, r.conversations)}</span>
            </td>
            <td class="num">{r.left}</td>
            <td>
              <LeftAt entries={[...r.leftAt]} />
            </td>
            <td class="num">
              {r.solvedYes} / {r.solvedNo}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Which help paths work and which fail users: per path, and per path per day. */
export function Overview({ route }: { route: Route }) {
  const days = Number(route.query.get('days') ?? 14) || 14;
  const [rows, setRows] = useState<OverviewRow[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api<{ rows: OverviewRow[] }>('GET', `/overview?days=${days}`).then(
      (r) => setRows(r.rows),
      (e) => setProblem(messageOf(e)),
    );
  }, [days]);

  const daily = (rows ?? []).map((r) => ({
    ...r,
    leftAt: new Map(r.leftAt.map((l) => [l.state, l.count] as [string, number])),
  }));
  return (
    <main aria-labelledby="overview-title">
      <h1 id="overview-title" tabIndex={-1}>
        How the help paths do
      </h1>
      <div class="field inline">
        <label for="days">Period</label>
        <select
          id="days"
          value={String(days)}
          onChange={(e) => go(href('/overview', { days: (e.target as HTMLSelectElement).value }))}
        >
          {[1, 7, 14, 30, 90].map((d) => (
            <option key={d} value={d}>
              {d === 1 ? 'Today' : `Last ${d} days`}
            </option>
          ))}
        </select>
      </div>
      <p class="hint">
        Days are UTC. A conversation counts under the last help path it reached; “left” means quiet
        for 30 minutes without an ending.
      </p>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {rows && rows.length === 0 && <p class="empty">No conversations in this period.</p>}
      {rows && rows.length > 0 && (
        <>
          <Table rows={totalsByPath(rows)} caption="Per help path, whole period" withDay={false} />
          <Table rows={daily} caption="Per help path and day" withDay />
        </>
      )}
    </main>
  );
}
