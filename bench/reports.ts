// `npm run bench:reports`: every report page's queries and rendering, and the JSON API calls, over a year of a
// large village (bench/reports-village.ts) on SQLite (and on PostgreSQL when WARGANET_BENCH_PG_URL names a server):
// p50/p99 per report for a month and for the whole year. Then, in the same run, the RADIUS accounting rate through
// the accounting service with and without the hourly rollup, and so the rollup's cost per accounting packet.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kysely, sql } from 'kysely';
import { migrateToLatest } from '../db/migrate.js';
import { backfill } from '../db/migrations/2026-12-16-report-speed.js';
import { backfill as backfillMonthly } from '../db/migrations/2026-12-21-usage-monthly.js';
import { backfill as backfillRouterPeriods } from '../db/migrations/2026-12-25-router-usage-periods.js';
import { backfill as backfillSeenDays } from '../db/migrations/2026-12-26-usage-seen-days.js';
import { backfill as backfillWeekly } from '../db/migrations/2026-12-28-usage-groups-weekly.js';
import { backfill as backfillSeenGaps } from '../db/migrations/2026-12-31-usage-seen-gaps.js';
import { backfill as backfillDayHours } from '../db/migrations/2027-01-02-usage-day-hours.js';
import { openDatabase } from '../db/open-database.js';
import { createPostgresDialect } from '../db/postgres-dialect.js';
import type { Database } from '../db/schema.js';
import { createAccountingStore } from '../db/stores/accounting-store.js';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import { parsePeriod } from '../src/domain/report-period.js';
import { nodeDeflate } from '../src/node-deflate.js';
import { csvBytes } from '../src/reports/export/csv.js';
import { monthlyPdf } from '../src/reports/export/monthly-pdf.js';
import { toXlsx } from '../src/reports/export/xlsx.js';
import { id as m } from '../src/reports/messages/id.js';
import { loadMonthlyReport } from '../src/reports/monthly-report.js';
import {
  accessPointTables,
  loadAccessPoints,
  loadCoverage,
  loadUsage,
  usageTables,
} from '../src/reports/report-data.js';
import { MonthlyPrint } from '../src/reports/views/monthly-print.js';
import { AccessPointsContent, CoverageContent, UsageContent } from '../src/reports/views/report-pages.js';
import { Keyring } from '../src/services/keyring.js';
import { accountingRate } from './accounting-rate.js';
import { seedSeenUnlessThere, seenLine } from './regency-seen.js';
import { REGENCY, SIZE, seedLargeVillage, seedRegencyRollups } from './reports-village.js';

const KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const TZ = 'Asia/Jakarta';
/** The exports compressed as the Node server does (web-wiring.ts); BENCH_DEFLATE=stream times CompressionStream. */
/** The custom range the `range` column times: it cuts February and November. */
const RANGE = ['2026-02-10', '2026-11-20'] as const;
const DEFLATE = process.env.BENCH_DEFLATE === 'stream' ? undefined : nodeDeflate();

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** One timed case: p50/p99 in ms of RUNS runs after a warm-up run. */
async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number; runs: number }> {
  const w = performance.now();
  await fn(); // warm: prepared statements, page cache
  // A case far over the target says so in 3 runs (a quiet window is a few minutes, shared by everyone).
  const runs = performance.now() - w > 2000 ? 3 : RUNS;
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { p50: pct(t, 50), p99: pct(t, 99), runs };
}

/**
 * Prints one table for a database: a row per page or API call, p50/p99 for the month, the year and (some calls) the
 * custom range.
 */
