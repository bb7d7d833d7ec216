import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewDeviceFields } from '../../src/services/devices/devices.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/support/databases.js';
import { seedAccount } from '../../test/support/radius-fixtures.js';
import { createDeviceStore } from './device-store.js';

describe.each(databaseKinds)('device store (%s)', (kind) => {
  let t: TestDatabase;
  let accountId: number;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
    accountId = await seedAccount(t.db, { name: 'Siti' });
  });
  afterEach(async () => {
    await t.close();
  });

  const device = (n: number, over: Partial<NewDeviceFields> = {}): NewDeviceFields => ({
    account_id: accountId,
    mac: `00:11:22:33:44:${String(n).padStart(2, '0')}`,
    username: `wn-test${String(n).padStart(4, '0')}`,
    secret_enc: 'v1.sealed',
    label: null,
    created_at: 10,
    ...over,
  });
  const audit = (id: number) => ({ at: 10, actor: 'test', action: 'device.add', target: `device:${id}` });
  const auditCount = async () => (await t.db.selectFrom('audit_log').select('id').execute()).length;

  it('inserts below the limit and audits; refuses at the limit, a live MAC or a taken user name, writing nothing', async () => {
    const store = createDeviceStore(t.db);
    const first = await store.createWithinLimit(device(1), 2, audit);
    expect(first).toMatchObject({ ok: true, liveDevices: 1, device: { mac: '00:11:22:33:44:01' } });
    expect(await store.createWithinLimit(device(2, { mac: '00:11:22:33:44:01' }), 2, audit)).toEqual({
      ok: false,
      reason: 'mac-taken',
    });
    expect(await store.createWithinLimit(device(3, { username: 'wn-test0001' }), 2, audit)).toEqual({
      ok: false,
      reason: 'username-taken',
    });
    expect(await store.createWithinLimit(device(4), 2, audit)).toMatchObject({ ok: true, liveDevices: 2 });
    expect(await store.createWithinLimit(device(5), 2, audit)).toEqual({
      ok: false,
      reason: 'limit-reached',
      liveDevices: 2,
    });
    expect(await auditCount()).toBe(2);
    expect(await store.findLiveByMac('00:11:22:33:44:04')).toMatchObject({ username: 'wn-test0004' });
  });

  it('revoked devices count for neither the limit nor the MAC', async () => {
    const store = createDeviceStore(t.db);
    await store.createWithinLimit(device(1), 1, audit);
    await t.db.updateTable('devices').set({ revoked_at: 11 }).execute();
    expect(await store.findLiveByMac('00:11:22:33:44:01')).toBeUndefined();
    expect(await store.createWithinLimit(device(2, { mac: '00:11:22:33:44:01' }), 1, audit)).toMatchObject({
      ok: true,
      liveDevices: 1,
    });
  });

  it('concurrent adds for one account never exceed the limit', async () => {
    const store = createDeviceStore(t.db);
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => store.createWithinLimit(device(n), 3, audit)),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.reason === 'limit-reached')).toBe(true);
    expect(await t.db.selectFrom('devices').select('id').execute()).toHaveLength(3);
    expect(await auditCount()).toBe(3);
  });
});
