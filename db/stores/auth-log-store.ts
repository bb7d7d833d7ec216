// The auth log table: batched inserts, folded-row bumps, the latest rows for operators, retention.
import { type Kysely, sql } from 'kysely';
import type { AuthLogStore, NewAuthLogRow } from '../../src/services/radius/auth-log.js';
import type { Database } from '../schema.js';
import {
  type ColumnType,
  nameContains,
  rowInserter,
  summingConflict,
  summingInserter,
} from './radius-sql.js';

const COLUMNS: ReadonlyArray<readonly [string, ColumnType]> = [
  ['at', 'bigint'],
  ['last_at', 'bigint'],
  ['count', 'int'],
  ['router_id', 'int'],
  ['mac', 'text'],
  ['username', 'text'],
  ['decision', 'text'],
  ['reason', 'text'],
  ['source', 'text'],
];

const HOUR = 3_600_000;

const toRow = (r: NewAuthLogRow) => ({
  at: r.at,
  last_at: r.lastAt,
  count: r.count,
  router_id: r.routerId,
  mac: r.mac,
  username: r.username,
  decision: r.decision,
  reason: r.reason,
  source: r.source ?? null,
});

/** The folded rows' bumps and the batch's rejects both add to the hour's count. */
const REJECTS_CONFLICT = summingConflict('rejects_hourly', ['hour', 'router_id', 'reason'], ['count']);

