// Reads behind the operator's resident card and the subject's data export: the roster entry, the family card's
// members, and the sessions of the resident's devices (newest first, by the sessions' device index).
import { type Kysely, sql } from 'kysely';
import type { ResidentRecordStore } from '../../src/services/accounts/resident-record.js';
import type { Database } from '../schema.js';

export function createResidentRecordStore(db: Kysely<Database>): ResidentRecordStore {
  return {
    async rosterEntry(residentId) {
      const r = await db
        .selectFrom('residents')
        .select([
          'id',
          'nik_masked',
          'kk_masked',
          'name',
          'sex',
          'birth_date',
          'dusun',
          'rw',
          'rt',
          'kk_level',
          'active',
          'deactivated_at',
        ])
        .where('id', '=', residentId)
        .executeTakeFirst();
      if (!r) return undefined;
      return {
        ...r,
        active: r.active === 1,
        deactivated_at: r.deactivated_at === null ? null : Number(r.deactivated_at),
      };
    },

    async household(residentId) {
      const rows = await db
        .selectFrom('residents as me')
        .innerJoin('residents as m', 'm.kk_index', 'me.kk_index')
        .leftJoin('accounts as a', 'a.resident_id', 'm.id')
        .select(['m.id', 'm.nik_masked', 'm.name', 'm.kk_level', 'm.active', 'a.status as account_status'])
        .where('me.id', '=', residentId)
        // Head of family first, then by OpenSID's order in the family; unknown places last.
        .orderBy(sql`coalesce(m.kk_level, 99)`)
        .orderBy('m.name')
        .orderBy('m.id')
        .limit(50)
        .execute();
      return rows.map((r) => ({ ...r, active: r.active === 1 }));
    },

    async sessionsOf(residentId, limit) {
      const rows = await db
        .selectFrom('sessions as s')
        .innerJoin('devices as d', 'd.id', 's.device_id')
        .innerJoin('accounts as a', 'a.id', 'd.account_id')
        .innerJoin('routers as r', 'r.id', 's.router_id')
        .select([
          'r.name as router',
          's.started_at',
          's.stopped_at',
          's.mac',
          's.framed_ip as ip',
          's.output_bytes',
          's.input_bytes',
          's.session_time_s',
        ])
        .where('a.resident_id', '=', residentId)
        .orderBy('s.started_at', 'desc')
        .orderBy('s.id', 'desc')
        .limit(limit)
        .execute();
      // RADIUS counts from the router's side: its output is the resident's download.
      return rows.map((r) => ({
        router: r.router,
        started_at: Number(r.started_at),
        stopped_at: r.stopped_at === null ? null : Number(r.stopped_at),
        mac: r.mac,
        ip: r.ip,
        download_bytes: Number(r.output_bytes),
        upload_bytes: Number(r.input_bytes),
        seconds: Number(r.session_time_s),
      }));
    },
  };
}
