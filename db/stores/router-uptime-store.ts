// Daily router uptime from health polls (router_uptime_daily) and each router's last poll (router_health_marks).
import { type Kysely, sql } from 'kysely';
import type { RouterUptimeStore } from '../../src/services/routers/router-uptime.js';
import type { Database } from '../schema.js';

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
          await trx
            .insertInto('router_uptime_daily')
            .values({ day: s.day, router_id: routerId, up_ms: s.upMs, down_ms: s.downMs })
            .onConflict((oc) =>
              oc.columns(['day', 'router_id']).doUpdateSet((eb) => ({
                up_ms: eb('router_uptime_daily.up_ms', '+', eb.ref('excluded.up_ms')),
                down_ms: eb('router_uptime_daily.down_ms', '+', eb.ref('excluded.down_ms')),
              })),
            )
            .execute();
        }
        const peak = mark.liveSessions ?? 0;
        await trx
          .insertInto('router_uptime_daily')
          .values({ day: mark.day, router_id: routerId, peak_sessions: peak })
          .onConflict((oc) =>
            oc.columns(['day', 'router_id']).doUpdateSet({
              peak_sessions: sql<number>`case when router_uptime_daily.peak_sessions > ${peak}
                then router_uptime_daily.peak_sessions else ${peak} end`,
            }),
          )
          .execute();
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
