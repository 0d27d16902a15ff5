import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, http } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';

let server: StartedServer;
const ALLOWED = 'https://help.example.com';

beforeAll(async () => {
  // No SMTP_URL: the embedded default, with the dev mailbox.
  server = await startServer({ ALLOWED_ORIGINS: `${ALLOWED}, https://other.example.org` });
});
afterAll(async () => {
  await server?.stop();
});

describe('GET /widget.js', () => {
  it('serves the built script with a short public cache and an ETag that revalidates to 304', async () => {
    const res = await fetch(`${server.url}/widget.js`);
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect(body).toBe(readFileSync('dist/widget/widget.js', 'utf8'));

    const again = await fetch(`${server.url}/widget.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await fetch(`${server.url}/widget.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('is one small file that never logs, never evaluates strings, and defines one global', () => {
    const code = readFileSync('dist/widget/widget.js', 'utf8');
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(15 * 1024);
    expect(code).not.toMatch(/\bconsole\./);
    expect(code).not.toMatch(/\beval\(|new Function\(|setTimeout\(\s*["'`]/);
    expect(code).not.toMatch(/document\.cookie/);
    // Preact carries innerHTML for dangerouslySetInnerHTML; the widget's own code never uses it.
    for (const file of ['app.tsx', 'chat.ts', 'index.tsx']) {
      expect(readFileSync(`widget/src/${file}`, 'utf8')).not.toMatch(
        /dangerouslySetInnerHTML|innerHTML|console\./,
      );
    }
    // The IIFE's only top-level binding.
    expect(code.startsWith('var LoginHelp=(function')).toBe(true);
  });
});

describe('CORS on the chat API', () => {
  const start = (origin?: string) =>
    http(`${server.url}/api/v1/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: JSON.stringify({ locale: 'en' }),
    });

  it('answers a configured origin, its preflight included', async () => {
    const preflight = await fetch(`${server.url}/api/v1/conversations/x/turns`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'Content-Type, Authorization',
    );
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('vary')).toMatch(/Origin/);

    const res = await start(ALLOWED);
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('answers the server itself and callers that send no Origin', async () => {
    expect((await start(server.url)).status).toBe(201);
    expect((await start()).status).toBe(201);
  });

  it('refuses any other origin with a clear 403 before anything runs', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      `${ALLOWED}:8443`,
      'http://help.example.com',
    ]) {
      const res = await start(origin);
      expect(res.status, origin).toBe(403);
      expect(res.body).toEqual({
        error: { code: 'origin_not_allowed', message: expect.stringContaining('ALLOWED_ORIGINS') },
      });
    }
    const preflight = await fetch(`${server.url}/api/v1/conversations`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('leaves pages and the script alone', async () => {
    const res = await fetch(`${server.url}/widget.js`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(200);
  });
});

describe('demo pages', () => {
  for (const [path, name] of [
    ['/', 'eConnect Platform'],
    ['/demo/control', 'eConnect Control'],
  ] as const) {
    it(`${path} is a look-alike login page with the widget, under a strict CSP`, async () => {
      const res = await fetch(`${server.url}${path}?lang=nl`);
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toMatch(/unsafe-(inline|eval)/);
      expect(html).toContain('<html lang="nl">');
      expect(html).toContain(name);
      expect(html).toMatch(
        /<script src="\/widget\.js" data-path="forgotPassword" data-portal="(platform|identity)" data-lang="nl"[^>]*defer><\/script>/,
      );
      expect(html).toContain('href="/dev/mail?lang=nl"');
      expect(html).not.toMatch(/<script>|<style>|\sstyle="/);
    });
  }
});

describe('clock check', () => {
  async function linkFor(chat: ChatClient) {
    return http<{ url: string; svg: string; expiresAt: number }>(
      `${server.url}/api/v1/conversations/${chat.id}/clock-link`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${chat.token}` },
        body: '{}',
      },
    );
  }

  it('tells the time', async () => {
    const before = Date.now();
    const res = await http<{ now: number }>(`${server.url}/api/v1/time`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.now).toBeGreaterThanOrEqual(before - 1000);
    expect(res.body.now).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('gives a signed link and QR code to the conversation token only', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en', path: 'codeRejected' });
    const res = await linkFor(chat);
    expect(res.status).toBe(200);
    expect(res.body.url).toMatch(new RegExp(`^${server.url}/c/[A-Za-z0-9_-]{43}$`));
    expect(res.body.svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(res.body.expiresAt - Date.now()).toBeGreaterThan(29 * 60_000);

    const stranger = await http(`${server.url}/api/v1/conversations/${chat.id}/clock-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
      body: '{}',
    });
    expect(stranger.status).toBe(401);
  });

  it('reports a measured offset into the conversation once per report id', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'nl', path: 'codeRejected' });
    await chat.choose('otherDevice');
    const { url } = (await linkFor(chat)).body;
    const token = url.split('/c/')[1]!;

    const page = await http(url);
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<html lang="nl">');
    expect(String(page.body)).toContain('<script src="/clock-check.js" defer></script>');

    const report = () =>
      http<{ offsetMs: number; messages: string[] }>(`${server.url}/api/v1/clock/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ turnId: 'r1', offsetMs: -95_000 }),
      });
    const first = await report();
    expect(first.status).toBe(200);
    expect(first.body.messages.join(' ')).toMatch(/2 minuten/);
    expect((await report()).body).toEqual(first.body);

    const view = await http<{ transcript: Array<{ kind: string }> }>(
      `${server.url}/api/v1/conversations/${chat.id}`,
      {
        headers: { authorization: `Bearer ${chat.token}` },
      },
    );
    expect(view.body.transcript.filter((l) => l.kind === 'clock')).toHaveLength(1);
  });

  it('refuses forged, malformed and expired links', async () => {
    const chat = new ChatClient(server.url);
    await chat.start({ locale: 'en', path: 'codeRejected' });
    const { url } = (await linkFor(chat)).body;
    const token = url.split('/c/')[1]!;
    const post = (t: string, body: unknown = { turnId: 'x', offsetMs: 1000 }) =>
      http<{ error: { code: string } }>(`${server.url}/api/v1/clock/${t}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await post(forged)).body.error.code).toBe('clock_link_invalid');
    expect((await post('short')).status).toBe(404);
    expect((await post(token, { turnId: 'x', offsetMs: 'soon' })).body.error.code).toBe(
      'invalid_request',
    );
    expect((await http(`${server.url}/c/${forged}`)).status).toBe(404);

    await server.setClockOffset(31 * 60_000);
    try {
      const expired = await post(token);
      expect(expired.status).toBe(410);
      expect(expired.body.error.code).toBe('clock_link_expired');
      const page = await http(url);
      expect(page.status).toBe(410);
      expect(String(page.body)).toMatch(/expired/);
    } finally {
      await server.setClockOffset(0);
    }
  });
});
