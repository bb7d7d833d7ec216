import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/support/databases.js';
import { createAccountAdminStore } from './account-admin-store.js';
import { createAccountStore } from './account-store.js';

describe.each(databaseKinds)('account store (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  async function resident(index: string, name: string, active: number, rt: string) {
    const row = await t.db
      .insertInto('residents')
      .values({
        ...{
          nik_index: index,
          nik_masked: `3523**********${index.slice(-2)}`,
          kk_index: 'kk',
          kk_masked: 'k',
        },
        ...{ name, sex: null, birth_date: null, dusun: 'Krajan', rw: '001', rt, kk_level: null },
        ...{ status_dasar: active ? 1 : 2, active, warnings: null, import_batch_id: null },
        ...{ created_at: 1, updated_at: 1, deactivated_at: null },
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('finds residents by NIK index only, and creates an account with its audit row', async () => {
    const store = createAccountStore(t.db);
    const sitiId = await resident('idx-01', 'Siti', 1, '002');
    expect(await store.findResidentByNikIndex('idx-01')).toEqual({
      id: sitiId,
      nik_masked: '3523**********01',
      name: 'Siti',
      dusun: 'Krajan',
      rw: '001',
      rt: '002',
      active: true,
    });
    expect(await store.findResidentByNikIndex('idx-99')).toBeUndefined();
    const account = await store.create(
      {
        ...{ resident_id: sitiId, status: 'active', plan_id: null, consent_at: 5 },
        ...{ consent_notice_version: 'v', consent_channel: 'operator', approved_by: 'cli', approved_at: 5 },
        created_at: 5,
      },
      (id) => ({ at: 5, actor: 'cli', action: 'account.add', target: `account:${id}` }),
    );
    expect(account).toEqual({
      id: account.id,
      resident_id: sitiId,
      status: 'active',
      plan_id: null,
      created_at: 5,
    });
    expect(await store.findByResidentId(sitiId)).toEqual(account);
    const [log] = await t.db.selectFrom('audit_log').selectAll().execute();
    expect(log!.target).toBe(`account:${account.id}`);
  });

  it('lists accounts with their plan (the default for those without one) and live devices only', async () => {
    const store = createAccountStore(t.db);
    const plan = (name: string, isDefault: number) =>
      t.db
        .insertInto('plans')
        .values({
          ...{ name, profile_name: `wn-${name}`, down_rate: 1, up_rate: 1, devices_allowed: 2 },
          ...{ is_default: isDefault, created_at: 1, updated_at: 1 },
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    await plan('dasar', 1);
    const plus = await plan('plus', 0);
    const budiId = await resident('idx-02', 'Budi', 0, '001');
    const budi = await store.create(
      {
        ...{ resident_id: budiId, status: 'suspended', plan_id: plus.id, consent_at: 6 },
        ...{ consent_notice_version: 'v', consent_channel: 'portal', approved_by: null, approved_at: null },
        created_at: 6,
      },
      (id) => ({ at: 6, actor: 'cli', action: 'account.add', target: `account:${id}` }),
    );
    for (const [n, revoked] of [
      [1, null],
      [2, null],
      [3, 9],
    ] as const) {
      await t.db
        .insertInto('devices')
        .values({
          ...{ account_id: budi.id, mac: `00:00:00:00:00:0${n}`, username: `wn-b${n}`, secret_enc: 'x' },
          ...{ created_at: 7, revoked_at: revoked },
        })
        .execute();
    }
    // The listing `account list` shows (its paginated store).
    const { rows: list } = await createAccountAdminStore(t.db).listAccounts({}, { offset: 0, limit: 50 });
    expect(
      list.map((a) => [
        a.name,
        a.rt,
        a.status,
        a.plan_name,
        a.follows_default_plan,
        a.devices,
        a.resident_active,
      ]),
    ).toEqual([
      ['Budi', '001', 'suspended', 'plus', false, 2, false],
      ['Siti', '002', 'active', 'dasar', true, 0, true],
    ]);
  });
});
