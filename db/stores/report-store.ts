// The reports' aggregate queries over the rollups (usage_daily, usage_hourly, router uptime), the roster
// and the accounts. Every figure is a count or a sum per group; no row names a person.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { busiestHours, periodPeak, uptimeShare } from '../../src/domain/access-point-figures.js';
import type {
  CoverageDimension,
  Keyed,
  ReportStore,
  UsageFigures,
} from '../../src/services/reports/report-ports.js';
import type { Database } from '../schema.js';
import { inList, isPostgres, listOf, rowsOf } from './radius-sql.js';
import { createDistinctCacheStore } from './report-distinct-cache.js';
import { createUsageQueries, routerPeriodKeys, tile } from './report-usage.js';
import { serialQuery } from './serial-query.js';

const MS_DAY = 86_400_000;
/** usage_router_periods' columns of each local hour's bytes. */
const HOURS = Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`);
const n = (v: unknown) => Number(v ?? 0);
/** An access point's uptime figures as accessPoints reads them (after its id): from the uptime rollups and sessions. */
const UPTIME_FIGURES = ['t.up', 't.down', 't.peak', 'l.c'] as const;
/** routerUsage's columns as accessPoints reads them: the id, the bytes and sessions, then the 24 hours. */
const USAGE_FIGURES = ['id', 'down', 'up', 'sessions', ...HOURS] as const;
const encoder = new TextEncoder();
/**
 * The whole numbers of 'n0,n1,…' (how accessPoints reads its routers' figures and hours: one text for all routers),
 * `count` of them, or undefined when the text holds anything else. Read digit by digit into one typed array: a
 * regency's 250,000 numbers as 9,000 rows' fields, or split(',') and Number(), cost the driver's parse, an array per
 * router and the garbage collector's time several times over. The text's bytes, not its characters: reading a
 * typed array took two thirds of the time of charCodeAt, its encoding included.
 */
function numbersOf(text: string, count: number): Float64Array | undefined {
  const bytes = encoder.encode(text);
  const numbers = new Float64Array(count);
  let value = 0;
  let at = 0;
  for (let i = 0; i < bytes.length; i++) {
    const digit = bytes[i]! - 48;
    if (digit >= 0 && digit <= 9) {
      value = value * 10 + digit;
      continue;
    }
    // Anything but a comma, or more numbers than `count`.
    if (digit !== -4 || at === count - 1) return undefined;
    numbers[at++] = value;
    value = 0;
  }
  numbers[at] = value;
  return at === count - 1 ? numbers : undefined;
}
/**
 * A number read from a Float64Array as V8 keeps a small integer (in the object itself, no box): the routers' rows
 * are built from typed arrays, whose doubles made every figure of 9,000 rows a heap number for the collector.
 */
const small = (v: number): number => (v >= 0 && v <= 0x3fffffff ? v | 0 : v);
/** numbersOf, or (never seen: the columns are integer sums) the slow way for anything else, such as '1.0'. */
const allNumbersOf = (text: string | null, count: number): Float64Array =>
  count === 0 || text === null
    ? new Float64Array(0)
    : (numbersOf(text, count) ?? Float64Array.from(text.split(','), Number));
/** Where each router's numbers start in `numbers` (`width` a router, its id first). */
function startsById(numbers: Float64Array, width: number): Map<number, number> {
  const starts = new Map<number, number>();
  for (let at = 0; at < numbers.length; at += width) starts.set(numbers[at]!, at);
  return starts;
}
const isoOfDayNumber = (d: unknown) => new Date(n(d) * MS_DAY).toISOString().slice(0, 10);

/** The whole months (YYYY-MM) and the other days that make up [from, to]. */
function monthsAndDays(from: string, to: string): { months: string[]; days: string[] } {
  const { periods, loose } = tile(from, to, false);
  const months = periods.flatMap((p) =>
    p.startsWith('y:')
      ? Array.from({ length: 12 }, (_, i) => `${p.slice(2)}-${String(i + 1).padStart(2, '0')}`)
      : [p.slice(2)],
  );
  return { months, days: loose };
}

export function createReportStore(db: Kysely<Database>): ReportStore {
  const pg = isPostgres(db);

  function coverageKey(by: CoverageDimension): RawBuilder<string> {
    if (by === 'dusun') return sql`r.dusun`;
    if (by === 'rw') return sql`r.dusun || ' / RW ' || r.rw`;
    return sql`r.dusun || ' / RW ' || r.rw || ' / RT ' || r.rt`;
  }

  /** Per group and household: its adults, registered adults, and whether any member is registered. */
  async function coverageHouseholds(key: RawBuilder<string>, bornBy: string) {
    // Adults (or unknown birth date, as the portal admits them) count as residents; every active roster member
    // counts towards households, since a KK is a household whatever its members' ages. One pass over the
    // roster (a village's few thousand rows); the totals' distinct households are counted from the same rows.
    const { rows } = await sql<{
      key: string | null;
      kk: string;
      residents: unknown;
      registered: unknown;
      connected: unknown;
    }>`
      select ${key} as key, r.kk_index as kk,
        count(distinct case when r.birth_date is null or r.birth_date <= ${bornBy} then r.id end) as residents,
        count(distinct case when (r.birth_date is null or r.birth_date <= ${bornBy}) and a.id is not null
          then r.id end) as registered,
        count(a.id) as connected
      from residents r
      left join accounts a on a.resident_id = r.id and a.status = 'active'
      where r.active = 1
      group by 1, 2
      order by 1`.execute(db);
    return rows;
  }

  /** Institutions' traffic, from their own rollup: one row per institution (removed ones by id). */
  async function institutionUsage(from: string, to: string): Promise<Keyed<UsageFigures>> {
    type Row = { key: unknown; down: unknown; up: unknown; sessions: unknown };
    const select = sql`sum(u.bytes_out) as down, sum(u.bytes_in) as up, sum(u.sessions) as sessions`;
    const where = sql`u.day >= ${from} and u.day <= ${to}`;
    const [grouped, total] = await Promise.all([
      sql<Row>`select coalesce(i.name, '#' || cast(u.institution_id as text)) as key, ${select}
        from usage_institution_daily u left join institutions i on i.id = u.institution_id
        where ${where} group by 1 order by 1`.execute(db),
      sql<Row>`select null as key, ${select} from usage_institution_daily u where ${where}`.execute(db),
    ]);
    const figures = (r: Row | undefined): UsageFigures => ({
      bytesDown: n(r?.down),
      bytesUp: n(r?.up),
      sessions: n(r?.sessions),
      devices: 0,
      residents: 0,
    });
    return {
      rows: grouped.rows.map((r) => ({ key: String(r.key), ...figures(r) })),
      totals: figures(total.rows[0]),
    };
  }

  const usageQueries = createUsageQueries(db);

  /** `col` is one of `ids`, or true when there is no list (every router). */
  function among(col: RawBuilder<unknown>, ids: readonly number[] | undefined): RawBuilder<unknown> {
    if (!ids) return sql`1 = 1`;
    return pg ? sql`${col} = any(${ids}::int[])` : sql`${col} in (select v from ${listOf(pg, ids, 'int')})`;
  }

  /**
   * Every row's numbers as one text 'n0,n1,…' (read back by numbersOf), and how many rows: 9,000 rows of a dozen
   * number fields cost the PostgreSQL driver (a string and a parse per field, an object per row) more than the query
   * itself. PostgreSQL joins each row's values with one concat_ws (the values are never null), a third of the time of
   * `||` between each, which makes a new text each time.
   */
  const numbersText = (values: readonly RawBuilder<unknown>[]) => {
    const row = pg
      ? sql`concat_ws(',', ${sql.join(values)})`
      : sql.join(
          values.map((v) => sql`cast(${v} as text)`),
          sql` || ',' || `,
        );
    return sql`count(*) as n, ${pg ? sql`string_agg(${row}, ',')` : sql`group_concat(${row}, ',')`} as t`;
  };

  /**
   * Each router's bytes, sessions and bytes per local hour over the period (id, down, up, sessions, h00 … h23), in
   * one pass over usage_router_periods (a row per router and period): its whole years and months, and the other
   * days' rows. A day, month or year alone (the usual report) is one row per router, read as it is kept.
   */
  function routerUsage(from: string, to: string, ids?: readonly number[]): RawBuilder<unknown> {
    const keys = routerPeriodKeys(from, to);
    if (keys.length === 1) {
      return sql`(select m.router_id as id, m.bytes_out as down, m.bytes_in as up, m.sessions,
          ${sql.join(HOURS.map((c) => sql.ref(`m.${c}`)))}
        from usage_router_periods m where m.period = ${keys[0]![0]} and ${among(sql`m.router_id`, ids)})`;
    }
    // PostgreSQL sums in double precision (exact below 2^53, as the numbers the rows are read into): a numeric
    // sum's state per column made the regency's range three times slower; the filter by the list lets it read the
    // keys' rows from the primary key instead of scanning every day's.
    const signed = (c: string) =>
      pg
        ? sql`sum(cast(k.s * ${sql.ref(`m.${c}`)} as double precision))::bigint`
        : sql`sum(k.s * ${sql.ref(`m.${c}`)})`;
    return sql`(
      select m.router_id as id, ${signed('bytes_out')} as down, ${signed('bytes_in')} as up,
        ${signed('sessions')} as sessions, ${sql.join(HOURS.map((c) => sql`${signed(c)} as ${sql.ref(c)}`))}
      from ${rowsOf(
        pg,
        [
          ['v', 'text'],
          ['s', 'int'],
        ],
        keys,
      )} k cross join usage_router_periods m
      where m.period = k.v and ${among(sql`m.router_id`, ids)}
        ${
          pg
            ? sql`and ${inList(
                pg,
                'm.period',
                keys.map(([key]) => key),
                'text',
              )}`
            : sql``
        }
      group by 1)`;
  }

  /** The router uptime rows kept per year, month and day: their table and key column. */
  const UPTIME = {
    y: [sql.table('router_uptime_yearly'), sql.ref('u.year')],
    m: [sql.table('router_uptime_monthly'), sql.ref('u.month')],
    d: [sql.table('router_uptime_daily'), sql.ref('u.day')],
  } as const;

  /**
   * router_uptime_daily rows over the period, read as few as kept: whole years from router_uptime_yearly, whole
   * months from router_uptime_monthly, the other days as they are. Each period's row is a sum of its days' rows
   * (and its peak their max), so the same grouping over these rows gives what the days would.
   */
  function uptimeRows(from: string, to: string, ids?: readonly number[]): RawBuilder<unknown> {
    const { periods, loose } = tile(from, to, false);
    const keys = { y: [] as string[], m: [] as string[], d: loose };
    for (const p of periods) keys[p.startsWith('y:') ? 'y' : 'm'].push(p.slice(2));
    // The days' part always stays (none: no rows), so that the union is never empty.
    const parts = (['y', 'm', 'd'] as const)
      .filter((t) => keys[t].length > 0 || t === 'd')
      .map(
        (t) => sql`select u.router_id, u.up_ms, u.down_ms, u.peak_sessions
          from ${listOf(pg, keys[t], 'text')} k cross join ${UPTIME[t][0]} u
          where ${UPTIME[t][1]} = k.v and ${among(sql`u.router_id`, ids)}`,
      );
    return sql`(${sql.join(parts, sql` union all `)})`;
  }

  /**
   * Each router's up and down time and its peak sessions over the period (id, up, down, peak); a year or a month
   * alone is read as kept.
   */
  function routerUptime(from: string, to: string, ids?: readonly number[]): RawBuilder<unknown> {
    const { periods, loose } = tile(from, to, false);
    if (periods.length === 1 && loose.length === 0) {
      const [table, key] = UPTIME[periods[0]!.startsWith('y:') ? 'y' : 'm'];
      return sql`(select u.router_id as id, u.up_ms as up, u.down_ms as down, u.peak_sessions as peak
        from ${table} u where ${key} = ${periods[0]!.slice(2)} and ${among(sql`u.router_id`, ids)})`;
    }
    return sql`(select router_id as id, sum(up_ms) as up, sum(down_ms) as down, max(peak_sessions) as peak
      from ${uptimeRows(from, to, ids)} x group by 1)`;
  }

  return {
    usage: (from, to, by) =>
      by === 'institution' ? institutionUsage(from, to) : usageQueries.usage(from, to, by),
    usageTop: (from, to, by, limit) => usageQueries.usageTop(from, to, by, limit),
    distinctScanSize: (from, to) => usageQueries.distinctScanSize(from, to),
    usageSums: (from, to, by) => usageQueries.usageSums(from, to, by),
    usageRowCounts: (from, to, by) => usageQueries.distinctBy(from, to, by),
    distinctCache: createDistinctCacheStore(db, (on, from, to, dim) =>
      createUsageQueries(on).distinctBy(from, to, dim),
    ),
    usageTotals: (from, to) => usageQueries.totals(from, to),

    async coverage(by, bornBy) {
      const groups = new Map<
        string,
        { residents: number; registered: number; households: number; householdsConnected: number }
      >();
      const totals = { residents: 0, registered: 0, households: 0, householdsConnected: 0 };
      const households = new Set<string>();
      const connected = new Set<string>();
      for (const r of await coverageHouseholds(coverageKey(by), bornBy)) {
        const key = String(r.key);
        const g = groups.get(key) ?? { residents: 0, registered: 0, households: 0, householdsConnected: 0 };
        g.residents += n(r.residents);
        g.registered += n(r.registered);
        g.households += 1;
        if (n(r.connected) > 0) {
          g.householdsConnected += 1;
          connected.add(r.kk);
        }
        groups.set(key, g);
        households.add(r.kk);
        totals.residents += n(r.residents);
        totals.registered += n(r.registered);
      }
      totals.households = households.size;
      totals.householdsConnected = connected.size;
      return { rows: [...groups].map(([key, g]) => ({ key, ...g })), totals };
    },

    async registrations(from, to, offsetMs) {
      const dayNumber = sql`(a.created_at + ${offsetMs}) / ${MS_DAY}`;
      const fromN = Date.parse(`${from}T00:00:00Z`) / MS_DAY;
      const toN = Date.parse(`${to}T00:00:00Z`) / MS_DAY;
      const counted = sql`a.status in ('active', 'suspended')`;
      const floor = pg ? sql`floor(${dayNumber})` : sql`cast(${dayNumber} as integer)`;
      const [before, days] = await Promise.all([
        sql<{
          c: unknown;
        }>`select count(*) as c from accounts a where ${counted} and ${floor} < ${fromN}`.execute(db),
        sql<{ d: unknown; c: unknown }>`select ${floor} as d, count(*) as c from accounts a
          where ${counted} and ${floor} >= ${fromN} and ${floor} <= ${toN} group by 1 order by 1`.execute(db),
      ]);
      return {
        before: n(before.rows[0]?.c),
        days: days.rows.map((r) => ({ day: isoOfDayNumber(r.d), registered: n(r.c) })),
      };
    },

    async heatMap(from, to) {
      const weekday = pg
        ? sql`(extract(isodow from h.day::date)::int - 1)`
        : sql`((cast(strftime('%w', h.day) as integer) + 6) % 7)`;
      const { months, days } = monthsAndDays(from, to);
      const { rows } = await sql<{ w: unknown; hour: unknown; bytes: unknown; sessions: unknown }>`
        select w, hour, sum(bytes) as bytes, sum(sessions) as sessions from (
          select m.weekday as w, m.hour as hour, m.bytes as bytes, m.sessions as sessions
          from ${listOf(pg, months, 'text')} k cross join usage_heat_monthly m where m.month = k.v
          union all
          select ${weekday} as w, h.hour as hour, h.bytes as bytes, h.sessions as sessions
          from ${listOf(pg, days, 'text')} k cross join usage_heat_daily h where h.day = k.v
        ) x group by 1, 2 order by 1, 2`.execute(db);
      return rows.map((r) => ({
        weekday: n(r.w),
        hour: n(r.hour),
        bytes: n(r.bytes),
        sessions: n(r.sessions),
      }));
    },

    async accessPoints(from, to, ids, today) {
      // Three queries beside each other, so PostgreSQL works on them at once: the routers in name order; each
      // router's uptime and live sessions; its usage and hours. The last two come as one text each for all routers
      // (numbersText), read into one typed array, and each router's row is built once from the three, with its
      // uptime share and busiest hours (the report's rules, from the domain).
      const [routers, health, usage] = await Promise.all([
        sql<{ id: number; name: string; dusun: string | null; health: string }>`
          select r.id, r.name, r.dusun, r.health from routers r where ${among(sql`r.id`, ids)}
          order by r.name`.execute(db),
        serialQuery(
          db,
          sql<{ n: unknown; t: string | null }>`
          select ${numbersText([sql`r.id`, ...UPTIME_FIGURES.map((c) => sql`coalesce(${sql.ref(c)}, 0)`)])}
          from routers r
          left join ${routerUptime(from, to, ids)} t on t.id = r.id
          left join (select s.router_id as id, count(*) as c from sessions s
            where s.state = 'active' and ${among(sql`s.router_id`, ids)} group by 1) l on l.id = r.id
          where ${among(sql`r.id`, ids)}`,
        ).then(([row]) => row),
        serialQuery(
          db,
          sql<{ n: unknown; t: string | null }>`
          select ${numbersText(USAGE_FIGURES.map((c) => sql.ref(`g.${c}`)))}
          from ${routerUsage(from, to, ids)} g`,
        ).then(([row]) => row),
      ]);
      const up = allNumbersOf(health?.t ?? null, n(health?.n) * (1 + UPTIME_FIGURES.length));
      const use = allNumbersOf(usage?.t ?? null, n(usage?.n) * USAGE_FIGURES.length);
      const upAt = startsById(up, 1 + UPTIME_FIGURES.length);
      const useAt = startsById(use, USAGE_FIGURES.length);
      const noHours = busiestHours(new Float64Array(24));
      const holdsToday = today !== undefined && from <= today && today <= to;
      return routers.rows.map((row) => {
        const id = Number(row.id);
        // A router without a figure (no poll, no traffic, or added between the queries) has zeros.
        const u = upAt.get(id);
        const g = useAt.get(id);
        const upMs = u === undefined ? 0 : small(up[u + 1]!);
        const downMs = u === undefined ? 0 : small(up[u + 2]!);
        const liveSessions = u === undefined ? 0 : small(up[u + 4]!);
        return {
          routerId: id,
          name: row.name,
          dusun: row.dusun,
          health: row.health,
          upMs,
          downMs,
          peakSessions: periodPeak(u === undefined ? 0 : small(up[u + 3]!), liveSessions, holdsToday),
          liveSessions,
          bytesDown: g === undefined ? 0 : small(use[g + 1]!),
          bytesUp: g === undefined ? 0 : small(use[g + 2]!),
          sessions: g === undefined ? 0 : small(use[g + 3]!),
          uptime: uptimeShare(upMs, downMs),
          busiestHours: g === undefined ? noHours : busiestHours(use, g + 4),
        };
      });
    },

    async accessPointRanking(from, to, limit) {
      const [ranked, total] = await Promise.all([
        sql<{ id: unknown }>`
          select r.id from routers r
          left join (select router_id, max(peak_sessions) as peak from ${uptimeRows(from, to)} x group by 1) u
            on u.router_id = r.id
          order by case when r.health = 'down' then 0 else 1 end, coalesce(u.peak, 0) desc, r.name, r.id
          limit ${limit}`.execute(db),
        sql<{ c: unknown }>`select count(*) as c from routers`.execute(db),
      ]);
      return { routerIds: ranked.rows.map((r) => n(r.id)), total: n(total.rows[0]?.c) };
    },

    async quotaExhaustion(from, to) {
      // Kept by the accounting transaction against the plan the account had that day (usage-rollups.ts).
      const { rows } = await sql<{ day: string; c: unknown }>`
        select day, count(*) as c from quota_exhausted_daily where day >= ${from} and day <= ${to}
        group by 1 order by 1`.execute(db);
      return rows.map((r) => ({ day: r.day, accounts: n(r.c) }));
    },

    async rejects(from, to, offsetMs) {
      // rejects_hourly outlives the auth log's retention; a UTC hour lies in one local day (whole-hour offsets).
      const HOUR = 3_600_000;
      const start = Math.floor((Date.parse(`${from}T00:00:00Z`) - offsetMs) / HOUR);
      const end = Math.floor((Date.parse(`${to}T00:00:00Z`) + MS_DAY - offsetMs) / HOUR);
      const dayNumber = sql`(hour * ${HOUR} + ${offsetMs}) / ${MS_DAY}`;
      const floor = pg ? sql`floor(${dayNumber})` : sql`cast(${dayNumber} as integer)`;
      const { rows } = await sql<{ d: unknown; reason: string; c: unknown }>`
        select ${floor} as d, reason, sum(count) as c from rejects_hourly
        where hour >= ${start} and hour < ${end}
        group by 1, 2 order by 1, 2`.execute(db);
      return rows.map((r) => ({ day: isoOfDayNumber(r.d), reason: r.reason, count: n(r.c) }));
    },
  };
}
