// The regency's rollups (D1 migration 0002: village months, their heat map, kecamatan days) are kept by the ingest
// and read by the pages; every figure must stay what the daily rows give. Run on SQLite, the engine of D1 (the
// regency's tables never live in PostgreSQL); the store code is the one the Worker runs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { transactionAtomicWrites } from '../db/atomic-writes.js';
import type { RegencyDatabase } from '../db/regency-schema.js';
import { createSqliteDialect } from '../db/sqlite-dialect.js';
import { createRegencyIngestStore } from '../db/stores/regency-ingest-store.js';
import { createRegencyReadStore, splitPeriod } from '../db/stores/regency-read-store.js';
import type { RegencyDay } from '../src/domain/regency-payload.js';
import { addDays } from '../src/domain/report-period.js';
import type { VillageFilter } from '../src/services/regency/regency-ports.js';

const ROOT = resolve(import.meta.dirname, '..');
const DIR = join(ROOT, 'db/d1-migrations');
let db: Kysely<RegencyDatabase> | undefined;
afterEach(async () => db?.destroy());

function open() {
  const handle = createSqliteDialect(':memory:');
  for (const f of readdirSync(DIR).sort()) handle.native.exec(readFileSync(join(DIR, f), 'utf8'));
  db = new Kysely<RegencyDatabase>({ dialect: handle.dialect });
  return db;
}

const VILLAGES = [
  { code: '3523080001', kecamatan: 'Kerek' },
  { code: '3523080002', kecamatan: 'Kerek' },
  { code: '3523090001', kecamatan: 'Montong' },
];
const FIRST = '2026-09-20';
const LAST = '2026-11-05';

/** A village's day with figures that differ by village, day and `salt` (a correction sends another salt). */
function dayOf(v: number, date: string, salt = 0): RegencyDay {
  const k = Number(date.slice(8)) + Number(date.slice(5, 7)) * 31 + v * 7 + salt * 13;
  const devices = 5 + ((k * 7) % 23);
  return {
    day: date,
    final: true,
    computedAt: `${date}T17:00:00.000Z`,
    coverage: [],
    usage: {
      totals: {
        bytesDown: 1000 + k * 17,
        bytesUp: 100 + k,
        sessions: 10 + (k % 9),
        devices,
        residents: devices - 2,
      },
      byRouter: [],
      byDusun: [],
      byPlan: [],
      monthToDate: { devices: 40 + (k % 11), residents: 30 + (k % 5) },
    },
    hourly: [
      { hour: k % 20, bytes: 300 + k, sessions: 3 },
      { hour: 20, bytes: 700 + k * 2, sessions: 5 + (k % 4) },
    ],
    uptime: [
      { router: 'Balai Desa', upMs: 80_000_000 + k, downMs: 6_400_000 - k, peakSessions: 9 },
      { router: 'Masjid', upMs: 70_000_000 + k, downMs: 1000 * k, peakSessions: 4 },
    ],
    vouchers: { created: k % 5, used: k % 3, expired: k % 2, revenueRp: 5000 * (k % 3) },
  };
}

const allDays = () => {
  const out: string[] = [];
  for (let d = FIRST; d <= LAST; d = addDays(d, 1)) out.push(d);
  return out;
};

