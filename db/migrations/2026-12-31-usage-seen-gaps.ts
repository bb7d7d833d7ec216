// Exact distinct devices and residents of any range of days for the 'all' dimension, without scanning first-seen
// rows (issue 12: a regency's custom range read millions of usage_seen rows, 25–61 s on PostgreSQL).
// usage_seen_gaps holds, per (day, prev_day), how many subjects (devices > 0, residents < 0, as in usage_seen) were
// active on `day` with `prev_day` their previous active day ('' when none). A range [a, b] holds exactly the
// subjects whose first active day in it has its previous one before a, so
//   distinct(a, b) = Σ over cells with a ≤ day ≤ b and prev_day < a   ('' sorts before any day).
// At most one cell per pair of days a subject links: about 67 k a year whatever the size of the regency.
// The accounting transaction keeps it (db/stores/usage-seen-gaps.ts); `backfill` fills it from usage_seen's d:all
// rows, set-based. Erasure removes first-seen rows but keeps aggregates (usage_counts), so it keeps the cells too.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's types
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('usage_seen_gaps')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('prev_day', 'text', (c) => c.notNull())
    .addColumn('devices', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('residents', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_seen_gaps_pk', ['day', 'prev_day'])
    .execute();
  await backfill(db);
}

/** The cells of every subject's active days (its d:all first-seen rows), one INSERT … SELECT. */
export async function backfill(db: Db): Promise<void> {
  // d:all rows sit in the primary key's range 'd:' … 'd;' (';' follows ':').
  await sql`insert into usage_seen_gaps (day, prev_day, devices, residents)
    select x.day, x.prev_day, sum(case when x.subject > 0 then 1 else 0 end),
      sum(case when x.subject < 0 then 1 else 0 end)
    from (select substr(s.period, 3) as day, s.subject as subject,
        coalesce(lag(substr(s.period, 3)) over (partition by s.subject order by s.period), '') as prev_day
      from usage_seen s where s.period > 'd:' and s.period < 'd;' and s.dim = 'all' and s.key = '') x
    group by x.day, x.prev_day`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('usage_seen_gaps').execute();
}
