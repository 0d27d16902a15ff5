/**
 * Widget: its size (bench/widget-size.ts, by whoever owns the widget, when it is there) and how
 * it changes a page's first render in Chromium: the same login-like page with and without the
 * widget's script tag, loaded alternately in one fresh browser profile with nothing cached.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BenchContext } from './lib/context.js';
import { BUILD, ROOT } from './lib/proc.js';
import { fmt, median, spread, type Row } from './lib/report.js';

/** Page loads per variant; the table shows medians. */
const LOADS = 9;

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the widget into bench/.build/widget (not dist/, which other work rebuilds). */
function buildWidget(): string {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const out = join(BUILD, 'widget');
  const r = spawnSync(
    process.execPath,
    [
      vite,
      'build',
      '--config',
      join(ROOT, 'widget', 'vite.config.ts'),
      '--outDir',
      out,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`widget build failed:\n${r.stdout}${r.stderr}`);
  return join(out, 'widget.js');
}

// The probe notes when the widget's launcher button exists in its shadow root (its first render).
const PROBE = `<script>
new MutationObserver((_, observer) => {
  const launcher = document.querySelector('login-help-widget')?.shadowRoot?.querySelector('button');
  if (launcher) { window.__widgetAt = performance.now(); observer.disconnect(); }
}).observe(document, { subtree: true, childList: true });
</script>`;

function page(withWidget: boolean): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Log in</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f6f8}main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px}
label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;font:inherit}button{margin-top:1.5rem;padding:.6rem 1.2rem;font:inherit}</style>
${PROBE}
</head><body>
<main><h1>Log in to eConnect</h1>
<form><label>E-mail address<input type="email" autocomplete="username"></label>
<label>Password<input type="password" autocomplete="current-password"></label>
<button type="submit">Log in</button></form>
<p><a href="#">Forgot your password?</a></p></main>
${withWidget ? '<script src="/widget.js" defer></script>' : ''}
</body></html>`;
}

function serve(widgetJs: Buffer): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const noStore = { 'Cache-Control': 'no-store' };
    if (req.url === '/widget.js') {
      res.writeHead(200, { ...noStore, 'Content-Type': 'text/javascript; charset=utf-8' });
      return res.end(widgetJs);
    }
    const body =
      req.url === '/with.html' ? page(true) : req.url === '/plain.html' ? page(false) : null;
    if (!body) {
      res.writeHead(404, noStore);
      return res.end();
    }
    res.writeHead(200, { ...noStore, 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }),
    ),
  );
}

interface Load {
  fcp: number;
  load: number;
  widget?: number;
}

async function renderTimes(
  ctx: BenchContext,
  widgetJs: Buffer,
): Promise<{ plain: Load[]; with: Load[] }> {
  const { server, url } = await serve(widgetJs);
  const profile = mkdtempSync(join(ctx.dir, 'chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  const times = { plain: [] as Load[], with: [] as Load[] };
  try {
    for (let i = 0; i <= LOADS; i++) {
      for (const variant of ['plain', 'with'] as const) {
        const tab = await browser.newPage();
        await tab.goto(`${url}/${variant}.html`, { waitUntil: 'load' });
        if (variant === 'with')
          await tab.waitForFunction('window.__widgetAt !== undefined', undefined, {
            timeout: 10_000,
          });
        // Paint entries can land just after the load event.
        await tab.waitForFunction(
          "performance.getEntriesByName('first-contentful-paint').length > 0",
          undefined,
          { timeout: 10_000 },
        );
        const t = (await tab.evaluate(`({
          fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
          load: performance.getEntriesByType('navigation')[0].loadEventEnd,
          widget: window.__widgetAt,
        })`)) as Load;
        await tab.close();
        // The first round warms the browser up and is not counted.
        if (i > 0) times[variant].push(t);
      }
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return times;
}

/** Rows from bench/widget-size.ts: the widget and bare-Preact sizes, and webchat's (measured or quoted). */
function sizeRows(ctx: BenchContext): Row[] {
  const script = join(ROOT, 'bench', 'widget-size.ts');
  if (!existsSync(script))
    return [
      {
        section: 'widget size',
        measure: 'not measured: bench/widget-size.ts is not there yet',
        ours: '',
        baseline: '',
        ratio: '',
      },
    ];
  if (!existsSync(join(ROOT, 'dist', 'widget', 'widget.js'))) {
    return [
      {
        section: 'widget size',
        measure: 'not measured: dist/widget/widget.js missing (npm run build:widget)',
        ours: '',
        baseline: '',
        ratio: '',
      },
    ];
  }
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  ctx.log(`widget-size.ts:\n${r.stdout}${r.stderr}`);
  if (r.status !== 0)
    return [
      {
        section: 'widget size',
        measure: `bench/widget-size.ts failed (exit ${r.status}); see the log above`,
        ours: '',
        baseline: '',
        ratio: '',
      },
    ];

  const sizes = new Map<string, { gzip: string; brotli: string; note: string }>();
  for (const line of r.stdout.split('\n')) {
    const m = /^(.+?)\s{2,}(\S+ KiB|—)\s+(\S+ KiB|—)\s+(\S+ KiB|—)\s+\S+×(.*)$/.exec(line);
    if (m) sizes.set(m[1]!.trim(), { gzip: m[3]!, brotli: m[4]!, note: m[5]!.trim() });
  }
  const find = (re: RegExp) => [...sizes].find(([name]) => re.test(name));
  const ours = find(/login-help widget/);
  const bare = find(/bare Preact/);
  if (!ours || !bare)
    return [
      {
        section: 'widget size',
        measure: 'bench/widget-size.ts printed something unexpected; see the log',
        ours: '',
        baseline: '',
        ratio: '',
      },
    ];
  const kib = (s: string) => Number.parseFloat(s);
  const rows: Row[] = [
    {
      section: 'widget size',
      measure: 'gzip (brotli), vs a bare Preact component built alike',
      ours: `${ours[1].gzip} (${ours[1].brotli})`,
      baseline: `${bare[1].gzip} (${bare[1].brotli})`,
      ratio: fmt.ratio(kib(ours[1].gzip) / kib(bare[1].gzip)),
    },
  ];
  for (const [name, s] of sizes) {
    if (!/webchat/.test(name)) continue;
    const quoted = /NOT measured|reference/i.test(s.note);
    rows.push({
      section: 'widget size',
      measure: `gzip vs ${name}${quoted ? ' — REFERENCE figure from issue 9, not measured' : ''}`,
      ours: ours[1].gzip,
      baseline: s.gzip,
      ratio: fmt.ratio(kib(ours[1].gzip) / kib(s.gzip)),
    });
  }
  return rows;
}

export async function widget(ctx: BenchContext): Promise<Row[]> {
  const rows = sizeRows(ctx);
  if (!existsSync(join(ROOT, 'widget', 'src', 'index.tsx'))) return rows;
  const widgetJs = readFileSync(buildWidget());
  const t = await renderTimes(ctx, widgetJs);
  const section = `widget in Chromium (${LOADS} loads each)`;
  const fcp = (l: Load[]) => l.map((x) => x.fcp);
  const load = (l: Load[]) => l.map((x) => x.load);
  rows.push(
    {
      section,
      measure: 'first contentful paint, page with widget vs without',
      ours: `${fmt.ms(median(fcp(t.with)))} ${spread(fcp(t.with))}`.trim(),
      baseline: fmt.ms(median(fcp(t.plain))),
      ratio: fmt.ratio(median(fcp(t.with)) / median(fcp(t.plain))),
    },
    {
      section,
      measure: 'load event, page with widget vs without',
      ours: fmt.ms(median(load(t.with))),
      baseline: fmt.ms(median(load(t.plain))),
      ratio: fmt.ratio(median(load(t.with)) / median(load(t.plain))),
    },
    {
      section,
      measure: "widget's launcher rendered vs the plain page's load event",
      ours: fmt.ms(median(t.with.map((x) => x.widget ?? NaN))),
      baseline: fmt.ms(median(load(t.plain))),
      ratio: fmt.ratio(median(t.with.map((x) => x.widget ?? NaN)) / median(load(t.plain))),
    },
  );
  return rows;
}