/** What every read should give, computed the slow way from the days as last written. */
function expected(
  stored: Map<string, RegencyDay>,
  f: (v: (typeof VILLAGES)[number]) => boolean,
  from: string,
  to: string,
) {
  const rows = VILLAGES.flatMap((v, i) =>
    f(v)
      ? allDays().flatMap((d) => (d >= from && d <= to ? [{ v, i, d: stored.get(`${i}:${d}`)! }] : []))
      : [],
  );
  const byVillage = VILLAGES.filter(f).map((v) => {
    const own = rows.filter((r) => r.v === v).map((r) => r.d);
    return {
      village: v.code,
      bytesDown: own.reduce((s, d) => s + d.usage.totals.bytesDown, 0),
      sessions: own.reduce((s, d) => s + d.usage.totals.sessions, 0),
      devices: Math.max(0, ...own.map((d) => d.usage.totals.devices)),
      days: own.length,
      upMs: own.reduce((s, d) => s + d.uptime.reduce((a, u) => a + u.upMs, 0), 0),
      downMs: own.reduce((s, d) => s + d.uptime.reduce((a, u) => a + u.downMs, 0), 0),
      revenue: own.reduce((s, d) => s + d.vouchers.revenueRp, 0),
    };
  });
  const perDay = new Map<string, { bytes: number; devices: number }>();
  for (const r of rows) {
    const x = perDay.get(r.d.day) ?? { bytes: 0, devices: 0 };
    perDay.set(r.d.day, {
      bytes: x.bytes + r.d.usage.totals.bytesDown,
      devices: x.devices + r.d.usage.totals.devices,
    });
  }
  const heat = new Map<string, number>();
  for (const r of rows)
    for (const h of r.d.hourly) {
      const wd = (new Date(`${r.d.day}T00:00:00Z`).getUTCDay() + 6) % 7;
      heat.set(`${wd}:${h.hour}`, (heat.get(`${wd}:${h.hour}`) ?? 0) + h.bytes);
    }
  return {
    byVillage: byVillage.filter((v) => v.days > 0),
    period: byVillage,
    totals: {
      bytesDown: [...perDay.values()].reduce((s, x) => s + x.bytes, 0),
      devices: Math.max(0, ...[...perDay.values()].map((x) => x.devices)),
    },
    byDay: [...perDay].sort().map(([day, x]) => ({ key: day, bytesDown: x.bytes, devices: x.devices })),
    heat,
  };
}

const FILTERS: Array<[string, VillageFilter, (v: (typeof VILLAGES)[number]) => boolean]> = [
  ['kabupaten', { area: { scope: 'kabupaten' } }, () => true],
  ['kecamatan', { area: { scope: 'kecamatan', kecamatan: 'Kerek' } }, (v) => v.kecamatan === 'Kerek'],
  ['desa', { area: { scope: 'desa', village: '3523080002' } }, (v) => v.code === '3523080002'],
];
const PERIODS: Array<[string, string]> = [
  ['2026-10-01', '2026-10-31'], // a whole month
  ['2026-09-25', '2026-11-03'], // loose days on both sides of a whole month
  ['2026-01-01', '2026-12-31'], // a year
  ['2026-10-05', '2026-10-20'], // inside one month
  ['2026-10-31', '2026-11-01'], // across a month's end, no whole month
  ['2026-10-14', '2026-10-14'], // one day
];

async function checkReads(k: Kysely<RegencyDatabase>, stored: Map<string, RegencyDay>) {
  const read = createRegencyReadStore(k);
  for (const [scope, f, pick] of FILTERS)
    for (const [from, to] of PERIODS) {
      const e = expected(stored, pick, from, to);
      const at = `${scope} ${from}..${to}`;
      const byVillage = await read.usage(f, from, to, 'village');
      expect(
        byVillage.map((r) => ({
          village: r.village,
          bytesDown: r.bytesDown,
          sessions: r.sessions,
          devices: r.devices,
        })),
        at,
      ).toEqual(
        e.byVillage.map(({ village, bytesDown, sessions, devices }) => ({
          village,
          bytesDown,
          sessions,
          devices,
        })),
      );
      const totals = await read.usageTotals(f, from, to);
      expect({ bytesDown: totals.bytesDown, devices: totals.devices }, at).toEqual(e.totals);
      const byDay = await read.usage(f, from, to, 'day');
      expect(
        byDay.map((r) => ({ key: r.key, bytesDown: r.bytesDown, devices: r.devices })),
        at,
      ).toEqual(e.byDay);
      const period = await read.villagePeriod(f, from, to);
      expect(
        period.map((r) => ({
          village: r.code,
          days: r.daysReceived,
          upMs: r.upMs,
          downMs: r.downMs,
          revenue: r.voucherRevenueRp,
        })),
        at,
      ).toEqual(
        e.period.map(({ village, days, upMs, downMs, revenue }) => ({
          village,
          days,
          upMs,
          downMs,
          revenue,
        })),
      );
      const heat = await read.heatMap(f, from, to);
      expect(new Map(heat.map((h) => [`${h.weekday}:${h.hour}`, h.bytes])), at).toEqual(e.heat);
    }
  // A whole month's month-to-date counts: those of each village's latest day in it.
  const mtd = await read.monthToDate(FILTERS[0]![1], '2026-10-01', '2026-10-31');
  expect(mtd.map((m) => [m.village, m.devices]).sort()).toEqual(
    VILLAGES.map((v, i) => [v.code, stored.get(`${i}:2026-10-31`)!.usage.monthToDate.devices]).sort(),
  );
}

