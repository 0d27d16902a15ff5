import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

// One DDL for SQLite and PostgreSQL: BIGINT has INTEGER affinity in SQLite, and every JSON
// column is TEXT. Add new migrations at the end; never edit one that has shipped.

const initial: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('conversations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('locale_chosen', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('client_key', 'text', (c) => c.notNull())
      .addColumn('channel_ref', 'text')
      .addColumn('case_ref', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('conversations_updated')
      .on('conversations')
      .column('updated_at')
      .execute();

    await db.schema
      .createTable('steps')
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('prev', 'integer')
      .addColumn('flow_id', 'text')
      .addColumn('flow_version', 'text')
      .addColumn('snapshot', 'text')
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('prompt', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('steps_pk', ['conversation_id', 'seq'])
      .execute();

    await db.schema
      .createTable('transcript')
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('transcript_pk', ['conversation_id', 'line'])
      .execute();

    await db.schema
      .createTable('turns')
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('turn_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('turns_pk', ['conversation_id', 'turn_id'])
      .execute();

    await db.schema
      .createTable('feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('flow_id', 'text', (c) => c.notNull())
      .addColumn('solved', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ref', 'text', (c) => c.notNull().unique())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('portal', 'text')
      .addColumn('email', 'text')
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('ownership_verified_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('resolved_at', 'bigint')
      .addColumn('resolution_note', 'text')
      .execute();
    await db.schema
      .createIndex('cases_status_created')
      .on('cases')
      .columns(['status', 'created_at'])
      .execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('to_name', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text_body', 'text', (c) => c.notNull())
      .addColumn('html_body', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_until', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('conversation_id', 'text')
      .addColumn('case_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('outbox_due')
      .on('outbox')
      .columns(['status', 'next_attempt_at'])
      .execute();

    await db.schema
      .createTable('dev_mailbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('outbox_id', 'text')
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text_body', 'text', (c) => c.notNull())
      .addColumn('html_body', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('portal', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('verified', 'integer', (c) => c.notNull())
      .addColumn('sso', 'integer', (c) => c.notNull())
      .addColumn('totp_enabled', 'integer', (c) => c.notNull())
      .addColumn('recovery_codes', 'integer', (c) => c.notNull())
      .addColumn('org_linked', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('accounts_portal_email', ['portal', 'email'])
      .execute();

    await db.schema
      .createTable('tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('account_id', 'text')
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('portal', 'text')
      .addColumn('conversation_id', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('tokens_email_kind')
      .on('tokens')
      .columns(['email', 'kind'])
      .execute();
  },
};

/**
 * The Teams bot's map from a Bot Framework conversation (and, in group chats, the user) to one
 * engine conversation, plus the last question card it sent so that card can be closed once
 * answered.
 */
const botConversations: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('bot_conversations')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text')
      .addColumn('bf_conversation_id', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('conversation_id', 'text')
      .addColumn('created_by', 'text')
      .addColumn('last_card_id', 'text')
      .addColumn('last_card_seq', 'integer')
      .addColumn('last_card', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('bot_conversations_conversation')
      .on('bot_conversations')
      .column('conversation_id')
      .execute();
  },
};

/**
 * The support console: staff accounts with TOTP and single-use recovery codes, sessions, sign-in
 * lockout, the audit log, support's notice and what support wrote to users.
 */
const support: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('staff')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull())
      .addColumn('totp_secret', 'text')
      .addColumn('totp_pending_secret', 'text')
      .addColumn('totp_last_step', 'bigint')
      .addColumn('enrolled_at', 'bigint')
      .addColumn('disabled_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('staff_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('staff_sessions_staff')
      .on('staff_sessions')
      .column('staff_id')
      .execute();

    await db.schema
      .createTable('staff_recovery_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull().unique())
      .addColumn('used_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('staff_recovery_codes_staff')
      .on('staff_recovery_codes')
      .column('staff_id')
      .execute();

    await db.schema
      .createTable('staff_login_attempts')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text')
      .addColumn('staff_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_log_case')
      .on('audit_log')
      .columns(['case_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('notices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('text_en', 'text', (c) => c.notNull())
      .addColumn('text_nl', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('removed_at', 'bigint')
      .addColumn('removed_by', 'text')
      .execute();

    await db.schema
      .createTable('case_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('case_messages_case')
      .on('case_messages')
      .columns(['case_id', 'created_at'])
      .execute();
  },
};

/**
 * Rate-limit counters of rate-limiter-flexible (src/actions/rate-limiter.ts): one row per key
 * (`address:…`, `client:…`, `conversation:…`), points used and when the window ends.
 */
const rateLimits: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('points', 'integer', (c) => c.notNull())
      .addColumn('expire', 'bigint')
      .execute();
    await db.schema.createIndex('rate_limits_expire').on('rate_limits').column('expire').execute();
  },
};

/**
 * Secrets in a mail (a link's token, an ownership code) are kept sealed beside its bodies, which
 * hold placeholders, so no usable secret is ever written in the clear (src/mail/seal.ts).
 */
const outboxSealed: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('outbox').addColumn('sealed', 'text').execute();
  },
};

/**
 * How many transcript lines a conversation has, kept on its row: a turn numbers its new lines
 * from it instead of asking the transcript for its highest line (one statement fewer a turn).
 */
const transcriptCount: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('conversations')
      .addColumn('lines', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`UPDATE conversations SET lines = COALESCE(
      (SELECT MAX(t.line) FROM transcript t WHERE t.conversation_id = conversations.id), 0)`.execute(
      db,
    );
  },
};

/** What each stored turn asked (its kind and button, never typed words): a reused turn id with a different request is refused. */
const turnRequest: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('turns').addColumn('request', 'text').execute();
  },
};

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_bot_conversations': botConversations,
  '0003_support': support,
  '0004_rate_limits': rateLimits,
  '0005_outbox_sealed': outboxSealed,
  '0006_transcript_count': transcriptCount,
  '0007_turn_request': turnRequest,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
