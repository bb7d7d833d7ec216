// Router, dusun and plan rows of a custom range whose distinct counts are computed in the background (the
// threshold forced to 0, so the tiny village takes the regency's path): the first page shows the sums, a notice
// and no counts; once the computation is done the page, the API and the CSV show exactly what the inline count
// gives; requests and nodes start one computation per range; a dead node's claim is taken over; an entry of a
// range that includes yesterday expires and is recomputed while its old values are shown with their time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import { toCsv } from '../src/reports/export/csv.js';
import { id } from '../src/reports/messages/id.js';
import { usageTable } from '../src/reports/tables.js';
import { Keyring } from '../src/services/keyring.js';
import { type AdminHarness, createAdminHarness, type WebBrowser } from './fixtures/admin-web.js';
import { TEST_SECRET_KEY } from './support/cli.js';
import { databaseKinds } from './support/databases.js';
import { leaks, recordKnownVillage, wib } from './support/report-village.js';

// Cuts November and December; today is 5 December, so it includes yesterday (its counts expire).
const LIVE = { from: '2026-11-25', to: '2026-12-04' };
// Wholly older than yesterday: its counts stay.
const OLD = { from: '2026-11-20', to: '2026-12-02' };
const page = (r: { from: string; to: string }, by: string) =>
  `/reports/usage?kind=custom&at=${r.from}&to=${r.to}&by=${by}`;
const api = (r: { from: string; to: string }, by: string) =>
  `/api/v1/reports/usage?from=${r.from}&to=${r.to}&by=${by}`;
const csv = (r: { from: string; to: string }, by: string) =>
  `/reports/usage/pemakaian-${by}.csv?kind=custom&at=${r.from}&to=${r.to}&by=${by}`;
const NOTICE = 'Jumlah perangkat dan warga untuk rentang ini sedang dihitung';

