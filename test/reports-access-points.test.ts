// The access points report at any size: router_uptime_monthly and router_uptime_yearly equal router_uptime_daily
// summed per month and per year (kept by the health-poll transaction and rebuilt by their migrations), every period (a month, a range cutting months, a
// year) reads the same uptime, peak, bytes and busiest hours as counted from the daily and hourly rows, and the
// page's short list (the routers down first, then the busiest at peak) holds the same rows as the full list, and
// the CSV and XLSX of every router hold the page's figures for the same period.
import { type Kysely, sql } from 'kysely';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as routerUptimeMonthly } from '../db/migrations/2026-12-22-router-uptime-monthly.js';
import { backfill as backfillUptimeYearly } from '../db/migrations/2026-12-27-router-uptime-yearly.js';
import type { Database } from '../db/schema.js';
import { createStores } from '../db/stores/index.js';
import { routerPeriodKeys } from '../db/stores/report-usage.js';
import { createUsageRollups } from '../db/stores/usage-rollups.js';
import { createServices } from '../src/compose.js';
import { busiestHours } from '../src/domain/access-point-figures.js';
import { parsePeriod } from '../src/domain/report-period.js';
import { toCsv } from '../src/reports/export/csv.js';
import { toXlsx } from '../src/reports/export/xlsx.js';
import { id as m } from '../src/reports/messages/id.js';
import { accessPointTables, loadAccessPoints } from '../src/reports/report-data.js';
import type { CellValue } from '../src/reports/tables.js';
import { createRouterUptime } from '../src/services/routers/router-uptime.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedRouter, testKeyring } from './support/radius-fixtures.js';

const TZ = 'Asia/Jakarta';
const wib = (local: string) => Date.parse(`${local}+07:00`);

async function monthlyOf(db: Kysely<Database>, from: string, period = 'month') {
  const { rows } = await sql<Record<string, unknown>>`select ${sql.ref(period)}, router_id, up_ms, down_ms,
    peak_sessions from ${sql.table(from)} order by 1, 2`.execute(db);
  return rows.map((r) => Object.values(r).map(String).join(' '));
}

