// Runs a suite against every database Warganet supports: a real SQLite file, and a real PostgreSQL server when
// WARGANET_TEST_PG_URL names one (CI always does). Each suite gets a fresh database of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, sql } from 'kysely';
import { migrateToLatest } from '../../db/migrate.js';
import { migrationProvider } from '../../db/migrations/index.js';
import { type OpenDatabase, openDatabase } from '../../db/open-database.js';
import { createPostgresDialect } from '../../db/postgres-dialect.js';
import type { Database } from '../../db/schema.js';

export interface TestDatabase extends OpenDatabase {
  /** Directory holding the SQLite file (and anything else the test writes); removed on close. */
  readonly dir: string;
  /** The URL for PostgreSQL, undefined for SQLite: what WARGANET_DATABASE_URL would be. */
  readonly url: string | undefined;
}

export const pgUrl = process.env.WARGANET_TEST_PG_URL;

export const databaseKinds: ReadonlyArray<'sqlite' | 'postgres'> = pgUrl
  ? ['sqlite', 'postgres']
  : ['sqlite'];

if (!pgUrl && process.env.CI)
  throw new Error('CI must set WARGANET_TEST_PG_URL so that PostgreSQL is tested');

/**
 * Creates, migrates and returns a fresh database of the given kind; `migrateTo` stops at that migration (the
 * upgrade tests start from old schemas).
 */
export async function createTestDatabase(
  kind: 'sqlite' | 'postgres',
  opts: { migrateTo?: string } = {},
): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'warganet-test-'));
  let url: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (kind === 'postgres') {
    if (!pgUrl) throw new Error('WARGANET_TEST_PG_URL is not set');
    const name = `warganet_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new Kysely<unknown>({ dialect: createPostgresDialect(pgUrl, 1).dialect });
    await sql`create database ${sql.id(name)}`.execute(admin);
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      // pg's Pool.end() resolves before its sockets close; dropping WITH (FORCE) at once would kill a session
      // still saying goodbye, and its FATAL 57P01 would surface as an uncaught pool error. Wait for them to go.
      for (let i = 0; i < 200; i++) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity where datname = ${name}`.execute(admin);
        if (rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    };
  }
  const opened = openDatabase({ url, sqliteFile: join(dir, 'warganet.db') });
  if (opts.migrateTo) {
    const { error } = await new Migrator({ db: opened.db, provider: migrationProvider }).migrateTo(
      opts.migrateTo,
    );
    if (error) throw error;
  } else {
    const migrated = await migrateToLatest(opened.db);
    if (migrated.error) throw new Error(migrated.error);
  }
  return {
    ...opened,
    dir,
    url,
    async close() {
      await opened.close();
      await dropDatabase?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type { Database };
