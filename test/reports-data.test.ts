// The reports' numbers, exact: accounting with known byte counts sent through the real RADIUS server (gigawords,
// a retransmission, a session across local midnight, an Accounting-On mid-session) must appear exactly in the
// usage report, the heat map and after raw sessions are deleted; coverage from a known roster; the small-cell
// rule for officials; router uptime from health polls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import { ageOn, bornOnOrBefore } from '../src/domain/account-rules.js';
import { parsePeriod, previousPeriod } from '../src/domain/report-period.js';
import { createRouterUptime } from '../src/services/routers/router-uptime.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { testKeyring } from './support/radius-fixtures.js';
import {
  EXPECTED_TOTALS,
  EXPECTED_USAGE,
  recordKnownVillage,
  type seedVillage,
  TZ,
  wib,
} from './support/report-village.js';

describe.each(databaseKinds)('report data on %s', (kind) => {
  let tdb: TestDatabase;
  let village: Awaited<ReturnType<typeof seedVillage>>;
  const clock = { now: wib('2026-12-05T12:00:00') };
  let reports: ReturnType<typeof createServices>['reports'];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    village = await recordKnownVillage(tdb.db, clock);
    clock.now = wib('2026-12-05T12:00:00');
    const services = createServices({
      stores: createStores(tdb.db),
      keyring: await testKeyring(),
      now: () => clock.now,
      villageCode: '3523',
      timeZone: TZ,
    });
    reports = services.reports;
  });
  afterAll(async () => {
    await tdb?.close();
  });

  it('books every byte on its local day, once, through the RADIUS server', async () => {
    const usage = await reports.usage({ from: '2026-12-01', to: '2026-12-31', by: 'day' }, 'admin');
    expect(usage.rows).toEqual(Object.entries(EXPECTED_USAGE).map(([key, v]) => ({ key, ...v })));
    expect(usage.totals).toEqual(EXPECTED_TOTALS);
  });

  it('groups the same totals by month, year, router, dusun and plan', async () => {
    const q = { from: '2026-12-01', to: '2026-12-31' };
    for (const [by, key] of [
      ['week', '2026-11-30'],
      ['month', '2026-12'],
      ['year', '2026'],
      ['router', 'balai-desa'],
      ['dusun', 'Krajan'],
      ['plan', 'Warga'],
    ] as const) {
      const usage = await reports.usage({ ...q, by }, 'admin');
      expect(usage.rows, by).toEqual([{ key, ...EXPECTED_TOTALS }]);
    }
  });

  it('puts the traffic in its local hour and weekday in the heat map', async () => {
    const cells = await reports.heatMap({ from: '2026-12-01', to: '2026-12-02' });
    expect(cells).toHaveLength(168);
    const at = (weekday: number, hour: number) => cells.find((c) => c.weekday === weekday && c.hour === hour);
    // Tuesday 1 Dec 23:00 WIB: the start and the 5 GB interim; Wednesday 00:00: the rest of session A.
    expect(at(1, 23)).toMatchObject({ bytes: 5_000_001_000, sessions: 1 });
    expect(at(2, 0)).toMatchObject({ bytes: 2000 });
    expect(cells.reduce((s, c) => s + c.bytes, 0)).toBe(EXPECTED_TOTALS.bytesDown + EXPECTED_TOTALS.bytesUp);
  });

  it('keeps the reports whole when raw sessions are deleted by retention', async () => {
    const stores = createStores(tdb.db);
    expect(await stores.accounting.deleteSessionsEndedBefore(wib('2027-01-01T00:00:00'))).toBeGreaterThan(0);
    const usage = await reports.usage({ from: '2026-12-01', to: '2026-12-31', by: 'day' }, 'admin');
    expect(usage.totals).toEqual(EXPECTED_TOTALS);
    const points = await reports.accessPoints({ from: '2026-12-01', to: '2026-12-31' });
    expect(points.find((p) => p.name === 'balai-desa')).toMatchObject({
      bytesDown: EXPECTED_TOTALS.bytesDown,
      bytesUp: EXPECTED_TOTALS.bytesUp,
      sessions: 3,
      busiestHours: [23, 10, 0],
    });
  });

  it('counts coverage from the roster: adults, registered, households, connected households', async () => {
    const dusun = await reports.coverage({ by: 'dusun' }, 'operator');
    expect(dusun.rows).toEqual([
      { key: 'Krajan', residents: 5, registered: 2, households: 3, householdsConnected: 2 },
      { key: 'Sumberjo', residents: 2, registered: 0, households: 2, householdsConnected: 0 },
    ]);
    expect(dusun.totals).toEqual({ residents: 7, registered: 2, households: 5, householdsConnected: 2 });
    const rt = await reports.coverage({ by: 'rt' }, 'admin');
    expect(rt.rows[0]).toEqual({
      key: 'Krajan / RW 001 / RT 001',
      residents: 2,
      registered: 1,
      households: 1,
      householdsConnected: 1,
    });
    expect(rt.rows.map((r) => r.key)).toEqual([
      'Krajan / RW 001 / RT 001',
      'Krajan / RW 001 / RT 002',
      'Krajan / RW 002 / RT 001',
      'Sumberjo / RW 001 / RT 001',
    ]);
  });

  it('shows officials "< 5" for 1 to 4 residents, households or devices, and operators the counts', async () => {
    const dusun = await reports.coverage({ by: 'dusun' }, 'official');
    expect(dusun.rows).toEqual([
      { key: 'Krajan', residents: 5, registered: '< 5', households: '< 5', householdsConnected: '< 5' },
      { key: 'Sumberjo', residents: '< 5', registered: 0, households: '< 5', householdsConnected: 0 },
    ]);
    expect(dusun.totals).toEqual({
      residents: 7,
      registered: '< 5',
      households: 5,
      householdsConnected: '< 5',
    });
    const usage = await reports.usage({ from: '2026-12-01', to: '2026-12-31', by: 'day' }, 'official');
    expect(usage.totals).toMatchObject({
      bytesDown: EXPECTED_TOTALS.bytesDown,
      devices: '< 5',
      residents: '< 5',
    });
  });

  it('counts registrations per local day with a running total', async () => {
    expect(await reports.registrations({ from: '2026-12-01', to: '2026-12-31' })).toEqual([
      { day: '2026-12-02', registered: 1, total: 2 },
    ]);
  });

  it('counts accounts that used their whole daily quota', async () => {
    expect(await reports.quotaExhaustion({ from: '2026-12-01', to: '2026-12-31' }, 'admin')).toEqual([
      { day: '2026-12-01', accounts: 1 },
    ]);
  });

  it('books router uptime per local day from health polls, split at midnight, with the peak of live sessions', async () => {
    const uptime = createRouterUptime({ store: createStores(tdb.db).routerUptime, timeZone: TZ });
    const r = village.masjid;
    await uptime.record(r, wib('2026-12-03T23:55:00'), 'up', 4);
    await uptime.record(r, wib('2026-12-04T00:05:00'), 'down');
    await uptime.record(r, wib('2026-12-04T00:06:00'), 'up', 7);
    await uptime.record(r, wib('2026-12-04T00:07:00'), 'up', 2);
    // The agent was away for hours: that time is neither up nor down.
    await uptime.record(r, wib('2026-12-04T05:00:00'), 'up', 1);
    const day3 = (await reports.accessPoints({ from: '2026-12-03', to: '2026-12-03' })).find(
      (p) => p.routerId === r,
    );
    expect(day3).toMatchObject({ upMs: 5 * 60_000, downMs: 0, peakSessions: 4, uptime: 1 });
    const day4 = (await reports.accessPoints({ from: '2026-12-04', to: '2026-12-04' })).find(
      (p) => p.routerId === r,
    );
    expect(day4).toMatchObject({ upMs: 6 * 60_000, downMs: 60_000, peakSessions: 7 });
    expect(day4?.uptime).toBeCloseTo(6 / 7);
  });
});

