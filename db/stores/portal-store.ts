// What the captive portal reads and writes: residents by NIK hash (with the KK hash and birth date it checks),
// accounts with their PIN state, devices with when they were last seen, usage for the status page, and a PIN
// hash made anew (peppered). Writes that change an account or a device are audited in the same transaction.
import { type Kysely, sql } from 'kysely';
import type { AuditEntry } from '../../src/services/audit/audit.js';
import type { StatusStore } from '../../src/services/portal/portal-status.js';
import type {
  NewRegistration,
  PortalAccount,
  PortalDevice,
  RegistrationStore,
} from '../../src/services/portal/registration.js';
import type { Database } from '../schema.js';
import { withAudit } from './audit-store.js';
import { lastSeenAt, sessionSeenAt } from './device-last-seen.js';
import { institutionOfMac, revokeLiveDevice } from './device-store.js';
import { isUniqueViolation } from './unique-violation.js';

/** Shown to operators for a NIK the roster lacks, until an import fills the row in. */
export const PLACEHOLDER_NAME = '(belum ada di data penduduk)';

export type PortalStore = RegistrationStore &
  StatusStore & {
    /** Sessions of the device that accounting still holds open (to disconnect after a removal). */
    activeSessionIds(deviceId: number): Promise<number[]>;
  };

