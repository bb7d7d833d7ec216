// Makes dropped packets visible: a packet from an unknown address, under the wrong secret or without
// Message-Authenticator gets no answer, so the router only says "timeout". Every drop is counted in the auth log
// (which folds repeats into one row in memory and writes in batches), and a log line with the likely fix is
// written at most once a minute per router (or address) and reason: a misconfigured router resends every
// second. Past MAX_KEYS sources (a spoofed flood) drops fold into one row per reason. O(1) per packet.
import { dropHint, isReportedDrop, type ReportedDrop } from '../src/domain/radius-drops.js';
import type { AuthLogService } from '../src/services/auth-log.js';

export interface DropEvent {
  readonly reason: ReportedDrop;
  readonly source: string;
  readonly routerId: number | null;
  readonly router: string | null;
  /** Drops this line stands for: this one and those since the last line for the same key. */
  readonly count: number;
  readonly hint: string;
}

export interface DropReporter {
  report(drop: {
    reason: string;
    source: string;
    nas?: { routerId: number; name: string } | undefined;
  }): void;
}

const WINDOW_MS = 60_000;
/** Keys remembered at once; past this (a spoofed flood) further addresses share one key per reason. */
const MAX_KEYS = 10_000;

export function createDropReporter(deps: {
  authLog: Pick<AuthLogService, 'record'>;
  now: () => number;
  log: (event: DropEvent) => void;
}): DropReporter {
  const seen = new Map<string, { reportedAt: number; held: number }>();
  let prunedAt = 0;

  const keyOf = (reason: string, source: string, routerId: number | undefined, at: number) => {
    const key = `${routerId ?? source}\u0000${reason}`;
    if (seen.has(key) || seen.size < MAX_KEYS) return key;
    // Full: forget keys quiet for a window, at most once a second so a flood does not scan the map per packet.
    if (at - prunedAt >= 1000) {
      prunedAt = at;
      for (const [k, v] of seen) if (at - v.reportedAt >= WINDOW_MS) seen.delete(k);
    }
    return seen.size < MAX_KEYS ? key : `*\u0000${reason}`;
  };

  return {
    report({ reason, source, nas }) {
      if (!isReportedDrop(reason)) return;
      const at = deps.now();
      const key = keyOf(reason, source, nas?.routerId, at);
      const flood = key.startsWith('*');
      deps.authLog.record({
        at,
        routerId: flood ? null : (nas?.routerId ?? null),
        mac: null,
        username: null,
        decision: 'drop',
        reason,
        source: flood ? null : source,
      });
      const last = seen.get(key);
      if (last && at - last.reportedAt < WINDOW_MS) {
        last.held++;
        return;
      }
      seen.set(key, { reportedAt: at, held: 0 });
      const router = nas?.name ?? null;
      deps.log({
        reason,
        source,
        routerId: nas?.routerId ?? null,
        router,
        count: 1 + (last?.held ?? 0),
        hint: dropHint(reason, { router, source }),
      });
    },
  };
}
