// Brings a database to the latest schema. Expected failures are returned, not thrown.
import { type Kysely, Migrator } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export interface MigrateOutcome {
  readonly applied: readonly string[];
  readonly error?: string;
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrateOutcome> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) return { applied, error: error instanceof Error ? error.message : String(error) };
  return { applied };
}
