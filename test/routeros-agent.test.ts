// The agent role's router loops on a real database and the virtual router: up/down transitions are recorded as
// they happen, and a router that was down gets its pending plan push as soon as it answers again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startRouterOpsAgent } from '../src/router-ops-wiring.js';
import { Keyring } from '../src/services/keyring.js';
import { startVirtualRouterOs, type VirtualRouterOs } from '../src/sim/routeros-server.js';
import { TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(databaseKinds)('router agent (%s)', (kind) => {
  let t: TestDatabase;
  let r: VirtualRouterOs;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
    r = await startVirtualRouterOs({ users: [{ name: 'wn', password: 'pw' }] });
  });
  afterEach(async () => {
    await r.stop();
    await t.close();
  });

  it('records down and up, and delivers the pending push the moment the router is back', async () => {
    const keyring = await Keyring.fromHex(TEST_SECRET_KEY);
    const { id } = await t.db
      .insertInto('routers')
      .values({
        ...{ name: 'balai', nas_ip: '10.0.0.2', radius_secret_enc: await keyring.encrypt('s') },
        ...{
          api_host: r.host,
          api_port: r.port,
          api_user: 'wn',
          api_password_enc: await keyring.encrypt('pw'),
          provisioned_at: 1, // plan pushes go only to provisioned routers
        },
        ...{ created_at: 1, updated_at: 1 },
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const plan = await t.db
      .insertInto('plans')
      .values({
        ...{ name: 'Dasar', profile_name: 'wn-dasar', down_rate: 5e6, up_rate: 2e6, devices_allowed: 2 },
        ...{ created_at: 1, updated_at: 1 },
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const parsed = parseConfig({});
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const services = createServices({
      stores: createStores(t.db),
      keyring,
      now: Date.now,
      villageCode: parsed.config.villageCode,
      timeZone: parsed.config.timeZone,
    });
    // The outbox clock is far off: only the health loop's "came back" can deliver the push in time.
    const agent = startRouterOpsAgent(
      { config: parsed.config, logger: createLogger('silent'), services },
      {
        healthMs: 30,
        outboxMs: 600_000,
        connection: { backoffInitialMs: 10, backoffMaxMs: 10, connectTimeoutMs: 500 },
      },
    );
    try {
      const router = () =>
        t.db.selectFrom('routers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const up = await eventually(router, (x) => x.health === 'up', 'up');
      expect(up.ros_version).toBe('7.18.2 (stable)');

      await r.goDown();
      const down = await eventually(router, (x) => x.health === 'down', 'down');
      expect(down.health_changed_at).toBeGreaterThanOrEqual(up.health_changed_at!);

      await services.routerJobs.enqueuePlanPush(plan.id);
      await r.comeBack();
      await eventually(
        async () => r.model.print('/ip/hotspot/user/profile', { queries: ['?name=wn-dasar'] }),
        (rows) => rows.length === 1,
        'the pushed profile',
      );
      const jobs = await eventually(
        () => t.db.selectFrom('router_jobs').select(['state']).execute(),
        (rows) => rows.every((j) => j.state === 'done'),
        'the job done',
      );
      expect(jobs).toHaveLength(1);
      expect((await router()).health).toBe('up');
    } finally {
      await agent.stop();
    }
  });
});
