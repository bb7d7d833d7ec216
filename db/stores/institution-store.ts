// Institutions and their devices (`institutions`, `institution_devices`), and their traffic rollup
// (`usage_institution_daily`). Every change writes its audit row in the same transaction.
import { type Kysely, sql } from 'kysely';
import type { InstitutionKind, InstitutionStore } from '../../src/services/institutions/institution-ports.js';
import type { Database } from '../schema.js';
import { withAudit } from './audit-store.js';

const n = (v: unknown) => Number(v ?? 0);

export function createInstitutionStore(db: Kysely<Database>): InstitutionStore {
  async function listWhere(name?: string) {
    let q = db
      .selectFrom('institutions as i')
      .leftJoin('plans as p', 'p.id', 'i.plan_id')
      .selectAll('i')
      .select('p.name as plan_name')
      .orderBy('i.name');
    if (name !== undefined) q = q.where(sql`lower(i.name)`, '=', sql`lower(${name})`);
    const rows = await q.execute();
    if (rows.length === 0) return [];
    const devices = await db
      .selectFrom('institution_devices')
      .selectAll()
      .where(
        'institution_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('mac')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind as InstitutionKind,
      dusun: r.dusun,
      planId: r.plan_id,
      planName: r.plan_name,
      priority: r.priority,
      note: r.note,
      disabledAt: r.disabled_at === null ? null : Number(r.disabled_at),
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
      devices: devices
        .filter((d) => d.institution_id === r.id)
        .map((d) => ({ id: d.id, mac: d.mac, label: d.label, createdAt: Number(d.created_at) })),
    }));
  }

  const columns = (f: Parameters<InstitutionStore['create']>[0], at: number) => ({
    name: f.name,
    kind: f.kind,
    dusun: f.dusun,
    plan_id: f.planId,
    priority: f.priority,
    note: f.note,
    updated_at: at,
  });

  return {
    list: () => listWhere(),
    async findByName(name) {
      return (await listWhere(name))[0];
    },
    create(fields, at, audit) {
      return withAudit(db, audit, async (trx) => {
        const r = await trx
          .insertInto('institutions')
          .values({ ...columns(fields, at), disabled_at: fields.disabled ? at : null, created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        return r.id;
      });
    },
    update(id, fields, at, audit) {
      return withAudit(db, audit, async (trx) => {
        await trx
          .updateTable('institutions')
          .set({
            ...columns(fields, at),
            // Keeps the first disabling instant while it stays disabled.
            disabled_at: fields.disabled ? sql<number>`coalesce(disabled_at, ${at})` : null,
          })
          .where('id', '=', id)
          .execute();
      });
    },
    remove(id, audit) {
      return withAudit(db, audit, async (trx) => {
        await trx.deleteFrom('institution_devices').where('institution_id', '=', id).execute();
        await trx.deleteFrom('institutions').where('id', '=', id).execute();
      });
    },
    addDevice(institutionId, mac, label, at, audit) {
      return withAudit(db, audit, async (trx) => {
        await trx
          .insertInto('institution_devices')
          .values({ institution_id: institutionId, mac, label, created_at: at })
          .execute();
      });
    },
    removeDevice(deviceId, audit) {
      return withAudit(db, audit, async (trx) => {
        await trx.deleteFrom('institution_devices').where('id', '=', deviceId).execute();
      });
    },
    async holderOfMac(mac) {
      const r = await db
        .selectFrom('institution_devices as d')
        .innerJoin('institutions as i', 'i.id', 'd.institution_id')
        .select(['d.id', 'i.name'])
        .where('d.mac', '=', mac)
        .executeTakeFirst();
      return r && { deviceId: r.id, institution: r.name };
    },
    async residentHasMac(mac) {
      const r = await db
        .selectFrom('devices')
        .select('id')
        .where('mac', '=', mac)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return r !== undefined;
    },
    async planIdByName(name) {
      return db
        .selectFrom('plans')
        .select(['id', 'name'])
        .where(sql`lower(name)`, '=', sql`lower(${name})`)
        .executeTakeFirst();
    },
    async usage(from, to) {
      const rows = await db
        .selectFrom('usage_institution_daily')
        .select([
          'institution_id',
          sql<number>`sum(bytes_out)`.as('down'),
          sql<number>`sum(bytes_in)`.as('up'),
          sql<number>`sum(sessions)`.as('sessions'),
        ])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy('institution_id')
        .execute();
      return rows.map((r) => ({
        institutionId: r.institution_id,
        bytesDown: n(r.down),
        bytesUp: n(r.up),
        sessions: n(r.sessions),
      }));
    },
    async deviceFacts(mac) {
      const r = await db
        .selectFrom('institution_devices as d')
        .innerJoin('institutions as i', 'i.id', 'd.institution_id')
        .select(['d.id', 'd.mac', 'i.id as institution_id', 'i.disabled_at', 'i.plan_id', 'i.priority'])
        .where('d.mac', '=', mac)
        .executeTakeFirst();
      return (
        r && {
          deviceId: r.id,
          institutionId: r.institution_id,
          mac: r.mac,
          disabled: r.disabled_at !== null,
          planId: r.plan_id,
          priority: r.priority,
        }
      );
    },
    async usedBetween(institutionId, fromDay, toDay) {
      const r = await db
        .selectFrom('usage_institution_daily')
        .select(sql<number>`sum(bytes_in + bytes_out)`.as('used'))
        .where('institution_id', '=', institutionId)
        .where('day', '>=', fromDay)
        .where('day', '<=', toDay)
        .executeTakeFirst();
      return n(r?.used);
    },
  };
}
