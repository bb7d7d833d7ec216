// Officials of the regency Worker and their browser sessions (tokens and session ids as SHA-256 only).
import type { Kysely, Selectable } from 'kysely';
import type { OfficialRecord, OfficialStore } from '../../src/services/regency/regency-ports.js';
import type { OfficialTable, RegencyDatabase } from '../regency-schema.js';

const toRecord = (r: Selectable<OfficialTable>): OfficialRecord => ({
  id: Number(r.id),
  name: r.name,
  scope: r.scope,
  area: r.area,
  createdAt: Number(r.created_at),
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});

export function createRegencyOfficialStore(db: Kysely<RegencyDatabase>): OfficialStore {
  return {
    async insertOfficial(o) {
      const r = await db
        .insertInto('officials')
        .values({ name: o.name, scope: o.scope, area: o.area, token_hash: o.tokenHash, created_at: o.at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },
    async officialByTokenHash(tokenHash) {
      const r = await db
        .selectFrom('officials')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return r ? toRecord(r) : undefined;
    },
    async official(id) {
      const r = await db.selectFrom('officials').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toRecord(r) : undefined;
    },
    async listOfficials() {
      return (await db.selectFrom('officials').selectAll().orderBy('id').execute()).map(toRecord);
    },
    async revokeOfficial(id, at) {
      const r = await db
        .updateTable('officials')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      await db.deleteFrom('official_sessions').where('official_id', '=', id).execute();
      return Number(r.numUpdatedRows) > 0;
    },
    async insertSession(idHash, officialId, expiresAt) {
      await db
        .insertInto('official_sessions')
        .values({ id_hash: idHash, official_id: officialId, expires_at: expiresAt })
        .execute();
    },
    async session(idHash, now) {
      const r = await db
        .selectFrom('official_sessions')
        .select('official_id')
        .where('id_hash', '=', idHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return r ? Number(r.official_id) : undefined;
    },
    async deleteSession(idHash) {
      await db.deleteFrom('official_sessions').where('id_hash', '=', idHash).execute();
    },
  };
}