describe.each(databaseKinds)('usage counts computed in the background (%s)', (kind) => {
  let h: AdminHarness;
  let official: WebBrowser;
  let operator: WebBrowser;

  beforeAll(async () => {
    h = await createAdminHarness(kind, { reportCounts: { inlineScanLimit: 0 } });
    await recordKnownVillage(h.db.db, h.clock);
    h.clock.now = wib('2026-12-05T12:00:00');
    official = await h.signedIn('official');
    operator = await h.signedIn('operator');
  });
  afterAll(async () => {
    await h.services.reports.settle();
    await h.close();
  });

  const inline = (
    r: { from: string; to: string },
    by: 'router' | 'dusun' | 'plan',
    viewer: 'operator' | 'official',
  ) => h.services.reports.usage({ ...r, by }, viewer);

  it('first shows the sums and a notice, no counts, and reloads itself; then exactly the inline counts', async () => {
    const first = await operator.get(page(LIVE, 'router'));
    expect(first.status).toBe(200);
    expect(first.text).toContain(NOTICE);
    expect(first.text).toContain('<meta http-equiv="refresh" content="15"');
    expect(first.headers.get('retry-after')).toBe('15');
    // The usage table has no device or resident column yet (the cards keep the village's totals).
    const table = first.text.slice(first.text.indexOf('<table', first.text.indexOf(NOTICE)));
    const head = table.slice(0, table.indexOf('</thead>'));
    expect(head).toContain('Sesi');
    expect(head).not.toContain('Perangkat');
    expect(head).not.toContain('Warga');
    // The sums are there at once.
    const expected = await inline(LIVE, 'router', 'operator');
    expect(expected.rows.length).toBeGreaterThan(0);

    await h.services.reports.settle();
    const ready = await operator.get(page(LIVE, 'router'));
    expect(ready.text).not.toContain(NOTICE);
    expect(ready.text).not.toContain('http-equiv="refresh"');
    expect(ready.text).toContain('dihitung pukul 12.00');
    const shown = await h.services.reports.usageReport({ ...LIVE, by: 'router' }, 'operator');
    expect(shown.rows).toEqual(expected.rows);
    expect(shown.totals).toEqual(expected.totals);
    expect(shown.counting).toMatchObject({ state: 'cached', computed: { time: '12.00', today: true } });
  });

  it('answers the API 202 with Retry-After while counting, then 200 with the inline rows', async () => {
    const pending = await official.api('GET', api(LIVE, 'dusun'));
    expect(pending.status).toBe(202);
    expect(pending.headers.get('retry-after')).toBe('15');
    expect(JSON.parse(pending.text)).toMatchObject({ status: 'counting', retryAfter: 15 });
    await h.services.reports.settle();
    const ready = await official.api('GET', api(LIVE, 'dusun'));
    expect(ready.status).toBe(200);
    const body = JSON.parse(ready.text);
    const expected = await inline(LIVE, 'dusun', 'official');
    expect(body.rows).toEqual(expected.rows);
    expect(body.totals).toEqual(expected.totals);
    // The small-cell rule holds for the cached counts.
    expect(JSON.stringify(body.rows)).toContain('"< 5"');
    expect(body.countedAt).toBe(new Date(wib('2026-12-05T12:00:00')).toISOString());
  });

  it('documents the 202 answer and countedAt in the OpenAPI document', async () => {
    const doc = JSON.parse((await official.get('/api/v1/openapi.json')).text);
    const usage = doc.paths['/api/v1/reports/usage'].get.responses;
    expect(usage['202'].headers['Retry-After']).toBeDefined();
    expect(usage['202'].content['application/json'].schema.$ref).toContain('UsageCounting');
    expect(doc.components.schemas.UsageReport.properties.countedAt).toBeDefined();
  });

  it('answers the CSV like the page while counting (no file with columns missing), then exports the counts', async () => {
    const pending = await operator.get(csv(OLD, 'plan'));
    expect(pending.status).toBe(202);
    expect(pending.headers.get('content-type')).toContain('text/html');
    expect(pending.text).toContain('sedang dihitung');
    // The page's other tables export as usual meanwhile.
    const heat = await operator.get(
      `/reports/usage/jam-sibuk.csv?kind=custom&at=${OLD.from}&to=${OLD.to}&by=plan`,
    );
    expect(heat.status).toBe(200);
    await h.services.reports.settle();
    const file = await operator.get(csv(OLD, 'plan'));
    expect(file.status).toBe(200);
    // Byte for byte the CSV of the inline count.
    expect(file.text.replace(/^\uFEFF/, '')).toBe(
      toCsv(usageTable(await inline(OLD, 'plan', 'operator'), 'plan', id)).replace(/^\uFEFF/, ''),
    );
    expect(file.text.split('\r\n')[0]).toContain('Perangkat');
    // A range wholly older than yesterday says no time: its counts are final.
    expect((await operator.get(page(OLD, 'plan'))).text).not.toContain('dihitung pukul');
  });

  it('shows an official no name, NIK or MAC while counting and once counted', async () => {
    const range = { from: '2026-11-26', to: '2026-12-03' };
    for (const by of ['router', 'dusun', 'plan']) {
      expect(leaks((await official.get(page(range, by))).text)).toEqual([]);
      await h.services.reports.settle();
      expect(leaks((await official.get(page(range, by))).text)).toEqual([]);
      expect(leaks((await official.get(csv(range, by))).text)).toEqual([]);
    }
  });

  it('recomputes an expired entry of a range with yesterday, showing the old values with their time meanwhile', async () => {
    const before = await h.services.reports.usageReport({ ...LIVE, by: 'router' }, 'operator');
    expect(before.counting).toMatchObject({
      state: 'cached',
      computed: { time: '12.00' },
      refreshing: false,
    });
    h.clock.now = wib('2026-12-05T12:16:00');
    const stale = await operator.get(page(LIVE, 'router'));
    expect(stale.text).toContain('dihitung pukul 12.00');
    expect(stale.text).not.toContain(NOTICE);
    const meanwhile = await h.services.reports.usageReport({ ...LIVE, by: 'router' }, 'operator');
    expect(meanwhile.rows).toEqual(before.rows);
    await h.services.reports.settle();
    const fresh = await h.services.reports.usageReport({ ...LIVE, by: 'router' }, 'operator');
    expect(fresh.counting).toMatchObject({ state: 'cached', computed: { time: '12.16' }, refreshing: false });
    expect(fresh.rows).toEqual((await inline(LIVE, 'router', 'operator')).rows);
    // An older range keeps its counts: nothing is queued for it.
    const old = await h.services.reports.usageReport({ ...OLD, by: 'plan' }, 'operator');
    expect(old.counting).toMatchObject({ state: 'cached', computed: null, refreshing: false });
  });

  it('keeps counts only in the cache: row labels and counts, no subject id', async () => {
    const ranges = await h.db.db.selectFrom('usage_distinct_ranges').select(['counts']).execute();
    expect(ranges.length).toBeGreaterThan(0);
    const all = { from: '2026-11-01', to: '2026-12-31' };
    const labels = new Set<string>([
      ...(await inline(all, 'router', 'operator')).rows.map((r) => r.key),
      ...(await inline(all, 'dusun', 'operator')).rows.map((r) => r.key),
      ...(await inline(all, 'plan', 'operator')).rows.map((r) => r.key),
    ]);
    for (const { counts } of ranges)
      for (const entry of JSON.parse(counts ?? '[]') as unknown[][]) {
        expect(entry).toHaveLength(3);
        expect(labels).toContain(entry[0]);
        expect(typeof entry[1]).toBe('number');
        expect(typeof entry[2]).toBe('number');
      }
  });

  it('counts a range anew when its cached counts lack a row (a router renamed since), never showing it as 0', async () => {
    const q = { ...OLD, by: 'router' as const };
    await h.services.reports.usageReport(q, 'operator');
    await h.services.reports.settle();
    expect((await h.services.reports.usageReport(q, 'operator')).counting).toMatchObject({ state: 'cached' });
    const { name } = await h.db.db
      .selectFrom('routers')
      .select('name')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await h.db.db.updateTable('routers').set({ name: 'Balai Baru' }).where('name', '=', name).execute();
    try {
      const renamed = await h.services.reports.usageReport(q, 'operator');
      expect(renamed.counting).toEqual({ state: 'pending' });
      expect(renamed.rows.find((r) => r.key === 'Balai Baru')).toMatchObject({
        devices: null,
        residents: null,
      });
      await h.services.reports.settle();
      const recounted = await h.services.reports.usageReport(q, 'operator');
      expect(recounted.counting).toMatchObject({ state: 'cached' });
      expect(recounted.rows).toEqual((await inline(OLD, 'router', 'operator')).rows);
      expect(recounted.rows.find((r) => r.key === 'Balai Baru')?.devices).toBeGreaterThan(0);
    } finally {
      await h.db.db.updateTable('routers').set({ name }).where('name', '=', 'Balai Baru').execute();
    }
  });
});

