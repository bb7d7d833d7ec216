// The usage report over the rollups (2026-12-16 migration): bytes and sessions from usage_groups_daily, distinct
// devices and residents from usage_counts when a row's range is exactly one day, week, month or year, else the
// union of the first-seen rows of the whole years, months, weeks and days that tile it (usage_seen). Router,
// dusun and plan have first-seen rows by month and year only: the days of a range outside whole months are read
// from usage_daily (a few days' rows).
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { addDays, weekStart } from '../../src/domain/report-period.js';
import type { Keyed, UsageDimension, UsageFigures } from '../../src/services/reports/report-ports.js';

/** What the device-free rollups group by (institutions have a rollup of their own, read by the report store). */
export type GroupedDimension = Exclude<UsageDimension, 'institution'>;

import type { Database } from '../schema.js';
import { isPostgres, listOf } from './radius-sql.js';

type Dim = 'router' | 'dusun' | 'plan';
interface Distinct {
  devices: number;
  residents: number;
}
const NONE: Distinct = { devices: 0, residents: 0 };
const n = (v: unknown) => Number(v ?? 0);

const lastOfMonth = (day: string) => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** A week from `monday` that runs into a month whole within the range would keep that month from its own tile. */
function hidesMonth(monday: string, to: string): boolean {
  const sunday = addDays(monday, 6);
  return sunday.slice(0, 7) !== monday.slice(0, 7) && lastOfMonth(sunday) <= to;
}

/**
 * The periods that tile [from, to]: whole years, months, (weeks with `weeks`) and days. Without `days` the
 * leftover days are returned apart (`loose`) instead of as `d:` periods.
 */
export function tile(from: string, to: string, withSmall: boolean): { periods: string[]; loose: string[] } {
  const periods: string[] = [];
  const loose: string[] = [];
  let d = from;
  while (d <= to) {
    if (d.endsWith('-01-01') && `${d.slice(0, 4)}-12-31` <= to) {
      periods.push(`y:${d.slice(0, 4)}`);
      d = `${Number(d.slice(0, 4)) + 1}-01-01`;
    } else if (d.endsWith('-01') && lastOfMonth(d) <= to) {
      periods.push(`m:${d.slice(0, 7)}`);
      d = addDays(lastOfMonth(d), 1);
    } else if (withSmall && weekStart(d) === d && addDays(d, 6) <= to && !hidesMonth(d, to)) {
      periods.push(`w:${d}`);
      d = addDays(d, 7);
    } else {
      if (withSmall) periods.push(`d:${d}`);
      else loose.push(d);
      d = addDays(d, 1);
    }
  }
  return { periods, loose };
}

