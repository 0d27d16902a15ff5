import SQLite from 'better-sqlite3';
import pg from 'pg';
import { hmac } from '../../src/ids.js';
import { SESSION_SECRET } from './context.js';
import type { ChatConversation } from './mix.js';

/** Every table that holds a conversation's rows, and the columns that name the conversation. */
const TABLES: Array<{ table: string; key: string; ownId?: string }> = [
  { table: 'conversations', key: 'id' },
  { table: 'steps', key: 'conversation_id' },
  { table: 'transcript', key: 'conversation_id' },
  { table: 'turns', key: 'conversation_id' },
  { table: 'feedback', key: 'conversation_id', ownId: 'id' },
];

/** The id of seeded conversation i: a valid v4-shaped UUID, so the chat API accepts it. */
export const seededId = (i: number) =>
  `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

export function seededConversation(i: number): ChatConversation {
  const id = seededId(i);
  return { id, token: hmac(SESSION_SECRET, `conversation:${id}`) };
}

/**
 * Stores `count` copies (ids seededId(1..count)) of the template conversation with all its rows
 * (steps, transcript, turns, feedback), straight into the database: seconds for 100,000 where
 * the API would take minutes. Runs in batches so one transaction stays small.
 */
export async function seed(database: string, template: string, count: number): Promise<void> {
  if (/^postgres(ql)?:\/\//.test(database)) return seedPostgres(database, template, count);
  const db = new SQLite(database);
  db.pragma('busy_timeout = 10000');
  try {
    const statements = TABLES.map(({ table, key, ownId }) => {
      const columns = (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map(
        (c) => c.name,
      );
      const values = columns.map((c) =>
        c === key
          ? `printf('00000000-0000-4000-8000-%012x', n.i)`
          : c === ownId
            ? `'seed-' || n.i || '-' || t.${c}`
            : `t.${c}`,
      );
      return db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM n CROSS JOIN ${table} t WHERE t.${key} = ?`,
      );
    });
    const batch = db.transaction((from: number, to: number) => {
      for (const s of statements) s.run(from, to, template);
    });
    for (let from = 1; from <= count; from += 10_000) batch(from, Math.min(count, from + 9_999));
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

async function seedPostgres(url: string, template: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const { table, key, ownId } of TABLES) {
      const { rows } = await client.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position`,
        [table],
      );
      const columns = rows.map((r) => r.column_name);
      const values = columns.map((c) =>
        c === key
          ? `'00000000-0000-4000-8000-' || lpad(to_hex(n.i), 12, '0')`
          : c === ownId
            ? `'seed-' || n.i || '-' || t.${c}`
            : `t.${c}`,
      );
      for (let from = 1; from <= count; from += 10_000) {
        await client.query(
          `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')}
           FROM generate_series($1::int, $2::int) AS n(i) CROSS JOIN ${table} t WHERE t.${key} = $3`,
          [from, Math.min(count, from + 9_999), template],
        );
      }
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
