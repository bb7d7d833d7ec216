// The `vouchers` table. A voucher's usage is not a counter of its own: it is the sum of its sessions' counters
// (Class `warganet:v=<id>`), which accounting already keeps idempotent, so a retransmitted Interim counts once.
// Creating a batch and revoking write their audit row in the same transaction.
import { type Kysely, sql } from 'kysely';
import { rateLimitString } from '../../src/domain/rate-limit.js';
import type {
  VoucherFilter,
  VoucherPlanRef,
  VoucherRow,
  VoucherStore,
} from '../../src/services/vouchers/voucher-ports.js';
import type { VoucherPlanLookup } from '../../src/services/vouchers/vouchers.js';
import type { Database } from '../schema.js';
import { withAudit } from './audit-store.js';
import { isUniqueViolation } from './unique-violation.js';

const n = (v: number | string | null) => (v === null ? null : Number(v));

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
        sql<
          string | number
        >`coalesce((select sum(s.input_bytes + s.output_bytes) from sessions s where s.class = ${sql.lit('warganet:v=')} || cast(v.id as text)), 0)`.as(
          'used_bytes',
        ),
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

    async list(filter: VoucherFilter, now) {
      let q = base(db);
      if (filter.batch) q = q.where('v.batch', '=', filter.batch);
      const rows = (await q.orderBy('v.id').execute()).map(toRow);
      // Status depends on usage (a sum over sessions): filtered here, on a batch-sized list.
      const wanted = filter.status;
      const out = wanted
        ? rows.filter((v) => {
            const revoked = v.revokedAt !== null;
            const expired =
              !revoked &&
              ((v.expiresAt !== null && v.expiresAt <= now) ||
                (v.quotaBytes !== null && v.usedBytes >= v.quotaBytes));
            const status = revoked
              ? 'revoked'
              : expired
                ? 'expired'
                : v.firstLoginAt === null
                  ? 'unused'
                  : 'active';
            return status === wanted;
          })
        : rows;
      return filter.limit ? out.slice(0, filter.limit) : out;
    },

    async revoke(target, at, actor) {
      const label = 'batch' in target ? `voucher-batch:${target.batch}` : 'voucher';
      return withAudit(
        db,
        (count: number) => ({
          at,
          actor,
          action: 'voucher.revoke',
          target: label,
          detail: JSON.stringify({ count }),
        }),
        async (trx) => {
          let q = trx
            .updateTable('vouchers')
            .set({ revoked_at: at, updated_at: at })
            .where('revoked_at', 'is', null);
          q =
            'batch' in target
              ? q.where('batch', '=', target.batch)
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
