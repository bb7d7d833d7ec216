// The radius role: wires the services with the metrics, the pipeline and the sockets, and keeps the auth log
// and sessions within their retention. Called by src/server.ts; returns the bound ports and a stop that flushes the log.

import type { Logger } from '../src/logger.js';
import type { StorageHealth } from '../src/services/health/storage-health.js';
import type { RadiusObserver, RadiusServices } from '../src/services/radius/radius-services.js';
import type { StepDownWatcher } from '../src/services/radius/step-down.js';
import { coaLiveSessions } from './coa-live-sessions.js';
import { createDropReporter } from './drop-reporter.js';
import type { RadiusMetrics } from './metrics.js';
import { createPipeline, type Pipeline } from './pipeline/pipeline.js';
import { startRadiusListeners } from './server.js';

export interface RadiusSettings {
  readonly host: string;
  readonly authPort: number;
  readonly acctPort: number;
  readonly macAuthPassword: string;
  /** Ended sessions older than this are deleted (usage_daily keeps the totals). */
  readonly sessionRetentionDays: number;
  /** The routers' `/radius incoming` port, for a plan's step-down by CoA; absent: no step-down CoA. */
  readonly coaPort?: number | undefined;
}

/** The RADIUS use cases the role drives, built once by createServices (src/compose.ts). */
export type RadiusRoleServices = Pick<
  RadiusServices,
  'nas' | 'subjects' | 'accounting' | 'authLog' | 'tickets' | 'pruneEndedSessions'
> &
  Partial<Pick<RadiusServices, 'vouchers' | 'interimIntervalS' | 'institutions' | 'stepDown'>>;

/** The role's metrics and logs, for createServices to hand to the auth log and accounting it builds. */
export function radiusObserver(
  metrics: RadiusMetrics,
  logger?: Pick<Logger, 'error'>,
  storage?: StorageHealth,
): RadiusObserver {
  return {
    onAuthLogWrite: (n) => {
      metrics.authLogWrites.inc({}, n);
      storage?.succeeded();
    },
    onAuthLogError: (error) => {
      storage?.failed(error);
      logger?.error({ err: error }, 'auth log write failed');
    },
    onAccountingCommit: (ops, ok, error) => {
      metrics.accountingCommits.inc({ outcome: ok ? 'ok' : 'error' });
      // Unanswered, the router resends: the next commit that works clears the problem by itself.
      if (!ok) return storage?.failed(error);
      storage?.succeeded();
      for (const op of ops) {
        metrics.accountingWrites.inc({ status: op.kind === 'record' ? op.record.status : 'close-router' });
      }
    },
  };
}

export interface RadiusRole {
  readonly authPort: number;
  readonly acctPort: number;
  /** The socket receive buffer the kernel granted (see RADIUS_RECV_BUFFER_BYTES). */
  readonly recvBufferBytes: number;
  readonly pipeline: Pipeline;
  stop(): Promise<void>;
}

/** The pipeline over the services, without sockets (tests drive it directly). */
export function createRadiusPipeline(deps: {
  services: RadiusRoleServices;
  now: () => number;
  metrics: RadiusMetrics;
  settings: Pick<RadiusSettings, 'macAuthPassword'>;
  logger?: Logger;
  /** Watches stored accounting for a plan's step-down (CoA); absent: none. */
  stepDown?: StepDownWatcher | undefined;
}) {
  const { services, metrics } = deps;
  const drops = createDropReporter({
    authLog: services.authLog,
    now: deps.now,
    log: (e) =>
      deps.logger?.warn({ router: e.router, source: e.source, reason: e.reason, packets: e.count }, e.hint),
  });
  const pipeline = createPipeline({
    nas: services.nas,
    subjects: services.subjects,
    accounting: services.accounting,
    authLog: services.authLog,
    metrics,
    macAuthPassword: deps.settings.macAuthPassword,
    tickets: services.tickets,
    institutions: services.institutions,
    stepDown: deps.stepDown,
    vouchers: services.vouchers && {
      vouchers: services.vouchers,
      interimIntervalS: services.interimIntervalS ?? 300,
    },
    now: deps.now,
    onError: (error) => deps.logger?.error({ err: error }, 'radius request failed'),
    drops,
  });
  return { pipeline, authLog: services.authLog, accounting: services.accounting, drops };
}

export async function startRadius(deps: {
  services: RadiusRoleServices;
  logger: Logger;
  metrics: RadiusMetrics;
  settings: RadiusSettings;
}): Promise<RadiusRole> {
  const coaPort = deps.settings.coaPort;
  const stepDown =
    coaPort === undefined
      ? undefined
      : deps.services.stepDown?.(coaLiveSessions({ port: coaPort, timeoutMs: 1500, retries: 1 }), {
          onResult: (o) => deps.logger.info({ ...o }, 'step-down: session rate lowered'),
          onError: (err) => deps.logger.warn({ err }, 'step-down check failed'),
        });
  const { pipeline, authLog, accounting, drops } = createRadiusPipeline({ ...deps, now: Date.now, stepDown });
  const listeners = await startRadiusListeners({
    host: deps.settings.host,
    authPort: deps.settings.authPort,
    acctPort: deps.settings.acctPort,
    pipeline,
    onError: (error) => deps.logger.warn({ err: error }, 'radius socket error'),
  });
  const prune = async () => {
    try {
      const authRows = await authLog.prune();
      const cutoff = Date.now() - deps.settings.sessionRetentionDays * 86_400_000;
      const sessions = await deps.services.pruneEndedSessions(cutoff);
      if (authRows + sessions > 0) deps.logger.info({ authRows, sessions }, 'retention: old records deleted');
    } catch (error) {
      deps.logger.warn({ err: error }, 'retention prune failed');
    }
  };
  void prune();
  const pruneTimer = setInterval(prune, 60 * 60 * 1000);
  pruneTimer.unref();
  return {
    authPort: listeners.authPort,
    acctPort: listeners.acctPort,
    recvBufferBytes: listeners.recvBufferBytes,
    pipeline,
    async stop() {
      clearInterval(pruneTimer);
      await listeners.close();
      await accounting.drain();
      await stepDown?.settled();
      drops.flush();
      await authLog.flush();
    },
  };
}
