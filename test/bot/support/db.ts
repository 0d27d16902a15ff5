import { join } from 'node:path';
import SQLite from 'better-sqlite3';

/** Read-only look into a started server's SQLite database, for what a test cannot see over HTTP. */
export class ServerDb {
  private readonly db: SQLite.Database;

  constructor(dataDir: string) {
    this.db = new SQLite(join(dataDir, 'login-help.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
  }

  count(table: string, where = '1=1', ...params: unknown[]): number {
    return (
      this.db.prepare(`select count(*) as n from ${table} where ${where}`).get(...params) as {
        n: number;
      }
    ).n;
  }

  /** The engine conversation behind a Teams conversation (personal chat). */
  engineConversation(bfConversationId: string):
    | {
        id: string;
        status: string;
        locale: string;
        channel_ref: string | null;
        case_ref: string | null;
      }
    | undefined {
    return this.db
      .prepare(
        `select c.id, c.status, c.locale, c.channel_ref, c.case_ref from bot_conversations b
         join conversations c on c.id = b.conversation_id where b.bf_conversation_id = ? order by b.created_at`,
      )
      .get(bfConversationId) as never;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }

  close(): void {
    this.db.close();
  }
}
