// Durations as operators write them (`30s`, `15m`, `4h`, `1d`, `1h30m`; a bare number is seconds), in seconds —
// the unit of Session-Timeout and Idle-Timeout.

const UNIT_SECONDS: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };
const DURATION = /^(?:\d+[dhms])+$/;

/** Whole seconds, or undefined when unreadable or zero. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (/^\d+$/.test(t)) return positive(Number(t));
  if (!DURATION.test(t)) return undefined;
  let total = 0;
  for (const [, n, unit] of t.matchAll(/(\d+)([dhms])/g)) total += Number(n) * UNIT_SECONDS[unit!]!;
  return positive(total);
}

const positive = (n: number) => (Number.isSafeInteger(n) && n > 0 ? n : undefined);

/** The shortest form: 14400 → `4h`, 5400 → `1h30m`, 0 → `0s`. */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return '0s';
  let rest = Math.round(seconds);
  let out = '';
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}
