// A report query that reads hundreds of thousands of rollup rows at regency size, run on PostgreSQL without a
// parallel plan and without JIT (SET LOCAL, in a transaction of its own). On a 2-core server two workers made the
// regency's grouped sums no faster (60 ms either way) and slower while a background distinct count held one core
// (p50 75 against 53 ms, the slowest 98 against 61): the workers queue behind the count. JIT compiled the
// access points of a range that cuts months for 80 ms of their 520. SQLite, D1 and a caller's transaction run the
// query as it is.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';
import { isPostgres } from './radius-sql.js';

export async function serialQuery<R>(db: Kysely<Database>, query: RawBuilder<R>): Promise<R[]> {
  if (!isPostgres(db) || db.isTransaction) return (await query.execute(db)).rows;
  return db.transaction().execute(async (trx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    return (await query.execute(trx)).rows;
  });
}
