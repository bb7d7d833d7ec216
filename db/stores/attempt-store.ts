// The portal's attempt counters. Booking a try is one INSERT … ON CONFLICT DO UPDATE … RETURNING per key, the
// same text on SQLite and PostgreSQL: the row is locked (PostgreSQL) or the database is (SQLite) for the length of
// the statement, so parallel requests are counted one after another and no two read the same count. The rule it
// spells out is the domain's `book` (src/domain/attempt-limit.ts); the store tests hold the two together.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type BackoffPolicy, delaySteps, keepFor } from '../../src/domain/attempt-limit.js';
import type { AttemptStore } from '../../src/services/portal/portal-attempts.js';
import type { Database } from '../schema.js';

const lit = (n: number) => sql.lit(n);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The lock a try sets, given the failures it brings the count to (null while tries are free). */
function lockAfter(failures: RawBuilder<unknown>, now: RawBuilder<unknown>, policy: BackoffPolicy) {
  const steps = delaySteps(policy);
  const cases = steps.map((d, i) => sql`when ${lit(policy.free + i)} then ${lit(d)}`);
  // A policy whose first wait is already its longest has no steps, and `case x else … end` is not SQL.
  const delay =
    cases.length === 0
      ? lit(policy.maxDelayMs)
      : sql`case ${failures} ${sql.join(cases, sql` `)} else ${lit(policy.maxDelayMs)} end`;
  return sql`case when ${failures} < ${lit(policy.free)} then null else ${now} + ${delay} end`;
}

export function createAttemptStore(db: Kysely<Database>): AttemptStore {
  return {
    async bookAttempt(key, policy, at) {
      const now = sql`cast(${at} as bigint)`;
      const t = sql.id('portal_attempts');
      const blocked = sql`(${t}.locked_until is not null and ${t}.locked_until > ${now})`;
      const fresh = sql`(${now} - ${t}.window_started_at >= ${lit(policy.windowMs)})`;
      const failures = sql`(case when ${fresh} then 1 else ${t}.failures + 1 end)`;
      const expires = sql`${now} + ${lit(keepFor(policy))}`;
      const { rows } = await sql<{
        admitted: number;
        failures: number;
        window_started_at: unknown;
        locked_until: unknown;
      }>`
        insert into portal_attempts (key, failures, window_started_at, locked_until, admitted, updated_at, expires_at)
        values (${key}, 1, ${now}, ${lockAfter(sql`1`, now, policy)}, 1, ${now}, ${expires})
        on conflict (key) do update set
          admitted = case when ${blocked} then 0 else 1 end,
          failures = case when ${blocked} then ${t}.failures else ${failures} end,
          window_started_at = case when ${blocked} or not ${fresh} then ${t}.window_started_at else ${now} end,
          locked_until = case when ${blocked} then ${t}.locked_until else ${lockAfter(failures, now, policy)} end,
          updated_at = case when ${blocked} then ${t}.updated_at else ${now} end,
          expires_at = case when ${blocked} then ${t}.expires_at else ${expires} end
        returning admitted, failures, window_started_at, locked_until`.execute(db);
      const r = rows[0]!;
      const counter = {
        failures: Number(r.failures),
        windowStartedAt: Number(r.window_started_at),
        lockedUntil: num(r.locked_until),
      };
      if (Number(r.admitted) === 1) return { admitted: true, counter };
      return { admitted: false, counter, lockedUntil: counter.lockedUntil ?? at };
    },

    async refundAttempt(key, policy, at) {
      await sql`
        update portal_attempts set
          failures = case when failures > 0 then failures - 1 else 0 end,
          locked_until = case when failures - 1 < ${lit(policy.free)} then null else locked_until end,
          updated_at = cast(${at} as bigint)
        where key = ${key}`.execute(db);
    },

    async clearAttempt(key) {
      await db.deleteFrom('portal_attempts').where('key', '=', key).execute();
    },

    async pruneAttempts(at, maxRows) {
      const expired = await db.deleteFrom('portal_attempts').where('expires_at', '<=', at).executeTakeFirst();
      let removed = Number(expired.numDeletedRows);
      const count = await db
        .selectFrom('portal_attempts')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      const excess = Number(count.n) - maxRows;
      if (excess > 0) {
        // Over the bound only under a flood of fresh keys: the rows nearest their end go first.
        const oldest = db
          .selectFrom('portal_attempts')
          .select('key')
          .orderBy('expires_at')
          .limit(lit(excess));
        const r = await db.deleteFrom('portal_attempts').where('key', 'in', oldest).executeTakeFirst();
        removed += Number(r.numDeletedRows);
      }
      return removed;
    },
  };
}