describe.each(databaseKinds)('access points report on %s', (kind) => {
  let tdb: TestDatabase;
  let reports: ReturnType<typeof createServices>['reports'];
  const routers: number[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const db = tdb.db;
    const keyring = await testKeyring();
    for (let i = 0; i < 6; i++)
      routers.push(
        await seedRouter(db, keyring, { name: `ap-${i}`, nasIp: `127.0.1.${i + 1}`, secret: 's' }),
      );
    const uptime = createRouterUptime({ store: createStores(db).routerUptime, timeZone: TZ });
    // Polls every 10 minutes (a longer gap is unknown time) in three windows: 29 November, across the month end
    // at local midnight, and 2 December; each router with its own downs and live sessions, router 5 down at last.
    let k = 0;
    for (const [start, end] of [
      ['2026-11-29T10:00:00', '2026-11-29T11:00:00'],
      ['2026-11-30T23:00:00', '2026-12-01T01:00:00'],
      ['2026-12-02T10:00:00', '2026-12-02T11:00:00'],
    ] as const) {
      for (let t = wib(start); t <= wib(end); t += 10 * 60_000, k++) {
        for (const [i, r] of routers.entries()) {
          const down = (k + i) % 7 === 0 || (i === 5 && k > 20);
          await uptime.record(r, t, down ? 'down' : 'up', (k * (i + 3)) % 23);
        }
      }
    }
    await sql`update routers set health = 'down' where id = ${routers[5]!}`.execute(db);
    // Traffic per router and local hour on 30 November and 1 December (the monthly sums kept by the accounting
    // transaction's writer).
    const rollups = createUsageRollups(db);
    for (const day of ['2026-11-30', '2026-12-01']) {
      for (const [i, r] of routers.entries()) {
        for (const hour of [7, 12, 19, 21]) {
          const bytes = 1_000_000 * (i + 1) * ((hour * (i + 2)) % 11);
          await sql`insert into usage_hourly (day, hour, router_id, bytes_in, bytes_out, sessions)
            values (${day}, ${hour}, ${r}, ${bytes / 10}, ${bytes}, 2)`.execute(db);
          await db
            .transaction()
            .execute((trx) =>
              rollups.writeHourly(trx, [
                { day, hour, routerId: r, bytesIn: bytes / 10, bytesOut: bytes, sessions: 2 },
              ]),
            );
        }
      }
    }
    reports = createServices({
      stores: createStores(db),
      keyring,
      now: () => wib('2026-12-05T12:00:00'),
      villageCode: '3523',
      timeZone: TZ,
    }).reports;
  });
  afterAll(async () => {
    await tdb?.close();
  });

  it('keeps router_uptime_monthly equal to the daily rows summed per month, and rebuilds it in the migration', async () => {
    const db = tdb.db;
    const { rows } = await sql<Record<string, unknown>>`select substr(day, 1, 7) as month, router_id,
        sum(up_ms) as up_ms, sum(down_ms) as down_ms, max(peak_sessions) as peak_sessions
      from router_uptime_daily group by 1, 2 order by 1, 2`.execute(db);
    const slow = rows.map((r) => Object.values(r).map(String).join(' '));
    expect(slow.length).toBe(2 * routers.length);
    const live = await monthlyOf(db, 'router_uptime_monthly');
    expect(live).toEqual(slow);
    await sql`drop table router_uptime_monthly`.execute(db);
    await routerUptimeMonthly(db);
    expect(await monthlyOf(db, 'router_uptime_monthly')).toEqual(live);
  });

  it('keeps router_uptime_yearly equal to the daily rows summed per year, and its backfill gives the same rows', async () => {
    const db = tdb.db;
    const { rows } = await sql<Record<string, unknown>>`select substr(day, 1, 4) as year, router_id,
        sum(up_ms) as up_ms, sum(down_ms) as down_ms, max(peak_sessions) as peak_sessions
      from router_uptime_daily group by 1, 2 order by 1, 2`.execute(db);
    const slow = rows.map((r) => Object.values(r).map(String).join(' '));
    expect(slow.length).toBe(routers.length);
    const live = await monthlyOf(db, 'router_uptime_yearly', 'year');
    expect(live).toEqual(slow);
    await sql`delete from router_uptime_yearly`.execute(db);
    await backfillUptimeYearly(db);
    expect(await monthlyOf(db, 'router_uptime_yearly', 'year')).toEqual(live);
  });

  it('reads every period as the daily and hourly rows counted the slow way', async () => {
    const db = tdb.db;
    for (const [from, to] of [
      ['2026-11-01', '2026-11-30'],
      ['2026-12-01', '2026-12-31'],
      ['2026-11-30', '2026-12-01'],
      ['2026-11-15', '2026-12-31'],
      ['2026-01-01', '2026-12-31'],
      // A year with a month after it, and a year with a day before it (the year's, month's and days' rows).
      ['2026-01-01', '2027-01-31'],
      ['2025-12-31', '2026-12-31'],
    ] as const) {
      const points = await reports.accessPoints({ from, to });
      expect(points.map((p) => p.routerId)).toEqual(routers);
      for (const p of points) {
        const u = (
          await sql<{
            up: unknown;
            down: unknown;
            peak: unknown;
          }>`select sum(up_ms) as up, sum(down_ms) as down,
            max(peak_sessions) as peak from router_uptime_daily
            where router_id = ${p.routerId} and day >= ${from} and day <= ${to}`.execute(db)
        ).rows[0]!;
        const hours = (
          await sql<{ hour: unknown; down: unknown; up: unknown; total: unknown }>`select hour,
            sum(bytes_out) as down, sum(bytes_in) as up, sum(bytes_in + bytes_out) as total
            from usage_hourly where router_id = ${p.routerId} and day >= ${from} and day <= ${to}
            group by hour`.execute(db)
        ).rows.map((h) => ({
          hour: Number(h.hour),
          down: Number(h.down),
          up: Number(h.up),
          all: Number(h.total),
        }));
        const busiest = hours
          .filter((h) => h.all > 0)
          .sort((a, b) => b.all - a.all || a.hour - b.hour)
          .slice(0, 3)
          .map((h) => h.hour);
        expect(p, `${from}..${to} router ${p.routerId}`).toMatchObject({
          upMs: Number(u.up ?? 0),
          downMs: Number(u.down ?? 0),
          peakSessions: Number(u.peak ?? 0),
          bytesDown: hours.reduce((s, h) => s + h.down, 0),
          bytesUp: hours.reduce((s, h) => s + h.up, 0),
          busiestHours: busiest,
        });
      }
    }
  });

  it('lists the routers down first, then the most sessions at peak, with the full list’s rows', async () => {
    const q = { from: '2026-11-01', to: '2026-12-31' };
    const all = await reports.accessPoints(q);
    const top = await reports.topAccessPoints(q, 3);
    expect(top.total).toBe(routers.length);
    expect(top.rows).toHaveLength(3);
    const ranked = [...all].sort(
      (a, b) =>
        Number(b.health === 'down') - Number(a.health === 'down') ||
        b.peakSessions - a.peakSessions ||
        a.name.localeCompare(b.name),
    );
    expect(ranked[0]!.routerId).toBe(routers[5]);
    const expected = ranked.slice(0, 3).sort((a, b) => a.name.localeCompare(b.name));
    expect(top.rows).toEqual(expected);
    // Room for every router: the full list itself.
    expect(await reports.topAccessPoints(q, 50)).toEqual({ rows: all, total: routers.length });
  });

  it('exports the page’s figures: each page row is in the CSV and the XLSX of every router, month and year', async () => {
    // A name XML and CSV must escape, on the router that is down (always on the short list).
    await sql`update routers set name = ${'ap-5 <Balai & "Masjid">'} where id = ${routers[5]!}`.execute(
      tdb.db,
    );
    for (const period of [parsePeriod('month', '2026-12')!, parsePeriod('year', '2026')!]) {
      const page = accessPointTables(await loadAccessPoints(reports, { period }), m)[0]!;
      const exported = accessPointTables(await loadAccessPoints(reports, { period, all: true }), m)[0]!;
      const short = await reports.topAccessPoints(period, 3);
      expect(page.rows.length).toBe(routers.length);
      expect(exported.rows).toEqual(page.rows);
      const csv = toCsv(exported).split('\r\n');
      const [sheet] = await readXlsxFile(Buffer.from(await toXlsx(exported)));
      const xlsx = sheet!.data.map((row) => row.map((v) => (v === '' ? null : v)));
      expect(xlsx[0]).toEqual(
        exported.columns.map((c) => (c.kind === 'bytes' ? `${c.label} (byte)` : c.label)),
      );
      // Both write a share to four places.
      const fourPlaces = (v: CellValue, i: number) =>
        typeof v === 'number' && exported.columns[i]?.kind === 'ratio' ? Number(v.toFixed(4)) : v;
      for (const row of page.rows) {
        const cells = row.map((v, i) => (v === '' ? null : fourPlaces(v, i)));
        expect(xlsx, `${period.from} ${row[0]}`).toContainEqual(cells);
        const line = row
          .map((v, i) =>
            v === null
              ? ''
              : typeof v === 'string'
                ? /[",]/.test(v)
                  ? `"${v.replaceAll('"', '""')}"`
                  : v
                : String(fourPlaces(v, i)),
          )
          .join(',');
        expect(csv, `${period.from} ${row[0]}`).toContain(line);
      }
      expect(xlsx.length).toBe(routers.length + 1);
      // The short list's rows are the full list's.
      for (const p of short.rows) {
        const full = (await reports.accessPoints(period)).find((a) => a.routerId === p.routerId);
        expect(p).toEqual(full);
      }
      expect(page.rows.some((r) => typeof r[5] === 'number' && r[5] > 0)).toBe(true);
    }
  });

  it('counts the sessions live now toward the peak of a period that holds today, and only then', async () => {
    const db = tdb.db;
    const r = routers[0]!;
    const q = { from: '2026-12-01', to: '2026-12-31' };
    const before = (await reports.accessPoints(q)).find((p) => p.routerId === r)!;
    const past = { from: '2026-11-01', to: '2026-11-30' };
    const pastBefore = (await reports.accessPoints(past)).find((p) => p.routerId === r)!;
    // More logins than the last poll saw (accounting knows them at once; the next poll is 30 s away).
    const live = before.peakSessions + 3;
    const at = wib('2026-12-05T11:59:00');
    await db
      .insertInto('sessions')
      .values(
        Array.from({ length: live }, (_, i) => ({
          router_id: r,
          acct_session_id: `live-${i}`,
          username: `wn-live${i}`,
          mac: `02:00:00:00:00:${String(i).padStart(2, '0')}`,
          started_at: at,
          updated_at: at,
          state: 'active',
        })),
      )
      .execute();
    try {
      const now = (await reports.accessPoints(q)).find((p) => p.routerId === r)!;
      expect(now).toMatchObject({ liveSessions: live, peakSessions: live });
      const top = (await reports.topAccessPoints(q, 3)).rows.find((p) => p.routerId === r);
      if (top) expect(top.peakSessions).toBe(live);
      // A period before today keeps the polls' peak, however many are live now.
      const then = (await reports.accessPoints(past)).find((p) => p.routerId === r)!;
      expect(then).toMatchObject({ liveSessions: live, peakSessions: pastBefore.peakSessions });
      // The exported table of the month shows it too, beside the live count.
      const period = parsePeriod('month', '2026-12')!;
      const table = accessPointTables(await loadAccessPoints(reports, { period, all: true }), m)[0]!;
      const peak = table.columns.findIndex((c) => /terbanyak/i.test(c.label));
      const row = table.rows.find((cells) => cells[0] === 'ap-0')!;
      expect(peak).toBeGreaterThan(0);
      expect(row[peak]).toBe(live);
    } finally {
      await db.deleteFrom('sessions').where('acct_session_id', 'like', 'live-%').execute();
    }
  });
});

