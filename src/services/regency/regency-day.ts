// One local day of a village as the regency receives it, built from the report store's queries (so the regency's
// totals are the village's own report) and the voucher counts. Only keys of groups (router, dusun, plan names)
// and counts go out: the result is checked against the wire schema and for anything personal before it is used.
import { bornOnOrBefore } from '../../domain/account-rules.js';
import { quotaDay } from '../../domain/quota-day.js';
import {
  personalDataIn,
  type RegencyDay,
  regencyDaySchema,
  type UsageFiguresWire,
} from '../../domain/regency-payload.js';
import { ServiceError } from '../errors.js';
import type { CoverageFigures, Keyed, UsageFigures } from '../reports/report-ports.js';
import type { RegencyDaySource } from './regency-link-ports.js';

export interface DayBuildSettings {
  readonly timeZone: string;
  /** WARGANET_MIN_AGE, as the coverage report counts residents. */
  readonly minAge: number;
}

/** [start, end) of a local day in epoch ms. */
export function dayWindow(day: string, timeZone: string): { start: number; end: number } {
  // Noon UTC falls on the same calendar day in every zone from UTC-11 to UTC+11 (Indonesia: +7 to +9).
  const w = quotaDay(Date.parse(`${day}T12:00:00Z`), timeZone);
  return { start: w.start, end: w.end };
}

/** A group key the village chose, as the wire's label takes it (1–80 characters). */
function label(key: string): string {
  const k = key.trim();
  return k === '' ? '-' : [...k].slice(0, 80).join('');
}

const figures = (f: UsageFigures): UsageFiguresWire => ({
  bytesDown: f.bytesDown,
  bytesUp: f.bytesUp,
  sessions: f.sessions,
  devices: f.devices,
  residents: f.residents,
});

/** Rows of one dimension; two keys that become one label (trimmed, cut) are added up, distinct counts maxed. */
function keyed(report: Keyed<UsageFigures>): Array<UsageFiguresWire & { key: string }> {
  const out = new Map<string, UsageFiguresWire & { key: string }>();
  for (const r of report.rows) {
    const key = label(r.key);
    const seen = out.get(key);
    if (!seen) out.set(key, { key, ...figures(r) });
    else
      out.set(key, {
        key,
        bytesDown: seen.bytesDown + r.bytesDown,
        bytesUp: seen.bytesUp + r.bytesUp,
        sessions: seen.sessions + r.sessions,
        devices: Math.max(seen.devices, r.devices),
        residents: Math.max(seen.residents, r.residents),
      });
  }
  return [...out.values()];
}

/**
 * Rows whose wire key came out the same (a name trimmed or cut to the label's 80 characters) made one, since the
 * key is a row's identity at the regency.
 */
function mergeBy<T>(rows: readonly T[], key: (r: T) => string, merge: (a: T, b: T) => T): T[] {
  const out = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const seen = out.get(k);
    out.set(k, seen === undefined ? r : merge(seen, r));
  }
  return [...out.values()];
}

/** The report's `dusun / RW x / RT y` key back into its parts (the last markers win: a dusun may hold anything). */
export function splitCoverageKey(key: string): { dusun: string; rw: string; rt: string } {
  const rtAt = key.lastIndexOf(' / RT ');
  const rwAt = rtAt < 0 ? -1 : key.lastIndexOf(' / RW ', rtAt);
  if (rtAt < 0 || rwAt < 0) return { dusun: label(key), rw: '', rt: '' };
  return {
    dusun: label(key.slice(0, rwAt)),
    rw: key.slice(rwAt + 6, rtAt).slice(0, 8),
    rt: key.slice(rtAt + 6).slice(0, 8),
  };
}

export class RegencyDataError extends ServiceError {
  constructor(
    readonly day: string,
    readonly paths: readonly string[],
  ) {
    super(
      'invalid-input',
      `data hari ${day} tidak dapat dikirim ke kabupaten: ${paths.slice(0, 5).join(', ')} ` +
        '(nama router/dusun/paket tampak seperti data pribadi atau tidak sah; ganti namanya)',
    );
  }
}

/** The day's aggregates, checked; `final` false for "today so far". Throws RegencyDataError when not sendable. */
export async function buildRegencyDay(
  source: RegencyDaySource,
  day: string,
  opts: DayBuildSettings & {
    now: number;
    final: boolean;
    /**
     * Coverage is the roster as it stands, the same for every day closed in one run (a backfill of a year):
     * read once and kept here.
     */
    coverageMemo?: { rows?: Keyed<CoverageFigures> };
  },
): Promise<RegencyDay> {
  const { reports } = source;
  const monthStart = `${day.slice(0, 8)}01`;
  const { start, end } = dayWindow(day, opts.timeZone);
  const [byRouter, byDusun, byPlan, month, coverage, heat, points, vouchers] = await Promise.all([
    reports.usage(day, day, 'router'),
    reports.usage(day, day, 'dusun'),
    reports.usage(day, day, 'plan'),
    reports.usageTotals(monthStart, day),
    opts.coverageMemo?.rows ?? reports.coverage('rt', bornOnOrBefore(opts.minAge, opts.now)),
    reports.heatMap(day, day),
    reports.accessPoints(day, day),
    source.vouchers(start, end),
  ]);
  if (opts.coverageMemo) opts.coverageMemo.rows = coverage;
  const candidate: RegencyDay = {
    day,
    final: opts.final,
    computedAt: new Date(opts.now).toISOString(),
    coverage: mergeBy(
      coverage.rows.map((r) => ({
        ...splitCoverageKey(r.key),
        residents: r.residents,
        registered: r.registered,
        households: r.households,
        householdsConnected: r.householdsConnected,
      })),
      (r) => `${r.dusun}\u0000${r.rw}\u0000${r.rt}`,
      (a, b) => ({
        ...a,
        residents: a.residents + b.residents,
        registered: a.registered + b.registered,
        households: a.households + b.households,
        householdsConnected: a.householdsConnected + b.householdsConnected,
      }),
    ),
    usage: {
      totals: figures(byRouter.totals),
      byRouter: keyed(byRouter),
      byDusun: keyed(byDusun),
      byPlan: keyed(byPlan),
      monthToDate: { devices: month.devices, residents: month.residents },
    },
    // One day: every cell has the same weekday, so the hour alone keys it.
    hourly: heat
      .filter((c) => c.bytes > 0 || c.sessions > 0)
      .map((c) => ({ hour: c.hour, bytes: c.bytes, sessions: c.sessions })),
    uptime: mergeBy(
      points.map((p) => ({
        router: label(p.name),
        upMs: p.upMs,
        downMs: p.downMs,
        peakSessions: p.peakSessions,
      })),
      (r) => r.router,
      (a, b) => ({
        router: a.router,
        upMs: a.upMs + b.upMs,
        downMs: a.downMs + b.downMs,
        peakSessions: Math.max(a.peakSessions, b.peakSessions),
      }),
    ),
    vouchers,
  };
  return checkedDay(candidate);
}

/** The wire schema and the personal-data check, as the Worker applies them. */
export function checkedDay(candidate: unknown): RegencyDay {
  const parsed = regencyDaySchema.safeParse(candidate);
  const day = String((candidate as { day?: unknown })?.day ?? '?');
  if (!parsed.success)
    throw new RegencyDataError(
      day,
      parsed.error.issues.map((i) => `$.${i.path.join('.')}`),
    );
  const personal = personalDataIn(parsed.data);
  if (personal.length > 0) throw new RegencyDataError(day, personal);
  return parsed.data;
}
