// The `vouchers` table. A voucher's usage is kept on its row by accounting (db/stores/voucher-usage.ts), so its
// status is a predicate over its own columns and lists filter and page in SQL. Creating a batch, revoking and
// showing codes for printing write their audit row (the first two in the same transaction as the change).
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { rateLimitString } from '../../src/domain/rate-limit.js';
import type {
  VoucherBatchSummary,
  VoucherFilter,
  VoucherPlanRef,
  VoucherRow,
  VoucherStatus,
  VoucherStore,
} from '../../src/services/vouchers/voucher-ports.js';
import type { VoucherPlanLookup } from '../../src/services/vouchers/vouchers.js';
import type { Database } from '../schema.js';
import { withAudit } from './audit-store.js';
import { isUniqueViolation } from './unique-violation.js';

const n = (v: number | string | null) => (v === null ? null : Number(v));

/** The voucher's plan (aliased `p`) throttles at the quota: the SQL of `planThrottles`. */
const THROTTLES = sql`(p.at_quota = 'throttle' and p.throttle_down_rate is not null and p.throttle_up_rate is not null)`;

/** A voucher's status at `now`, as SQL over the row aliased `v` (the service's `statusOf`, spelled out). */
function statusIs(status: VoucherStatus, now: number): Expression<SqlBool> {
  const at = sql`cast(${now} as bigint)`;
  const timeOver = sql`(v.expires_at is not null and v.expires_at <= ${at})`;
  const usedUp = sql`(v.quota_bytes is not null and v.used_bytes >= v.quota_bytes)`;
  const over = sql`(${timeOver} or ${usedUp})`;
  switch (status) {
    case 'revoked':
      return sql<SqlBool>`v.revoked_at is not null`;
    case 'expired':
      return sql<SqlBool>`(v.revoked_at is null and (${timeOver} or (${usedUp} and not ${THROTTLES})))`;
    case 'throttled':
      return sql<SqlBool>`(v.revoked_at is null and not ${timeOver} and ${usedUp} and ${THROTTLES})`;
    case 'unused':
      return sql<SqlBool>`(v.revoked_at is null and not ${over} and v.first_login_at is null)`;
    case 'active':
      return sql<SqlBool>`(v.revoked_at is null and not ${over} and v.first_login_at is not null)`;
  }
}

const count = (e: Expression<SqlBool>) => sql<string | number>`sum(case when ${e} then 1 else 0 end)`;

