// Devices in the `devices` table. The device limit is checked and the insert made in one transaction that first
// writes the account row, so two adds for one account (CLI and portal at once) cannot both slip under the limit.
import { type Kysely, sql } from 'kysely';
import type { AuditEntry } from '../../src/services/audit/audit.js';
import type {
  DeviceCreateOutcome,
  DeviceRecord,
  DeviceStore,
  NewDeviceFields,
} from '../../src/services/devices/devices.js';
import type { Database } from '../schema.js';
import { withAudit } from './audit-store.js';

const COLUMNS = ['id', 'account_id', 'mac', 'username', 'label', 'created_at'] as const;

export function createDeviceStore(db: Kysely<Database>): DeviceStore {
  return {
    findLiveByMac(mac: string): Promise<DeviceRecord | undefined> {
      return db
        .selectFrom('devices')
        .select(COLUMNS)
        .where('mac', '=', mac)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
    },

    async institutionOfMac(mac: string): Promise<string | undefined> {
      return institutionOfMac(db, mac);
    },

    async createWithinLimit(
      fields: NewDeviceFields,
      limit: number,
      audit: (deviceId: number) => AuditEntry,
    ): Promise<DeviceCreateOutcome> {
      const run = async (trx: Kysely<Database>): Promise<DeviceCreateOutcome> => {
        // The write takes the account's row lock (PostgreSQL) or the write lock (SQLite) before anything is read.
        await trx
          .updateTable('accounts')
          .set({ updated_at: sql`updated_at` })
          .where('id', '=', fields.account_id)
          .execute();
        const { n } = await trx
          .selectFrom('devices')
          .select(sql<number>`count(*)`.as('n'))
          .where('account_id', '=', fields.account_id)
          .where('revoked_at', 'is', null)
          .executeTakeFirstOrThrow();
        const live = Number(n);
        if (live >= limit) return { ok: false, reason: 'limit-reached', liveDevices: live };
        const macTaken = await trx
          .selectFrom('devices')
          .select('id')
          .where('mac', '=', fields.mac)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (macTaken) return { ok: false, reason: 'mac-taken' };
        const nameTaken = await trx
          .selectFrom('devices')
          .select('id')
          .where('username', '=', fields.username)
          .executeTakeFirst();
        if (nameTaken) return { ok: false, reason: 'username-taken' };
        const device = await trx
          .insertInto('devices')
          .values(fields)
          .returning(COLUMNS)
          .executeTakeFirstOrThrow();
        return { ok: true, device, liveDevices: live + 1 };
      };
      // Only a successful insert is audited; a refusal changes nothing and leaves no row.
      const work = async (trx: Kysely<Database>) => {
        const outcome = await run(trx);
        return outcome.ok ? withAudit(trx, audit(outcome.device.id), async () => outcome) : outcome;
      };
      return db.isTransaction ? work(db) : db.transaction().execute(work);
    },
  };
}

/**
 * Revokes one of the account's live devices with its audit entry, in one transaction; false (nothing written)
 * when the id is stale, revoked already or another account's.
 */
export function revokeLiveDevice(
  db: Kysely<Database>,
  accountId: number,
  deviceId: number,
  audit: AuditEntry,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('devices')
      .set({ revoked_at: audit.at })
      .where('id', '=', deviceId)
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    return withAudit(trx, audit, async () => true);
  });
}

/** The institution holding a device with this MAC (institution_devices keeps MACs upper-case with colons). */
export async function institutionOfMac(db: Kysely<Database>, mac: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('institution_devices as d')
    .innerJoin('institutions as i', 'i.id', 'd.institution_id')
    .select('i.name')
    .where('d.mac', '=', mac)
    .executeTakeFirst();
  return row?.name;
}
