// The regency link (one row) and the outbox of closed days. A day is closed in one transaction: the day's
// figures are read through report and voucher readers bound to it, and the row is written, or nothing is.
import { type Kysely, sql } from 'kysely';
import type {
  RegencyDaySource,
  RegencyLink,
  RegencyStore,
} from '../../src/services/regency/regency-link-ports.js';
import type { Database } from '../schema.js';
import { createReportStore } from './report-store.js';

const n = (v: unknown) => Number(v ?? 0);
const nOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function daySource(db: Kysely<Database>): RegencyDaySource {
  return {
    reports: createReportStore(db),
    async vouchers(start, end) {
      // Created, first used (sold: its price is the day's revenue) and run out (not revoked before) in [start, end).
      const { rows } = await sql<{ created: unknown; used: unknown; expired: unknown; revenue: unknown }>`
        select
          sum(case when created_at >= ${start} and created_at < ${end} then 1 else 0 end) as created,
          sum(case when first_login_at >= ${start} and first_login_at < ${end} then 1 else 0 end) as used,
          sum(case when expires_at >= ${start} and expires_at < ${end}
            and (revoked_at is null or revoked_at > expires_at) then 1 else 0 end) as expired,
          sum(case when first_login_at >= ${start} and first_login_at < ${end} then coalesce(price, 0) else 0 end)
            as revenue
        from vouchers
        where (created_at >= ${start} and created_at < ${end})
          or (first_login_at >= ${start} and first_login_at < ${end})
          or (expires_at >= ${start} and expires_at < ${end})`.execute(db);
      const r = rows[0];
      return { created: n(r?.created), used: n(r?.used), expired: n(r?.expired), revenueRp: n(r?.revenue) };
    },
  };
}

export function createRegencyStore(db: Kysely<Database>): RegencyStore {
  return {
    source: daySource(db),

    async link() {
      const r = await db.selectFrom('regency_link').selectAll().where('id', '=', 1).executeTakeFirst();
      if (!r) return undefined;
      const link: RegencyLink = {
        url: r.url,
        village: r.village,
        tokenEnc: r.token_enc,
        joinedAt: n(r.joined_at),
        lastSuccessAt: nOrNull(r.last_success_at),
        todaySentAt: nOrNull(r.today_sent_at),
        failures: n(r.failures),
        nextTry: n(r.next_try),
        lastError: r.last_error,
        lastErrorAt: nOrNull(r.last_error_at),
      };
      return link;
    },

    async saveLink(link) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('regency_link').execute();
        await trx
          .insertInto('regency_link')
          .values({
            id: 1,
            url: link.url,
            village: link.village,
            token_enc: link.tokenEnc,
            joined_at: link.joinedAt,
            last_success_at: null,
            today_sent_at: null,
            last_error: null,
            last_error_at: null,
          })
          .execute();
      });
    },

    async removeLink() {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('regency_link').execute();
        await trx.deleteFrom('regency_outbox').execute();
      });
    },

    async lastClosedDay(village) {
      const r = await db
        .selectFrom('regency_outbox')
        .select((eb) => eb.fn.max('day').as('day'))
        .where('village', '=', village)
        .executeTakeFirst();
      return r?.day ?? undefined;
    },

    async firstUsageDay() {
      const r = await db
        .selectFrom('usage_daily')
        .select((eb) => eb.fn.min('day').as('day'))
        .executeTakeFirst();
      return r?.day ?? undefined;
    },

    async closeDay(village, day, build) {
      return db.transaction().execute(async (trx) => {
        const there = await trx
          .selectFrom('regency_outbox')
          .select('day')
          .where('village', '=', village)
          .where('day', '=', day)
          .executeTakeFirst();
        if (there) return false;
        const { payload, computedAt } = await build(daySource(trx));
        // A second closer (another process) that got here first wins; this one writes nothing.
        const inserted = await trx
          .insertInto('regency_outbox')
          .values({ village, day, payload, computed_at: computedAt, sent_at: null, last_error: null })
          .onConflict((oc) => oc.columns(['village', 'day']).doNothing())
          .executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
      });
    },

    async waiting(village, limit) {
      return db
        .selectFrom('regency_outbox')
        .select(['day', 'payload'])
        .where('sent_at', 'is', null)
        .where('village', '=', village)
        .orderBy('day')
        .limit(limit)
        .execute();
    },

    async waitingSummary(village) {
      // One pass over the village's outbox: what waits, and the latest day the Worker accepted.
      const r = await db
        .selectFrom('regency_outbox')
        .select([
          sql<number>`COUNT(CASE WHEN sent_at IS NULL THEN 1 END)`.as('c'),
          sql<string | null>`MIN(CASE WHEN sent_at IS NULL THEN day END)`.as('oldest'),
          sql<string | null>`MAX(CASE WHEN sent_at IS NOT NULL THEN day END)`.as('last_sent'),
        ])
        .where('village', '=', village)
        .executeTakeFirst();
      return { count: n(r?.c), oldest: r?.oldest ?? undefined, lastSent: r?.last_sent ?? undefined };
    },

    async markSent(village, days, at, today) {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < days.length; i += 100) {
          await trx
            .updateTable('regency_outbox')
            .set({ sent_at: at, last_error: null, next_try: 0 })
            .where('village', '=', village)
            .where('day', 'in', days.slice(i, i + 100))
            .where('sent_at', 'is', null)
            .execute();
        }
        await trx
          .updateTable('regency_link')
          .set({
            last_success_at: at,
            failures: 0,
            next_try: 0,
            ...(today ? { today_sent_at: at } : {}),
          })
          .where('id', '=', 1)
          .execute();
      });
    },

    async noteError(at, error) {
      await db
        .updateTable('regency_link')
        .set({ last_error: error, last_error_at: at })
        .where('id', '=', 1)
        .execute();
    },

    async markFailed(village, days, at, nextTry, error) {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < days.length; i += 100) {
          await trx
            .updateTable('regency_outbox')
            .set((eb) => ({ attempts: eb('attempts', '+', 1), next_try: nextTry, last_error: error }))
            .where('village', '=', village)
            .where('day', 'in', days.slice(i, i + 100))
            .execute();
        }
        await trx
          .updateTable('regency_link')
          .set((eb) => ({
            failures: eb('failures', '+', 1),
            next_try: nextTry,
            last_error: error,
            last_error_at: at,
          }))
          .where('id', '=', 1)
          .execute();
      });
    },
  };
}
