// What the access points report derives from a router's raw figures: its peak sessions, uptime share and busiest
// hours. Pure rules, applied by the report store as it reads each router (a regency's 9,000 routers' rows are built
// once).
/**
 * The most concurrent sessions a router had in a period: the peak of its health polls (every 30 s), or the
 * sessions live now when the period holds today and they are more (accounting knows a login at once, the next
 * poll only 30 s later: a report read in between would show more sessions now than at the period's peak).
 */
export function periodPeak(polledPeak: number, liveNow: number, holdsToday: boolean): number {
  return holdsToday && liveNow > polledPeak ? liveNow : polledPeak;
}

/** Share of the observed time the router was up, 0–1; null when no poll covered the period. */
export function uptimeShare(upMs: number, downMs: number): number | null {
  const seen = upMs + downMs;
  return seen > 0 ? upMs / seen : null;
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * The (at most three) local hours with most bytes, busiest first, the earlier hour first on a tie; none without
 * bytes. Reads the 24 hours from `hourBytes[at]` on: a regency's routers' hours sit in one array, read in place.
 */
export function busiestHours(hourBytes: ArrayLike<number>, at = 0): readonly number[] {
  // One pass keeping the three best in three places (9,000 routers × 24 hours: sorting objects per router cost
  // ~60 ms, keeping them in an array spliced per hour a few).
  let first = -1;
  let second = -1;
  let third = -1;
  let firstBytes = 0;
  let secondBytes = 0;
  let thirdBytes = 0;
  for (let hour = 0; hour < 24; hour++) {
    const bytes = hourBytes[at + hour]!;
    if (!(bytes > 0)) continue;
    if (first < 0 || bytes > firstBytes) {
      third = second;
      thirdBytes = secondBytes;
      second = first;
      secondBytes = firstBytes;
      first = hour;
      firstBytes = bytes;
    } else if (second < 0 || bytes > secondBytes) {
      third = second;
      thirdBytes = secondBytes;
      second = hour;
      secondBytes = bytes;
    } else if (third < 0 || bytes > thirdBytes) {
      third = hour;
      thirdBytes = bytes;
    }
  }
  if (first < 0) return NONE;
  if (second < 0) return [first];
  return third < 0 ? [first, second] : [first, second, third];
}
