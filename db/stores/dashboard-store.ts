// The dashboard's figures, each read through an index: live sessions from sessions_state (state, router_id),
// today's data from usage_daily's key (day first), accounts by status and creation time (admin-indexes
// migration), failed jobs from router_jobs_due (state first), and the auth log's last hour through its
// primary key (below).
import { type Kysely, sql } from 'kysely';
import type { DashboardStore } from '../../src/services/dashboard/dashboard.js';
import type { Database } from '../schema.js';

/** Auth log rows are written within seconds of their first event, by one or several nodes; this covers the skew. */
const AUTH_LOG_WRITE_SKEW_MS = 5 * 60 * 1000;

export function createDashboardStore(db: Kysely<Database>): DashboardStore {
  const exists = async (table: 'residents' | 'plans') =>
    (await db.selectFrom(table).select('id').limit(1).executeTakeFirst()) !== undefined;

  return {
    async setupFacts() {
      const [residents, plans, routers] = await Promise.all([
        exists('residents'),
        exists('plans'),
        db
          .selectFrom('routers')
          .select([sql<number>`count(*)`.as('n'), sql<number>`count(provisioned_at)`.as('provisioned')])
          .executeTakeFirstOrThrow(),
      ]);
      return { residents, plans, routers: Number(routers.n), provisioned: Number(routers.provisioned) };
    },

    async routersWithSessions() {
      const [routers, live] = await Promise.all([
        db
          .selectFrom('routers')
          .select(['id', 'name', 'health', 'health_changed_at', 'last_contact_at'])
          .execute(),
        db
          .selectFrom('sessions')
          .select(['router_id', sql<number>`count(*)`.as('n')])
          .where('state', '=', 'active')
          .groupBy('router_id')
          .execute(),
      ]);
      const counts = new Map(live.map((l) => [l.router_id, Number(l.n)]));
      const num = (v: number | string | null) => (v === null ? null : Number(v));
      return routers.map((r) => ({
        id: r.id,
        name: r.name,
        health: r.health,
        healthChangedAt: num(r.health_changed_at),
        lastContactAt: num(r.last_contact_at),
        liveSessions: counts.get(r.id) ?? 0,
      }));
    },

    async usageOfDay(day) {
      const row = await db
        .selectFrom('usage_daily')
        .select([
          sql<number | string | null>`cast(sum(bytes_in) as bigint)`.as('i'),
          sql<number | string | null>`cast(sum(bytes_out) as bigint)`.as('o'),
        ])
        .where('day', '=', day)
        .executeTakeFirst();
      return { bytesIn: Number(row?.i ?? 0), bytesOut: Number(row?.o ?? 0) };
    },

    async accountsCreatedSince(since) {
      const row = await db
        .selectFrom('accounts')
        .select(sql<number>`count(*)`.as('n'))
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async pendingAccounts() {
      const row = await db
        .selectFrom('accounts')
        .select(sql<number>`count(*)`.as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    // The auth log has no index on time (each would tax thousands of inserts a second; see the
    // auth-log-drop-at-index migration), but its ids grow with time: walking the primary key back from the
    // newest row to the first one written before the window gives the boundary, after which only the window's
    // rows are read.
    async rejectsSince(since, foldWindowMs) {
      const before = await db
        .selectFrom('auth_log')
        .select('id')
        .where('at', '<', since - foldWindowMs - AUTH_LOG_WRITE_SKEW_MS)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const rows = await db
        .selectFrom('auth_log')
        .select(['decision', 'reason', sql<number | string>`sum(count)`.as('n')])
        .where('id', '>', before?.id ?? 0)
        .where('last_at', '>=', since)
        .where('decision', 'in', ['reject', 'drop'])
        .groupBy(['decision', 'reason'])
        .execute();
      return rows.map((r) => ({ decision: r.decision, reason: r.reason, count: Number(r.n) }));
    },

    async failedJobs(latest) {
      const [count, rows] = await Promise.all([
        db
          .selectFrom('router_jobs')
          .select(sql<number>`count(*)`.as('n'))
          .where('state', '=', 'failed')
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('router_jobs as j')
          .innerJoin('routers as r', 'r.id', 'j.router_id')
          .select(['j.id', 'j.router_id', 'r.name', 'j.kind', 'j.attempts', 'j.last_error', 'j.updated_at'])
          .where('j.state', '=', 'failed')
          .orderBy('j.updated_at', 'desc')
          .orderBy('j.id', 'desc')
          .limit(latest)
          .execute(),
      ]);
      return {
        count: Number(count.n),
        latest: rows.map((j) => ({
          id: j.id,
          routerId: j.router_id,
          routerName: j.name,
          kind: j.kind,
          attempts: j.attempts,
          lastError: j.last_error,
          updatedAt: Number(j.updated_at),
        })),
      };
    },
  };
}
