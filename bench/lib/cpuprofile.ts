import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a frame's code lives: a package, one of our folders, node itself, or V8 (GC, idle). */
function placeOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  // Our code, from source or from the bench's build of it.
  const own =
    /\/(?:bench\/\.build\/)?(src\/[^/]+|flows|bot|bench)\/[^/]*$/.exec(url) ??
    /\/(src\/[^/]+|flows|bot)\//.exec(url);
  return own ? own[1]!.replace(/\.js$/, '') : url;
}

/**
 * Summarises a V8 .cpuprofile: self time by function and by package (or folder of ours), and
 * total (inclusive) time of our own functions, as shares of the busy (non-idle) time.
 */
export function summarise(file: string, top = 15): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );

  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const fnSelf = new Map<string, number>();
  const placeSelf = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const placeInclusive = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += us;
    const name = `${functionName || '(anonymous)'} ${placeOf(url, functionName)}${url ? `:${lineNumber + 1}` : ''}`;
    fnSelf.set(name, (fnSelf.get(name) ?? 0) + us);
    placeSelf.set(
      placeOf(url, functionName),
      (placeSelf.get(placeOf(url, functionName)) ?? 0) + us,
    );
    // Inclusive time: every distinct function on the stack gets this sample once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      const place = placeOf(f.url, f.functionName);
      const key = `${f.functionName || '(anonymous)'} ${place}:${f.lineNumber + 1}`;
      if (!seen.has(place)) placeInclusive.set(place, (placeInclusive.get(place) ?? 0) + us);
      seen.add(place);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)}%`;
  const list = (m: Map<string, number>, filter: (k: string) => boolean = () => true) =>
    [...m]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `  ${pct(us)}  ${k}`)
      .join('\n');
  const ours = (k: string) => /\s(src\/|flows:|bot:)/.test(k);
  return [
    `busy ${(busy / 1e6).toFixed(2)} s of ${((profile.endTime - profile.startTime) / 1e6).toFixed(2)} s profiled`,
    // V8 samples by the clock: on a busy machine a native call (a socket write, an SQLite step)
    // also collects the time the process waited for a core during it.
    'shares are of wall-clock samples: on a busy machine native calls include time spent waiting for a core',
    'self time by package / folder:',
    list(placeSelf),
    'total time (self + callees) by package / folder:',
    list(placeInclusive),
    'self time by function:',
    list(fnSelf),
    'total time (self + callees) of our functions:',
    list(inclusive, ours),
  ].join('\n');
}
