// The cache and job queue of custom ranges' distinct counts per router, dusun or plan (2027-01-01 migration):
// usage_distinct_ranges holds one row per (from, to, dimension), its primary key deduplicating requests across
// the nodes sharing the database, and usage_distinct_rows the counts per row label. The count itself is
// report-usage.ts's exact `distinctBy`, run outside any transaction (tens of seconds at regency size); only its
// result is written, in one transaction that first checks the claim is still this runner's.
import { type Kysely, sql } from 'kysely';
import type {
  CachedDistinct,
  CountedDimension,
  DistinctCacheStore,
  DistinctCounts,
  DistinctJob,
} from '../../src/services/reports/report-ports.js';
import type { Database } from '../schema.js';
import { isPostgres } from './radius-sql.js';

/** The exact count, on the connection it is given. */
type Count = (
  on: Kysely<Database>,
  from: string,
  to: string,
  dim: CountedDimension,
) => Promise<Map<string, DistinctCounts>>;

const rangeKey = (from: string, to: string, dim: string) => `${from}|${to}|${dim}`;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
// 4 parameters a row: well under SQLite's and PostgreSQL's limits on one statement's parameters.
const INSERT_ROWS = 1000;

export function createDistinctCacheStore(db: Kysely<Database>, count: Count): DistinctCacheStore {
  const pg = isPostgres(db);
  return {
    async read(from, to, dim): Promise<CachedDistinct | undefined> {
      const key = rangeKey(from, to, dim);
      const range = await db
        .selectFrom('usage_distinct_ranges')
        .select(['computed_at', 'wanted_at'])
        .where('range_key', '=', key)
        .executeTakeFirst();
      if (!range) return undefined;
      const computedAt = num(range.computed_at);
      const counts = new Map<string, DistinctCounts>();
      if (computedAt !== null) {
        const rows = await db
          .selectFrom('usage_distinct_rows')
          .select(['key', 'devices', 'residents'])
          .where('range_key', '=', key)
          .execute();
        for (const r of rows)
          counts.set(r.key, { devices: Number(r.devices), residents: Number(r.residents) });
      }
      return { computedAt, wanted: range.wanted_at !== null, counts };
    },

    async request(from, to, dim, now, maxWaiting) {
      const waiting = await db
        .selectFrom('usage_distinct_ranges')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('wanted_at', 'is not', null)
        .executeTakeFirst();
      if (Number(waiting?.n ?? 0) >= maxWaiting) return false;
      // One row per range whatever the nodes and requests: a second request keeps the first one's place.
      await db
        .insertInto('usage_distinct_ranges')
        .values({ range_key: rangeKey(from, to, dim), from_day: from, to_day: to, dim, wanted_at: now })
        .onConflict((oc) =>
          oc
            .column('range_key')
            .doUpdateSet({ wanted_at: sql`coalesce(usage_distinct_ranges.wanted_at, excluded.wanted_at)` }),
        )
        .execute();
      return true;
    },

    async claim(now, staleBefore, runner): Promise<DistinctJob | undefined> {
      // One statement: the oldest wanted range nobody (alive) computes, while no claim younger than the timeout
      // exists. Under PostgreSQL's read committed a row another node claimed meanwhile fails the re-checked
      // condition and nothing is updated; then this node tries again on its next request.
      const free = sql<boolean>`(started_at is null or started_at < ${staleBefore})`;
      const claimed = await db
        .updateTable('usage_distinct_ranges')
        .set({ started_at: now, runner })
        .where(
          'range_key',
          '=',
          sql<string>`(select r.range_key from usage_distinct_ranges r
            where r.wanted_at is not null and (r.started_at is null or r.started_at < ${staleBefore})
              and not exists (select 1 from usage_distinct_ranges b where b.started_at >= ${staleBefore})
            order by r.wanted_at, r.range_key limit 1)`,
        )
        .where('wanted_at', 'is not', null)
        .where(free)
        .returning(['from_day', 'to_day', 'dim'])
        .executeTakeFirst();
      if (!claimed) return undefined;
      return {
        from: claimed.from_day,
        to: claimed.to_day,
        dim: claimed.dim as CountedDimension,
        startedAt: now,
      };
    },

    async compute(job, runner) {
      // PostgreSQL: one worker for the count, not a parallel plan. It takes longer (it is off any request), and
      // it leaves the other cores to the requests (the pages' sums) it would otherwise slow down.
      const counts = await db.connection().execute(async (on) => {
        if (!pg) return count(on, job.from, job.to, job.dim);
        await sql`set max_parallel_workers_per_gather = 0`.execute(on);
        try {
          return await count(on, job.from, job.to, job.dim);
        } finally {
          await sql`reset max_parallel_workers_per_gather`.execute(on);
        }
      });
      const key = rangeKey(job.from, job.to, job.dim);
      return db.transaction().execute(async (tx) => {
        const done = await tx
          .updateTable('usage_distinct_ranges')
          .set({ computed_at: job.startedAt, wanted_at: null, started_at: null, runner: null })
          .where('range_key', '=', key)
          .where('runner', '=', runner)
          .where('started_at', '=', job.startedAt)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) return false;
        await tx.deleteFrom('usage_distinct_rows').where('range_key', '=', key).execute();
        const rows = [...counts].map(([label, c]) => ({
          range_key: key,
          key: label,
          devices: c.devices,
          residents: c.residents,
        }));
        for (let i = 0; i < rows.length; i += INSERT_ROWS)
          await tx
            .insertInto('usage_distinct_rows')
            .values(rows.slice(i, i + INSERT_ROWS))
            .execute();
        return true;
      });
    },

    async release(job, runner) {
      await db
        .updateTable('usage_distinct_ranges')
        .set({ started_at: null, runner: null })
        .where('range_key', '=', rangeKey(job.from, job.to, job.dim))
        .where('runner', '=', runner)
        .execute();
    },
  };
}
