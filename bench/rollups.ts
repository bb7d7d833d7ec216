// `npm run bench:rollups`: what the reports' rollups cost the RADIUS accounting path, and how long the report
// migration's backfill takes, on a year of a large village (bench/reports-village.ts), on SQLite and (when
// WARGANET_BENCH_PG_URL or WARGANET_TEST_PG_URL names a server) PostgreSQL.
// - accounting: packets/s through the accounting service (group commit, 256 in flight) with the rollups and
//   without them, alternating rounds in one run, for interim updates of known sessions and for a day's first
//   packets (every first-seen row offered); the difference is the rollups' cost per packet.
// - backfill: the 2026-12-16 migration's backfill (and 2026-12-23's) on the year, timed.
// The seeded year is kept between runs (BENCH_ROLLUPS_CACHE, default the system temp dir): run once with
// `-- --seed` outside the quiet lock, then measure inside it (BENCH_PG_DB names the kept PostgreSQL year). `-- --only=sqlite|pg`, `-- --skip=accounting|backfill`.
// BENCH_BACKFILL_MODULE=<file> times that module's `backfill` too, side by side (e.g. the released version).
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Kysely, sql } from 'kysely';
import { migrateToLatest } from '../db/migrate.js';
import { backfill as reportBackfill } from '../db/migrations/2026-12-16-report-speed.js';
import { backfill as quotaBackfill } from '../db/migrations/2026-12-23-account-usage-daily.js';
import { backfill as routerPeriodsBackfill } from '../db/migrations/2026-12-25-router-usage-periods.js';
import { backfill as seenDaysBackfill } from '../db/migrations/2026-12-26-usage-seen-days.js';
import { openDatabase } from '../db/open-database.js';
import { createPostgresDialect } from '../db/postgres-dialect.js';
import { type registerRowStatements, rowStatements } from '../db/row-statements.js';
import type { Database } from '../db/schema.js';
import { createAccountingStore } from '../db/stores/accounting-store.js';
import type { AccountingStore } from '../src/services/radius/accounting.js';
import { accountingRate } from './accounting-rate.js';
import { SIZE, seedLargeVillage } from './reports-village.js';

