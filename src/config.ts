import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { defaultContent, type Content } from '../flows/content.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

/**
 * Every environment variable the server reads, with its default. `.env.example` documents
 * the same list; a test keeps the two in step.
 */
const envSchema = z.object({
  /** Interface to listen on. @default 127.0.0.1 */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** @default 3978 (the Bot Framework's usual local port) */
  PORT: port.default(3978),
  /** Absolute URL users reach this server at; every link in a mail is built from it. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** development | production | test. Production refuses unsafe defaults. @default development */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Folder for the SQLite file and other local state. @default ./data */
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://… for PostgreSQL; unset: SQLite file `DATA_DIR/login-help.sqlite`. */
  DATABASE_URL: z.string().min(1).optional(),
  /** smtp(s)://user:pass@host:port; unset: the dev mailbox at /dev/mail. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** Sender of every mail. @default "eConnect login help <login-help@localhost>" */
  MAIL_FROM: z.string().min(3).default('eConnect login help <login-help@localhost>'),
  /** Where escalations are mailed. @default support@login-help.localhost */
  SUPPORT_MAILBOX: z.email().default('support@login-help.localhost'),
  /** Support address shown to users (the help article's copy of it is redacted). */
  SUPPORT_EMAIL: z.email().optional(),
  /** JSON file overriding parts of the help content (see flows/content.ts). */
  CONTENT_FILE: z.string().min(1).optional(),
  /** Key that signs conversation tokens; unset: generated once and kept in the database. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Minutes a password-reset link stays valid. @default 60 */
  RESET_LINK_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  /** Hours an e-mail verification link stays valid. @default 24 */
  VERIFY_LINK_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
  /**
   * Mails of one kind (reset, verification, locator, code, case) to one address per hour,
   * whoever asks (the README's "Rate limits"). @default 3
   */
  RATE_LIMIT_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(100).default(3),
  /**
   * Mail actions per client per hour: per IP in the widget (several colleagues behind one office
   * address share it), per user in Teams. @default 30
   */
  RATE_LIMIT_CLIENT_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Mail actions per conversation per hour. @default 10 */
  RATE_LIMIT_CONVERSATION_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(10),
  /** Seed the demo accounts into the built-in directory at start. @default true */
  SEED_DEMO: bool.default(true),
  /** Largest request body accepted, in bytes. @default 16384 */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(1_048_576).default(16_384),
  /** trace | debug | info | warn | error | silent. @default info */
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Test hook: a file holding a clock offset in ms, so end-to-end tests can move time. */
  CLOCK_OFFSET_FILE: z.string().min(1).optional(),
  /** Comma-separated origins allowed to call the chat API from a browser (CORS). */
  ALLOWED_ORIGINS: z.string().optional(),
  /** Days a conversation and its transcript are kept after its last turn. @default 90 */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Days a case, with its conversation and transcript, is kept after its last change. @default 365 */
  CASE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** PostgreSQL connections per instance. @default 10 */
  DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /**
   * SQLite: checkpoint the write-ahead log from a worker thread every this many milliseconds
   * (the log is synced to disk then), off the requests' path; 0 leaves it to SQLite, which does
   * it on a commit every 1,000 log pages. @default 100
   */
  SQLITE_CHECKPOINT_MS: z.coerce.number().int().min(0).max(60_000).default(100),
  /** Seconds a stopping instance (SIGTERM) lets running requests finish. @default 10 */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /**
   * Load balancers or proxies in front of the server whose X-Forwarded-For entry names the
   * client (per-client rate limits). 0: the connecting address is the client. @default 0
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),

  // --- Teams bot (bot/). Names as botbuilder reads them, so its docs apply unchanged. ---------
  /**
   * The bot's Microsoft Entra app id. Unset: `/api/messages` takes unauthenticated calls (for
   * the Bot Framework Emulator), which is refused when NODE_ENV=production.
   */
  MicrosoftAppId: z.string().trim().min(1).optional(),
  /** The app's client secret (MultiTenant and SingleTenant). */
  MicrosoftAppPassword: z.string().min(1).optional(),
  /** The Entra tenant that owns the app; required for SingleTenant and UserAssignedMSI. */
  MicrosoftAppTenantId: z.string().trim().min(1).optional(),
  /** MultiTenant | SingleTenant | UserAssignedMSI. @default MultiTenant (botbuilder's default) */
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  /** Comma-separated Entra tenant ids whose users may use the bot; unset: every tenant. */
  ALLOWED_TENANTS: z.string().optional(),
  /** OpenID metadata of the tokens Bot Framework channels send. @default botbuilder's public cloud URL */
  ToBotFromChannelOpenIdMetadataUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Issuer those tokens must carry. @default https://api.botframework.com */
  ToBotFromChannelTokenIssuer: z.string().min(1).optional(),
  /** Largest activity accepted on /api/messages, in bytes. @default 131072 */
  BOT_MAX_BODY_BYTES: z.coerce.number().int().min(4096).max(1_048_576).default(131_072),
  /** Privacy statement linked from the Teams app package. @default PUBLIC_URL (https) or the Platform site */
  TEAMS_PRIVACY_URL: z.url({ protocol: /^https$/ }).optional(),
  /** Terms of use linked from the Teams app package. @default as TEAMS_PRIVACY_URL */
  TEAMS_TERMS_URL: z.url({ protocol: /^https$/ }).optional(),

  // --- Support console (console/, src/support/). -------------------------------------------
  /** Minutes without a request after which a staff session ends. @default 30 */
  STAFF_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(8 * 60)
    .default(30),
  /** Hours after sign-in at which a staff session ends however busy it is. @default 12 */
  STAFF_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24).default(12),
  /** Days the status link in a user's case mails keeps working. @default 30 */
  CASE_STATUS_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  publicUrl: string;
  databaseUrl: string;
  content: Content;
  allowedOrigins: string[];
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

const contentSchema: z.ZodType<Partial<Content>> = z
  .object({
    brand: z.string().min(1),
    portals: z.record(
      z.enum(['platform', 'identity']),
      z.object({
        name: z.object({ en: z.string().min(1), nl: z.string().min(1) }),
        host: z.string().min(1),
        loginUrl: z.url(),
      }),
    ),
    support: z.object({
      phone: z.string().min(3),
      email: z.email().optional(),
      hours: z.object({ en: z.string().min(1), nl: z.string().min(1) }),
    }),
    resetMailWaitMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    authenticatorApps: z.string().min(1),
    codeDigits: z.number().int().min(6).max(8),
    clockToleranceSeconds: z.number().int().min(1).max(300),
  })
  .partial() as z.ZodType<Partial<Content>>;

function describe(error: z.ZodError, source: string): string {
  return error.issues
    .map((i) => `${source}${i.path.length ? ` ${i.path.join('.')}` : ''}: ${i.message}`)
    .join('; ');
}

function loadContent(env: Env): Content {
  let content: Content = structuredClone(defaultContent);
  if (env.CONTENT_FILE) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(env.CONTENT_FILE, 'utf8'));
    } catch (error) {
      throw new ConfigError(`CONTENT_FILE ${env.CONTENT_FILE} is not readable JSON`, {
        cause: error,
      });
    }
    const parsed = contentSchema.safeParse(raw);
    if (!parsed.success) throw new ConfigError(describe(parsed.error, 'CONTENT_FILE'));
    content = {
      ...content,
      ...parsed.data,
      support: { ...content.support, ...parsed.data.support },
    };
  }
  if (env.SUPPORT_EMAIL) content.support.email = env.SUPPORT_EMAIL;
  return content;
}

/** Reads the environment once. Throws a ConfigError naming each bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw new ConfigError(describe(parsed.error, 'environment variable'));
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && !env.MicrosoftAppId) {
    // Without an app id botbuilder checks no token at all: anyone could post activities to
    // /api/messages and make the bot call any serviceUrl they name.
    throw new ConfigError(
      'MicrosoftAppId is required when NODE_ENV=production (the Teams endpoint would otherwise accept any caller)',
    );
  }
  if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
    // Without SMTP, mail goes to the dev mailbox: pages anyone can open, with working links.
    throw new ConfigError(
      'SMTP_URL is required when NODE_ENV=production (without it mail would go to the dev mailbox, which is for trying the product out)',
    );
  }
  const publicUrl = (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, '');
  return {
    ...env,
    publicUrl,
    databaseUrl: env.DATABASE_URL ?? resolve(env.DATA_DIR, 'login-help.sqlite'),
    content: loadContent(env),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  };
}

export const envVariables = Object.keys(envSchema.shape);
