// `npm run bench:worker-profile`: which statement of each regency page costs what. The same data set as
// bench:worker (bench/worker-seed.ts) in a SQLite file (better-sqlite3: the SQLite engine local D1 runs), built once
// and reused (BENCH_DB, default in the temp dir; BENCH_RESEED=1 rebuilds it); each page's loader runs against it
// with every statement timed. Times are SQLite's own, without workerd and D1's per-statement overhead.
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { RegencyDatabase } from '../db/regency-schema.js';
import { createRegencyReadStore } from '../db/stores/regency-read-store.js';
import { parsePeriod } from '../src/domain/report-period.js';
import {
  loadComparison,
  loadNotReporting,
  loadOverview,
  loadRegencyMonthly,
} from '../src/reports/regency/regency-data.js';
import { regencyMessages } from '../src/reports/regency/regency-messages.js';
import type { Reader } from '../src/services/regency/regency-access.js';
import { createRegencyViewService } from '../src/services/regency/regency-view.js';
import { migrations, seedStatements } from './worker-seed.js';

const VILLAGES = Number(process.env.BENCH_VILLAGES ?? 300);
const FILE = process.env.BENCH_DB ?? join(tmpdir(), `warganet-regency-profile-${VILLAGES}.db`);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

if (process.env.BENCH_RESEED || !existsSync(FILE)) {
  rmSync(FILE, { force: true });
  const native = new Sqlite(FILE);
  const t = performance.now();
  for (const s of [...migrations(), ...seedStatements(VILLAGES, '')]) native.exec(s);
  native.close();
  console.log(`seeded ${FILE} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const timings: Array<{ sql: string; ms: number }> = [];
const db = new Kysely<RegencyDatabase>({
  dialect: new SqliteDialect({ database: new Sqlite(FILE, { readonly: true }) }),
  log: (e) => {
    timings.push({ sql: e.query.sql.replace(/\s+/g, ' ').slice(0, 110), ms: e.queryDurationMillis });
  },
});
const view = createRegencyViewService({
  store: createRegencyReadStore(db),
  now: () => Date.parse('2026-11-29T05:00:00Z'),
  timeZone: 'Asia/Jakarta',
});
const reader: Reader = { id: 0, name: 'bench', admin: true, area: { scope: 'kabupaten' } };
const m = regencyMessages('Kabupaten Bench');
const month = parsePeriod('month', '2026-10')!;
const year = parsePeriod('year', '2026')!;
const custom = parsePeriod('custom', '2025-11-30', '2026-11-28')!;

const pages: Array<[string, () => Promise<unknown>]> = [
  ['overview, month', () => loadOverview(view, reader, { period: month }, m)],
  ['overview, year', () => loadOverview(view, reader, { period: year }, m)],
  ['comparison, month', () => loadComparison(view, reader, { period: month }, m)],
  ['comparison, 365 days', () => loadComparison(view, reader, { period: custom }, m)],
  ['not reporting', () => loadNotReporting(view, reader, {}, m, 'Asia/Jakarta')],
  ['monthly report', () => loadRegencyMonthly(view, reader, { period: month }, m, 'Asia/Jakarta')],
];

for (const [label, load] of pages) {
  await load(); // warm
  const per = new Map<string, number[]>();
  const walls: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    timings.length = 0;
    const t = performance.now();
    await load();
    walls.push(performance.now() - t);
    const seen = new Map<string, number>();
    for (const x of timings) seen.set(x.sql, (seen.get(x.sql) ?? 0) + x.ms);
    for (const [sql, ms] of seen) per.set(sql, [...(per.get(sql) ?? []), ms]);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`\n${label}: median ${median(walls).toFixed(0)} ms, ${timings.length} statements`);
  for (const [sql, ms] of [...per].sort((a, b) => median(b[1]) - median(a[1])))
    console.log(`  ${median(ms).toFixed(1).padStart(8)} ms  ${sql}`);
}
await db.destroy();
