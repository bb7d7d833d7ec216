// Router uptime from health polls: the span between two polls is booked to the health the earlier poll saw,
// cut at local midnights so each local day gets its share. A gap longer than `maxGapMs` (the agent was not
// running) is booked to nobody: unknown time is neither up nor down.
import { quotaDay } from './quota-day.js';

export interface HealthMark {
  readonly at: number;
  readonly health: string;
  /** Hotspot hosts the router listed at this poll (0 when down). */
  readonly liveSessions?: number | undefined;
}

export interface UptimeSpan {
  readonly day: string;
  readonly upMs: number;
  readonly downMs: number;
}

export function uptimeSpans(
  previous: HealthMark | undefined,
  at: number,
  timeZone: string,
  maxGapMs: number,
): UptimeSpan[] {
  if (!previous || at <= previous.at || at - previous.at > maxGapMs) return [];
  if (previous.health !== 'up' && previous.health !== 'down') return [];
  const spans: UptimeSpan[] = [];
  let from = previous.at;
  while (from < at) {
    const window = quotaDay(from, timeZone);
    const to = Math.min(at, window.end);
    const ms = to - from;
    spans.push({
      day: window.day,
      upMs: previous.health === 'up' ? ms : 0,
      downMs: previous.health === 'down' ? ms : 0,
    });
    from = to;
  }
  return spans;
}
