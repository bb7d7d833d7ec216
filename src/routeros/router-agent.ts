// The agent role's router loops: poll every router's health on one clock, deliver the outbox on another, and
// deliver a router's pending work the moment it comes back. Each loop waits for its previous round, and a
// failing round is logged, never thrown: the loops outlive any router or database hiccup.
import type { Logger } from '../logger.js';
import type { RouterHealthService } from '../services/routers/router-health.js';
import type { JobRun, RouterJobRunner } from '../services/routers/router-jobs.js';

export interface RouterAgentOptions {
  readonly health: RouterHealthService;
  readonly runner: RouterJobRunner;
  readonly logger: Logger;
  readonly healthIntervalMs: number;
  readonly outboxIntervalMs: number;
}

export interface RunningRouterAgent {
  stop(): Promise<void>;
}

export function startRouterAgent(opts: RouterAgentOptions): RunningRouterAgent {
  const { logger } = opts;
  let stopped = false;
  const rounds = new Set<Promise<void>>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const logRuns = (runs: readonly JobRun[]) => {
    for (const r of runs) {
      const fields = { router: r.router, job: r.job.id, kind: r.job.kind, attempts: r.job.attempts };
      if (r.outcome === 'done') logger.info({ ...fields, detail: r.detail }, 'router job done');
      else
        logger.warn(
          { ...fields, outcome: r.outcome, error: r.detail, nextTryAt: r.nextTryAt },
          'router job not done',
        );
    }
  };

  async function healthRound(): Promise<void> {
    for (const p of await opts.health.pollAll()) {
      if (p.health !== p.previous) {
        const log = p.health === 'up' ? logger.info.bind(logger) : logger.warn.bind(logger);
        log({ router: p.router, from: p.previous, to: p.health, error: p.error }, 'router health changed');
      }
      if (p.closedSessions > 0)
        logger.info({ router: p.router, closed: p.closedSessions }, 'stale sessions closed');
      if (p.cameBack) logRuns(await opts.runner.runRouter(p.routerId));
    }
  }

  async function outboxRound(): Promise<void> {
    logRuns(await opts.runner.runDue());
  }

  function loop(name: string, round: () => Promise<void>, intervalMs: number): void {
    const tick = () => {
      if (stopped) return;
      const running = round()
        .catch((err: unknown) => logger.error({ err, loop: name }, 'router agent round failed'))
        .finally(() => {
          rounds.delete(running);
          if (stopped) return;
          const t = setTimeout(() => {
            timers.delete(t);
            tick();
          }, intervalMs);
          timers.add(t);
        });
      rounds.add(running);
    };
    tick();
  }

  loop('health', healthRound, opts.healthIntervalMs);
  loop('outbox', outboxRound, opts.outboxIntervalMs);

  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all(rounds);
    },
  };
}
