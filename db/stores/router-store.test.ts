import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterFields } from '../../src/services/routers.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/support/databases.js';
import { createRouterStore } from './router-store.js';

const router = (name: string, nasIp: string, over: Partial<RouterFields> = {}): RouterFields => ({
  name,
  nas_ip: nasIp,
  radius_secret_enc: 'v1.sealed',
  require_message_auth: true,
  api_host: null,
  api_port: null,
  api_tls: false,
  api_user: null,
  api_password_enc: null,
  hotspot_server: null,
  hotspot_profile: null,
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

  it('round-trips a router with flags as booleans, found by name and by NAS address', async () => {
    const store = createRouterStore(t.db);
    const created = await store.create(
      router('balai', '10.0.0.2', {
        require_message_auth: false,
        api_host: '10.0.0.2',
        api_port: 8729,
        api_tls: true,
        api_user: 'wn',
        api_password_enc: 'v1.api',
      }),
      7,
      { at: 7, actor: 'test', action: 'router.add', target: 'router:balai' },
    );
    expect(created).toMatchObject({
      name: 'balai',
      require_message_auth: false,
      api_tls: true,
      api_port: 8729,
      health: 'unknown',
      last_contact_at: null,
      created_at: 7,
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
    const targets = await t.db.selectFrom('audit_log').select('target').orderBy('id').execute();
    expect(targets.map((r) => r.target)).toEqual(['router:balai', 'router:aula']);
  });
});
