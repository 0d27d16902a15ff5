#!/usr/bin/env node
// Checks, before the tests run, that what they need is here, and says how to get it when not.
// Tests never skip a missing service: a missing part fails here, loudly.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import net from 'node:net';

const problems = [];

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  problems.push(
    `Chromium not found at ${chromium}: run "apt-get update && apt-get install -y chromium" (or bash .ci/run).`,
  );
}

const sqlite = spawnSync(process.execPath, [
  '-e',
  "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()",
]);
if (sqlite.status !== 0)
  problems.push('better-sqlite3 does not load: run "npm rebuild better-sqlite3".');

const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const { hostname, port } = new URL(pgUrl);
const reachable = await new Promise((resolve) => {
  const socket = net.connect({ host: hostname, port: Number(port || 5432) });
  socket.setTimeout(2000);
  socket.on('connect', () => (socket.destroy(), resolve(true)));
  socket.on('error', () => resolve(false));
  socket.on('timeout', () => (socket.destroy(), resolve(false)));
});
if (!reachable)
  problems.push(
    `PostgreSQL is not reachable at ${hostname}:${port || 5432} (TEST_DATABASE_URL); start it before the tests.`,
  );

if (problems.length) {
  console.error('Test prerequisites missing:\n- ' + problems.join('\n- '));
  process.exit(1);
}
