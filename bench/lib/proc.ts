import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BUILD = join(ROOT, 'bench', '.build');

/** The compiled entry points the bench starts as child processes. */
export const ENTRY = {
  server: join(BUILD, 'src', 'main.js'),
  bare: join(BUILD, 'bench', 'servers', 'bare-json.js'),
  echoBot: join(BUILD, 'bench', 'servers', 'echo-bot.js'),
};
const PROBE = join(BUILD, 'bench', 'servers', 'heap-probe.js');

/**
 * Compiles the server, the bot and the baseline servers into bench/.build (not dist/, which
 * `npm run build` and other work own). Type errors are reported but do not stop the bench as
 * long as JavaScript was written: the tree may be mid-edit, the figures are still of this code.
 */
export function build(): { ms: number; warnings: string } {
  const started = performance.now();
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [
    tsc,
    '-p',
    join(ROOT, 'bench', 'tsconfig.json'),
    '--incremental',
    '--tsBuildInfoFile',
    join(BUILD, 'tsbuildinfo'),
  ];
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0 && !/error TS/.test(result.stdout))
    throw new Error(`build failed:\n${result.stdout}${result.stderr}`);
  return {
    ms: performance.now() - started,
    warnings: result.status === 0 ? '' : result.stdout.trim(),
  };
}

/** A free TCP port on 127.0.0.1, found by letting the OS pick one. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

export interface Heap {
  heapUsed: number;
  rss: number;
}

export interface Child {
  name: string;
  url: string;
  proc: ChildProcess;
  /** Milliseconds from spawn until the first request was answered (see `ready`). */
  startMs: number;
  logFile: string;
  /** Heap and RSS after a full GC, asked over IPC from the preloaded probe. */
  heap(): Promise<Heap>;
  /** CPU time (user + system) the process has used so far, in µs. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  entry: string;
  env?: Record<string, string>;
  /** Folder for the log file (and the server's data unless env says otherwise). */
  dir: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /**
   * The first request: resolves once the server answered it. The time until then is `startMs`.
   * @default GET / until anything answers
   */
  ready?: (url: string) => Promise<boolean>;
}

/**
 * Starts a server as its own process on a free port with the heap probe preloaded. Its output
 * goes to a file, as in production, so the bench process does not spend time reading it.
 */
export async function start(opts: StartOptions): Promise<Child> {
  mkdirSync(opts.dir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(opts.dir, `${opts.name}.log`);
  const out = openSync(logFile, 'a');
  const started = performance.now();
  const proc = spawn(
    process.execPath,
    ['--expose-gc', '--import', PROBE, ...(opts.nodeFlags ?? []), opts.entry],
    {
      cwd: opts.dir,
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), ...opts.env },
      stdio: ['ignore', out, out, 'ipc'],
    },
  );
  closeSync(out);
  let exited: string | undefined;
  proc.on('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));

  const ready =
    opts.ready ?? (async (u: string) => (await fetch(u).catch(() => undefined)) !== undefined);
  const deadline = Date.now() + 60_000;
  while (!(await ready(url).catch(() => false))) {
    if (exited) throw new Error(`${opts.name} ${exited} before answering; see ${logFile}`);
    if (Date.now() > deadline)
      throw new Error(`${opts.name} did not answer within 60 s; see ${logFile}`);
    await sleep(5);
  }
  const startMs = performance.now() - started;

  return {
    name: opts.name,
    url,
    proc,
    startMs,
    logFile,
    heap: async () => {
      const m = await ask<{ heapUsed: number; rss: number }>(proc, 'heap', opts.name);
      return { heapUsed: m.heapUsed, rss: m.rss };
    },
    cpu: async () => (await ask<{ micros: number }>(proc, 'cpu', opts.name)).micros,
    stop: () =>
      new Promise<void>((done) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return done();
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        proc.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        proc.kill('SIGTERM');
      }),
  };
}

function ask<T>(proc: ChildProcess, type: 'heap' | 'cpu', name: string): Promise<T> {
  return new Promise<T>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${name} did not answer "${type}" from the probe`)),
      10_000,
    );
    const onMessage = (m: { type?: string }) => {
      if (m?.type !== type) return;
      clearTimeout(timer);
      proc.off('message', onMessage);
      done(m as T);
    };
    proc.on('message', onMessage);
    proc.send(type);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
