// The `login_tickets` table. Using a ticket is one UPDATE guarded by `used_at is null` inside the transaction
// that binds the device, so two requests for one ticket cannot both get through; a refused binding (MAC on
// another account, plan full) still uses the ticket up, and only an error rolls both back.
import type { Kysely } from 'kysely';
import type { LoginTicket, LoginTicketStore } from '../../src/services/portal/login-tickets.js';
import type { Database } from '../schema.js';
import { createDeviceStore } from './device-store.js';

export function createLoginTicketStore(db: Kysely<Database>): LoginTicketStore {
  return {
    async insert(t) {
      const row = await db
        .insertInto('login_tickets')
        .values({
          username: t.username,
          account_id: t.accountId,
          secret_enc: t.secretEnc,
          label: t.label,
          created_at: t.createdAt,
          expires_at: t.expiresAt,
        })
        .onConflict((oc) => oc.column('username').doNothing())
        .returning('username')
        .executeTakeFirst();
      return row !== undefined;
    },

    async find(username): Promise<LoginTicket | undefined> {
      const r = await db
        .selectFrom('login_tickets')
        .select(['username', 'account_id', 'secret_enc', 'label', 'expires_at', 'used_at'])
        .where('username', '=', username)
        .executeTakeFirst();
      return (
        r && {
          username: r.username,
          accountId: r.account_id,
          secretEnc: r.secret_enc,
          label: r.label,
          expiresAt: Number(r.expires_at),
          usedAt: r.used_at === null ? null : Number(r.used_at),
        }
      );
    },

    redeem(username, mac, at, bind) {
      return db.transaction().execute(async (trx) => {
        const used = await trx
          .updateTable('login_tickets')
          .set({ used_at: at, used_mac: mac })
          .where('username', '=', username)
          .where('used_at', 'is', null)
          .where('expires_at', '>', at)
          .returning('username')
          .executeTakeFirst();
        if (!used) {
          const row = await trx
            .selectFrom('login_tickets')
            .select('used_at')
            .where('username', '=', username)
            .executeTakeFirst();
          return { ok: false, reason: !row ? 'unknown' : row.used_at !== null ? 'used' : 'expired' } as const;
        }
        return { ok: true, value: await bind(createDeviceStore(trx)) } as const;
      });
    },

    async prune(before) {
      await db.deleteFrom('login_tickets').where('expires_at', '<', before).execute();
    },
  };
}
