/**
 * Free text: bench/classify.ts (written with the classifier) measures model build time and
 * classifications per second against its own same-run baselines; this turns its output into rows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './lib/context.js';
import { ROOT } from './lib/proc.js';
import type { Row } from './lib/report.js';

const SECTION = 'free text (bench/classify.ts)';

export function freeText(ctx: BenchContext): Row[] {
  const script = join(ROOT, 'bench', 'classify.ts');
  if (!existsSync(script))
    return [
      {
        section: SECTION,
        measure: 'not measured: bench/classify.ts is not there yet',
        ours: '',
        baseline: '',
        ratio: '',
      },
    ];
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script],
    { cwd: ROOT, encoding: 'utf8', timeout: 180_000 },
  );
  ctx.log(`classify.ts:\n${r.stdout}${r.stderr}`);
  if (r.status !== 0)
    return [
      {
        section: SECTION,
        measure: `bench/classify.ts failed (exit ${r.status}); see the log`,
        ours: '',
        baseline: '',
        ratio: '',
      },
    ];

  const rows: Row[] = [];
  const build = /build:\s+([\d.,]+) ms\s+\(baseline ([\d.,]+) ms, ([\d.,]+)x/.exec(r.stdout);
  if (build)
    rows.push({
      section: SECTION,
      measure: 'model build time vs folding the examples into a list',
      ours: `${build[1]} ms`,
      baseline: `${build[2]} ms`,
      ratio: `${build[3]}×`,
    });
  const tput =
    /throughput:\s+([\d.,]+) messages\/s\s+\(baseline ([\d.,]+) messages\/s, ([\d.,]+)x/.exec(
      r.stdout,
    );
  if (tput)
    rows.push({
      section: SECTION,
      measure: 'classifications/s vs a String.includes loop',
      ours: `${tput[1]}/s`,
      baseline: `${tput[2]}/s`,
      ratio: `${tput[3]}×`,
    });
  if (rows.length === 0)
    rows.push({
      section: SECTION,
      measure: 'bench/classify.ts printed something unexpected; see the log',
      ours: '',
      baseline: '',
      ratio: '',
    });
  return rows;
}
