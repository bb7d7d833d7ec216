// The reports' rollups, kept in the accounting transaction beside usage_daily (see the 2026-12-16 migration):
// bytes per day × router × dusun × plan, the distinct devices and residents per period (first-seen rows and their
// counts), and the accounts that reached their daily quota. The first-seen rows are only offered for usage rows
// that are new in usage_daily (a device's first traffic of the day on a router), so an interim update of a known
// session costs one indexed lookup and one upsert here, not a dozen inserts. Lists come first in a `cross join`:
// SQLite then seeks each listed key instead of scanning the table against the list (see radius-sql.ts).
import { type Kysely, sql, type Transaction } from 'kysely';
import { weekStart } from '../../src/domain/report-period.js';
import type { HourlyUsageRow, UsageRow } from '../../src/services/radius/accounting.js';
import { rowStatements } from '../row-statements.js';
import type { Database } from '../schema.js';
import { type ColumnType, isPostgres, listOf, rowInserter, rowsOf } from './radius-sql.js';
import { createMonthlyTotals } from './usage-monthly.js';

interface DeviceFacts {
  readonly accountId: number | null;
  readonly residentId: number | null;
  readonly dusun: string;
  readonly planId: number;
  readonly quota: number | null;
}

const NO_ACCOUNT: DeviceFacts = { accountId: null, residentId: null, dusun: '-', planId: 0, quota: null };

const SEEN_COLUMNS: ReadonlyArray<readonly [string, ColumnType]> = [
  ['period', 'text'],
  ['dim', 'text'],
  ['key', 'text'],
  ['subject', 'bigint'],
];

export interface RollupPlan {
  readonly usage: readonly UsageRow[];
  readonly facts: ReadonlyMap<number, DeviceFacts>;
  /** `day|device|router` of the usage rows usage_daily did not hold yet. */
  readonly fresh: ReadonlySet<string>;
}

const usageKey = (day: string, device: unknown, router: unknown) => `${day}|${device}|${router}`;