describe.each(databaseKinds)(
  'one background computation per range across requests and nodes (%s)',
  (kind) => {
    it('starts one computation for concurrent requests on two nodes, and takes over a dead node’s claim', async () => {
      const h = await createAdminHarness(kind);
      try {
        await recordKnownVillage(h.db.db, h.clock);
        const clock = { now: wib('2026-12-05T12:00:00') };
        const keyring = await Keyring.fromHex(TEST_SECRET_KEY);
        let computed = 0;
        // Two nodes sharing the database: each its own services, stores and worker.
        const node = () => {
          const stores = createStores(h.db.db);
          const compute = stores.reports.distinctCache.compute;
          Object.assign(stores.reports.distinctCache, {
            compute: async (...a: Parameters<typeof compute>) => {
              computed++;
              return compute(...a);
            },
          });
          return createServices(
            { stores, keyring, now: () => clock.now, villageCode: '35.23.12.2002', timeZone: 'Asia/Jakarta' },
            { reportCounts: { inlineScanLimit: 0, claimTimeoutMs: 10 * 60_000 } },
          ).reports;
        };
        const [a, b] = [node(), node()];
        const q = { ...LIVE, by: 'dusun' as const };
        const answers = await Promise.all([
          a.usageReport(q, 'operator'),
          b.usageReport(q, 'operator'),
          a.usageReport(q, 'operator'),
        ]);
        // The first asked before anything was counted; the others too, unless the tiny count was already done.
        expect(answers[0]!.counting).toEqual({ state: 'pending' });
        for (const r of answers) expect(['pending', 'cached']).toContain(r.counting?.state);
        await Promise.all([a.settle(), b.settle()]);
        // Nodes that missed the running one on their first try pick up nothing more later.
        await Promise.all([a.usageReport(q, 'operator'), b.usageReport(q, 'operator')]);
        await Promise.all([a.settle(), b.settle()]);
        expect(computed).toBe(1);
        expect(await h.db.db.selectFrom('usage_distinct_ranges').selectAll().execute()).toHaveLength(1);
        expect((await b.usageReport(q, 'operator')).rows).toEqual((await a.usage(q, 'operator')).rows);

        // A node claims a range and dies: nobody else runs it until the claim is older than the timeout.
        const dead = createStores(h.db.db).reports.distinctCache;
        const q2 = { ...OLD, by: 'router' as const };
        await dead.request(q2.from, q2.to, q2.by, clock.now, 64);
        expect(await dead.claim(clock.now, clock.now - 600_000, 'dead-node')).toMatchObject({
          from: OLD.from,
        });
        expect((await a.usageReport(q2, 'operator')).counting).toEqual({ state: 'pending' });
        await a.settle();
        expect((await a.usageReport(q2, 'operator')).counting).toEqual({ state: 'pending' });
        expect(computed).toBe(1);
        clock.now += 11 * 60_000;
        expect((await a.usageReport(q2, 'operator')).counting).toEqual({ state: 'pending' });
        await a.settle();
        expect(computed).toBe(2);
        const done = await a.usageReport(q2, 'operator');
        expect(done.counting).toMatchObject({ state: 'cached' });
        expect(done.rows).toEqual((await a.usage(q2, 'operator')).rows);
        // The dead node, back, cannot write over the computation it lost.
        expect(
          await dead.compute({ ...q2, dim: q2.by, startedAt: wib('2026-12-05T12:00:00') }, 'dead-node'),
        ).toBe(false);
      } finally {
        await h.close();
      }
    });

    it('keeps the large village inline by default (no cache row written)', async () => {
      const h = await createAdminHarness(kind);
      try {
        await recordKnownVillage(h.db.db, h.clock);
        h.clock.now = wib('2026-12-05T12:00:00');
        const r = await h.services.reports.usageReport({ ...LIVE, by: 'router' }, 'operator');
        expect(r.counting).toEqual({ state: 'inline' });
        expect(r.rows).toEqual((await h.services.reports.usage({ ...LIVE, by: 'router' }, 'operator')).rows);
        expect(await h.db.db.selectFrom('usage_distinct_ranges').selectAll().execute()).toHaveLength(0);
      } finally {
        await h.close();
      }
    });
  },
);