describe('access points busiest hours', () => {
  it('picks at most three hours with bytes, busiest first, the earlier hour first on a tie', () => {
    const hours = (set: Record<number, number>) => Array.from({ length: 24 }, (_, h) => set[h] ?? 0);
    const points = [
      hours({}),
      hours({ 7: 5 }),
      hours({ 20: 9, 3: 9 }),
      hours({ 1: 4, 2: 8, 3: 6, 4: 8, 5: 1, 23: 10 }),
      hours({ 0: 3, 1: 3, 2: 3, 3: 3 }),
      // Above 2^32, as a year of a busy router's hour is; equal to the byte.
      hours({ 5: 2 ** 40 + 1, 6: 2 ** 40, 7: 2 ** 40 + 1, 8: 2 ** 40 }),
    ];
    expect(points.map((p) => busiestHours(p))).toEqual([[], [7], [3, 20], [23, 2, 4], [0, 1, 2], [5, 7, 6]]);
  });

  it('reads a router’s hours where they sit among every router’s', () => {
    const all = new Float64Array(3 * 24);
    all[24 + 9] = 4;
    all[24 + 8] = 4;
    all[48 + 23] = 1;
    expect([0, 24, 48].map((at) => busiestHours(all, at))).toEqual([[], [8, 9], [23]]);
  });

  it('reads a cut month as its days in the range or, when fewer rows, as the month less its days outside', () => {
    const keys = routerPeriodKeys('2026-02-10', '2026-11-20');
    // February: 19 days in, 9 out; November: 20 in, 10 out; March … October whole.
    expect(keys.filter(([, sign]) => sign < 0).map(([k]) => k)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `2026-02-0${i + 1}`),
      ...Array.from({ length: 10 }, (_, i) => `2026-11-${21 + i}`),
    ]);
    expect(keys.filter(([, sign]) => sign > 0).map(([k]) => k)).toEqual([
      ...['03', '04', '05', '06', '07', '08', '09', '10'].map((m) => `2026-${m}`),
      '2026-02',
      '2026-11',
    ]);
    // A few days stay days; a whole year is its row.
    expect(routerPeriodKeys('2026-03-30', '2026-04-02')).toEqual(
      ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02'].map((d) => [d, 1]),
    );
    expect(routerPeriodKeys('2026-01-01', '2026-12-31')).toEqual([['2026', 1]]);
  });
});
