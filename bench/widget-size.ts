/**
 * Size of the built widget (script and styles are one file), gzip and brotli at their highest
 * levels, beside baselines measured in the same run: a bare Preact component built the same way,
 * and botframework-webchat's browser bundles when that package is installed.
 *
 *   npm run build:widget && npx tsx bench/widget-size.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const KiB = 1024;

interface Row {
  name: string;
  raw: number;
  gzip: number;
  brotli: number;
  note?: string;
}

function measure(name: string, code: Buffer, note?: string): Row {
  return {
    name,
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    note,
  };
}

/** The smallest Preact widget: one component with a hook, rendered into the page, same build. */
async function barePreact(): Promise<Buffer> {
  const dir = join(root, 'dist', 'bench-preact');
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'entry.jsx');
  writeFileSync(
    entry,
    `import { render } from 'preact';
import { useState } from 'preact/hooks';
function Hello() { const [n, setN] = useState(0); return <button onClick={() => setN(n + 1)}>{n}</button>; }
render(<Hello />, document.body);
`,
  );
  await build({
    configFile: false,
    logLevel: 'silent',
    root: dir,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: { alias: { preact: join(root, 'node_modules', 'preact') } },
    build: {
      outDir: join(dir, 'out'),
      emptyOutDir: true,
      target: 'es2020',
      lib: { entry, formats: ['iife'], name: 'Bare', fileName: () => 'bare.js' },
    },
  });
  return readFileSync(join(dir, 'out', 'bare.js'));
}

function webchatBundles(): Row[] {
  const require = createRequire(join(root, 'package.json'));
  const rows: Row[] = [];
  for (const [name, file] of [
    ['botframework-webchat (full)', 'botframework-webchat/dist/webchat.js'],
    ['botframework-webchat (minimal)', 'botframework-webchat/dist/webchat-minimal.js'],
  ] as const) {
    try {
      rows.push(measure(name, readFileSync(require.resolve(file))));
    } catch {
      // not installed: the reference figures below stand in for it
    }
  }
  return rows;
}

const ours = measure(
  'login-help widget (script + styles)',
  readFileSync(join(root, 'dist', 'widget', 'widget.js')),
);
const bare = measure('bare Preact component (same build)', await barePreact());
const webchat = webchatBundles();
const reference: Row[] = webchat.length
  ? []
  : [
      {
        name: 'botframework-webchat (full)',
        raw: NaN,
        gzip: 925 * KiB,
        brotli: NaN,
        note: 'reference figure from issue 9, NOT measured here',
      },
      {
        name: 'botframework-webchat (minimal)',
        raw: NaN,
        gzip: 473 * KiB,
        brotli: NaN,
        note: 'reference figure from issue 9, NOT measured here',
      },
    ];

const kib = (n: number) => (Number.isNaN(n) ? '—' : `${(n / KiB).toFixed(1)} KiB`);
const rows = [ours, bare, ...webchat, ...reference];
const width = Math.max(...rows.map((r) => r.name.length));
console.log(
  `${'bundle'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}  ${'brotli'.padStart(10)}  gzip vs widget`,
);
for (const r of rows) {
  const ratio = r === ours ? '1.00×' : `${(r.gzip / ours.gzip).toFixed(2)}×`;
  console.log(
    `${r.name.padEnd(width)}  ${kib(r.raw).padStart(10)}  ${kib(r.gzip).padStart(10)}  ${kib(r.brotli).padStart(10)}  ${ratio}${r.note ? `  (${r.note})` : ''}`,
  );
}
console.log(
  `\nBudget: 15 KiB gzip. Widget: ${kib(ours.gzip)} (${ours.gzip <= 15 * KiB ? 'within' : 'OVER'} budget).`,
);
if (!webchat.length)
  console.log(
    'botframework-webchat is not installed; its rows are the reference figures quoted in issue 9.',
  );