class Figures {
  private readonly rows = new Map<string, Record<string, { p50: number; p99: number; runs: number }>>();
  constructor(private readonly only: RegExp | undefined) {}
  async add(name: string, column: 'month' | 'year' | 'range' | 'once', fn: () => Promise<unknown>) {
    if (this.only && !this.only.test(name)) return;
    const row = this.rows.get(name) ?? {};
    row[column] = await time(fn);
    this.rows.set(name, row);
  }
  print(title: string) {
    const cell = (f: { p50: number; p99: number; runs: number } | undefined) =>
      f
        ? `${f.p50.toFixed(1).padStart(9)} ${f.p99.toFixed(1).padStart(8)}${f.p99 > 300 ? (f.runs < RUNS ? '†' : '*') : ' '}`
        : `${'–'.padStart(9)} ${'–'.padStart(8)} `;
    console.log(
      `${title} (ms, ${RUNS} runs; * = p99 over 300 ms; † = over 2 s, so 3 runs: the slowest of 3 stands for p99)`,
    );
    console.log(
      `${'page or API call (official)'.padEnd(44)} ${'month p50'.padStart(9)} ${'p99'.padStart(8)}  ${'year p50'.padStart(9)} ${'p99'.padStart(8)}  ${'range p50'.padStart(9)} ${'p99'.padStart(8)}`,
    );
    for (const [name, r] of this.rows) {
      const month = r.month ?? r.once;
      console.log(`${name.padEnd(44)} ${cell(month)}  ${r.once ? '' : `${cell(r.year)}  ${cell(r.range)}`}`);
    }
    console.log(
      `range: ${RANGE.join(' … ')}, a custom range that cuts two months (pages without a background count)`,
    );
  }
}

async function reportBench(db: Kysely<Database>, title: string) {
  const keyring = await Keyring.fromHex(KEY);
  const services = createServices({
    stores: createStores(db),
    keyring,
    now: () => Date.UTC(2026, 11, 31, 5),
    villageCode: '3523',
    timeZone: TZ,
  });
  const r = services.reports;
  const only = process.env.BENCH_CASES ? new RegExp(process.env.BENCH_CASES) : undefined;
  const f = new Figures(only);
  for (const [label, period] of [
    ['month', parsePeriod('month', '2026-06')!],
    ['year', parsePeriod('year', '2026')!],
    ['range', parsePeriod('custom', ...RANGE)!],
  ] as const) {
    await f.add('coverage page by rt', label, async () => {
      const d = await loadCoverage(r, { by: 'rt', period }, 'official');
      String(CoverageContent({ data: d, m, base: '/r', query: '' }));
    });
    // The range's router, dusun and plan rows are counted in the background at regency size: bench:reports-usage
    // times them (while counting and counted).
    const ranged = label === 'range';
    for (const by of ranged
      ? (['day', 'month'] as const)
      : (['day', 'month', 'router', 'dusun', 'plan'] as const)) {
      await f.add(`usage page by ${by}`, label, async () => {
        const d = await loadUsage(r, { by, period }, 'official');
        String(UsageContent({ data: d, m, base: '/r', query: '' }));
      });
    }
    if (!ranged)
      await f.add('usage XLSX + CSV by dusun', label, async () => {
        const d = await loadUsage(r, { by: 'dusun', period }, 'official');
        await toXlsx(usageTables(d, m)[0]!, DEFLATE);
        csvBytes(usageTables(d, m)[0]!);
      });
    await f.add('access points page', label, async () => {
      const d = await loadAccessPoints(r, { period });
      String(AccessPointsContent({ data: d, m, base: '/r', query: '' }));
    });
    await f.add('access points CSV (every router)', label, async () => {
      const d = await loadAccessPoints(r, { period, all: true });
      csvBytes(accessPointTables(d, m)[0]!);
    });
    await f.add('access points XLSX (every router)', label, async () => {
      const d = await loadAccessPoints(r, { period, all: true });
      await toXlsx(accessPointTables(d, m)[0]!, DEFLATE);
    });
    await f.add('API usage by day', label, () =>
      r.usage({ ...period, by: 'day' }, 'official').then(JSON.stringify),
    );
  }
  await f.add('API coverage by rt', 'once', () => r.coverage({ by: 'rt' }, 'official').then(JSON.stringify));
  await f.add('monthly print page (June)', 'once', async () => {
    const report = await loadMonthlyReport(r, { month: '2026-06', village: 'Bench' }, 'official', m);
    String(MonthlyPrint({ report: report!, m, today: '2026-07-01' }));
  });
  await f.add('monthly report PDF (June)', 'once', async () => {
    const report = await loadMonthlyReport(r, { month: '2026-06', village: 'Bench' }, 'official', m);
    await monthlyPdf(report!, m, { today: '2026-07-01', generatedAt: '1 Juli 2026' });
  });
  f.print(title);
}

