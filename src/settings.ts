import type { Db } from './db/index.js';
import { newSecret } from './ids.js';

/**
 * A server secret generated on first start and kept in the database, so tokens stay valid
 * across restarts and every instance sharing the database signs alike.
 */
export async function ensureSecret(db: Db, key: string): Promise<string> {
  const existing = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  if (existing) return existing.value;
  // Two instances starting together may both try: the first insert wins, both read it back.
  await db
    .insertInto('settings')
    .values({ key, value: newSecret() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.value;
}
