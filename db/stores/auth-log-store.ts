// The auth log table: batched inserts, folded-row bumps, the latest rows for operators, retention.
import type { Kysely } from 'kysely';
import type { AuthLogStore, NewAuthLogRow } from '../../src/services/auth-log.js';
import type { Database } from '../schema.js';
import { type ColumnType, rowInserter } from './radius-sql.js';

const COLUMNS: ReadonlyArray<readonly [string, ColumnType]> = [
  ['at', 'bigint'],
  ['last_at', 'bigint'],
  ['count', 'int'],
  ['router_id', 'int'],
  ['mac', 'text'],
  ['username', 'text'],
  ['decision', 'text'],
  ['reason', 'text'],
];

const toRow = (r: NewAuthLogRow) => ({
  at: r.at,
  last_at: r.lastAt,
  count: r.count,
  router_id: r.routerId,
  mac: r.mac,
  username: r.username,
  decision: r.decision,
  reason: r.reason,
});

export function createAuthLogStore(db: Kysely<Database>): AuthLogStore {
  const insertRows = rowInserter(db, 'auth_log', COLUMNS);
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
        }
        return ids;
      });
    },

    async recent(limit) {
      const rows = await db
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
        ])
        .orderBy('l.last_at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        at: Number(r.at),
        lastAt: Number(r.last_at),
        count: r.count,
        router: r.name,
        mac: r.mac,
        username: r.username,
        decision: r.decision,
        reason: r.reason,
      }));
    },

    async deleteBefore(at) {
      const r = await db.deleteFrom('auth_log').where('last_at', '<', at).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
