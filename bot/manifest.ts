import { strToU8, zipSync } from 'fflate';
import type { Config } from '../src/config.js';
import { colorIcon, outlineIcon } from './icons.js';

/**
 * The app manifest schema this package targets. Teams accepts every published version up to
 * the newest it knows; 1.24 has the fields used here and is well within what clients take.
 * https://learn.microsoft.com/microsoftteams/platform/resources/schema/manifest-schema
 */
export const MANIFEST_VERSION = '1.24';
export const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

const ACCENT = '#0F5BA7';
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

export interface PackageOptions {
  /** The bot's Microsoft Entra app id; also used as the Teams app id. */
  appId: string;
  brand: string;
  /** semver of this release. */
  version: string;
  websiteUrl: string;
  privacyUrl: string;
  termsUrl: string;
}

export class PackageConfigError extends Error {
  readonly code = 'TEAMS_PACKAGE_CONFIG';
}

/** The package settings from the environment; names what is missing. */
export function packageOptions(config: Config, version: string): PackageOptions {
  const appId = config.MicrosoftAppId;
  if (!appId || !GUID.test(appId)) {
    throw new PackageConfigError(
      `MicrosoftAppId must be the bot's app id (a GUID such as 00000000-0000-0000-0000-000000000000); got ${appId ? `"${appId}"` : 'nothing'}`,
    );
  }
  // The manifest needs https pages; the help site itself is the sensible default for all three.
  const website = config.publicUrl.startsWith('https://')
    ? config.publicUrl
    : config.content.portals.platform.loginUrl;
  const privacyUrl = config.TEAMS_PRIVACY_URL ?? website;
  return {
    appId,
    brand: config.content.brand,
    version,
    websiteUrl: website,
    privacyUrl,
    termsUrl: config.TEAMS_TERMS_URL ?? privacyUrl,
  };
}

/** Commands Teams lists under the message box; each sends its title as a message. */
const COMMANDS = {
  en: [
    ['help', 'Show what I can help with'],
    ['forgot password', 'Get a password reset link for Platform or Control'],
    ['my 2FA code is rejected', 'Check your phone clock and fix rejected codes'],
    ['talk to a person', 'Pass your question on to support'],
    ['start over', 'Start the conversation again'],
  ],
  nl: [
    ['help', 'Laat zien waarmee ik kan helpen'],
    ['wachtwoord vergeten', 'Vraag een link aan om je wachtwoord opnieuw in te stellen'],
    [
      'mijn 2FA-code wordt geweigerd',
      'Controleer de klok van je telefoon en los geweigerde codes op',
    ],
    ['medewerker', 'Geef je vraag door aan support'],
    ['opnieuw beginnen', 'Begin het gesprek opnieuw'],
  ],
} as const;

const TEXT = {
  en: {
    short: (brand: string) => `${brand} login help`,
    full: (brand: string) => `${brand} login help: back into your account`,
    descShort: (brand: string) =>
      `Get back into your ${brand} account: passwords, 2FA and login pages.`,
    descFull: (brand: string) =>
      `A guided assistant for people who cannot log in to ${brand}. It finds the right login page, sends the real password-reset or verification e-mail, helps when a 2FA code is rejected or a phone is lost, and passes anything it cannot solve to support with the whole conversation. It never asks for your password or a 2FA code.`,
  },
  nl: {
    short: (brand: string) => `${brand} inloghulp`,
    full: (brand: string) => `${brand} inloghulp: weer toegang tot je account`,
    descShort: (brand: string) =>
      `Weer toegang tot je ${brand}-account: wachtwoord, 2FA en inlogpagina's.`,
    descFull: (brand: string) =>
      `Een assistent voor wie niet kan inloggen bij ${brand}. Hij wijst de juiste inlogpagina aan, verstuurt de echte e-mail om je wachtwoord opnieuw in te stellen of je adres te bevestigen, helpt als een 2FA-code wordt geweigerd of je telefoon kwijt is, en geeft wat hij niet kan oplossen door aan support, met het hele gesprek. Hij vraagt nooit om je wachtwoord of een 2FA-code.`,
  },
};

export function buildManifest(opts: PackageOptions): Record<string, unknown> {
  const en = TEXT.en;
  return {
    $schema: SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: opts.version,
    id: opts.appId,
    localizationInfo: {
      defaultLanguageTag: 'en-us',
      additionalLanguages: [{ languageTag: 'nl', file: 'nl.json' }],
    },
    developer: {
      name: opts.brand.slice(0, 32),
      websiteUrl: opts.websiteUrl,
      privacyUrl: opts.privacyUrl,
      termsOfUseUrl: opts.termsUrl,
    },
    name: { short: en.short(opts.brand).slice(0, 30), full: en.full(opts.brand).slice(0, 100) },
    description: { short: en.descShort(opts.brand).slice(0, 80), full: en.descFull(opts.brand) },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT,
    bots: [
      {
        botId: opts.appId,
        // Personal chat is where addresses are handled; in teams and group chats the bot answers
        // when mentioned and moves anything involving an address to a personal chat.
        scopes: ['personal', 'team', 'groupChat'],
        isNotificationOnly: false,
        supportsFiles: false,
        supportsCalling: false,
        supportsVideo: false,
        commandLists: [
          {
            scopes: ['personal'],
            commands: COMMANDS.en.map(([title, description]) => ({ title, description })),
          },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [],
    defaultInstallScope: 'personal',
  };
}

/** The Dutch strings, in Teams' localization file format (keys are JSON paths into the manifest). */
export function buildDutch(opts: PackageOptions): Record<string, string> {
  const nl = TEXT.nl;
  const file: Record<string, string> = {
    $schema: LOCALIZATION_SCHEMA_URL,
    'name.short': nl.short(opts.brand).slice(0, 30),
    'name.full': nl.full(opts.brand).slice(0, 100),
    'description.short': nl.descShort(opts.brand).slice(0, 80),
    'description.full': nl.descFull(opts.brand),
  };
  COMMANDS.nl.forEach(([title, description], i) => {
    file[`bots[0].commandLists[0].commands[${i}].title`] = title;
    file[`bots[0].commandLists[0].commands[${i}].description`] = description;
  });
  return file;
}

export interface TeamsPackage {
  manifest: Record<string, unknown>;
  files: Record<string, Uint8Array>;
  zip: Uint8Array;
}

/** Everything Teams needs to sideload the app, zipped flat (Teams reads files at the zip root). */
export function buildTeamsPackage(opts: PackageOptions): TeamsPackage {
  const manifest = buildManifest(opts);
  const files: Record<string, Uint8Array> = {
    'manifest.json': strToU8(JSON.stringify(manifest, null, 2)),
    'nl.json': strToU8(JSON.stringify(buildDutch(opts), null, 2)),
    'color.png': colorIcon(ACCENT),
    'outline.png': outlineIcon(),
  };
  // A fixed time keeps the zip byte-for-byte the same for the same input.
  const zip = zipSync(files, { level: 9, mtime: new Date(Date.UTC(2026, 0, 1)) });
  return { manifest, files, zip };
}
