// How RouterOS writes values, read back into something comparable: booleans (`yes`/`true`), durations
// (`1d2h`, `300ms`), comma lists and versions. Shared by the provisioning diff and the virtual router.

/** true for yes/true, false for no/false, undefined otherwise. */
export function parseBool(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'yes' || v === 'true') return true;
  if (v === 'no' || v === 'false') return false;
  return undefined;
}

const DURATION_UNITS_MS: ReadonlyArray<readonly [string, number]> = [
  ['w', 604_800_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];
const DURATION_PART = /(\d+)(ms|w|d|h|m|s)/g;

/**
 * Milliseconds from `1w2d3h4m5s`, `300ms`, `00:05:00` or a bare number of seconds; undefined when unreadable.
 * `none` and an empty value are null (no limit).
 */
export function parseRosDuration(value: string | undefined): number | null | undefined {
  const v = value?.trim().toLowerCase() ?? '';
  if (v === '' || v === 'none') return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const clock = /^(?:(\d+)d)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(v);
  if (clock) {
    const [, d, h, m, s, frac] = clock;
    return (
      Number(d ?? 0) * 86_400_000 +
      Number(h) * 3_600_000 +
      Number(m) * 60_000 +
      Number(s) * 1000 +
      Number((frac ?? '').padEnd(3, '0') || 0)
    );
  }
  if (v.replace(DURATION_PART, '') !== '') return undefined;
  let total = 0;
  for (const [, n, unit] of v.matchAll(DURATION_PART)) {
    total += Number(n) * DURATION_UNITS_MS.find(([u]) => u === unit)![1];
  }
  return total;
}

/** RouterOS's own spelling: 90000 → `1m30s`, 300 → `300ms`, 0 → `0s`. */
export function formatRosDuration(ms: number): string {
  if (ms <= 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const [unit, size] of DURATION_UNITS_MS) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}

/** The members of a comma list, trimmed, without empties. */
export function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** [major, minor, patch] from `7.18.2 (stable)`, `6.49.10 (long-term)` or `7.18rc3`; undefined if unreadable. */
export function parseRosVersion(text: string | undefined): [number, number, number] | undefined {
  const m = /^\s*(\d+)\.(\d+)(?:\.(\d+))?/.exec(text ?? '');
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** Whether `version` is at least `minimum` (`7.18`); an unreadable version counts as old. */
export function versionAtLeast(version: string | undefined, minimum: string): boolean {
  const v = parseRosVersion(version);
  const min = parseRosVersion(minimum)!;
  if (!v) return false;
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i]! > min[i]!;
  return true;
}
