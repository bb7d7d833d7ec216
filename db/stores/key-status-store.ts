// What is still under the old key after a rotation: residents by their index's key, PINs by their hash's key
// prefix (`hmac-<keyId>.`; older keyed hashes start `hmac.`). Read by `warganet key status`, the server's start and
// the dashboard (src/services/keys/key-status.ts); a few thousand rows, only while an old key is kept.
import { type Kysely, sql } from 'kysely';
import type { KeyStatusStore } from '../../src/services/keys/key-status.js';
import type { Database } from '../schema.js';

export function createKeyStatusStore(db: Kysely<Database>): KeyStatusStore {
  return {
    async legacyCounts(currentKeyId, currentPinPrefix) {
      const residents = await db
        .selectFrom('residents')
        .select(['active', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where((eb) => eb.or([eb('index_key_id', 'is', null), eb('index_key_id', '!=', currentKeyId)]))
        .groupBy('active')
        .execute();
      const count = (active: number) => Number(residents.find((r) => Number(r.active) === active)?.n ?? 0);
      const pins = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('pin_hash', 'is not', null)
        .where(sql<boolean>`substr(pin_hash, 1, 5) in ('hmac-', 'hmac.')`)
        .where(sql<boolean>`substr(pin_hash, 1, ${currentPinPrefix.length}) <> ${currentPinPrefix}`)
        .executeTakeFirstOrThrow();
      return { residentsActive: count(1), residentsInactive: count(0), pins: Number(pins.n) };
    },
  };
}