export function createAuthLogStore(db: Kysely<Database>): AuthLogStore {
  const insertRows = rowInserter(db, 'auth_log', COLUMNS);
  // Rejects per UTC hour, router and reason: the reports' rollup, kept past the auth log's retention.
  const addRejects = summingInserter(
    db,
    'rejects_hourly',
    [
      ['hour', 'bigint'],
      ['router_id', 'int'],
      ['reason', 'text'],
    ],
    [['count', 'int']],
  );
  return {
    async writeBatch({ rows, folds, bumps }) {
      return db.transaction().execute(async (trx) => {
        if (rows.length > 0) {
          const values = rows.map((r) => [
            r.at,
            r.lastAt,
            r.count,
            r.routerId,
            r.mac,
            r.username,
            r.decision,
            r.reason,
            r.source ?? null,
          ]);
          await insertRows(trx, values);
        }
        // One by one: each folded row's id is needed for later bumps, and RETURNING order is not promised.
        const ids: number[] = [];
        for (const f of folds) {
          const r = await trx
            .insertInto('auth_log')
            .values(toRow(f))
            .returning('id')
            .executeTakeFirstOrThrow();
          ids.push(r.id);
        }
        for (const b of bumps) {
          await trx
            .updateTable('auth_log')
            .set((eb) => ({ count: eb('count', '+', b.count), last_at: b.lastAt }))
            .where('id', '=', b.id)
            .execute();
          // Booked to the folded row's hour, as its count was.
          await sql`insert into rejects_hourly (hour, router_id, reason, count)
            select at / ${HOUR}, coalesce(router_id, 0), reason, ${b.count} from auth_log
            where id = ${b.id} and decision = 'reject'
            ${sql.raw(REJECTS_CONFLICT)}`.execute(trx);
        }
        const rejects = new Map<string, [number, number, string, number]>();
        for (const r of [...rows, ...folds]) {
          if (r.decision !== 'reject') continue;
          const hour = Math.floor(r.at / HOUR);
          const k = `${hour}|${r.routerId ?? 0}|${r.reason}`;
          const c = rejects.get(k) ?? [hour, r.routerId ?? 0, r.reason, 0];
          c[3] += r.count;
          rejects.set(k, c);
        }
        if (rejects.size > 0) await addRejects(trx, [...rejects.values()]);
        return ids;
      });
    },

    async list(filter) {
      let q = db
        .selectFrom('auth_log as l')
        .leftJoin('routers as r', 'r.id', 'l.router_id')
        .select([
          'l.id',
          'l.at',
          'l.last_at',
          'l.count',
          'r.name',
          'l.mac',
          'l.username',
          'l.decision',
          'l.reason',
          'l.source',
        ])
        .orderBy('l.last_at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(filter.limit);
      if (filter.routerName !== undefined) q = q.where('r.name', '=', filter.routerName);
      if (filter.mac !== undefined) q = q.where('l.mac', '=', filter.mac);
      if (filter.since !== undefined) q = q.where('l.last_at', '>=', filter.since);
      if (filter.offset !== undefined) q = q.offset(filter.offset);
      if (
        filter.nikIndex !== undefined ||
        filter.nikMasked !== undefined ||
        filter.residentName !== undefined
      ) {
        let devices = db
          .selectFrom('devices as d')
          .innerJoin('accounts as a', 'a.id', 'd.account_id')
          .innerJoin('residents as res', 'res.id', 'a.resident_id');
        if (filter.nikIndex !== undefined)
          devices = devices.where('res.nik_index', 'in', [filter.nikIndex].flat());
        if (filter.nikMasked !== undefined) devices = devices.where('res.nik_masked', '=', filter.nikMasked);
        if (filter.residentName !== undefined)
          devices = devices.where(nameContains('res.name', filter.residentName));
        q = q.where((eb) =>
          eb.or([
            eb('l.username', 'in', devices.select('d.username')),
            eb('l.mac', 'in', devices.select('d.mac')),
          ]),
        );
      }
      const rows = await q.execute();
      const owners = await deviceOwners(
        db,
        rows.map((r) => r.username),
        rows.map((r) => r.mac),
      );
      return rows.map((r) => {
        const owner =
          (r.username === null ? undefined : owners.byUsername.get(r.username)) ??
          (r.mac === null ? undefined : owners.byMac.get(r.mac));
        return {
          id: r.id,
          at: Number(r.at),
          lastAt: Number(r.last_at),
          count: r.count,
          router: r.name,
          mac: r.mac,
          username: r.username,
          decision: r.decision,
          reason: r.reason,
          source: r.source,
          resident: owner?.resident ?? null,
          device: owner?.label ?? null,
        };
      });
    },

    async deleteBefore(at) {
      const r = await db.deleteFrom('auth_log').where('last_at', '<', at).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

interface Owner {
  readonly resident: string;
  readonly label: string | null;
}

/**
 * Who the devices in a page of log rows belong to, by RADIUS username and by MAC (MAC logins carry the MAC as
 * username). A second query on at most one page of names, instead of a join on every row of the log.
 */
async function deviceOwners(
  db: Kysely<Database>,
  usernames: readonly (string | null)[],
  macs: readonly (string | null)[],
) {
  const names = [...new Set(usernames.filter((u): u is string => u !== null))];
  const addresses = [...new Set(macs.filter((m): m is string => m !== null))];
  const byUsername = new Map<string, Owner>();
  const byMac = new Map<string, Owner>();
  if (names.length + addresses.length === 0) return { byUsername, byMac };
  const rows = await db
    .selectFrom('devices as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .innerJoin('residents as res', 'res.id', 'a.resident_id')
    .select(['d.username', 'd.mac', 'd.label', 'd.revoked_at', 'res.name'])
    .where((eb) =>
      eb.or([
        ...(names.length > 0 ? [eb('d.username', 'in', names)] : []),
        ...(addresses.length > 0 ? [eb('d.mac', 'in', addresses)] : []),
      ]),
    )
    .orderBy('d.id')
    .execute();
  for (const r of rows) {
    const owner = { resident: r.name, label: r.label };
    byUsername.set(r.username, owner);
    // A MAC can come back on a new device after a revoked one: the one still in use names it.
    if (r.revoked_at === null || !byMac.has(r.mac)) byMac.set(r.mac, owner);
  }
  return { byUsername, byMac };
}