export function createVoucherStore(db: Kysely<Database>): VoucherStore & VoucherPlanLookup {
  const base = (d: Kysely<Database>) =>
    d
      .selectFrom('vouchers as v')
      .innerJoin('plans as p', 'p.id', 'v.plan_id')
      .select([
        'v.id',
        'v.batch',
        'v.plan_id',
        'p.name as plan_name',
        'v.code_enc',
        'v.password_enc',
        'v.validity_s',
        'v.validity_from',
        'v.expires_at',
        'v.quota_bytes',
        'v.devices_allowed',
        'v.bound_macs',
        'v.price',
        'v.note',
        'v.first_login_at',
        'v.revoked_at',
        'v.created_at',
        'v.used_bytes',
        'v.used_seconds',
        'v.used_up_at',
        sql<number>`case when ${THROTTLES} then 1 else 0 end`.as('plan_throttles'),
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const toRow = (r: Row): VoucherRow => ({
    id: r.id,
    batch: r.batch,
    planId: r.plan_id,
    planName: r.plan_name,
    codeEnc: r.code_enc,
    passwordEnc: r.password_enc,
    validityS: r.validity_s,
    validityFrom: r.validity_from === 'creation' ? 'creation' : 'first-login',
    expiresAt: n(r.expires_at),
    quotaBytes: n(r.quota_bytes),
    devicesAllowed: r.devices_allowed,
    boundMacs: r.bound_macs ? r.bound_macs.split(',') : [],
    price: r.price,
    note: r.note,
    firstLoginAt: n(r.first_login_at),
    revokedAt: n(r.revoked_at),
    createdAt: Number(r.created_at),
    usedBytes: Number(r.used_bytes),
    usedSeconds: Number(r.used_seconds),
    usedUpAt: n(r.used_up_at),
    planThrottles: Number(r.plan_throttles) === 1,
  });

  return {
    async insertBatch(spec, vouchers, at, actor) {
      try {
        await withAudit(
          db,
          {
            at,
            actor,
            action: 'voucher.create',
            target: `voucher-batch:${spec.batch}`,
            detail: JSON.stringify({
              count: vouchers.length,
              planId: spec.planId,
              validityS: spec.validityS,
            }),
          },
          async (trx) => {
            for (let i = 0; i < vouchers.length; i += 100) {
              await trx
                .insertInto('vouchers')
                .values(
                  vouchers.slice(i, i + 100).map((v) => ({
                    batch: spec.batch,
                    plan_id: spec.planId,
                    code_index: v.codeIndex,
                    code_enc: v.codeEnc,
                    password_enc: v.passwordEnc,
                    validity_s: spec.validityS,
                    validity_from: spec.validityFrom,
                    expires_at: v.expiresAt,
                    quota_bytes: spec.quotaBytes,
                    devices_allowed: spec.devicesAllowed,
                    price: spec.price,
                    note: spec.note,
                    created_by: actor,
                    created_at: at,
                    updated_at: at,
                  })),
                )
                .execute();
            }
          },
        );
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },

    async findByIndex(codeIndex) {
      const r = await base(db).where('v.code_index', '=', codeIndex).executeTakeFirst();
      return r && toRow(r);
    },

    async findById(id) {
      const r = await base(db).where('v.id', '=', id).executeTakeFirst();
      return r && toRow(r);
    },

    async list(filter: VoucherFilter, now) {
      let q = base(db);
      if (filter.batch) q = q.where('v.batch', '=', filter.batch);
      if (filter.status) q = q.where(statusIs(filter.status, now));
      if (filter.live) q = q.where(sql<SqlBool>`(${statusIs('unused', now)} or ${statusIs('active', now)})`);
      if (filter.ids) {
        if (filter.ids.length === 0) return [];
        q = q.where('v.id', 'in', [...filter.ids]);
      }
      q = q.orderBy('v.id', filter.newestFirst ? 'desc' : 'asc');
      if (filter.limit !== undefined) q = q.limit(filter.limit).offset(filter.offset ?? 0);
      return (await q.execute()).map(toRow);
    },

    async batches(now, limit, offset) {
      const rows = await db
        .selectFrom('vouchers as v')
        .innerJoin('plans as p', 'p.id', 'v.plan_id')
        .select([
          'v.batch',
          sql<string>`min(p.name)`.as('plan_name'),
          sql<string | number>`min(v.created_at)`.as('created_at'),
          sql<string>`min(v.created_by)`.as('created_by'),
          sql<number>`min(v.validity_s)`.as('validity_s'),
          sql<string>`min(v.validity_from)`.as('validity_from'),
          sql<string | number | null>`min(v.quota_bytes)`.as('quota_bytes'),
          sql<number>`min(v.devices_allowed)`.as('devices_allowed'),
          sql<number | null>`min(v.price)`.as('price'),
          sql<string | null>`min(v.note)`.as('note'),
          count(statusIs('unused', now)).as('unused'),
          count(statusIs('active', now)).as('active'),
          count(statusIs('throttled', now)).as('throttled'),
          count(statusIs('expired', now)).as('expired'),
          count(statusIs('revoked', now)).as('revoked'),
          sql<number>`max(v.id)`.as('last_id'),
        ])
        .groupBy('v.batch')
        .orderBy(sql`max(v.id)`, 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map(
        (r): VoucherBatchSummary => ({
          batch: r.batch,
          planName: r.plan_name,
          createdAt: Number(r.created_at),
          createdBy: r.created_by,
          validityS: Number(r.validity_s),
          validityFrom: r.validity_from === 'creation' ? 'creation' : 'first-login',
          quotaBytes: r.quota_bytes === null ? null : Number(r.quota_bytes),
          devicesAllowed: Number(r.devices_allowed),
          price: r.price === null ? null : Number(r.price),
          note: r.note,
          counts: {
            unused: Number(r.unused),
            active: Number(r.active),
            throttled: Number(r.throttled),
            expired: Number(r.expired),
            revoked: Number(r.revoked),
          },
        }),
      );
    },

    async revoke(target, at, actor) {
      const label =
        'batch' in target
          ? `voucher-batch:${target.batch}`
          : 'id' in target
            ? `voucher:${target.id}`
            : 'voucher';
      return withAudit(
        db,
        (changed: number) => ({
          at,
          actor,
          action: 'voucher.revoke',
          target: label,
          detail: JSON.stringify({ count: changed }),
        }),
        async (trx) => {
          let q = trx
            .updateTable('vouchers')
            .set({ revoked_at: at, updated_at: at })
            .where('revoked_at', 'is', null);
          q =
            'batch' in target
              ? q.where('batch', '=', target.batch)
              : 'id' in target
                ? q.where('id', '=', target.id)
                : q.where('code_index', '=', target.codeIndex);
          const r = await q.executeTakeFirst();
          return Number(r.numUpdatedRows);
        },
      );
    },

    async recordLogin(id, at, expiresAt, bindMac) {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('vouchers')
          .select(['bound_macs', 'first_login_at'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) return;
        const macs = row.bound_macs ? row.bound_macs.split(',') : [];
        if (bindMac && !macs.includes(bindMac)) macs.push(bindMac);
        await trx
          .updateTable('vouchers')
          .set({
            bound_macs: macs.join(','),
            updated_at: at,
            ...(row.first_login_at === null ? { first_login_at: at } : {}),
          })
          .where('id', '=', id)
          .execute();
        // Validity from the first login: set once.
        await trx
          .updateTable('vouchers')
          .set({ expires_at: expiresAt })
          .where('id', '=', id)
          .where('expires_at', 'is', null)
          .execute();
      });
    },

    async audit(entry) {
      await withAudit(db, entry, async () => undefined);
    },

    async facts(from, to) {
      const f = sql`cast(${from} as bigint)`;
      const t = sql`cast(${to} as bigint)`;
      const inRange = (col: string) => sql<SqlBool>`(${sql.ref(col)} >= ${f} and ${sql.ref(col)} < ${t})`;
      const rows = await db
        .selectFrom('vouchers as v')
        .innerJoin('plans as p', 'p.id', 'v.plan_id')
        .select([
          'v.batch',
          'p.name as plan_name',
          'v.price',
          'v.created_at',
          'v.first_login_at',
          'v.expires_at',
          'v.used_up_at',
          'v.revoked_at',
          sql<number>`case when ${THROTTLES} then 1 else 0 end`.as('plan_throttles'),
        ])
        .where((eb) =>
          eb.or([
            inRange('v.created_at'),
            inRange('v.first_login_at'),
            inRange('v.expires_at'),
            inRange('v.used_up_at'),
            inRange('v.revoked_at'),
          ]),
        )
        .orderBy('v.id')
        .execute();
      return rows.map((r) => ({
        batch: r.batch,
        planName: r.plan_name,
        price: r.price,
        createdAt: Number(r.created_at),
        firstLoginAt: n(r.first_login_at),
        expiresAt: n(r.expires_at),
        usedUpAt: n(r.used_up_at),
        revokedAt: n(r.revoked_at),
        planThrottles: Number(r.plan_throttles) === 1,
      }));
    },

    async planByName(name): Promise<VoucherPlanRef | undefined> {
      return db.selectFrom('plans').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
    },

    async planFacts(id) {
      const p = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
      if (!p) return undefined;
      return {
        rateLimit: rateLimitString({
          down_rate: Number(p.down_rate),
          up_rate: Number(p.up_rate),
          burst_down_rate: p.burst_down_rate,
          burst_up_rate: p.burst_up_rate,
          burst_threshold_down: p.burst_threshold_down,
          burst_threshold_up: p.burst_threshold_up,
          burst_time_s: p.burst_time_s,
          priority: p.priority,
        }),
        group: p.profile_name,
        idleTimeoutS: p.idle_timeout_s,
        throttleRateLimit:
          p.at_quota === 'throttle' && p.throttle_down_rate && p.throttle_up_rate
            ? rateLimitString({
                down_rate: Number(p.throttle_down_rate),
                up_rate: Number(p.throttle_up_rate),
              })
            : null,
        timeWindow: p.time_window,
      };
    },
  };
}
