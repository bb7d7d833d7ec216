// Opens the configured database on Node: PostgreSQL for a postgres:// URL, SQLite in the data directory otherwise.
// Nothing else knows which one runs.
import { Kysely } from 'kysely';
import { createPostgresDialect } from './postgres-dialect.js';
import { registerRowStatements } from './row-statements.js';
import type { Database } from './schema.js';
import { createSqliteDialect } from './sqlite-dialect.js';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** Where it is, without credentials: a file path or host/database. */
  readonly location: string;
  close(): Promise<void>;
}

export function openDatabase(opts: { url?: string | undefined; sqliteFile: string }): OpenDatabase {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) {
    const { dialect } = createPostgresDialect(opts.url);
    const db = new Kysely<Database>({ dialect });
    const u = new URL(opts.url);
    return { db, kind: 'postgres', location: `${u.host}${u.pathname}`, close: () => db.destroy() };
  }
  const { dialect, statements } = createSqliteDialect(opts.sqliteFile);
  const db = new Kysely<Database>({ dialect });
  registerRowStatements(db, statements);
  return { db, kind: 'sqlite', location: opts.sqliteFile, close: () => db.destroy() };
}
