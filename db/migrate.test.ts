import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test/support/databases.js';
import { migrateToLatest } from './migrate.js';

describe.each(databaseKinds)('schema on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t.close());

  it('migrating again applies nothing', async () => {
    expect(await migrateToLatest(t.db)).toEqual({ applied: [] });
  });

  it('keeps 64-bit byte counters and millisecond timestamps exact as numbers', async () => {
    const now = 1_795_845_565_577;
    const { id } = await t.db
      .insertInto('routers')
      .values({ name: 'balai', nas_ip: '10.0.0.1', radius_secret_enc: 'x', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const big = 2 ** 32 * 7 + 12345; // more than 4 GiB: needs gigawords
    await t.db
      .insertInto('sessions')
      .values({
        router_id: id,
        acct_session_id: '80000001',
        username: 'u',
        started_at: now,
        updated_at: now,
        input_bytes: big,
        output_bytes: 0,
        state: 'active',
      })
      .execute();
    const row = await t.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(row.input_bytes).toBe(big);
    expect(row.started_at).toBe(now);
  });

  it('allows one live device per MAC but keeps revoked ones', async () => {
    const now = Date.now();
    const r = await t.db
      .insertInto('residents')
      .values({
        nik_index: 'i1',
        nik_masked: 'm',
        kk_index: 'k',
        kk_masked: 'm',
        name: 'A',
        dusun: 'X',
        rw: '1',
        rt: '1',
        status_dasar: 1,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await t.db
      .insertInto('accounts')
      .values({ resident_id: r.id, status: 'active', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const device = (username: string, revoked: number | null) => ({
      account_id: a.id,
      mac: 'AA:BB:CC:DD:EE:FF',
      username,
      secret_enc: 's',
      revoked_at: revoked,
      created_at: now,
    });
    await t.db.insertInto('devices').values(device('d1', now)).execute();
    await t.db.insertInto('devices').values(device('d2', null)).execute();
    await expect(t.db.insertInto('devices').values(device('d3', null)).execute()).rejects.toThrow();
  });
});
