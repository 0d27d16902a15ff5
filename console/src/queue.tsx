import { useEffect, useState } from 'preact/hooks';
import { api, messageOf } from './api';
import {
  age,
  formatDateTime,
  isoTime,
  PATH_LABEL,
  pathLabel,
  PORTAL_LABEL,
  STATUS_LABEL,
} from './format';
import { go, href, type Route } from './router';
import type { Queue as QueueData } from './types';

const TABS = ['open', 'waiting', 'resolved', 'all'] as const;

/** The escalation queue: status tabs with counts, path filter, search, newest first, pages. */
export function Queue({ route }: { route: Route }) {
  const status = route.query.get('status') ?? 'open';
  const path = route.query.get('path') ?? '';
  const q = route.query.get('q') ?? '';
  const page = Number(route.query.get('page') ?? 1) || 1;
  const [data, setData] = useState<QueueData | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [search, setSearch] = useState(q);

  useEffect(() => {
    const params = new URLSearchParams({ status, page: String(page) });
    if (path) params.set('path', path);
    if (q) params.set('q', q);
    setProblem(null);
    api<QueueData>('GET', `/cases?${params}`).then(setData, (e) => setProblem(messageOf(e)));
  }, [status, path, q, page]);
  useEffect(() => setSearch(q), [q]);

  const link = (changes: Record<string, string | number | undefined>) =>
    href('/', { status, path: path || undefined, q: q || undefined, page: 1, ...changes });
  const all = data ? data.counts.open + data.counts.waiting + data.counts.resolved : 0;
  const first = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;

  return (
    <main aria-labelledby="queue-title">
      <h1 id="queue-title" tabIndex={-1}>
        Escalation queue
      </h1>
      <nav class="tabs" aria-label="Case status">
        {TABS.map((t) => (
          <a key={t} href={link({ status: t })} aria-current={t === status ? 'page' : undefined}>
            {t === 'all' ? 'All' : STATUS_LABEL[t]}{' '}
            <span class="count">{data ? (t === 'all' ? all : data.counts[t]) : '–'}</span>
          </a>
        ))}
      </nav>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go(link({ q: search.trim() || undefined }));
        }}
      >
        <div class="field inline">
          <label for="search">Case number or address</label>
          <input
            id="search"
            type="search"
            value={search}
            placeholder="LH-7KQ4-M2XD or name@…"
            onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
          />
        </div>
        <button type="submit">Search</button>
        <div class="field inline">
          <label for="path-filter">Help path</label>
          <select
            id="path-filter"
            value={path}
            onChange={(e) => go(link({ path: (e.target as HTMLSelectElement).value || undefined }))}
          >
            <option value="">All paths</option>
            {Object.entries(PATH_LABEL).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {(q || path) && (
          <a class="clear" href={href('/', { status })}>
            Clear filters
          </a>
        )}
      </form>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {data && data.cases.length === 0 && (
        <p class="empty">No cases here{q ? ` for “${q}”` : ''}.</p>
      )}
      {data && data.cases.length > 0 && (
        <table class="queue">
          <caption class="visually-hidden">Cases, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Status</th>
              <th scope="col">Help path</th>
              <th scope="col">Login page</th>
              <th scope="col">Address</th>
              <th scope="col">Channel</th>
              <th scope="col">Ownership</th>
              <th scope="col">Age</th>
            </tr>
          </thead>
          <tbody>
            {data.cases.map((c) => (
              <tr key={c.ref}>
                <th scope="row">
                  <a href={href(`/cases/${c.ref}`)}>{c.ref}</a>
                </th>
                <td>
                  <span class={`badge ${c.status}`}>{STATUS_LABEL[c.status]}</span>
                </td>
                <td>{pathLabel(c.path)}</td>
                <td>{c.portal ? (PORTAL_LABEL[c.portal] ?? c.portal) : '–'}</td>
                <td class="address">{c.email ?? '–'}</td>
                <td>{c.channel === 'teams' ? 'Teams' : 'Web'}</td>
                <td>
                  {c.ownershipVerified ? (
                    <span class="verified">Verified</span>
                  ) : (
                    <span class="muted">Not verified</span>
                  )}
                </td>
                <td>
                  <time dateTime={isoTime(c.createdAt)} title={formatDateTime(c.createdAt)}>
                    {age(c.createdAt)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.total > data.pageSize && (
        <nav class="pages" aria-label="Pages">
          {data.page > 1 ? <a href={link({ page: data.page - 1 })}>← Newer</a> : <span />}
          <span>
            {first}–{last} of {data.total}
          </span>
          {last < data.total ? <a href={link({ page: data.page + 1 })}>Older →</a> : <span />}
        </nav>
      )}
    </main>
  );
}