export function createUsageQueries(db: Kysely<Database>) {
  const pg = isPostgres(db);
  const int = (e: RawBuilder<unknown>) => sql`cast(${e} as integer)`;
  const distinctSelect = sql`count(distinct case when s.subject > 0 then s.subject end) as devices,
    count(distinct case when s.subject < 0 then s.subject end) as residents`;

  /** Distinct devices and residents over each range, all of the village. */
  async function distinctAll(ranges: ReadonlyArray<readonly [string, string]>): Promise<Distinct[]> {
    const tiles = ranges.map(([f, t]) => tile(f, t, true).periods);
    const single = [...new Set(tiles.filter((p) => p.length === 1).map((p) => p[0]!))];
    const counted = new Map<string, Distinct>();
    if (single.length > 0) {
      const { rows } = await sql<{ period: string; devices: unknown; residents: unknown }>`
        select c.period, c.devices, c.residents from ${listOf(pg, single, 'text')} k
        cross join usage_counts c where c.period = k.v and c.dim = 'all' and c.key = ''`.execute(db);
      for (const r of rows) counted.set(r.period, { devices: n(r.devices), residents: n(r.residents) });
    }
    const out: Distinct[] = [];
    for (const periods of tiles) {
      if (periods.length === 0) out.push(NONE);
      else if (periods.length === 1) out.push(counted.get(periods[0]!) ?? NONE);
      else {
        const { rows } = await sql<{ devices: unknown; residents: unknown }>`select ${distinctSelect}
          from ${listOf(pg, periods, 'text')} k cross join usage_seen s where s.period = k.v and s.dim = 'all' and s.key = ''`.execute(
          db,
        );
        out.push({ devices: n(rows[0]?.devices), residents: n(rows[0]?.residents) });
      }
    }
    return out;
  }

  /** How a first-seen key reads as the report's row key. */
  function keyLabel(dim: Dim): { join: RawBuilder<unknown>; label: RawBuilder<string> } {
    if (dim === 'router')
      return {
        join: sql`left join routers ro on ro.id = ${int(sql`s.key`)}`,
        label: sql`coalesce(ro.name, '-')`,
      };
    if (dim === 'plan')
      return { join: sql`left join plans p on p.id = ${int(sql`s.key`)}`, label: sql`coalesce(p.name, '-')` };
    return { join: sql``, label: sql`s.key` };
  }

  /** The same label for a usage_daily row (loose days), from the device's account now. */
  function liveLabel(dim: Dim): RawBuilder<string> {
    if (dim === 'router') return sql`coalesce(ro.name, '-')`;
    if (dim === 'dusun') return sql`coalesce(r.dusun, '-')`;
    return sql`case when a.id is null then '-' else coalesce(p.name, '-') end`;
  }

  async function distinctBy(from: string, to: string, dim: Dim): Promise<Map<string, Distinct>> {
    const { periods, loose } = tile(from, to, false);
    const { join, label } = keyLabel(dim);
    const result = new Map<string, Distinct>();
    if (periods.length === 1 && loose.length === 0) {
      // One whole month or year: the counts, unless two keys read as one label (deleted routers: '-').
      const { rows } = await sql<{ label: string; devices: unknown; residents: unknown; keys: unknown }>`
        select ${label} as label, sum(s.devices) as devices, sum(s.residents) as residents, count(*) as keys
        from usage_counts s ${join} where s.period = ${periods[0]} and s.dim = ${dim} group by 1`.execute(db);
      if (rows.every((r) => n(r.keys) === 1)) {
        for (const r of rows) result.set(r.label, { devices: n(r.devices), residents: n(r.residents) });
        return result;
      }
    }
    const parts: RawBuilder<unknown>[] = [];
    if (periods.length > 0)
      parts.push(sql`select ${label} as label, s.subject as subject from ${listOf(pg, periods, 'text')} k
        cross join usage_seen s ${join} where s.period = k.v and s.dim = ${dim}`);
    if (loose.length > 0) {
      const from = sql`${listOf(pg, loose, 'text')} k cross join usage_daily u
        left join routers ro on ro.id = u.router_id
        left join devices d on d.id = u.device_id
        left join accounts a on a.id = d.account_id
        left join residents r on r.id = a.resident_id
        left join plans p on p.id = coalesce(a.plan_id, (select min(id) from plans where is_default = 1))`;
      parts.push(
        sql`select ${liveLabel(dim)} as label, u.device_id as subject from ${from} where u.day = k.v and u.device_id <> 0`,
      );
      parts.push(
        sql`select ${liveLabel(dim)} as label, -a.resident_id as subject from ${from} where u.day = k.v and a.resident_id is not null`,
      );
    }
    const { rows } = await sql<{ label: string; devices: unknown; residents: unknown }>`
      select s.label as label, ${distinctSelect} from (${sql.join(parts, sql` union all `)}) s group by 1`.execute(
      db,
    );
    for (const r of rows) result.set(r.label, { devices: n(r.devices), residents: n(r.residents) });
    return result;
  }

  function groupKey(by: GroupedDimension): { key: RawBuilder<string>; join: RawBuilder<unknown> } {
    const none = sql``;
    switch (by) {
      case 'day':
        return { key: sql`g.day`, join: none };
      case 'week':
        return {
          key: pg
            ? sql`to_char(date_trunc('week', g.day::date), 'YYYY-MM-DD')`
            : sql`date(g.day, '-' || ((cast(strftime('%w', g.day) as integer) + 6) % 7) || ' days')`,
          join: none,
        };
      case 'month':
        return { key: sql`substr(g.day, 1, 7)`, join: none };
      case 'year':
        return { key: sql`substr(g.day, 1, 4)`, join: none };
      case 'router':
        return { key: sql`coalesce(ro.name, '-')`, join: sql`left join routers ro on ro.id = g.router_id` };
      case 'dusun':
        return { key: sql`g.dusun`, join: none };
      case 'plan':
        return { key: sql`coalesce(p.name, '-')`, join: sql`left join plans p on p.id = g.plan_id` };
    }
  }

  async function sums(from: string, to: string, by: GroupedDimension | null) {
    const { key, join } = by ? groupKey(by) : { key: sql`''`, join: sql`` };
    const { rows } = await sql<{ key: string; down: unknown; up: unknown; sessions: unknown }>`
      select ${key} as key, sum(g.bytes_out) as down, sum(g.bytes_in) as up, sum(g.sessions) as sessions
      from usage_groups_daily g ${join} where g.day >= ${from} and g.day <= ${to}
      group by 1 order by 1`.execute(db);
    return rows.map((r) => ({
      key: String(r.key),
      bytesDown: n(r.down),
      bytesUp: n(r.up),
      sessions: n(r.sessions),
    }));
  }

  /** The range a time row covers, clipped to [from, to]. */
  function rowRange(by: 'day' | 'week' | 'month' | 'year', key: string, from: string, to: string) {
    const start = by === 'month' ? `${key}-01` : by === 'year' ? `${key}-01-01` : key;
    const end =
      by === 'day'
        ? key
        : by === 'week'
          ? addDays(key, 6)
          : by === 'month'
            ? lastOfMonth(start)
            : `${key}-12-31`;
    return [start < from ? from : start, end > to ? to : end] as const;
  }

  async function totals(from: string, to: string): Promise<UsageFigures> {
    const [[s], [d]] = await Promise.all([sums(from, to, null), distinctAll([[from, to]])]);
    return {
      bytesDown: s?.bytesDown ?? 0,
      bytesUp: s?.bytesUp ?? 0,
      sessions: s?.sessions ?? 0,
      ...(d ?? NONE),
    };
  }

  return {
    totals,
    async usage(from: string, to: string, by: GroupedDimension): Promise<Keyed<UsageFigures>> {
      // Every rollup row falls in exactly one group: the totals' bytes and sessions are the groups' sums.
      const [grouped, [all]] = await Promise.all([sums(from, to, by), distinctAll([[from, to]])]);
      const total: UsageFigures = {
        bytesDown: grouped.reduce((a, g) => a + g.bytesDown, 0),
        bytesUp: grouped.reduce((a, g) => a + g.bytesUp, 0),
        sessions: grouped.reduce((a, g) => a + g.sessions, 0),
        ...(all ?? NONE),
      };
      let counts: Distinct[];
      if (by === 'router' || by === 'dusun' || by === 'plan') {
        const byLabel = await distinctBy(from, to, by);
        counts = grouped.map((g) => byLabel.get(g.key) ?? NONE);
      } else {
        counts = await distinctAll(grouped.map((g) => rowRange(by, g.key, from, to)));
      }
      return { rows: grouped.map((g, i) => ({ ...g, ...(counts[i] ?? NONE) })), totals: total };
    },
  };
}