export function createUsageRollups(db: Kysely<Database>) {
  const pg = isPostgres(db);
  const native = rowStatements(db);
  const addMonthlyTotals = createMonthlyTotals(db);
  const addGroups = rowInserter(
    db,
    'usage_groups_daily',
    [
      ['day', 'text'],
      ['router_id', 'int'],
      ['dusun', 'text'],
      ['plan_id', 'int'],
      ['bytes_in', 'bigint'],
      ['bytes_out', 'bigint'],
      ['sessions', 'int'],
    ],
    `on conflict (day, router_id, dusun, plan_id) do update set
      bytes_in = usage_groups_daily.bytes_in + excluded.bytes_in,
      bytes_out = usage_groups_daily.bytes_out + excluded.bytes_out,
      sessions = usage_groups_daily.sessions + excluded.sessions`,
  );
  const addCounts = rowInserter(
    db,
    'usage_counts',
    [
      ['period', 'text'],
      ['dim', 'text'],
      ['key', 'text'],
      ['devices', 'int'],
      ['residents', 'int'],
    ],
    `on conflict (period, dim, key) do update set
      devices = usage_counts.devices + excluded.devices,
      residents = usage_counts.residents + excluded.residents`,
  );
  const addExhausted = rowInserter(
    db,
    'quota_exhausted_daily',
    [
      ['day', 'text'],
      ['account_id', 'int'],
    ],
    'on conflict do nothing',
  );

  const addHeat = rowInserter(
    db,
    'usage_heat_monthly',
    [
      ['month', 'text'],
      ['weekday', 'int'],
      ['hour', 'int'],
      ['bytes', 'bigint'],
      ['sessions', 'int'],
    ],
    `on conflict (month, weekday, hour) do update set
      bytes = usage_heat_monthly.bytes + excluded.bytes, sessions = usage_heat_monthly.sessions + excluded.sessions`,
  );
  const addRouterHours = rowInserter(
    db,
    'usage_router_hours_monthly',
    [
      ['month', 'text'],
      ['router_id', 'int'],
      ['hour', 'int'],
      ['bytes_in', 'bigint'],
      ['bytes_out', 'bigint'],
      ['sessions', 'int'],
    ],
    `on conflict (month, router_id, hour) do update set
      bytes_in = usage_router_hours_monthly.bytes_in + excluded.bytes_in,
      bytes_out = usage_router_hours_monthly.bytes_out + excluded.bytes_out,
      sessions = usage_router_hours_monthly.sessions + excluded.sessions`,
  );

  /** Inserts the first-seen rows usage_seen lacks; returns those it inserted. */
  async function insertSeen(
    trx: Transaction<Database>,
    rows: ReadonlyArray<readonly [string, string, string, number]>,
  ): Promise<ReadonlyArray<readonly [string, string, string, number]>> {
    if (rows.length === 0) return [];
    if (native) {
      const statement = native.prepare(
        'insert into usage_seen (period, dim, key, subject) values (?, ?, ?, ?) on conflict do nothing',
      );
      return rows.filter((r) => (statement.run(r) as { changes: number }).changes > 0);
    }
    const { rows: inserted } = await sql<{ period: string; dim: string; key: string; subject: unknown }>`
      insert into usage_seen (period, dim, key, subject) select * from ${rowsOf(pg, SEEN_COLUMNS, rows)} x
      where true on conflict do nothing returning period, dim, key, subject`.execute(trx);
    return inserted.map((r) => [r.period, r.dim, r.key, Number(r.subject)] as const);
  }

  return {
    /** Before usage_daily is written: which rows are new there, and each device's account, dusun and plan. */
    async prepare(trx: Transaction<Database>, usage: readonly UsageRow[]): Promise<RollupPlan> {
      const facts = new Map<number, DeviceFacts>();
      const fresh = new Set(usage.map((u) => usageKey(u.day, u.deviceId, u.routerId)));
      if (usage.length === 0) return { usage, facts, fresh };
      const keys = rowsOf(
        pg,
        [
          ['day', 'text'],
          ['d', 'int'],
          ['r', 'int'],
        ],
        usage.map((u) => [u.day, u.deviceId, u.routerId]),
      );
      const { rows: known } = await sql<{ day: string; device_id: unknown; router_id: unknown }>`
        select u.day, u.device_id, u.router_id from ${keys} k
        cross join usage_daily u where u.day = k.day and u.device_id = k.d and u.router_id = k.r`.execute(
        trx,
      );
      for (const k of known) fresh.delete(usageKey(k.day, k.device_id, k.router_id));
      const ids = [...new Set(usage.map((u) => u.deviceId).filter((id) => id !== 0))];
      if (ids.length > 0) {
        // The account's plan, or the default plan for an account without one (as RADIUS applies it).
        const { rows } = await sql<{
          id: unknown;
          account_id: unknown;
          resident_id: unknown;
          dusun: string | null;
          plan_id: unknown;
          quota: unknown;
        }>`select d.id as id, a.id as account_id, a.resident_id as resident_id, r.dusun as dusun,
            p.id as plan_id, p.daily_quota_bytes as quota
          from ${listOf(pg, ids, 'int')} k
          cross join devices d
          left join accounts a on a.id = d.account_id
          left join residents r on r.id = a.resident_id
          left join plans p on p.id = coalesce(a.plan_id, (select min(id) from plans where is_default = 1))
          where d.id = k.v`.execute(trx);
        for (const r of rows) {
          const accountId = r.account_id === null ? null : Number(r.account_id);
          facts.set(Number(r.id), {
            accountId,
            residentId: r.resident_id === null ? null : Number(r.resident_id),
            dusun: accountId === null ? '-' : (r.dusun ?? '-'),
            planId: accountId === null ? 0 : Number(r.plan_id ?? 0),
            quota: accountId === null || r.quota === null ? null : Number(r.quota),
          });
        }
      }
      return { usage, facts, fresh };
    },

    /** usage_hourly's deltas, summed per month (weekday × hour, router × hour). */
    async writeHourly(trx: Transaction<Database>, hourly: readonly HourlyUsageRow[]): Promise<void> {
      if (hourly.length === 0) return;
      const heat = new Map<string, [string, number, number, number, number]>();
      const hours = new Map<string, [string, number, number, number, number, number]>();
      for (const h of hourly) {
        const month = h.day.slice(0, 7);
        const weekday = (new Date(`${h.day}T00:00:00Z`).getUTCDay() + 6) % 7;
        const hk = `${month}|${weekday}|${h.hour}`;
        const c = heat.get(hk) ?? [month, weekday, h.hour, 0, 0];
        c[3] += h.bytesIn + h.bytesOut;
        c[4] += h.sessions;
        heat.set(hk, c);
        const rk = `${month}|${h.routerId}|${h.hour}`;
        const r = hours.get(rk) ?? [month, h.routerId, h.hour, 0, 0, 0];
        r[3] += h.bytesIn;
        r[4] += h.bytesOut;
        r[5] += h.sessions;
        hours.set(rk, r);
      }
      await addHeat(trx, [...heat.values()]);
      await addRouterHours(trx, [...hours.values()]);
    },

    /** After usage_daily is written (the quota check reads the day's new totals). */
    async write(trx: Transaction<Database>, plan: RollupPlan): Promise<void> {
      const { usage, facts, fresh } = plan;
      if (usage.length === 0) return;
      const groups = new Map<string, [string, number, string, number, number, number, number]>();
      const seen = new Map<string, readonly [string, string, string, number]>();
      const quotaPairs = new Map<string, [number, string]>();
      for (const u of usage) {
        const f = facts.get(u.deviceId) ?? NO_ACCOUNT;
        const gk = `${u.day}|${u.routerId}|${f.dusun}|${f.planId}`;
        const g = groups.get(gk) ?? [u.day, u.routerId, f.dusun, f.planId, 0, 0, 0];
        g[4] += u.bytesIn;
        g[5] += u.bytesOut;
        g[6] += u.sessions;
        groups.set(gk, g);
        if (f.accountId !== null && f.quota !== null)
          quotaPairs.set(`${f.accountId}|${u.day}`, [f.accountId, u.day]);
        if (!fresh.has(usageKey(u.day, u.deviceId, u.routerId))) continue;
        const subjects = [
          ...(u.deviceId !== 0 ? [u.deviceId] : []),
          ...(f.residentId !== null ? [-f.residentId] : []),
        ];
        const month = u.day.slice(0, 7);
        const year = u.day.slice(0, 4);
        const cells: Array<[string, string, string]> = [
          [`d:${u.day}`, 'all', ''],
          [`w:${weekStart(u.day)}`, 'all', ''],
        ];
        for (const p of [`m:${month}`, `y:${year}`]) {
          cells.push(
            [p, 'all', ''],
            [p, 'router', String(u.routerId)],
            [p, 'dusun', f.dusun],
            [p, 'plan', String(f.planId)],
          );
        }
        for (const s of subjects)
          for (const [p, d, k] of cells) seen.set(`${p}|${d}|${k}|${s}`, [p, d, k, s]);
      }
      await addGroups(trx, [...groups.values()]);
      await addMonthlyTotals(trx, groups.values());
      const inserted = await insertSeen(trx, [...seen.values()]);
      if (inserted.length > 0) {
        const counts = new Map<string, [string, string, string, number, number]>();
        for (const [p, d, k, s] of inserted) {
          const c = counts.get(`${p}|${d}|${k}`) ?? [p, d, k, 0, 0];
          c[s > 0 ? 3 : 4] += 1;
          counts.set(`${p}|${d}|${k}`, c);
        }
        await addCounts(trx, [...counts.values()]);
      }
      if (quotaPairs.size > 0) {
        const pairs = rowsOf(
          pg,
          [
            ['a', 'int'],
            ['day', 'text'],
          ],
          [...quotaPairs.values()],
        );
        const { rows } = await sql<{ a: unknown; day: string; used: unknown }>`
          select k.a as a, k.day as day, sum(u.bytes_in + u.bytes_out) as used from ${pairs} k
          cross join devices d
          join usage_daily u on u.device_id = d.id and u.day = k.day
          where d.account_id = k.a
          group by 1, 2`.execute(trx);
        const quotaOf = new Map([...facts.values()].map((f) => [f.accountId, f.quota]));
        const reached = rows
          .filter((r) => Number(r.used) >= (quotaOf.get(Number(r.a)) ?? Number.POSITIVE_INFINITY))
          .map((r) => [r.day, Number(r.a)]);
        if (reached.length > 0) await addExhausted(trx, reached);
      }
    },
  };
}
