import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepare } from '../../src/db/prepared.js';
import { engineHarness, type EngineHarness } from './support.js';

describe('statements prepared once (src/db/prepared.ts)', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await engineHarness();
  });
  afterAll(() => h.database.close());

  const byLocale = prepare((db, p: { locale: string; channel: 'web' | 'teams' }) =>
    db
      .selectFrom('conversations')
      .select('id')
      .where('locale', '=', p.locale)
      .where('channel', '=', p.channel)
      .orderBy('id'),
  );

  it('builds once and runs with each call’s own values', async () => {
    const en = await h.engine.start({ channel: 'web', clientKey: 'a', locale: 'en' });
    const nl = await h.engine.start({ channel: 'web', clientKey: 'b', locale: 'nl' });
    const first = await byLocale.run(h.database.db, { locale: 'en', channel: 'web' });
    const second = await byLocale.run(h.database.db, { locale: 'nl', channel: 'web' });
    expect(first.rows.map((r) => r.id)).toContain(en.conversationId);
    expect(first.rows.map((r) => r.id)).not.toContain(nl.conversationId);
    expect(second.rows.map((r) => r.id)).toEqual([nl.conversationId]);
    expect((await byLocale.run(h.database.db, { locale: 'en', channel: 'teams' })).rows).toEqual(
      [],
    );
  });

  it('refuses to run without a value rather than binding nothing', async () => {
    await expect(
      byLocale.run(h.database.db, { locale: 'en' } as { locale: string; channel: 'web' }),
    ).rejects.toThrow(/no value for channel/);
  });
});
