// The cache and job queue of custom ranges' distinct counts per router, dusun or plan (2027-01-01 migration):
// usage_distinct_ranges holds one row per (from, to, dimension), its primary key deduplicating requests across
// the nodes sharing the database, with the counts per row label as one JSON value. The count itself is
// report-usage.ts's exact `distinctBy`, run outside any transaction (tens of seconds at regency size); only its
// result is written, in one statement that checks the claim is still this runner's.
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

export function createDistinctCacheStore(db: Kysely<Database>, count: Count): DistinctCacheStore {
  const pg = isPostgres(db);
  return {
    async read(from, to, dim): Promise<CachedDistinct | undefined> {
      const range = await db
        .selectFrom('usage_distinct_ranges')
        .select(['computed_at', 'counts', 'wanted_at'])
        .where('range_key', '=', rangeKey(from, to, dim))
        .executeTakeFirst();
      if (!range) return undefined;
      const counts = new Map<string, DistinctCounts>();
      for (const [label, devices, residents] of JSON.parse(range.counts ?? '[]') as Array<
        [string, number, number]
      >)
        counts.set(label, { devices, residents });
      return { computedAt: num(range.computed_at), wanted: range.wanted_at !== null, counts };
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
      // One statement, and only while the claim is still this runner's (not taken over after the timeout).
      const done = await db
        .updateTable('usage_distinct_ranges')
        .set({
          computed_at: job.startedAt,
          counts: JSON.stringify([...counts].map(([label, c]) => [label, c.devices, c.residents])),
          wanted_at: null,
          started_at: null,
          runner: null,
        })
        .where('range_key', '=', rangeKey(job.from, job.to, job.dim))
        .where('runner', '=', runner)
        .where('started_at', '=', job.startedAt)
        .executeTakeFirst();
      return Number(done.numUpdatedRows) === 1;
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
