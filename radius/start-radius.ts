// The radius role: wires the services with the metrics, the pipeline and the sockets, and keeps the auth log
// and sessions within their retention. Called by src/server.ts; returns the bound ports and a stop that flushes the log.
import type { Logger } from '../src/logger.js';
import type { Keyring } from '../src/services/keyring.js';
import type { PlanStore } from '../src/services/plans/plans.js';
import { createLoginTicketService, type LoginTicketStore } from '../src/services/portal/login-tickets.js';
import type { RegistrationStore } from '../src/services/portal/registration.js';
import { type AccountingStore, createAccountingService } from '../src/services/radius/accounting.js';
import { type AuthLogStore, createAuthLogService } from '../src/services/radius/auth-log.js';
import { createSubjectService, type SubjectStore } from '../src/services/radius/radius-auth.js';
import { createNasService, type NasService, type NasStore } from '../src/services/radius/radius-nas.js';
import { createDropReporter } from './drop-reporter.js';
import type { RadiusMetrics } from './metrics.js';
import { createPipeline, type Pipeline } from './pipeline/pipeline.js';
import { startRadiusListeners } from './server.js';

export interface RadiusSettings {
  readonly host: string;
  readonly authPort: number;
  readonly acctPort: number;
  readonly macAuthPassword: string;
  readonly interimIntervalS: number;
  readonly timeZone: string;
  readonly authLogRetentionDays: number;
  /** Ended sessions older than this are deleted (usage_daily keeps the totals). */
  readonly sessionRetentionDays: number;
  /** Parallel lookups: 1 on SQLite (one connection), more on PostgreSQL. */
  readonly lookupConcurrency: number;
}

/** The stores the radius role reads and writes (db/stores implements them; createStores has them all). */
export interface RadiusStores {
  readonly radius: NasStore & SubjectStore;
  readonly accounting: AccountingStore;
  readonly authLog: AuthLogStore;
  /** For login tickets: using one binds the router's Calling-Station-Id to the ticket's account. */
  readonly loginTickets: LoginTicketStore;
  readonly portal: Pick<RegistrationStore, 'findAccount' | 'liveDevices'>;
  readonly plans: Pick<PlanStore, 'findById' | 'findDefault'>;
}

export interface RadiusRole {
  readonly authPort: number;
  readonly acctPort: number;
  readonly pipeline: Pipeline;
  stop(): Promise<void>;
}

/** The pipeline and the services behind it, without sockets (tests drive it directly). */
export function createRadiusPipeline(deps: {
  stores: RadiusStores;
  keyring: Keyring;
  now: () => number;
  metrics: RadiusMetrics;
  settings: Omit<RadiusSettings, 'host' | 'authPort' | 'acctPort'>;
  logger?: Logger;
  /** The process's shared router lookup, so that changing a router can invalidate it; one of its own otherwise. */
  nas?: NasService;
}) {
  const { metrics, settings } = deps;
  const radiusStore = deps.stores.radius;
  const authLog = createAuthLogService({
    store: deps.stores.authLog,
    now: deps.now,
    retentionDays: settings.authLogRetentionDays,
    onWrite: (n) => metrics.authLogWrites.inc({}, n),
    onError: (error) => deps.logger?.error({ err: error }, 'auth log write failed'),
  });
  const accounting = createAccountingService({
    store: deps.stores.accounting,
    timeZone: settings.timeZone,
    onCommit: (ops, ok) => {
      metrics.accountingCommits.inc({ outcome: ok ? 'ok' : 'error' });
      if (!ok) return;
      for (const op of ops) {
        metrics.accountingWrites.inc({ status: op.kind === 'record' ? op.record.status : 'close-router' });
      }
    },
  });
  const drops = createDropReporter({
    authLog,
    now: deps.now,
    log: (e) =>
      deps.logger?.warn({ router: e.router, source: e.source, reason: e.reason, packets: e.count }, e.hint),
  });
  const pipeline = createPipeline({
    nas: deps.nas ?? createNasService({ store: radiusStore, keyring: deps.keyring, now: deps.now }),
    subjects: createSubjectService({
      store: radiusStore,
      keyring: deps.keyring,
      now: deps.now,
      timeZone: settings.timeZone,
      interimIntervalS: settings.interimIntervalS,
      concurrency: settings.lookupConcurrency,
    }),
    accounting,
    authLog,
    metrics,
    macAuthPassword: settings.macAuthPassword,
    tickets: createLoginTicketService({
      stores: { tickets: deps.stores.loginTickets, accounts: deps.stores.portal, plans: deps.stores.plans },
      keyring: deps.keyring,
      now: deps.now,
    }),
    now: deps.now,
    onError: (error) => deps.logger?.error({ err: error }, 'radius request failed'),
    drops,
  });
  return { pipeline, authLog, accounting, drops };
}

export async function startRadius(deps: {
  stores: RadiusStores;
  keyring: Keyring;
  logger: Logger;
  metrics: RadiusMetrics;
  settings: RadiusSettings;
  nas?: NasService;
}): Promise<RadiusRole> {
  const { pipeline, authLog, accounting, drops } = createRadiusPipeline({ ...deps, now: Date.now });
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
      const sessions = await deps.stores.accounting.deleteSessionsEndedBefore(cutoff);
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
    pipeline,
    async stop() {
      clearInterval(pruneTimer);
      await listeners.close();
      await accounting.drain();
      drops.flush();
      await authLog.flush();
    },
  };
}
