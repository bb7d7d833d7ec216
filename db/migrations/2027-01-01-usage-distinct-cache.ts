// The distinct devices and residents per router, dusun or plan of a custom range that cuts months, when counting
// them scans too many first-seen rows to answer a request (a regency: 39–49 s). A request asks for them in
// usage_distinct_ranges (one row per from, to and dimension: the unique key that deduplicates requests across
// nodes sharing the database); a node's background worker claims it (started_at, runner; a claim older than the
// timeout is a dead node's and is taken over), runs the exact count and stores its rows in `counts` with
// computed_at, in one statement. `counts` is one JSON array of [row label, devices, residents]: a page reads a
// regency's 9,000 routers as one value (as 9,000 rows they cost the page 20-45 ms of its 300). Counts only, per row
// label (a router, dusun or plan name): no subject id, so erasing a resident leaves nothing of theirs here. A
// cache: nothing to backfill, it fills on demand.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('usage_distinct_ranges')
    .addColumn('range_key', 'text', (c) => c.primaryKey())
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    // When `counts` were computed (epoch ms); null until the first computation ends.
    .addColumn('computed_at', 'bigint')
    // JSON [[label, devices, residents], …] as computed then; null until then.
    .addColumn('counts', 'text')
    // A computation is wanted since then (epoch ms): the queue's order; null when nothing is to do.
    .addColumn('wanted_at', 'bigint')
    // Claimed by `runner` at started_at (epoch ms); null when no node is computing it.
    .addColumn('started_at', 'bigint')
    .addColumn('runner', 'text')
    .execute();
  await db.schema
    .createIndex('usage_distinct_ranges_wanted')
    .on('usage_distinct_ranges')
    .column('wanted_at')
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('usage_distinct_ranges').execute();
}
