// The Worker's cron: villages with no day for STOPPED_AFTER_DAYS days or more are marked as stopped (the page of
// villages not reporting lists them from their last day), expired replay nonces and sessions are pruned. Nothing
// else needs compacting: a village's coverage is one snapshot, replaced in place at ingest.
import { quotaDay } from '../../domain/quota-day.js';
import { addDays } from '../../domain/report-period.js';
import type { MaintenanceStore } from './regency-ports.js';
import { STOPPED_AFTER_DAYS } from './regency-view.js';

export interface MaintenanceDeps {
  readonly store: MaintenanceStore;
  readonly now: () => number;
  readonly timeZone: string;
}

export function createRegencyMaintenance(deps: MaintenanceDeps) {
  return {
    async run() {
      const now = deps.now();
      const cutoff = addDays(quotaDay(now, deps.timeZone).day, 1 - STOPPED_AFTER_DAYS);
      const [stopped, nonces, sessions] = await Promise.all([
        deps.store.markStopped(cutoff),
        deps.store.pruneNonces(now),
        deps.store.pruneSessions(now),
      ]);
      return { stopped, nonces, sessions };
    },
  };
}

export type RegencyMaintenance = ReturnType<typeof createRegencyMaintenance>;
