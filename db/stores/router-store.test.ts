import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterFields } from '../../src/services/routers/routers.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/support/databases.js';
import { createRouterStore } from './router-store.js';

const router = (name: string, nasIp: string, over: Partial<RouterFields> = {}): RouterFields => ({
  name,
  nasIp,
  radiusSecretEnc: 'v1.sealed',
  requireMessageAuth: true,
  apiHost: null,
  apiPort: null,
  apiTls: false,
  apiUser: null,
  apiPasswordEnc: null,
  hotspotServer: null,
  hotspotProfile: null,
  hotspotAddress: null,
  dusun: null,
  ...over,
});

describe.each(databaseKinds)('router store (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('round-trips a router (flags as booleans), the same record by name, NAS address and id', async () => {
    const store = createRouterStore(t.db);
    const created = await store.create(
      router('balai', '10.0.0.2', {
        requireMessageAuth: false,
        apiHost: '10.0.0.2',
        apiPort: 8729,
        apiTls: true,
        apiUser: 'wn',
        apiPasswordEnc: 'v1.api',
      }),
      7,
      { at: 7, actor: 'test', action: 'router.add', target: 'router:balai' },
    );
    expect(created).toMatchObject({
      name: 'balai',
      requireMessageAuth: false,
      apiTls: true,
      apiPort: 8729,
      health: 'unknown',
      lastContactAt: null,
      createdAt: 7,
    });
    expect(await store.findByName('balai')).toEqual(created);
    expect(await store.findByNasIp('10.0.0.2')).toEqual(created);
    expect(await store.findByNasIp('10.0.0.3')).toBeUndefined();
    await store.create(router('aula', 'fd00::1'), 8, {
      at: 8,
      actor: 'test',
      action: 'router.add',
      target: 'router:aula',
    });
    expect((await store.list()).map((r) => r.name)).toEqual(['aula', 'balai']);
    // Router operations read the same record: only routers with an API address are managed.
    expect(await store.findById(created.id)).toEqual(created);
    expect(await store.listManaged()).toEqual([created]);
    const targets = await t.db.selectFrom('audit_log').select('target').orderBy('id').execute();
    expect(targets.map((r) => r.target)).toEqual(['router:balai', 'router:aula']);
  });
});
