// Makes dropped packets visible: a packet from an unknown address, under the wrong secret or without
// Message-Authenticator gets no answer, so the router only says "timeout". Per router (or address) and reason,
// at most one auth-log record and one log line with the likely fix a minute: a misconfigured router resends every
// second, and a flood must not become a flood of writes. Drops in between are counted in memory and carried by
// the next record (or by `flush`, when the server stops). Past MAX_KEYS sources (a spoofed flood) further
// addresses share one key per reason. O(1) per packet.
import { dropHint, isReportedDrop, type ReportedDrop } from '../src/domain/radius-drops.js';
import type { AuthLogService } from '../src/services/radius/auth-log.js';

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
  /** Records the drops counted since each key's last record (call before flushing the auth log). */
  flush(): void;
}

interface Seen {
  reportedAt: number;
  held: number;
  readonly reason: ReportedDrop;
  readonly source: string | null;
  readonly routerId: number | null;
}

const WINDOW_MS = 60_000;
/** Keys remembered at once; past this (a spoofed flood) further addresses share one key per reason. */
const MAX_KEYS = 10_000;

export function createDropReporter(deps: {
  authLog: Pick<AuthLogService, 'record'>;
  now: () => number;
  log: (event: DropEvent) => void;
}): DropReporter {
  const seen = new Map<string, Seen>();
  let prunedAt = 0;

  const keyOf = (reason: string, source: string, routerId: number | undefined, at: number) => {
    const key = `${routerId ?? source}\u0000${reason}`;
    if (seen.has(key) || seen.size < MAX_KEYS) return key;
    // Full: forget keys quiet for a window, at most once a second so a flood does not scan the map per packet.
    if (at - prunedAt >= 1000) {
      prunedAt = at;
      for (const [k, v] of seen) if (at - v.reportedAt >= WINDOW_MS && v.held === 0) seen.delete(k);
    }
    return seen.size < MAX_KEYS ? key : `*\u0000${reason}`;
  };

  const record = (e: Seen, at: number, count: number) =>
    deps.authLog.record({
      at,
      routerId: e.routerId,
      mac: null,
      username: null,
      decision: 'drop',
      reason: e.reason,
      source: e.source,
      count,
    });

  return {
    report({ reason, source, nas }) {
      if (!isReportedDrop(reason)) return;
      const at = deps.now();
      const key = keyOf(reason, source, nas?.routerId, at);
      const last = seen.get(key);
      if (last && at - last.reportedAt < WINDOW_MS) {
        last.held++;
        return;
      }
      const flood = key.startsWith('*');
      const entry: Seen = {
        reportedAt: at,
        held: 0,
        reason,
        source: flood ? null : source,
        routerId: flood ? null : (nas?.routerId ?? null),
      };
      seen.set(key, entry);
      const count = 1 + (last?.held ?? 0);
      record(entry, at, count);
      const router = flood ? null : (nas?.name ?? null);
      deps.log({
        reason,
        source: flood ? '(banyak alamat)' : source,
        routerId: entry.routerId,
        router,
        count,
        hint: dropHint(reason, { router, source: flood ? '(banyak alamat)' : source }),
      });
    },

    flush() {
      const at = deps.now();
      for (const e of seen.values()) {
        if (e.held === 0) continue;
        record(e, at, e.held);
        e.held = 0;
      }
    },
  };
}
