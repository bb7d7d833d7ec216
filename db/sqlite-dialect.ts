// SQLite through better-sqlite3: WAL for concurrent readers, synchronous=FULL because villages lose power and
// what we have acknowledged (an accounting record, a registration) must survive it.
import { closeSync, openSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import type { RowStatements } from './row-statements.js';

export interface SqliteHandle {
  readonly dialect: SqliteDialect;
  readonly native: Sqlite.Database;
  /** The same connection's prepared statements, for row-by-row writes inside a transaction. */
  readonly statements: RowStatements;
}

export function createSqliteDialect(file: string): SqliteHandle {
  // Created owner-only before SQLite opens it: the WAL and shared-memory files take the same permissions.
  if (file !== ':memory:') closeSync(openSync(file, 'a', 0o600));
  const native = new Sqlite(file);
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = FULL');
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 5000');
  const database = withStatementCache(native);
  return { dialect: new SqliteDialect({ database }), native, statements: database };
}

const STATEMENT_CACHE_SIZE = 256;

const ALREADY_ROLLED_BACK = {
  reader: false,
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
} as unknown as Sqlite.Statement;

// Kysely prepares every query anew; preparing is a tenth of the CPU of a portal page view. Kysely runs one query
// at a time on this connection, so reusing a prepared statement is safe. The cache drops its oldest entry when
// full (queries with IN lists of varying length would otherwise grow it without bound).
function withStatementCache(native: Sqlite.Database) {
  const cache = new Map<string, Sqlite.Statement>();
  const arrays = new Map<string, Sqlite.Statement>();
  return {
    close: () => native.close(),
    // A statement of its own (raw mode is a property of the statement): never handed to Kysely.
    prepareArrays(sql: string) {
      let stmt = arrays.get(sql);
      if (!stmt) {
        stmt = native.prepare(sql).raw(true);
        arrays.set(sql, stmt);
      }
      return stmt as unknown as { all(...params: unknown[]): unknown[][] };
    },
    prepare(sql: string) {
      // On a full disk (SQLITE_FULL) and some I/O errors SQLite has already rolled the transaction back when
      // Kysely sends its ROLLBACK, which then throws "no transaction is active" in place of the real error: the
      // caller could no longer tell a full disk from a bug (found by test/drill-full-disk.test.ts).
      if (sql === 'rollback' && !native.inTransaction) return ALREADY_ROLLED_BACK;
      let stmt = cache.get(sql);
      if (stmt) return stmt;
      stmt = native.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
