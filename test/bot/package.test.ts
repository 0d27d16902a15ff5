import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { strToU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_VERSION, type TeamsPackage } from '../../bot/manifest.js';
import { pngSize } from '../../bot/icons.js';
import { validateTeamsPackage } from '../../scripts/teams-package.js';

const APP_ID = '1b2c3d4e-0000-4000-8000-00000000abcd';

function runPackage(env: Record<string, string>, out: string) {
  return spawnSync('npm', ['run', '--silent', 'teams:package', '--', '--out', out], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'test',
      ...env,
    },
    encoding: 'utf8',
  });
}

function unpack(zipPath: string): TeamsPackage & { manifest: Record<string, any> } {
  const files = unzipSync(readFileSync(zipPath));
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
  return { manifest, files, zip: new Uint8Array() };
}

/** RGBA pixels of a PNG written by bot/icons.ts (8-bit RGBA, filter 0 on every row). */
function pixels(png: Uint8Array): { width: number; data: Uint8Array } {
  const buf = Buffer.from(png);
  const { width, height } = pngSize(png);
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length;) {
    const length = buf.readUInt32BE(at);
    if (buf.toString('ascii', at + 4, at + 8) === 'IDAT')
      idat.push(buf.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    data.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  return { width, data };
}

describe('npm run teams:package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'login-help-package-'));
  const zipPath = join(dir, 'login-help.zip');
  let run: ReturnType<typeof runPackage>;
  beforeAll(() => {
    run = runPackage({ MicrosoftAppId: APP_ID, PUBLIC_URL: 'https://help.example.com' }, zipPath);
  });

  it('writes a zip with the manifest, its Dutch strings and both icons at the root', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(zipPath);
    expect(Object.keys(unpack(zipPath).files).sort()).toEqual([
      'color.png',
      'manifest.json',
      'nl.json',
      'outline.png',
    ]);
  });

  it('validates against the Teams manifest schema of its version', async () => {
    const pkg = unpack(zipPath);
    expect(pkg.manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(pkg.manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    );
    expect(await validateTeamsPackage(pkg)).toEqual([]);
  });

  it('catches a manifest the schema does not allow', async () => {
    const pkg = unpack(zipPath);
    const broken = { ...pkg.manifest, developer: { name: 'x' }, accentColor: 'blue' };
    const problems = await validateTeamsPackage({
      ...pkg,
      files: { ...pkg.files, 'manifest.json': strToU8(JSON.stringify(broken)) },
    });
    expect(problems.join('\n')).toMatch(/websiteUrl/);
    expect(problems.join('\n')).toMatch(/accentColor/);
  });

  it('takes the bot id from MicrosoftAppId', () => {
    const { manifest } = unpack(zipPath);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.bots[0].scopes).toContain('personal');
    expect(manifest.developer.websiteUrl).toBe('https://help.example.com');
  });

  it('draws a 192×192 colour icon and a 32×32 white outline on transparency', () => {
    const { files } = unpack(zipPath);
    expect(pngSize(files['color.png']!)).toEqual({ width: 192, height: 192 });
    expect(pngSize(files['outline.png']!)).toEqual({ width: 32, height: 32 });

    const color = pixels(files['color.png']!);
    expect(color.data[3]).toBe(255);
    const outline = pixels(files['outline.png']!).data;
    let transparent = 0;
    let white = 0;
    for (let i = 0; i < outline.length; i += 4) {
      if (outline[i + 3] === 0) transparent++;
      else {
        expect([outline[i], outline[i + 1], outline[i + 2]]).toEqual([255, 255, 255]);
        white++;
      }
    }
    expect(transparent).toBeGreaterThan(white);
    expect(white).toBeGreaterThan(50);
  });

  it('builds the same bytes from the same settings', () => {
    const again = join(dir, 'again.zip');
    expect(
      runPackage({ MicrosoftAppId: APP_ID, PUBLIC_URL: 'https://help.example.com' }, again).status,
    ).toBe(0);
    expect(readFileSync(again).equals(readFileSync(zipPath))).toBe(true);
  });

  it('refuses without a bot id and says which variable is missing', () => {
    const refused = runPackage({}, join(dir, 'none.zip'));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/MicrosoftAppId must be the bot's app id/);
  });
});
