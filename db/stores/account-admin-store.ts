// Accounts as operators manage them: the filtered list and a resident's card, and the lifecycle writes
// (approve, suspend, plan, PIN, reclaim, erase), each in one transaction with its audit entry.
import { type ExpressionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import type {
  AccountCard,
  AccountDirectoryStore,
  AccountFilter,
} from '../../src/services/accounts/account-directory.js';
import type { AccountLifecycleStore, AccountPatch } from '../../src/services/accounts/account-lifecycle.js';
import type { AccountListing } from '../../src/services/accounts/accounts.js';
import type { AuditEntry } from '../../src/services/audit/audit.js';
import type {
  ResidentListing,
  ResidentQuery,
  ResidentSearchStore,
} from '../../src/services/residents/resident-search.js';
import type { Database } from '../schema.js';
import { createAccountStore } from './account-store.js';
import { withAudit } from './audit-store.js';
import { lastSeenAt, sessionSeenAt } from './device-last-seen.js';
import { revokeLiveDevice } from './device-store.js';
import { PLACEHOLDER_NAME } from './portal-store.js';
import { isPostgres } from './radius-sql.js';

type AccountsFrom = ExpressionBuilder<
  Database & { a: Database['accounts']; r: Database['residents'] },
  'a' | 'r'
>;

/** `%`, `_` and the escape itself stand for themselves in a LIKE pattern. */
const likeText = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filtered(eb: AccountsFrom, f: AccountFilter) {
  const all = [];
  if (f.status) all.push(eb('a.status', '=', f.status));
  if (f.dusun) all.push(eb(sql`lower(r.dusun)`, '=', f.dusun.toLowerCase()));
  // RT is written 1, 01 or 001 by different people and rosters.
  if (f.rt) all.push(eb(sql`ltrim(r.rt, '0')`, '=', f.rt.replace(/^0+/, '')));
  if (f.search) all.push(eb(sql`lower(r.name)`, 'like', sql`${likeText(f.search)} escape '\\'`));
  if (f.unverified) all.push(eb('a.unverified_reason', 'is not', null));
  return eb.and(all);
}

type ResidentsFrom = ExpressionBuilder<
  Database & { r: Database['residents']; a: Database['accounts'] },
  'r' | 'a'
>;

/** The first text after every text starting with `prefix`, in bytewise (code point) order. */
function prefixEnd(prefix: string): string {
  const points = [...prefix];
  const last = points.pop() ?? '';
  return points.join('') + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}

/**
 * The resident search's conditions, written as the admin-indexes migration's expressions so that each is an
 * index seek: `nameKey` must match the index text exactly (PostgreSQL's bytewise collation included).
 */
function residentConditions(
  eb: ResidentsFrom,
  q: ResidentQuery,
  nameKey: RawBuilder<string>,
  use: 'page' | 'count',
) {
  const all = [];
  if (q.nikIndex !== undefined) all.push(eb('r.nik_index', 'in', [q.nikIndex].flat()));
  if (q.dusun !== undefined) all.push(eb(sql`lower(r.dusun)`, '=', q.dusun));
  if (q.rt !== undefined) all.push(eb(sql`ltrim(r.rt, '0')`, '=', q.rt));
  if (q.namePrefix !== undefined) {
    all.push(eb(nameKey, '>=', q.namePrefix), eb(nameKey, '<', prefixEnd(q.namePrefix)));
  }
  if (q.status === 'none') all.push(eb('a.id', 'is', null));
  // A page walks residents in name order and checks each one's account: driven from accounts_status it would
  // read and sort every account of that status (thousands even when pending), so there the condition is written
  // where no index applies. A count stops at its cap: rare statuses are counted fastest from their index.
  else if (q.status !== undefined && (use === 'page' || q.status === 'active'))
    all.push(eb(sql`a.status || ''`, '=', q.status));
  else if (q.status !== undefined) all.push(eb('a.status', '=', q.status));
  return eb.and(all);
}

export function createAccountAdminStore(
  db: Kysely<Database>,
): AccountDirectoryStore & AccountLifecycleStore & ResidentSearchStore {
  const { findResidentByNikIndex } = createAccountStore(db);
  const nameKey = isPostgres(db) ? sql<string>`(lower(r.name) collate "C")` : sql<string>`lower(r.name)`;
  const residentsWithAccounts = () =>
    db.selectFrom('residents as r').leftJoin('accounts as a', 'a.resident_id', 'r.id');
  /** Residents as the search and the residents page list them: where they live, their account's status. */
  const residentLines = () =>
    residentsWithAccounts().select([
      'r.nik_masked',
      'r.name',
      'r.dusun',
      'r.rw',
      'r.rt',
      'r.active',
      'a.status as account_status',
      'a.unverified_reason',
    ]);
  const activeAsBoolean = <T extends { active: number }>(rows: readonly T[]) =>
    rows.map(({ active, ...r }) => ({ ...r, active: active === 1 }));

  const listed = () =>
    db
      .selectFrom('accounts as a')
      .innerJoin('residents as r', 'r.id', 'a.resident_id')
      .leftJoin('plans as p', (j) =>
        j.on((eb) =>
          eb.or([
            eb('p.id', '=', eb.ref('a.plan_id')),
            eb.and([eb('a.plan_id', 'is', null), eb('p.is_default', '=', 1)]),
          ]),
        ),
      );

  return {
    findResidentByNikIndex,

    async searchResidents(by, limit) {
      const rows = await residentLines()
        .where((eb) =>
          'nikIndex' in by
            ? eb('r.nik_index', 'in', [by.nikIndex].flat())
            : eb(sql`lower(r.name)`, 'like', sql`${likeText(by.name)} escape '\\'`),
        )
        .orderBy('r.name')
        .orderBy('r.id')
        .limit(limit)
        .execute();
      return activeAsBoolean(rows);
    },

    async findResidents(query, page): Promise<ResidentListing[]> {
      let q = residentLines()
        .select('r.id')
        .where((eb) => residentConditions(eb as unknown as ResidentsFrom, query, nameKey, 'page'));
      if (page.afterId !== undefined) {
        // Keyset: after the last row shown, by (name key, id), read from that row so the cursor is only an id.
        const afterId = page.afterId;
        const key = db.selectFrom('residents as r').select(nameKey.as('k')).where('r.id', '=', afterId);
        // (The subquery's own `r` shadows the outer one.) The first condition alone is a range on the index;
        // the second settles rows of the same name.
        q = q
          .where((eb) => eb(nameKey, '>=', key))
          .where((eb) => eb.or([eb(nameKey, '>', key), eb('r.id', '>', afterId)]));
      }
      const rows = await q.orderBy(nameKey).orderBy('r.id').limit(page.limit).execute();
      return activeAsBoolean(rows);
    },

    async countResidents(query, cap) {
      const { n } = await db
        .selectFrom(
          residentsWithAccounts()
            .select('r.id')
            .where((eb) => residentConditions(eb as unknown as ResidentsFrom, query, nameKey, 'count'))
            .limit(cap)
            .as('m'),
        )
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    async listAccounts(filter, page) {
      const { n } = await db
        .selectFrom('accounts as a')
        .innerJoin('residents as r', 'r.id', 'a.resident_id')
        .select(sql<number>`count(*)`.as('n'))
        .where((eb) => filtered(eb as unknown as AccountsFrom, filter))
        .executeTakeFirstOrThrow();
      const rows = await listed()
        .select([
          'a.id',
          'r.nik_masked',
          'r.name',
          'r.dusun',
          'r.rw',
          'r.rt',
          'r.active',
          'a.status',
          'a.plan_id',
          'a.unverified_reason',
          'a.suspended_reason',
          'p.name as plan_name',
          'a.created_at',
        ])
        .where((eb) => filtered(eb as unknown as AccountsFrom, filter))
        .orderBy('r.dusun')
        .orderBy('r.rw')
        .orderBy('r.rt')
        .orderBy('r.name')
        .orderBy('a.id')
        .offset(page.offset)
        .limit(page.limit)
        .execute();
      // Counted for the page's accounts only: as a column it would run for every row the offset skips.
      const counts =
        rows.length === 0
          ? []
          : await db
              .selectFrom('devices')
              .select(['account_id', sql<number>`count(*)`.as('n')])
              .where(
                'account_id',
                'in',
                rows.map((r) => r.id),
              )
              .where('revoked_at', 'is', null)
              .groupBy('account_id')
              .execute();
      const devices = new Map(counts.map((c) => [c.account_id, Number(c.n)]));
      return {
        total: Number(n),
        rows: rows.map(
          ({ active, ...r }): AccountListing => ({
            ...r,
            created_at: Number(r.created_at),
            resident_active: active === 1,
            follows_default_plan: r.plan_id === null,
            devices: devices.get(r.id) ?? 0,
          }),
        ),
      };
    },

    async accountCard(residentId, monthFirstDay): Promise<AccountCard | undefined> {
      const a = await listed()
        .select((eb) => [
          'a.id',
          'r.nik_masked',
          'r.name',
          'r.dusun',
          'r.rw',
          'r.rt',
          'r.active',
          'r.kk_masked',
          'a.status',
          'a.plan_id',
          'a.unverified_reason',
          'a.suspended_reason',
          'p.name as plan_name',
          'a.consent_at',
          'a.consent_notice_version',
          'a.consent_channel',
          'a.approved_by',
          'a.approved_at',
          'a.created_at',
          eb
            .selectFrom('residents as m')
            .select(sql<number>`count(*)`.as('n'))
            .whereRef('m.kk_index', '=', 'r.kk_index')
            .where('m.active', '=', 1)
            .as('household'),
        ])
        .where('a.resident_id', '=', residentId)
        .executeTakeFirst();
      if (!a) return undefined;
      const devices = await db
        .selectFrom('devices as d')
        .select((eb) => [
          'd.id',
          'd.label',
          'd.mac',
          'd.username',
          'd.created_at',
          'd.last_seen_at',
          sessionSeenAt(eb),
          eb
            .selectFrom('usage_daily as u')
            .select(sql<number | null>`cast(sum(u.bytes_in + u.bytes_out) as bigint)`.as('b'))
            .whereRef('u.device_id', '=', 'd.id')
            .where('u.day', '>=', monthFirstDay)
            .as('bytes'),
        ])
        .where('d.account_id', '=', a.id)
        .where('d.revoked_at', 'is', null)
        .orderBy('d.created_at')
        .orderBy('d.id')
        .execute();
      const num = (v: number | string | null) => (v === null ? null : Number(v));
      const { active, household, ...rest } = a;
      return {
        ...rest,
        resident_active: active === 1,
        household_members: Number(household ?? 0),
        follows_default_plan: a.plan_id === null,
        consent_at: num(a.consent_at),
        approved_at: num(a.approved_at),
        created_at: Number(a.created_at),
        devices: devices.map((d) => ({
          id: d.id,
          label: d.label,
          mac: d.mac,
          username: d.username,
          created_at: Number(d.created_at),
          last_seen_at: lastSeenAt(d),
          bytes_this_month: Number(d.bytes ?? 0),
        })),
      };
    },

    async findResidentById(residentId) {
      const r = await db
        .selectFrom('residents')
        .select(['id', 'nik_index', 'nik_masked', 'name', 'dusun', 'rw', 'rt', 'active'])
        .where('id', '=', residentId)
        .executeTakeFirst();
      return r ? { ...r, active: r.active === 1 } : undefined;
    },

    accountOwner(accountId) {
      return db.selectFrom('accounts').select('resident_id').where('id', '=', accountId).executeTakeFirst();
    },

    deviceOwner(deviceId) {
      return db
        .selectFrom('devices as d')
        .innerJoin('accounts as a', 'a.id', 'd.account_id')
        .select('a.resident_id')
        .where('d.id', '=', deviceId)
        .where('d.revoked_at', 'is', null)
        .executeTakeFirst();
    },

    findManaged(residentId) {
      return db
        .selectFrom('accounts')
        .select(['id', 'resident_id', 'status', 'plan_id', 'unverified_reason', 'suspended_reason'])
        .where('resident_id', '=', residentId)
        .executeTakeFirst();
    },

    async liveDeviceIds(accountId) {
      const rows = await db
        .selectFrom('devices')
        .select('id')
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .execute();
      return rows.map((r) => r.id);
    },

    async activeSessionIdsOf(deviceIds) {
      if (deviceIds.length === 0) return [];
      const rows = await db
        .selectFrom('sessions')
        .select('id')
        .where('device_id', 'in', deviceIds)
        .where('state', '=', 'active')
        .orderBy('id')
        .execute();
      return rows.map((r) => r.id);
    },

    updateAccount(accountId, patch: AccountPatch, opts, audit: AuditEntry) {
      return withAudit(db, audit, async (trx) => {
        await trx
          .updateTable('accounts')
          .set({
            ...patch,
            // A new PIN starts with a clean slate: the old one's failures and lock were someone else's.
            ...(patch.pin_hash === undefined ? {} : { pin_failures: 0, pin_locked_until: null }),
            updated_at: opts.at,
          })
          .where('id', '=', accountId)
          .execute();
        if (!opts.revokeDevices) return [];
        const revoked = await trx
          .updateTable('devices')
          .set({ revoked_at: opts.at })
          .where('account_id', '=', accountId)
          .where('revoked_at', 'is', null)
          .returning('id')
          .execute();
        return revoked.map((r) => r.id);
      });
    },

    liveDevices(accountId) {
      return db
        .selectFrom('devices')
        .select(['id', 'mac', 'label'])
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .orderBy('id')
        .execute();
    },

    revokeDevice: (accountId, deviceId, audit) => revokeLiveDevice(db, accountId, deviceId, audit),

    removeAccount(accountId, audit) {
      return withAudit(db, audit, async (trx) => (await deleteAccount(trx, accountId, false)).devices);
    },

    eraseAccount(accountId, audit) {
      return withAudit(db, audit, (trx) => deleteAccount(trx, accountId, true));
    },
  };
}

/**
 * Deletes the account and its devices. Sessions keep their totals, no longer anyone's. With `erase` (a subject's
 * erasure request) nothing that could point back at the person stays either: the sessions lose their address and
 * user name, the auth log its MACs and user names of the account's devices and tickets, the portal its wrong-PIN
 * counter under the NIK's keyed hash. Daily usage stays (it names a device number only): the aggregates.
 */
async function deleteAccount(trx: Kysely<Database>, accountId: number, erase: boolean) {
  const devices = await trx
    .selectFrom('devices')
    .select(['id', 'mac', 'username'])
    .where('account_id', '=', accountId)
    .execute();
  const ids = devices.map((r) => r.id);
  let sessionsScrubbed = 0;
  let authLogScrubbed = 0;
  if (erase) {
    const tickets = await trx
      .selectFrom('login_tickets')
      .select(['username', 'used_mac'])
      .where('account_id', '=', accountId)
      .execute();
    const macs = [...new Set([...devices.map((d) => d.mac), ...tickets.flatMap((t) => t.used_mac ?? [])])];
    const names = [...new Set([...devices.map((d) => d.username), ...tickets.map((t) => t.username)])];
    if (ids.length > 0) {
      const scrubbed = await trx
        .updateTable('sessions')
        .set({ username: '-', framed_ip: null, class: null })
        .where('device_id', 'in', ids)
        .executeTakeFirst();
      sessionsScrubbed = Number(scrubbed.numUpdatedRows);
    }
    // The auth log has no index on MAC (every RADIUS packet writes it): one scan, on a rare request.
    if (macs.length > 0 || names.length > 0) {
      const scrubbed = await trx
        .updateTable('auth_log')
        .set({ mac: null, username: null })
        .where((eb) =>
          eb.or([
            ...(macs.length > 0 ? [eb('mac', 'in', macs)] : []),
            ...(names.length > 0 ? [eb('username', 'in', names)] : []),
          ]),
        )
        .executeTakeFirst();
      authLogScrubbed = Number(scrubbed.numUpdatedRows);
    }
    await trx.deleteFrom('login_tickets').where('account_id', '=', accountId).execute();
    // The reports' first-seen rows name the resident by roster id (negated): a scan, on a rare request. Their
    // counts stay (aggregates); devices stay as bare numbers, as in usage_daily.
    const owner = await trx
      .selectFrom('accounts')
      .select('resident_id')
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (owner) await trx.deleteFrom('usage_seen').where('subject', '=', -owner.resident_id).execute();
    const resident = await trx
      .selectFrom('accounts as a')
      .innerJoin('residents as r', 'r.id', 'a.resident_id')
      .select('r.nik_index')
      .where('a.id', '=', accountId)
      .executeTakeFirst();
    if (resident)
      await trx.deleteFrom('portal_attempts').where('key', '=', `nik:${resident.nik_index}`).execute();
  }
  if (ids.length > 0) {
    // sessions.device_id references devices: the sessions keep their totals, no longer anyone's (and
    // without the MAC, which would still point at the person).
    await trx
      .updateTable('sessions')
      .set({ device_id: null, mac: null })
      .where('device_id', 'in', ids)
      .execute();
    await trx.deleteFrom('devices').where('account_id', '=', accountId).execute();
  }
  // The running daily totals go with the account (deleted or erased): an account later given its id must not
  // start its day with them.
  await trx.deleteFrom('account_usage_daily').where('account_id', '=', accountId).execute();
  const account = await trx
    .deleteFrom('accounts')
    .where('id', '=', accountId)
    .returning('resident_id')
    .executeTakeFirst();
  // A roster row the portal made up for a NIK the roster lacked goes too: it held nothing but that NIK.
  if (account) {
    await trx
      .deleteFrom('residents')
      .where('id', '=', account.resident_id)
      .where('import_batch_id', 'is', null)
      .where('name', '=', PLACEHOLDER_NAME)
      .execute();
  }
  return { devices: ids.length, sessions_scrubbed: sessionsScrubbed, auth_log_scrubbed: authLogScrubbed };
}
