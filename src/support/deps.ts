import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/index.js';
import type { Logger } from '../log.js';
import { mailEnv, type MailEnv } from '../mail/template-kit.js';
import { deriveKey } from './crypto.js';
import { NoticeCache } from './notice.js';
import type { SessionPolicy } from './sessions.js';
import { StatusLinks } from './status-link.js';

/** What the support console needs from the rest of the server. */
export interface SupportDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  /** The server secret; the console derives its own keys from it. */
  secret: string;
  /** Called after a write that enqueued mail, to send it at once. */
  onMail?: () => void;
}

/** How support's words reach a user's chat; known once the engine and the bot exist. */
export interface SupportChannels {
  /** Appends support's line to a conversation, which the widget shows (Engine.addSupportMessage). */
  addSupportMessage(conversationId: string, text: string): Promise<void>;
  /**
   * Sends `text` into the Teams chat a case came from (`TeamsBot.notifyTeamsUser`); answers
   * `sent`, or why not. Without it, Teams users are told by mail and on the status page only.
   */
  notifyTeams?: (caseRef: string, text: string) => Promise<string>;
}

/** The deps plus what is derived from them once. */
export interface SupportContext extends SupportDeps, Partial<SupportChannels> {
  sessions: SessionPolicy;
  statusLinks: StatusLinks;
  /** Seals staff TOTP secrets at rest. */
  totpKey: Buffer;
  mail: MailEnv;
  notices: NoticeCache;
}

export function supportContext(deps: SupportDeps): SupportContext {
  const { config } = deps;
  return {
    ...deps,
    sessions: {
      idleMs: config.STAFF_SESSION_IDLE_MINUTES * 60_000,
      maxMs: config.STAFF_SESSION_MAX_HOURS * 3_600_000,
      // Ten minutes to change the first password and scan a QR code is plenty; longer would
      // leave a half-signed-in session lying around.
      pendingMs: 10 * 60_000,
      secure: config.publicUrl.startsWith('https://'),
    },
    statusLinks: new StatusLinks(
      deriveKey(deps.secret, 'case-status-link'),
      config.CASE_STATUS_LINK_DAYS * 86_400_000,
    ),
    totpKey: deriveKey(deps.secret, 'staff-totp'),
    mail: mailEnv(config),
    notices: new NoticeCache(deps.db, (err) => deps.logger.warn({ err }, 'notice not read')),
  };
}