/** A fresh accounting store, with the reports' rollups or without them. */
const storeFor = (db: Kysely<Database>, rollups: boolean) =>
  rollups ? createStores(db).accounting : createAccountingStore(db, { reportRollups: false });

async function rollupCost(db: Kysely<Database>) {
  await accountingRate(createStores(db).accounting, true, 0);
  const rates = {
    with: [] as number[],
    without: [] as number[],
    startWith: [] as number[],
    startWithout: [] as number[],
  };
  for (let round = 1; round <= 6; round++) {
    const on = round % 2 === 0;
    rates[on ? 'with' : 'without'].push(await accountingRate(storeFor(db, on), on, round));
    rates[on ? 'startWith' : 'startWithout'].push(await accountingRate(storeFor(db, on), on, round, true));
  }
  const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
  const line = (label: string, w: number[], wo: number[]) => {
    const [a, b] = [mean(w), mean(wo)];
    console.log(
      `  ${label.padEnd(44)} ${a.toFixed(0).padStart(7)}/s ${b.toFixed(0).padStart(7)}/s ${((1 / a - 1 / b) * 1e6).toFixed(1).padStart(7)} µs`,
    );
  };
  console.log('accounting packets/s through the accounting service, 256 in flight, 20,000 packets a round:');
  console.log(`  ${''.padEnd(44)} ${'with'.padStart(9)} ${'without'.padStart(9)} ${'rollups'.padStart(10)}`);
  line('interim updates (the steady state)', rates.with, rates.without);
  line('starts on a new day (every first-seen row)', rates.startWith, rates.startWithout);
}

/**
 * `--seed-only` seeds the data once into a kept SQLite file (BENCH_REPORTS_DIR, else the temp dir) and a kept
 * PostgreSQL database (BENCH_PG_DB, else warganet_bench_reports); `--measure-only` measures them, so that the seeding runs outside
 * the shared machine's quiet window and the timing inside it. Without either flag: seed, measure, clean up.
 */
const SEED_ONLY = process.argv.includes('--seed-only');
const MEASURE_ONLY = process.argv.includes('--measure-only');
const KEPT = SEED_ONLY || MEASURE_ONLY;
// BENCH_ONLY=pg|sqlite: one database alone; BENCH_ONLY=rollup: the accounting path alone (SQLite, the village's
// roster and devices without its usage);
// BENCH_ONLY=reports: the report figures without the accounting rate.
const ONLY = process.env.BENCH_ONLY;

async function main() {
  const dir = KEPT
    ? (process.env.BENCH_REPORTS_DIR ?? join(tmpdir(), 'warganet-bench-reports'))
    : mkdtempSync(join(tmpdir(), 'warganet-bench-reports-'));
  mkdirSync(dir, { recursive: true });
  try {
    if (ONLY !== 'pg') await sqliteBench(dir);
    if (ONLY !== 'sqlite' && ONLY !== 'rollup') await postgresBench();
  } finally {
    if (!KEPT) rmSync(dir, { recursive: true, force: true });
  }
}