/** The rollup tables as they stand, then as migration 0002's backfill makes them from the daily rows. */
async function rollupsAndBackfill(k: Kysely<RegencyDatabase>) {
  const snapshot = async () => ({
    months: (await sql`SELECT * FROM village_months ORDER BY village, month`.execute(k)).rows,
    heat: (await sql`SELECT * FROM village_heat_months ORDER BY village, month, weekday, hour`.execute(k))
      .rows,
    kecamatan: (await sql`SELECT * FROM kecamatan_days ORDER BY kecamatan, day`.execute(k)).rows,
  });
  const kept = await snapshot();
  for (const t of ['village_months', 'village_heat_months', 'kecamatan_days'])
    await sql`DELETE FROM ${sql.table(t)}`.execute(k);
  const backfill = readFileSync(join(DIR, '0002_regency_rollups.sql'), 'utf8')
    .replace(/--.*$/gm, '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('INSERT INTO'));
  for (const s of backfill) await sql.raw(s).execute(k);
  return { kept, backfilled: await snapshot() };
}

describe('regency rollups kept by the ingest', () => {
  it('splits a period into its whole months and the loose days around them', () => {
    expect(splitPeriod('2026-10-01', '2026-10-31')).toEqual({ months: ['2026-10', '2026-10'], days: [] });
    expect(splitPeriod('2026-09-25', '2026-11-03')).toEqual({
      months: ['2026-10', '2026-10'],
      days: [
        ['2026-09-25', '2026-09-30'],
        ['2026-11-01', '2026-11-03'],
      ],
    });
    expect(splitPeriod('2026-02-01', '2026-02-28')).toEqual({ months: ['2026-02', '2026-02'], days: [] });
    expect(splitPeriod('2026-10-05', '2026-10-20')).toEqual({ days: [['2026-10-05', '2026-10-20']] });
    expect(splitPeriod('2026-01-01', '2026-12-31')).toEqual({ months: ['2026-01', '2026-12'], days: [] });
  });

  it('gives every page figure the daily rows give, after resent and corrected days, and equals the backfill', async () => {
    const k = open();
    const store = createRegencyIngestStore(k, transactionAtomicWrites(k as Kysely<unknown>));
    for (const v of VILLAGES)
      await store.insert({
        code: v.code,
        name: `Desa ${v.code}`,
        kecamatan: v.kecamatan,
        tokenSalt: 's',
        at: 1,
      });
    const stored = new Map<string, RegencyDay>();
    const days = allDays();
    // Each village sends in payloads of up to 10 days, as a node catching up does (some cut across months).
    for (const [i, v] of VILLAGES.entries())
      for (let p = 0; p < days.length; p += 10) {
        const part = days.slice(p, p + 10).map((d) => dayOf(i, d));
        for (const d of part) stored.set(`${i}:${d.day}`, d);
        await store.writeDays(
          v.code,
          part.map((d) => ({ day: d, computedAtMs: 1 })),
          undefined,
          2,
        );
      }
    await checkReads(k, stored);

    // A resent day (same figures) changes nothing: nothing is added twice.
    const before = await rollupsAndBackfill(k);
    expect(before.kept).toEqual(before.backfilled);
    await store.writeDays(
      VILLAGES[0]!.code,
      [{ day: dayOf(0, '2026-10-14'), computedAtMs: 1 }],
      undefined,
      3,
    );
    await checkReads(k, stored);
    expect((await rollupsAndBackfill(k)).kept).toEqual(before.kept);

    // Corrected days (other figures, one at a month's end and one in the next month) replace their share.
    const corrected = [dayOf(0, '2026-10-31', 5), dayOf(0, '2026-11-02', 9)];
    for (const d of corrected) stored.set(`0:${d.day}`, d);
    await store.writeDays(
      VILLAGES[0]!.code,
      corrected.map((d) => ({ day: d, computedAtMs: 9 })),
      undefined,
      4,
    );
    await checkReads(k, stored);
    const after = await rollupsAndBackfill(k);
    expect(after.kept).toEqual(after.backfilled);
    expect(after.kept).not.toEqual(before.kept);
  });
});