export function createPortalStore(db: Kysely<Database>): PortalStore {
  const accountQuery = () =>
    db
      .selectFrom('accounts as a')
      .innerJoin('residents as r', 'r.id', 'a.resident_id')
      .select([
        'a.id',
        'a.resident_id',
        'a.status',
        'a.plan_id',
        'a.pin_hash',
        'a.pin_locked_until',
        'a.approved_by',
        'a.consent_channel',
        'r.active as resident_active',
      ]);
  const toAccount = (r: {
    id: number;
    resident_id: number;
    status: string;
    plan_id: number | null;
    pin_hash: string | null;
    pin_locked_until: number | null;
    approved_by: string | null;
    consent_channel: string | null;
    resident_active: number;
  }): PortalAccount => ({
    ...r,
    pin_locked_until: r.pin_locked_until === null ? null : Number(r.pin_locked_until),
    resident_active: r.resident_active === 1,
  });

  async function liveDevices(accountId: number): Promise<PortalDevice[]> {
    const rows = await db
      .selectFrom('devices as d')
      .select((eb) => ['d.id', 'd.mac', 'd.label', 'd.created_at', 'd.last_seen_at', sessionSeenAt(eb)])
      .where('d.account_id', '=', accountId)
      .where('d.revoked_at', 'is', null)
      .orderBy('d.created_at')
      .orderBy('d.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      mac: r.mac,
      label: r.label,
      created_at: Number(r.created_at),
      last_seen_at: lastSeenAt(r),
    }));
  }

  const statusAccount = (r: {
    id: number;
    status: string;
    plan_id: number | null;
    resident_active: number;
  }) => ({
    id: r.id,
    status: r.status,
    plan_id: r.plan_id,
    resident_active: r.resident_active === 1,
  });

  return {
    async findResident(nikIndex) {
      const r = await db
        .selectFrom('residents')
        .select(['id', 'kk_index', 'birth_date', 'active'])
        .where('nik_index', '=', nikIndex)
        .executeTakeFirst();
      return r && { ...r, active: r.active === 1 };
    },

    async findAccountByResident(residentId) {
      const r = await accountQuery().where('a.resident_id', '=', residentId).executeTakeFirst();
      return r && toAccount(r);
    },

    async findAccount(accountId) {
      const r = await accountQuery().where('a.id', '=', accountId).executeTakeFirst();
      return r && toAccount(r);
    },

    async saveRegistration(target, fields: NewRegistration, audit: (accountId: number) => AuditEntry) {
      // A parallel registration of the same NIK inserted first (accounts.resident_id or the placeholder's
      // nik_index is unique): this one changed nothing, and says so.
      const saved = withAudit(db, audit, async (trx) => {
        const values = {
          status: fields.status,
          pin_hash: fields.pin_hash,
          pin_failures: 0,
          pin_locked_until: null,
          consent_at: fields.consent_at,
          consent_notice_version: fields.consent_notice_version,
          consent_channel: fields.consent_channel,
          approved_by: null,
          approved_at: null,
          unverified_reason: fields.unverified_reason ?? null,
          updated_at: fields.at,
        };
        if ('residentId' in target && target.replaceAccountId !== undefined) {
          await trx.updateTable('accounts').set(values).where('id', '=', target.replaceAccountId).execute();
          return target.replaceAccountId;
        }
        let residentId: number;
        if ('placeholder' in target) {
          const p = target.placeholder;
          const row = await trx
            .insertInto('residents')
            .values({
              ...p,
              name: PLACEHOLDER_NAME,
              dusun: '',
              rw: '',
              rt: '',
              status_dasar: 0,
              active: 0,
              warnings: JSON.stringify(['portal-unverified']),
              created_at: fields.at,
              updated_at: fields.at,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          residentId = row.id;
        } else {
          residentId = target.residentId;
        }
        const row = await trx
          .insertInto('accounts')
          .values({ ...values, resident_id: residentId, plan_id: null, created_at: fields.at })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      });
      return saved.catch((error: unknown) => {
        if (isUniqueViolation(error)) return undefined;
        throw error;
      });
    },

    async setPinHash(accountId, pinHash, at) {
      await db
        .updateTable('accounts')
        .set({ pin_hash: pinHash, updated_at: at })
        .where('id', '=', accountId)
        .execute();
    },

    liveDevices,

    institutionOfMac: (mac) => institutionOfMac(db, mac),

    revokeDevice: (accountId, deviceId, audit) => revokeLiveDevice(db, accountId, deviceId, audit),

    async activeSessionIds(deviceId) {
      const rows = await db
        .selectFrom('sessions')
        .select('id')
        .where('device_id', '=', deviceId)
        .where('state', '=', 'active')
        .execute();
      return rows.map((r) => r.id);
    },

    async findAccountByClientIp(ip, since) {
      const r = await db
        .selectFrom('sessions as s')
        .innerJoin('devices as d', 'd.id', 's.device_id')
        .innerJoin('accounts as a', 'a.id', 'd.account_id')
        .innerJoin('residents as r', 'r.id', 'a.resident_id')
        .select(['a.id', 'a.status', 'a.plan_id', 'r.active as resident_active', 'd.id as device_id'])
        .where('s.framed_ip', '=', ip)
        .where('s.state', '=', 'active')
        .where('s.updated_at', '>=', since)
        .where('d.revoked_at', 'is', null)
        // The address's latest holder: a DHCP lease may have passed from a phone whose Stop never came.
        .orderBy('s.updated_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && { ...statusAccount(r), device_id: r.device_id };
    },

    async findStatusAccount(accountId) {
      const r = await db
        .selectFrom('accounts as a')
        .innerJoin('residents as r', 'r.id', 'a.resident_id')
        .select(['a.id', 'a.status', 'a.plan_id', 'r.active as resident_active'])
        .where('a.id', '=', accountId)
        .executeTakeFirst();
      return r && statusAccount(r);
    },

    async usedOnDays(accountId, fromDay, toDay) {
      // Days sort as text; usage_daily(device_id, day) seeks each device's days.
      const r = await db
        .selectFrom('usage_daily as u')
        .innerJoin('devices as d', 'd.id', 'u.device_id')
        .select(sql<number | null>`cast(sum(u.bytes_in + u.bytes_out) as bigint)`.as('used'))
        .where('u.day', '>=', fromDay)
        .where('u.day', '<=', toDay)
        .where('d.account_id', '=', accountId)
        .executeTakeFirst();
      return Number(r?.used ?? 0);
    },
  };
}