const PACKETS = Number(process.env.BENCH_PACKETS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = flag('only');
const skip = flag('skip');
const seedOnly = args.includes('--seed');
const CACHE = process.env.BENCH_ROLLUPS_CACHE ?? tmpdir();
const SQLITE_SEED = join(CACHE, 'warganet-bench-rollups-year.db');
const PG_SEED = process.env.BENCH_PG_DB ?? process.env.BENCH_ROLLUPS_PG_SEED ?? 'warganet_bench_rollups_year';
/** Tables the backfills fill, emptied before each timing. */
const ROLLUP_TABLES = [
  'usage_groups_daily',
  'usage_seen',
  'usage_counts',
  'quota_exhausted_daily',
  'rejects_hourly',
  'usage_heat_monthly',
  'usage_router_periods',
  'account_usage_daily',
  'usage_heat_daily',
];

type Backfill = (db: Kysely<Database>) => Promise<void>;

type StoreFactory = typeof createAccountingStore;

/**
 * BENCH_BASELINE_STORE=<accounting-store.ts of another checkout> (e.g. main's, same schema): its rollups are
 * measured too, in the same rounds, so before and after share the machine's moment.
 */
async function baselineFactory(db: Kysely<Database>): Promise<StoreFactory | undefined> {
  const file = process.env.BENCH_BASELINE_STORE;
  if (!file) return undefined;
  // Its own copy of row-statements.ts keeps its own registry: hand it this database's prepared statements.
  const native = rowStatements(db);
  if (native) {
    const other = (await import(pathToFileURL(resolve(file, '../../row-statements.ts')).href)) as {
      registerRowStatements: typeof registerRowStatements;
    };
    other.registerRowStatements(db, native);
  }
  return ((await import(pathToFileURL(resolve(file)).href)) as { createAccountingStore: StoreFactory })
    .createAccountingStore;
}

async function accountingBench(db: Kysely<Database>) {
  const baseline = await baselineFactory(db);
  await accountingRate(createAccountingStore(db), true, 0, false, PACKETS);
  const variants: Array<[string, boolean, AccountingStore]> = [
    ['without', false, createAccountingStore(db, { reportRollups: false })],
    ['with', true, createAccountingStore(db)],
    ...(baseline ? [['baseline', true, baseline(db)] as [string, boolean, AccountingStore]] : []),
  ];
  const rates = new Map<string, number[]>();
  const push = (k: string, v: number) => rates.set(k, [...(rates.get(k) ?? []), v]);
  let round = 0;
  for (let r = 0; r < ROUNDS / 2; r++) {
    // Each round runs every variant, in a rotating order: none is always first after the others.
    for (let v = 0; v < variants.length; v++) {
      const [name, on, store] = variants[(v + r) % variants.length]!;
      push(`${name} interim`, await accountingRate(store, on, ++round, false, PACKETS));
      push(`${name} start`, await accountingRate(store, on, ++round, true, PACKETS));
    }
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  const rate = (k: string) => median(rates.get(k)!);
  console.log(
    `accounting through the accounting service, 256 in flight, ${PACKETS} packets a round, ${ROUNDS / 2} rounds each (median):`,
  );
  const head = ['', ...variants.map(([n]) => n), 'µs/pkt', 'rollups', ...(baseline ? ['baseline'] : [])];
  console.log(
    `  ${head[0]!.padEnd(36)} ${head
      .slice(1)
      .map((h) => h.padStart(10))
      .join(' ')}`,
  );
  for (const [label, kind] of [
    ['interim updates (the steady state)', 'interim'],
    ["a day's first packets (starts)", 'start'],
  ] as const) {
    const cells = variants.map(([n]) => `${rate(`${n} ${kind}`).toFixed(0)}/s`);
    const without = rate(`without ${kind}`);
    const cost = (n: string) => `${((1 / rate(`${n} ${kind}`) - 1 / without) * 1e6).toFixed(1)} µs`;
    cells.push(`${(1e6 / without).toFixed(0)} µs`, cost('with'), ...(baseline ? [cost('baseline')] : []));
    console.log(`  ${label.padEnd(36)} ${cells.map((c) => c.padStart(10)).join(' ')}`);
  }
}

async function timeBackfills(db: Kysely<Database>, label: string) {
  const runs: Array<[string, Backfill]> = [];
  const legacy = process.env.BENCH_BACKFILL_MODULE;
  if (legacy) {
    const mod = (await import(pathToFileURL(resolve(legacy)).href)) as { backfill: Backfill };
    runs.push([`backfill of ${legacy}`, mod.backfill]);
  }
  runs.push(['backfill of 2026-12-16 (report rollups)', reportBackfill]);
  runs.push(['backfill of 2026-12-23 (account totals)', quotaBackfill]);
  runs.push(['backfill of 2026-12-25 (router months and years)', routerPeriodsBackfill]);
  for (const [name, fill] of runs) {
    for (const t of ROLLUP_TABLES) await sql`delete from ${sql.table(t)}`.execute(db);
    const s = performance.now();
    await fill(db);
    const ms = performance.now() - s;
    const table =
      fill === quotaBackfill
        ? 'account_usage_daily'
        : fill === routerPeriodsBackfill
          ? 'usage_router_periods'
          : 'usage_seen';
    const { rows } = await sql<{ c: unknown }>`select count(*) as c from ${sql.table(table)}`.execute(db);
    console.log(
      `  ${label}: ${name.padEnd(50)} ${(ms / 1000).toFixed(1).padStart(7)} s (${table} ${rows[0]?.c} rows)`,
    );
  }
  // The first-seen rows' days and months (2026-12-26) are set on the rows 2026-12-16 filled.
  for (const t of ROLLUP_TABLES) await sql`delete from ${sql.table(t)}`.execute(db);
  await reportBackfill(db);
  const s = performance.now();
  await seenDaysBackfill(db);
  const ms = performance.now() - s;
  console.log(
    `  ${label}: ${'backfill of 2026-12-26 (first-seen days)'.padEnd(50)} ${(ms / 1000).toFixed(1).padStart(7)} s`,
  );
}

async function sqliteBench(dir: string) {
  if (!existsSync(SQLITE_SEED)) {
    const s = performance.now();
    const opened = openDatabase({ url: undefined, sqliteFile: SQLITE_SEED });
    const migrated = await migrateToLatest(opened.db);
    if (migrated.error) throw new Error(migrated.error);
    const { usageRows } = await seedLargeVillage(opened.db, false);
    // No ANALYZE: the product never runs it on SQLite, and its STAT4 statistics make SQLite re-prepare every
    // statement whose plan depends on a bound key at each call (17–32 µs against 4–8 µs a row update): figures
    // measured on an analysed seed overstate the rollups' cost.
    await sql`pragma wal_checkpoint(truncate)`.execute(opened.db);
    await opened.close();
    console.log(
      `SQLite: seeded a year (${usageRows} usage_daily rows) in ${((performance.now() - s) / 1000).toFixed(1)} s`,
    );
  }
  if (seedOnly) return;
  const file = join(dir, 'bench.db');
  copyFileSync(SQLITE_SEED, file);
  const opened = openDatabase({ url: undefined, sqliteFile: file });
  try {
    console.log(`\nSQLite, a year of ${SIZE.devices} devices on ${SIZE.routers} routers:`);
    if (skip !== 'accounting') await accountingBench(opened.db);
    if (skip !== 'backfill') await timeBackfills(opened.db, 'SQLite');
  } finally {
    await opened.close();
  }
}

async function postgresBench() {
  const pgUrl = process.env.WARGANET_BENCH_PG_URL ?? process.env.WARGANET_TEST_PG_URL;
  if (!pgUrl) return;
  const admin = new Kysely<unknown>({ dialect: createPostgresDialect(pgUrl, 1).dialect });
  const at = (name: string) => {
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  try {
    const { rows } = await sql`select 1 from pg_database where datname = ${PG_SEED}`.execute(admin);
    if (rows.length === 0) {
      const s = performance.now();
      await sql`create database ${sql.id(PG_SEED)}`.execute(admin);
      const seed = openDatabase({ url: at(PG_SEED), sqliteFile: '' });
      try {
        const mig = await migrateToLatest(seed.db);
        if (mig.error) throw new Error(mig.error);
        const { usageRows } = await seedLargeVillage(seed.db, true);
        await sql`analyze`.execute(seed.db);
        console.log(
          `PostgreSQL: seeded a year (${usageRows} usage_daily rows) in ${((performance.now() - s) / 1000).toFixed(1)} s`,
        );
      } finally {
        await seed.close();
      }
    }
    if (seedOnly) return;
    const name = `warganet_bench_rollups_${process.pid}`;
    await sql`create database ${sql.id(name)} template ${sql.id(PG_SEED)}`.execute(admin);
    const pg = openDatabase({ url: at(name), sqliteFile: '' });
    try {
      console.log(`\nPostgreSQL, a year of ${SIZE.devices} devices on ${SIZE.routers} routers:`);
      if (skip !== 'accounting') await accountingBench(pg.db);
      if (skip !== 'backfill') await timeBackfills(pg.db, 'PostgreSQL');
    } finally {
      await pg.close();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
    }
  } finally {
    await admin.destroy();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'warganet-bench-rollups-'));
  try {
    if (only !== 'pg') await sqliteBench(dir);
    if (only !== 'sqlite') await postgresBench();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
