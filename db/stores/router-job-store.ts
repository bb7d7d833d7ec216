// The outbox of RouterOS work (`router_jobs`): queued in the same database as the change that caused it, claimed
// with a lease so that two agents never run one job, retried until done.
import type { Kysely, Updateable } from 'kysely';
import type {
  RouterJob,
  RouterJobState,
  RouterJobStore,
} from '../../src/services/routers/router-ops-ports.js';
import type { Database, RouterJobTable } from '../schema.js';

function toJob(row: {
  id: number;
  router_id: number;
  kind: string;
  payload: string;
  state: string;
  attempts: number;
  next_try_at: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}): RouterJob {
  return {
    id: row.id,
    routerId: row.router_id,
    kind: row.kind,
    payload: row.payload,
    state: row.state as RouterJobState,
    attempts: row.attempts,
    nextTryAt: row.next_try_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createRouterJobStore(db: Kysely<Database>): RouterJobStore {
  // A job is settled only if it still holds our lease: one queued again while it ran stays pending (and due),
  // so the change that arrived meanwhile is delivered by another run.
  const settle = async (job: RouterJob, set: Updateable<RouterJobTable>) => {
    await db
      .updateTable('router_jobs')
      .set(set)
      .where('id', '=', job.id)
      .where('state', '=', 'pending')
      .where('next_try_at', '=', job.nextTryAt)
      .execute();
  };
  return {
    async enqueue(routerId, kind, payload, at) {
      return db.transaction().execute(async (trx) => {
        const same = await trx
          .selectFrom('router_jobs')
          .select('id')
          .where('router_id', '=', routerId)
          .where('kind', '=', kind)
          .where('payload', '=', payload)
          .where('state', '=', 'pending')
          .executeTakeFirst();
        if (same) {
          const row = await trx
            .updateTable('router_jobs')
            .set({ next_try_at: at, updated_at: at })
            .where('id', '=', same.id)
            .returningAll()
            .executeTakeFirstOrThrow();
          return toJob(row);
        }
        const row = await trx
          .insertInto('router_jobs')
          .values({
            router_id: routerId,
            kind,
            payload,
            state: 'pending',
            next_try_at: at,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toJob(row);
      });
    },

    async claim({ at, leaseUntil, limit, routerId }) {
      let query = db.selectFrom('router_jobs').selectAll().where('state', '=', 'pending');
      query =
        routerId === undefined
          ? query.where('next_try_at', '<=', at)
          : query.where('router_id', '=', routerId);
      const candidates = await query.orderBy('id').limit(limit).execute();
      const claimed: RouterJob[] = [];
      for (const c of candidates) {
        // Compare-and-set on next_try_at: whoever moves it first owns the job until the lease ends.
        const row = await db
          .updateTable('router_jobs')
          .set((eb) => ({ next_try_at: leaseUntil, attempts: eb('attempts', '+', 1), updated_at: at }))
          .where('id', '=', c.id)
          .where('state', '=', 'pending')
          .where('next_try_at', '=', c.next_try_at)
          .returningAll()
          .executeTakeFirst();
        if (row) claimed.push(toJob(row));
      }
      return claimed;
    },

    markDone: (job, at) => settle(job, { state: 'done', last_error: null, updated_at: at }),
    markRetry: (job, nextTryAt, error, at) =>
      settle(job, { next_try_at: nextTryAt, last_error: error, updated_at: at }),
    markFailed: (job, error, at) => settle(job, { state: 'failed', last_error: error, updated_at: at }),

    async listPending(routerId) {
      const rows = await db
        .selectFrom('router_jobs')
        .selectAll()
        .where('router_id', '=', routerId)
        .where('state', '=', 'pending')
        .orderBy('id')
        .execute();
      return rows.map(toJob);
    },

    async listForRouter(routerId, { includeDone, limit }) {
      let q = db.selectFrom('router_jobs').selectAll().where('router_id', '=', routerId);
      if (!includeDone) q = q.where('state', 'in', ['pending', 'failed']);
      const rows = await q.orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toJob);
    },

    async countFailed() {
      const rows = await db
        .selectFrom('router_jobs')
        .select((eb) => ['router_id', eb.fn.countAll<number | string>().as('n')])
        .where('state', '=', 'failed')
        .groupBy('router_id')
        .execute();
      return new Map(rows.map((r) => [r.router_id, Number(r.n)]));
    },

    async requeueFailed(routerId, jobId, at) {
      let q = db
        .updateTable('router_jobs')
        .set({ state: 'pending', next_try_at: at, updated_at: at })
        .where('router_id', '=', routerId)
        .where('state', '=', 'failed');
      if (jobId !== undefined) q = q.where('id', '=', jobId);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    async countPending() {
      const rows = await db
        .selectFrom('router_jobs')
        .select((eb) => ['router_id', eb.fn.countAll<number | string>().as('n')])
        .where('state', '=', 'pending')
        .groupBy('router_id')
        .execute();
      return new Map(rows.map((r) => [r.router_id, Number(r.n)]));
    },
  };
}
