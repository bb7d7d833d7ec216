// Provisioning applied as a background job that a page follows: applying a configuration to a router over a
// village uplink (the hotspot pages are downloaded by the router) can take minutes, so the request that starts
// it returns at once and the job page shows the steps done and to do. Jobs live in this process only: a restart
// ends them (the router keeps what was applied; provisioning again finishes the rest, as it compares first).
import { ServiceError } from '../errors.js';
import type { ProvisionOutcome } from './provisioning.js';

export type ProvisionJobState = 'running' | 'done' | 'failed';

export interface ProvisionJob {
  readonly id: number;
  readonly router: string;
  readonly actor: string;
  readonly state: ProvisionJobState;
  /** Changes applied so far, of `total` (0 of 0 while the router is still being read). */
  readonly applied: number;
  readonly total: number;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  /** What provisioning answered, once done. */
  readonly outcome: ProvisionOutcome | null;
  /** Why the job could not run (the router unreachable, no API settings), once failed. */
  readonly error: string | null;
}

export type ProvisionRun = (onStep: (applied: number, total: number) => void) => Promise<ProvisionOutcome>;

/** Jobs kept for their pages after they end; the oldest finished ones go first. */
const KEPT = 50;

export function createProvisionJobs(deps: {
  readonly now: () => number;
  /** A fault that is not a ServiceError: for the log. */
  readonly onError?: ((error: unknown, jobId: number) => void) | undefined;
}) {
  const jobs = new Map<number, ProvisionJob>();
  const tasks = new Map<number, Promise<void>>();
  let nextId = 1;

  const update = (id: number, change: Partial<ProvisionJob>) => {
    const job = jobs.get(id);
    if (job) jobs.set(id, { ...job, ...change });
  };

  function forget() {
    const ended = [...jobs.values()].filter((j) => j.state !== 'running');
    for (const j of ended.slice(0, Math.max(0, jobs.size - KEPT))) jobs.delete(j.id);
  }

  return {
    /** Starts applying to `router`; refused while another apply runs on the same router. */
    start(router: string, actor: string, run: ProvisionRun): number {
      const busy = [...jobs.values()].find((j) => j.state === 'running' && j.router === router);
      if (busy)
        throw new ServiceError(
          'conflict',
          `router ${router} sedang disiapkan (pekerjaan #${busy.id}); tunggu`,
        );
      forget();
      const id = nextId++;
      jobs.set(id, {
        id,
        router,
        actor,
        state: 'running',
        applied: 0,
        total: 0,
        startedAt: deps.now(),
        finishedAt: null,
        outcome: null,
        error: null,
      });
      const task = (async () => {
        try {
          const outcome = await run((applied, total) => update(id, { applied, total }));
          update(id, {
            state: 'done',
            outcome,
            applied: outcome.report.applied,
            total: outcome.report.changes.length,
            finishedAt: deps.now(),
          });
        } catch (err) {
          if (!(err instanceof ServiceError)) deps.onError?.(err, id);
          const error = err instanceof ServiceError ? err.message : 'kesalahan server; lihat log';
          update(id, { state: 'failed', error, finishedAt: deps.now() });
        }
      })().finally(() => tasks.delete(id));
      tasks.set(id, task);
      return id;
    },

    get(id: number): ProvisionJob {
      const job = jobs.get(id);
      if (!job) throw new ServiceError('not-found', `pekerjaan #${id} tidak ada (server dimulai ulang?)`);
      return job;
    },

    /** Resolves when every job of this process has finished (tests; a graceful stop). */
    async idle(): Promise<void> {
      while (tasks.size > 0) await Promise.all([...tasks.values()]);
    },
  };
}

export type ProvisionJobs = ReturnType<typeof createProvisionJobs>;