async function sqliteBench(dir: string) {
  const kept = join(dir, 'bench.db');
  if (SEED_ONLY) rmSync(kept, { force: true });
  // BENCH_ONLY=rollup --measure-only: the accounting rounds add sessions and first-seen rows, so they run on a
  // scratch copy and the kept data (its own seed, or a village seeded for the reports) measures alike next time.
  const scratch = ONLY === 'rollup' && MEASURE_ONLY;
  const file = scratch ? `${kept}.rollup-run` : kept;
  if (scratch) {
    if (!existsSync(kept)) throw new Error(`${kept}: seed it first (--seed-only)`);
    for (const end of ['', '-wal']) if (existsSync(kept + end)) copyFileSync(kept + end, file + end);
  }
  const opened = openDatabase({ url: undefined, sqliteFile: file });
  try {
    // Also on --measure-only: a kept file seeded before a newer migration gets its tables (and backfills).
    // BENCH_NO_MIGRATE=1 measures an older checkout of the code against the same data.
    if (!process.env.BENCH_NO_MIGRATE) {
      const migrated = await migrateToLatest(opened.db);
      if (migrated.error) throw new Error(migrated.error);
    }
    if (!MEASURE_ONLY) {
      const s = performance.now();
      if (ONLY === 'rollup') {
        // The accounting path alone: the village's roster, routers and devices that the packets name (the rollups
        // look up each device's account, dusun and plan), without its year of usage.
        await seedLargeVillage(opened.db, false, { usage: false });
        console.log(
          `SQLite: ${SIZE.residents} residents, ${SIZE.devices} devices, ${SIZE.routers} routers, no usage yet, seeded in ${((performance.now() - s) / 1000).toFixed(1)} s`,
        );
      } else {
        const { usageRows } = await seedLargeVillage(opened.db, false);
        const seeded = performance.now();
        // The report rollups from usage_daily and auth_log, as the migration fills them on an existing village.
        await backfill(opened.db);
        await backfillMonthly(opened.db);
        await backfillWeekly(opened.db);
        await backfillRouterPeriods(opened.db);
        await backfillDayHours(opened.db);
        await backfillSeenDays(opened.db);
        // The distinct counts' cells (2026-12-31) from the first-seen rows just filled.
        await backfillSeenGaps(opened.db);
        await sql`analyze`.execute(opened.db);
        console.log(
          `SQLite: ${SIZE.residents} residents, ${SIZE.devices} devices, ${SIZE.routers} routers, ${usageRows} usage_daily rows (a year), seeded in ${((seeded - s) / 1000).toFixed(1)} s; the migration's backfill of the report rollups took ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
        );
      }
    }
    if (SEED_ONLY) return;
    if (ONLY !== 'rollup') {
      console.log('');
      await reportBench(opened.db, `SQLite, a year of a large village (${SIZE.routers} routers)`);
    }
    if (ONLY !== 'reports' && (!MEASURE_ONLY || scratch)) {
      console.log('');
      await rollupCost(opened.db);
    }
  } finally {
    await opened.close();
    if (scratch) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
}

async function postgresBench() {
  const pgUrl = process.env.WARGANET_BENCH_PG_URL ?? process.env.WARGANET_TEST_PG_URL;
  if (!pgUrl) return;
  const name = KEPT ? (process.env.BENCH_PG_DB ?? 'warganet_bench_reports') : `warganet_bench_${process.pid}`;
  const admin = new Kysely<unknown>({ dialect: createPostgresDialect(pgUrl, 1).dialect });
  if (SEED_ONLY) await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
  if (!MEASURE_ONLY) await sql`create database ${sql.id(name)}`.execute(admin);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  const pg = openDatabase({ url: u.toString(), sqliteFile: '' });
  try {
    if (!process.env.BENCH_NO_MIGRATE) {
      const mig = await migrateToLatest(pg.db);
      if (mig.error) throw new Error(mig.error);
    }
    if (!MEASURE_ONLY) {
      const s = performance.now();
      await seedLargeVillage(pg.db, true, { usage: false });
      const seeded = await seedRegencyRollups(pg.db);
      await sql`analyze`.execute(pg.db);
      console.log(
        `\nPostgreSQL at regency size: ${REGENCY.villages} villages' rollups generated with INSERT … SELECT generate_series straight into the rollup tables (${seeded.groupRows} day × router × dusun × plan rows, ${REGENCY.villages * SIZE.routers} routers; one village's roster and rejects), seeded in ${((performance.now() - s) / 1000).toFixed(1)} s`,
      );
    }
    // BENCH_SEEN=1 (with the seed, or on a kept database without them): the regency's first-seen rows.
    if (process.env.BENCH_SEEN === '1') await seedSeenUnlessThere(pg.db);
    if (SEED_ONLY) return;
    console.log('');
    await reportBench(
      pg.db,
      `PostgreSQL, a regency of ${REGENCY.villages} villages (${REGENCY.villages * SIZE.routers} routers); ${await seenLine(pg.db)}`,
    );
    if (ONLY !== 'reports' && !MEASURE_ONLY) {
      console.log('');
      await rollupCost(pg.db);
    }
  } finally {
    await pg.close();
    if (!KEPT) await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
    await admin.destroy();
  }
}

await main();
