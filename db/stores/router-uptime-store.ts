// Router uptime from health polls, per day (router_uptime_daily), per month (router_uptime_monthly) and per year
// (router_uptime_yearly, so a month's or a year's report reads one row a router), and each router's last poll
// (router_health_marks).
import { type Kysely, sql } from 'kysely';
import type { RouterUptimeStore } from '../../src/services/routers/router-uptime.js';
import type { Database } from '../schema.js';
import { summingConflict } from './radius-sql.js';

type Uptime = 'router_uptime_daily' | 'router_uptime_monthly' | 'router_uptime_yearly';
type Period = 'day' | 'month' | 'year';

/** Adds a span's up and down milliseconds to a day's, a month's or a year's row. */
async function addSpan(
  trx: Kysely<Database>,
  table: Uptime,
  period: Period,
  value: string,
  routerId: number,
  upMs: number,
  downMs: number,
) {
  await sql`insert into ${sql.table(table)} (${sql.ref(period)}, router_id, up_ms, down_ms)
    values (${value}, ${routerId}, ${upMs}, ${downMs})
    ${sql.raw(summingConflict(table, [period, 'router_id'], ['up_ms', 'down_ms']))}`.execute(trx);
}

/** Raises a day's, a month's or a year's peak concurrent sessions to a poll's count if higher. */
async function raisePeak(
  trx: Kysely<Database>,
  table: Uptime,
  period: Period,
  value: string,
  routerId: number,
  peak: number,
) {
  await sql`insert into ${sql.table(table)} (${sql.ref(period)}, router_id, peak_sessions)
    values (${value}, ${routerId}, ${peak})
    on conflict (${sql.ref(period)}, router_id) do update set
      peak_sessions = case when ${sql.ref(`${table}.peak_sessions`)} > excluded.peak_sessions
        then ${sql.ref(`${table}.peak_sessions`)} else excluded.peak_sessions end`.execute(trx);
}

export function createRouterUptimeStore(db: Kysely<Database>): RouterUptimeStore {
  return {
    async markHealth(routerId, mark, compute) {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('router_health_marks')
          .select(['at', 'health'])
          .where('router_id', '=', routerId)
          .executeTakeFirst();
        const previous = row && { at: Number(row.at), health: row.health };
        for (const s of compute(previous)) {
          await addSpan(trx, 'router_uptime_daily', 'day', s.day, routerId, s.upMs, s.downMs);
          await addSpan(trx, 'router_uptime_monthly', 'month', s.day.slice(0, 7), routerId, s.upMs, s.downMs);
          await addSpan(trx, 'router_uptime_yearly', 'year', s.day.slice(0, 4), routerId, s.upMs, s.downMs);
        }
        const peak = mark.liveSessions ?? 0;
        await raisePeak(trx, 'router_uptime_daily', 'day', mark.day, routerId, peak);
        await raisePeak(trx, 'router_uptime_monthly', 'month', mark.day.slice(0, 7), routerId, peak);
        await raisePeak(trx, 'router_uptime_yearly', 'year', mark.day.slice(0, 4), routerId, peak);
        // Polls from two agents may interleave: the mark only moves forward.
        if (previous && previous.at >= mark.at) return;
        await trx
          .insertInto('router_health_marks')
          .values({ router_id: routerId, at: mark.at, health: mark.health })
          .onConflict((oc) => oc.column('router_id').doUpdateSet({ at: mark.at, health: mark.health }))
          .execute();
      });
    },
  };
}
