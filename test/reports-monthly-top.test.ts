// The monthly report reads only the busiest routers and dusun (usageTop) instead of every row of the usage report:
// those rows, their count and the totals must be exactly what the usage API answers, cut as the printed tables cut
// it (most download first, ties by key, shown in key order), and the report's tables and sentences must carry them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import { parsePeriod } from '../src/domain/report-period.js';
import { id as m } from '../src/reports/messages/id.js';
import { loadMonthlyReport } from '../src/reports/monthly-report.js';
import { usageTable } from '../src/reports/tables.js';
import { createAccountingService } from '../src/services/radius/accounting.js';
import type { KeyedReport, ReportViewer, UsageRow } from '../src/services/reports/reports.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { accountingRecord, testKeyring } from './support/radius-fixtures.js';
import { recordKnownVillage, TZ, wib } from './support/report-village.js';

/** The rule the monthly report applied to the whole usage report before it read only the top rows. */
function cut(report: KeyedReport<UsageRow>, limit: number) {
  const kept = new Set([...report.rows].sort((a, b) => b.bytesDown - a.bytesDown).slice(0, limit));
  return { rows: report.rows.filter((r) => kept.has(r)), count: report.rows.length, totals: report.totals };
}

describe.each(databaseKinds)('monthly report top rows on %s', (kind) => {
  let tdb: TestDatabase;
  let reports: ReturnType<typeof createServices>['reports'];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const clock = { now: wib('2026-12-05T12:00:00') };
    const village = await recordKnownVillage(tdb.db, clock);
    // A second router and dusun with traffic of their own, so that a cut of one row leaves one out: device B's
    // resident moves to Sumberjo and uses the masjid router on 3 December (through the accounting service).
    await tdb.db
      .updateTable('residents')
      .set({ dusun: 'Sumberjo' })
      .where('name', '=', 'Joko Widodo')
      .execute();
    const accounting = createAccountingService({ store: createStores(tdb.db).accounting, timeZone: TZ });
    for (const [status, down, at] of [
      ['start', 0, '2026-12-03T08:00:00'],
      ['stop', 70_000, '2026-12-03T09:00:00'],
    ] as const) {
      await accounting.submit(
        accountingRecord({
          routerId: village.masjid,
          acctSessionId: 'M1',
          status,
          at: wib(at),
          username: 'wn-dev-b',
          deviceId: village.devices['dev-b'] ?? null,
          inputBytes: down / 10,
          outputBytes: down,
          sessionTimeS: status === 'stop' ? 3600 : 0,
        }),
      );
    }
    await accounting.drain();
    reports = createServices({
      stores: createStores(tdb.db),
      keyring: await testKeyring(),
      now: () => wib('2026-12-05T12:00:00'),
      villageCode: '3523',
      timeZone: TZ,
    }).reports;
  });
  afterAll(async () => {
    await tdb?.close();
  });

  const periods = [
    ['a month', parsePeriod('month', '2026-12')!],
    ['a year', parsePeriod('year', '2026')!],
    ['days that cut months', { from: '2026-11-30', to: '2026-12-03' }],
  ] as const;

  for (const [label, period] of periods) {
    it(`answers the usage API's rows, count and totals cut to the busiest, for ${label}`, async () => {
      for (const viewer of ['admin', 'official'] as ReportViewer[]) {
        for (const by of ['router', 'dusun', 'plan'] as const) {
          const all = await reports.usage({ ...period, by }, viewer);
          expect(all.rows.length).toBeGreaterThan(0);
          if (by !== 'plan') expect(all.rows.length).toBeGreaterThan(1); // so that a limit of 1 leaves one out
          for (let limit = 1; limit <= all.rows.length + 1; limit++) {
            const top = await reports.usageTop({ ...period, by }, limit, viewer);
            expect(top).toEqual(cut(all, limit));
          }
        }
      }
    });
  }

  it("prints the usage API's figures in the monthly report's tables and sentences", async () => {
    const december = parsePeriod('month', '2026-12')!;
    const report = (await loadMonthlyReport(
      reports,
      { month: '2026-12', village: 'Sukamaju' },
      'official',
      m,
    ))!;
    const byRouter = await reports.usage({ ...december, by: 'router' }, 'official');
    const byDusun = await reports.usage({ ...december, by: 'dusun' }, 'official');
    const byDay = await reports.usage({ ...december, by: 'day' }, 'official');
    const tables = new Map(report.tables.map((t) => [t.id, t]));
    expect(tables.get('pemakaian-router')).toEqual(usageTable(byRouter, 'router', m));
    expect(tables.get('pemakaian-dusun')).toEqual(usageTable(byDusun, 'dusun', m));
    // The totals row of the tables is the month's total, as the usage API by day counts it.
    expect(tables.get('pemakaian-router')?.totals?.slice(1, 4)).toEqual([
      byDay.totals.bytesDown,
      byDay.totals.bytesUp,
      byDay.totals.sessions,
    ]);
    expect(report.daily).toEqual(byDay.rows.map((r) => ({ day: r.key, bytesDown: r.bytesDown })));
  });
});
