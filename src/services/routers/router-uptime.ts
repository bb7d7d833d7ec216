// Books each health poll into the routers' daily uptime (what the access-point report shows), in the village's
// time zone. Called after every poll; the store keeps the last poll and adds the span since it in one write.
import { dayOf } from '../../domain/quota-day.js';
import { type HealthMark, type UptimeSpan, uptimeSpans } from '../../domain/uptime-spans.js';

export interface RouterUptimeStore {
  /**
   * In one transaction: reads the router's last mark, adds the spans `compute` returns, raises the day's peak
   * of live sessions to the mark's, stores the new mark. The mark's day is its own (`day`).
   */
  markHealth(
    routerId: number,
    mark: HealthMark & { readonly day: string },
    compute: (previous: HealthMark | undefined) => readonly UptimeSpan[],
  ): Promise<void>;
}

/** Polls run every 30 s; a gap of more than 10 minutes means the agent was away, and that time is unknown. */
export const UPTIME_MAX_GAP_MS = 10 * 60_000;

export function createRouterUptime(deps: { store: RouterUptimeStore; timeZone: string }) {
  return {
    record(routerId: number, at: number, health: 'up' | 'down', liveSessions = 0): Promise<void> {
      return deps.store.markHealth(
        routerId,
        { at, health, liveSessions, day: dayOf(at, deps.timeZone) },
        (previous) => uptimeSpans(previous, at, deps.timeZone, UPTIME_MAX_GAP_MS),
      );
    },
  };
}

export type RouterUptime = ReturnType<typeof createRouterUptime>;
