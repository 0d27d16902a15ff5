/**
 * `npm run teams:package [-- --out path.zip]`: writes the Teams app package (manifest.json, the
 * Dutch strings, colour and outline icons) for the bot whose id is in MicrosoftAppId, after
 * checking it against Microsoft's published manifest schema. Sideload the zip in Teams.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManifestUtil } from '@microsoft/app-manifest';
import {
  buildTeamsPackage,
  MANIFEST_VERSION,
  packageOptions,
  type TeamsPackage,
} from '../bot/manifest.js';
import { loadConfig } from '../src/config.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT = join(root, 'dist', 'teams', 'login-help.zip');

/** The schema files shipped in @microsoft/app-manifest: validation needs no network. */
function schema(file: string): object {
  const pkg = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));
  return fixPatterns(
    JSON.parse(
      readFileSync(join(pkg, 'json-schemas', 'teams', `v${MANIFEST_VERSION}`, file), 'utf8'),
    ),
  );
}

/**
 * Two published patterns are not valid in Unicode mode, which ajv compiles them in: a `\a`
 * (the package's own fetcher patches it the same way) and an unescaped `]` after `\b` in the
 * localization schema's activityTypes keys. Both are rewritten to what they mean.
 */
function fixPatterns<T>(node: T): T {
  const fix = (pattern: string) => pattern.replace(/\\a/g, '\\x07').replace(/\\b\]/g, '\\b\\]');
  if (Array.isArray(node)) return node.map(fixPatterns) as T;
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      fix(key),
      typeof value === 'string' ? fix(value) : fixPatterns(value),
    ]),
  ) as T;
}

/** Problems with the package, as the schema validator words them; empty when it is valid. */
export async function validateTeamsPackage(pkg: TeamsPackage): Promise<string[]> {
  const decode = (name: string) => JSON.parse(new TextDecoder().decode(pkg.files[name]));
  const manifestErrors = await ManifestUtil.validateManifestAgainstSchema(
    decode('manifest.json'),
    schema('MicrosoftTeams.schema.json') as never,
  );
  const dutchErrors = await ManifestUtil.validateManifestAgainstSchema(
    decode('nl.json'),
    schema('MicrosoftTeams.Localization.schema.json') as never,
  );
  return [
    ...manifestErrors.map((e) => `manifest.json${e}`),
    ...dutchErrors.map((e) => `nl.json${e}`),
  ];
}

async function main(argv: string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 && argv[outIndex + 1] ? resolve(argv[outIndex + 1]!) : DEFAULT_OUT;
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };

  let pkg: TeamsPackage;
  try {
    pkg = buildTeamsPackage(packageOptions(loadConfig(), version));
  } catch (error) {
    console.error(`teams:package: ${(error as Error).message}`);
    return 2;
  }
  const problems = await validateTeamsPackage(pkg);
  if (problems.length > 0) {
    console.error(
      `teams:package: the manifest does not match schema v${MANIFEST_VERSION}:\n- ${problems.join('\n- ')}`,
    );
    return 1;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, pkg.zip);
  console.log(
    `teams:package: wrote ${out} (manifest v${MANIFEST_VERSION}, bot ${String(pkg.manifest.id)}, app version ${version})`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
