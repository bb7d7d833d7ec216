import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanFields } from '../../src/services/plans/plans.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/support/databases.js';
import { createPlanStore } from './plan-store.js';

const fields = (name: string, over: Partial<PlanFields> = {}): PlanFields => ({
  name,
  profile_name: `wn-${name.toLowerCase()}`,
  down_rate: 5_000_000,
  up_rate: 2_000_000,
  burst_down_rate: null,
  burst_up_rate: null,
  burst_threshold_down: null,
  burst_threshold_up: null,
  burst_time_s: null,
  priority: null,
  daily_quota_bytes: 2_000_000_000,
  monthly_quota_bytes: null,
  devices_allowed: 3,
  session_timeout_s: null,
  idle_timeout_s: null,
  at_quota: 'cut',
  throttle_down_rate: null,
  throttle_up_rate: null,
  time_window: null,
  step_down_bytes: null,
  step_down_down_rate: null,
  step_down_up_rate: null,
  ...over,
});
const audit = (target: string) => ({ at: 1, actor: 'test', action: 'plan.add', target });

describe.each(databaseKinds)('plan store (%s)', (kind) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await t.close();
  });
  const defaults = async () =>
    (await t.db.selectFrom('plans').select('name').where('is_default', '=', 1).execute()).map((r) => r.name);

  it('round-trips every field, with booleans and the at-quota action typed', async () => {
    const store = createPlanStore(t.db);
    const created = await store.create(
      fields('Plus', { burst_down_rate: 10_000_000, burst_up_rate: 4_000_000, at_quota: 'throttle' }),
      { makeDefault: false, at: 5 },
      audit('plan:Plus'),
    );
    expect(created).toMatchObject({
      name: 'Plus',
      is_default: true,
      created_at: 5,
      updated_at: 5,
      at_quota: 'throttle',
    });
    expect(await store.findByName('Plus')).toEqual(created);
    expect(await store.findByProfileName('wn-plus')).toEqual(created);
    expect(await store.findById(created.id)).toEqual(created);
    expect(await store.findDefault()).toEqual(created);
  });

  it('the first plan is the default; makeDefault on create or update moves the flag', async () => {
    const store = createPlanStore(t.db);
    const a = await store.create(fields('A'), { makeDefault: false, at: 1 }, audit('plan:A'));
    await store.create(fields('B'), { makeDefault: false, at: 1 }, audit('plan:B'));
    expect(await defaults()).toEqual(['A']);
    await store.create(fields('C'), { makeDefault: true, at: 1 }, audit('plan:C'));
    expect(await defaults()).toEqual(['C']);
    await store.update(
      a.id,
      fields('A', { down_rate: 1_000_000 }),
      { makeDefault: true, at: 2 },
      audit('plan:A'),
    );
    expect(await defaults()).toEqual(['A']);
    await store.update(a.id, fields('A'), { makeDefault: false, at: 3 }, audit('plan:A'));
    expect(await defaults()).toEqual(['A']);
  });

  it('concurrent moves of the default leave exactly one default plan', async () => {
    const store = createPlanStore(t.db);
    const plans = [];
    for (const n of ['A', 'B', 'C', 'D', 'E', 'F']) {
      plans.push(await store.create(fields(n), { makeDefault: false, at: 1 }, audit(`plan:${n}`)));
    }
    await Promise.all(
      plans.map((p) =>
        store.update(p.id, fields(p.name), { makeDefault: true, at: 2 }, audit(`plan:${p.name}`)),
      ),
    );
    expect(await defaults()).toHaveLength(1);
  });

  it('concurrent first plans, or concurrent plans each made the default, still give exactly one default', async () => {
    const store = createPlanStore(t.db);
    await Promise.all(
      ['A', 'B', 'C', 'D'].map((n) =>
        store.create(fields(n), { makeDefault: false, at: 1 }, audit(`plan:${n}`)),
      ),
    );
    expect(await defaults()).toHaveLength(1);
    await Promise.all(
      ['E', 'F', 'G', 'H'].map((n) =>
        store.create(fields(n), { makeDefault: true, at: 1 }, audit(`plan:${n}`)),
      ),
    );
    expect(await defaults()).toHaveLength(1);
    expect(['E', 'F', 'G', 'H']).toContain((await defaults())[0]);
  });

  it('a refused write (duplicate name) leaves neither the plan nor an audit row', async () => {
    const store = createPlanStore(t.db);
    await store.create(fields('A'), { makeDefault: false, at: 1 }, audit('plan:A'));
    await expect(
      store.create(fields('A', { profile_name: 'wn-lain' }), { makeDefault: true, at: 1 }, audit('plan:A2')),
    ).rejects.toThrow();
    expect(await defaults()).toEqual(['A']);
    expect(await t.db.selectFrom('audit_log').select('target').execute()).toEqual([{ target: 'plan:A' }]);
  });
});
