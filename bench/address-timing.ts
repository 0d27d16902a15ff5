/**
 * No enumeration, the time half: bench/enumeration.ts (written with the actions) times the turn
 * that submits an address for an existing, an unverified, an SSO-only and an unknown address;
 * this turns its medians into rows, each against the existing-account case of the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './lib/context.js';
import { ROOT } from './lib/proc.js';
import type { Row } from './lib/report.js';

const SECTION = 'no enumeration: answer time by address (bench/enumeration.ts)';

export function addressTiming(ctx: BenchContext, rounds: number): Row[] {
  const script = join(ROOT, 'bench', 'enumeration.ts');
  if (!existsSync(script))
    return [
      {
        section: SECTION,
        measure: 'not measured: bench/enumeration.ts is not there yet',
        ours: '',
        baseline: '',
        ratio: '',
      },
    ];
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, BENCH_ROUNDS: String(rounds) },
      timeout: 9 * 60_000,
    },
  );
  ctx.log(`enumeration.ts:\n${r.stdout}${r.stderr}`);
  if (r.status !== 0)
    return [
      {
        section: SECTION,
        measure: `bench/enumeration.ts failed (exit ${r.status}); see the log`,
        ours: '',
        baseline: '',
        ratio: '',
      },
    ];

  // Spread lines: the 25th to 75th percentile of each case, to tell a difference from noise.
  const spreads = new Map<string, Array<[number, number]>>();
  for (const text of r.stdout.split('\n')) {
    const m = /^(\w+)((?:\s+[\d.]+–[\d.]+){4})\s*$/.exec(text.trim());
    if (m)
      spreads.set(
        m[1]!,
        m[2]!
          .trim()
          .split(/\s+/)
          .map((q) => q.split('–').map(Number) as [number, number]),
      );
  }

  const rows: Row[] = [];
  const number = String.raw`([\d.]+)`;
  const line = new RegExp(
    String.raw`^(\w+)\s+${number}\s+${number}\s+${number}\s+${number}\s+${number} / ${number} / ${number} / ${number}`,
  );
  for (const text of r.stdout.split('\n')) {
    const m = line.exec(text.trim());
    if (!m) continue;
    const [, action, existing, unverified, ssoOnly, unknown, , rUnverified, rSso, rUnknown] = m;
    const worst = Math.max(
      ...[rUnverified, rSso, rUnknown].map(Number).map((x) => Math.abs(x - 1)),
    );
    const [base, ...others] = spreads.get(action!) ?? [];
    const overlap =
      base !== undefined && others.every(([low, high]) => low <= base[1] && high >= base[0]);
    rows.push({
      section: SECTION,
      measure: `${action}: unverified / SSO-only / unknown address vs an existing one (median of ${rounds})`,
      ours: `${unverified} / ${ssoOnly} / ${unknown} ms`,
      baseline: `${existing} ms`,
      ratio: `${rUnverified} / ${rSso} / ${rUnknown}×`,
      // The design asks for "about the same time"; 15% is the noise its author saw between identical cases.
      aim: '≈ 1× (±15%)',
      met: worst <= 0.15 ? 'yes' : overlap ? 'NO, within the spread' : 'NO',
    });
  }
  if (rows.length === 0)
    rows.push({
      section: SECTION,
      measure: 'bench/enumeration.ts printed something unexpected; see the log',
      ours: '',
      baseline: '',
      ratio: '',
    });
  return rows;
}
