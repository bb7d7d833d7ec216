// The plan pages' view of the router outbox: the newest job per router and payload, with the router's name, and
// a failed job queued again (with its audit row) for the agent to deliver.
import type { Kysely } from 'kysely';
import type { PlanPushStore, PushState } from '../../src/services/plans/plan-pushes.js';
import type { Database } from '../schema.js';
import { withAudit } from './audit-store.js';

export function createPlanPushStore(db: Kysely<Database>): PlanPushStore {
  return {
    async latestJobs(kind, payload) {
      let newest = db
        .selectFrom('router_jobs')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('kind', '=', kind)
        .groupBy(['router_id', 'payload']);
      if (payload !== undefined) newest = newest.where('payload', '=', payload);
      const rows = await db
        .selectFrom('router_jobs as j')
        .innerJoin('routers as r', 'r.id', 'j.router_id')
        .select([
          'j.id',
          'j.router_id',
          'r.name',
          'j.payload',
          'j.state',
          'j.attempts',
          'j.last_error',
          'j.updated_at',
          'j.next_try_at',
        ])
        .where('j.id', 'in', newest)
        .execute();
      return rows.map((r) => ({
        jobId: r.id,
        routerId: r.router_id,
        routerName: r.name,
        payload: r.payload,
        state: r.state as PushState,
        attempts: r.attempts,
        lastError: r.last_error,
        updatedAt: Number(r.updated_at),
        nextTryAt: Number(r.next_try_at),
      }));
    },

    requeueFailed(jobId, at, audit) {
      return withAudit(db, audit, async (trx) => {
        const r = await trx
          .updateTable('router_jobs')
          .set({ state: 'pending', next_try_at: at, updated_at: at })
          .where('id', '=', jobId)
          .where('state', '=', 'failed')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new NotFailed();
        return true;
      }).catch((err) => {
        if (err instanceof NotFailed) return false;
        throw err;
      });
    },
  };
}

/** Rolls the audit row back when there was nothing to requeue. */
class NotFailed extends Error {}
