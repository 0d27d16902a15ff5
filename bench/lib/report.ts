/** One line of the bench table: our figure, its same-run baseline, and their ratio. */
export interface Row {
  section: string;
  measure: string;
  ours: string;
  baseline: string;
  /** ours ÷ baseline (or as `ratioNote` says), already formatted. */
  ratio: string;
  aim?: string;
  /** yes / NO / blank when there is no aim. */
  met?: string;
}

export function median(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

/** The spread of repeated runs, as ±% of their median: how much to trust a ratio. */
export function spread(values: number[]): string {
  const m = median(values);
  if (!Number.isFinite(m) || m === 0 || values.length < 2) return '';
  const worst = Math.max(...values.map((v) => Math.abs(v - m)));
  return `±${Math.round((worst / m) * 100)}%`;
}

export const fmt = {
  rps: (n: number) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en')}/s` : '—'),
  ms: (n: number) =>
    Number.isFinite(n)
      ? n < 10
        ? `${n.toFixed(2)} ms`
        : `${Math.round(n).toLocaleString('en')} ms`
      : '—',
  us: (n: number) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en')} µs` : '—'),
  mb: (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : '—'),
  kib: (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : '—'),
  ratio: (n: number) => (Number.isFinite(n) ? `${n >= 10 ? n.toFixed(1) : n.toFixed(2)}×` : '—'),
};

/** A Markdown table: readable in a terminal, and pasted as is into the README's Performance section. */
export function table(rows: Row[]): string {
  const head = ['', 'measure', 'ours', 'baseline (same run)', 'ratio', 'aim', 'met'];
  const cells = rows.map((r, i) => [
    i > 0 && rows[i - 1]!.section === r.section ? '' : r.section,
    r.measure,
    r.ours,
    r.baseline,
    r.ratio,
    r.aim ?? '',
    r.met ?? '',
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map(line),
  ].join('\n');
}
