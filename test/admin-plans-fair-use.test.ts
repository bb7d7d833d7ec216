// A plan's time window and step-down through every front door, on both databases: the admin form (a malformed
// window shown beside its field, values kept), /api/v1/plans (the fields in and out, the error's field), and
// `warganet plan add/set --window --step-down-*`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanChange } from '../src/admin/api/plans.js';
import { type AdminHarness, createAdminHarness, type WebBrowser } from './fixtures/admin-web.js';
import { cli } from './support/cli.js';
import { databaseKinds } from './support/databases.js';

describe.each(databaseKinds)('plan hours and step-down (%s)', (kind) => {
  let h: AdminHarness;
  let op: WebBrowser;
  const planRow = (name: string) =>
    h.db.db.selectFrom('plans').selectAll().where('name', '=', name).executeTakeFirst();

  beforeAll(async () => {
    h = await createAdminHarness(kind);
    op = await h.signedIn('operator', 'sari');
  });
  afterAll(() => h.close());

  it('the plan form stores a window and a step-down, and shows them again when editing', async () => {
    await op.get('/admin/paket/baru');
    const res = await op.post('/admin/paket/baru', {
      name: 'Sekolah',
      down: '20M',
      up: '10M',
      devices: '3',
      atQuota: 'cut',
      window: 'senin-jumat 7.00-14.00',
      stepDownAfter: '1GB',
      stepDownDown: '1M',
      stepDownUp: '512k',
    });
    expect(res.status).toBe(303);
    expect(await planRow('Sekolah')).toMatchObject({
      time_window: 'Sen-Jum 07:00-14:00',
      step_down_bytes: 1e9,
      step_down_down_rate: 1_000_000,
      step_down_up_rate: 512_000,
    });
    const edit = await op.get(res.location!);
    expect(edit.text).toContain('value="Sen-Jum 07:00-14:00"');
    expect(edit.text).toContain('Jam aktif paket');
  });

  it('a malformed window is shown beside its field, the values kept, nothing saved', async () => {
    await op.get('/admin/paket/baru');
    const res = await op.post('/admin/paket/baru', {
      name: 'Malam',
      down: '5M',
      up: '2M',
      devices: '3',
      atQuota: 'cut',
      window: 'Senin 25:00-05:00',
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="f-window"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('jam tidak terbaca: &quot;25:00&quot;');
    expect(res.text).toContain('value="Malam"');
    expect(await planRow('Malam')).toBeUndefined();
  });

  it('/api/v1/plans takes and gives the window and step-down; a bad one names its field', async () => {
    const created = await op.api('POST', '/api/v1/plans', {
      name: 'Malam',
      down: '5M',
      up: '2M',
      window: '22:00-05:00',
    });
    expect(created.status).toBe(201);
    const { plan } = PlanChange.parse(JSON.parse(created.text));
    expect(plan).toMatchObject({ timeWindow: '22:00-05:00', stepDownBytes: null });
    const changed = await op.api('PATCH', `/api/v1/plans/${plan.id}`, {
      stepDownAfter: '500MB',
      stepDownDown: '1M',
      stepDownUp: '512k',
      window: null,
    });
    expect(changed.status).toBe(200);
    expect(PlanChange.parse(JSON.parse(changed.text)).plan).toMatchObject({
      timeWindow: null,
      stepDownBytes: 5e8,
      stepDownDownRate: 1_000_000,
      stepDownUpRate: 512_000,
    });
    const bad = await op.api('PATCH', `/api/v1/plans/${plan.id}`, { window: 'Xyz 07:00-08:00' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toMatchObject({ code: 'invalid-input', field: 'window' });
    const above = await op.api('PATCH', `/api/v1/plans/${plan.id}`, { stepDownDown: '50M' });
    expect(JSON.parse(above.text).error).toMatchObject({ field: 'stepDownDown' });
  });

  it('warganet plan add/set --window --step-down-after/-down/-up, and the error for a bad window', async () => {
    const run = (args: string[]) => cli({ dataDir: h.db.dir, databaseUrl: h.db.url }, args);
    const add = await run([
      ...['plan', 'add', 'Pelajar', '--down', '10M', '--up', '5M', '--window', 'Sen-Jum 07:00-14:00'],
      ...['--step-down-after', '1GB', '--step-down-down', '1M', '--step-down-up', '512k'],
    ]);
    expect(add.stderr).toBe('');
    expect(add.stdout).toContain('jam aktif    Sen-Jum 07:00-14:00');
    expect(add.stdout).toContain('turun laju   setelah 1 GB per hari ke 1M/512k');
    const json = JSON.parse((await run(['plan', 'set', 'Pelajar', '--window', 'none', '--json'])).stdout);
    expect(json).toMatchObject({ time_window: null, step_down_bytes: 1e9 });
    const bad = await run(['plan', 'set', 'Pelajar', '--window', '07:00']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('jendela waktu tidak terbaca');
  });
});
