// The voucher report (/reports/vouchers, its CSV and XLSX, and GET /api/v1/reports/vouchers) on both databases:
// created, used (first login), expired (validity over or quota used up), revoked and revenue (priced vouchers,
// at their first use), per day of the village (WARGANET_TZ, Asia/Jakarta here) and per batch; aggregates only,
// never a code; open to officials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoucherReportBody } from '../src/reports/api.js';
import type { VoucherView } from '../src/services/vouchers/vouchers.js';
import { type AdminHarness, createAdminHarness, type WebBrowser } from './fixtures/admin-web.js';
import { databaseKinds } from './support/databases.js';

// 2026-11-29 10:00 in Jakarta.
const DAY1 = Date.UTC(2026, 10, 29, 3, 0, 0);
const HOUR = 3600_000;

describe.each(databaseKinds)('voucher report (%s)', (kind) => {
  let h: AdminHarness;
  let official: WebBrowser;
  let priced: VoucherView[];
  let free: VoucherView[];
  const login = (v: VoucherView, mac: string) => h.services.vouchers.authorize(v.code, mac, () => true);

  beforeAll(async () => {
    h = await createAdminHarness(kind);
    await h.services.plans.add('Tamu', { down: '2M', up: '1M' }, 'cli');
    h.clock.now = DAY1;
    priced = await h.services.vouchers.create(
      { plan: 'Tamu', count: 4, validity: '1h', price: '5000' },
      'cli',
    );
    await login(priced[0]!, 'AA:00:00:00:00:01');
    await login(priced[1]!, 'AA:00:00:00:00:02');
    // 2026-11-30 00:30 in Jakarta, still the 29th in UTC: a day of the village, not of UTC.
    h.clock.now = Date.UTC(2026, 10, 29, 17, 30);
    free = await h.services.vouchers.create({ plan: 'Tamu', count: 2, validity: '7d' }, 'cli');
    await login(free[0]!, 'AA:00:00:00:00:03');
    h.clock.now = DAY1 + 24 * HOUR + 2 * HOUR;
    await h.services.vouchers.revoke({ code: priced[3]!.code }, 'cli');
    h.clock.now = DAY1 + 3 * 24 * HOUR;
    official = await h.signedIn('official', 'pak-kades');
    await official.get('/admin');
  });
  afterAll(() => h.close());

  it('counts per village day and per batch, with revenue at first use', async () => {
    const report = await h.services.vouchers.report({ from: '2026-11-29', to: '2026-12-01' });
    expect(report.byDay).toEqual([
      { day: '2026-11-29', created: 4, used: 2, throttled: 0, expired: 2, revoked: 0, revenueRp: 10_000 },
      { day: '2026-11-30', created: 2, used: 1, throttled: 0, expired: 0, revoked: 1, revenueRp: 0 },
      { day: '2026-12-01', created: 0, used: 0, throttled: 0, expired: 0, revoked: 0, revenueRp: 0 },
    ]);
    expect(report.totals).toEqual({
      created: 6,
      used: 3,
      throttled: 0,
      expired: 2,
      revoked: 1,
      revenueRp: 10_000,
    });
    const byBatch = Object.fromEntries(report.byBatch.map((b) => [b.batch, b]));
    expect(byBatch[priced[0]!.batch]).toMatchObject({ price: 5000, created: 4, used: 2, revenueRp: 10_000 });
    expect(byBatch[free[0]!.batch]).toMatchObject({ price: null, created: 2, used: 1, revenueRp: 0 });
    // A period before anything happened is all zeros.
    const before = await h.services.vouchers.report({ from: '2026-11-01', to: '2026-11-28' });
    expect(before.totals).toEqual({
      created: 0,
      used: 0,
      throttled: 0,
      expired: 0,
      revoked: 0,
      revenueRp: 0,
    });
  });

  it('shows the page to an official with CSV and XLSX of the same rows, and never a code', async () => {
    const q = '?kind=custom&at=2026-11-29&to=2026-12-01';
    const page = await official.get(`/reports/vouchers${q}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Voucher per hari');
    expect(page.text).toContain('Voucher per batch');
    expect(page.text).toContain(priced[0]!.batch);
    expect(page.text).toContain('10.000');
    expect(page.text).toContain('href="/reports/vouchers"');
    const csv = await official.get(`/reports/vouchers/voucher-harian.csv${q}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain('2026-11-29');
    expect(csv.text.split('\n')[0]).toContain('Pendapatan (Rp)');
    const batchCsv = await official.get(`/reports/vouchers/voucher-batch.csv${q}`);
    expect(batchCsv.text).toContain(priced[0]!.batch);
    const xlsx = await official.get(`/reports/vouchers/voucher-batch.xlsx${q}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    for (const v of [...priced, ...free]) {
      expect(page.text).not.toContain(v.code);
      expect(csv.text + batchCsv.text).not.toContain(v.code);
    }
  });

  it('answers GET /api/v1/reports/vouchers as documented', async () => {
    const doc = JSON.parse((await official.get('/api/v1/openapi.json')).text);
    expect(doc.paths['/api/v1/reports/vouchers']?.get).toBeDefined();
    const res = await official.api('GET', '/api/v1/reports/vouchers?from=2026-11-29&to=2026-12-01');
    expect(res.status).toBe(200);
    const body = VoucherReportBody.parse(JSON.parse(res.text));
    expect(body.totals).toEqual({
      created: 6,
      used: 3,
      throttled: 0,
      expired: 2,
      revoked: 1,
      revenueRp: 10_000,
    });
    const bad = await official.api('GET', '/api/v1/reports/vouchers?from=2026-12-01&to=2026-11-01');
    expect(bad.status).toBe(400);
  });
});
