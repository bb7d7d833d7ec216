// Every store over one Kysely instance. Stores implement the ports that services declare.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export function createStores(db: Kysely<Database>) {
  return { db };
}

export type Stores = ReturnType<typeof createStores>;