describe('report periods and the registering age', () => {
  it('names the previous day, month, year and custom range', () => {
    expect(previousPeriod(parsePeriod('month', '2026-03')!)).toEqual({
      kind: 'month',
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(previousPeriod(parsePeriod('year', '2026')!)).toMatchObject({
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(previousPeriod(parsePeriod('day', '2026-03-01')!)).toMatchObject({ from: '2026-02-28' });
    expect(previousPeriod(parsePeriod('custom', '2026-03-10', '2026-03-19')!)).toMatchObject({
      from: '2026-02-28',
      to: '2026-03-09',
    });
    expect(parsePeriod('custom', '2026-03-10', '2026-03-01')).toBeUndefined();
    expect(parsePeriod('day', '2026-02-30')).toBeUndefined();
  });

  it('agrees with the portal age rule on every birth date around the cut-off', () => {
    for (const now of [Date.UTC(2026, 1, 28), Date.UTC(2028, 1, 29), Date.UTC(2026, 11, 31, 23)]) {
      const cut = bornOnOrBefore(17, now);
      for (let d = -800; d <= 800; d++) {
        const birth = new Date(Date.parse(`${cut}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
        expect((ageOn(birth, now) ?? 0) >= 17, `${birth} on ${new Date(now).toISOString()}`).toBe(
          birth <= cut,
        );
      }
    }
  });
});
