// Prepared statements run once per row, for SQLite's write-heavy hot paths (accounting, the auth log). Within a
// transaction SQLite inserts row by row faster than it unpacks a JSON parameter: an accounting batch of 256
// sessions takes 2.5 ms this way and 4.3 ms through json_each (16 `->>` per row). better-sqlite3 is synchronous
// and Kysely holds its one connection for the length of a transaction, so statements run from inside a
// `db.transaction()` callback are part of that transaction. PostgreSQL (and D1) keep the set-based SQL.
export interface RowStatement {
  run(...params: unknown[]): unknown;
  /** The first row a query (or an upsert's RETURNING) yields, undefined when none. */
  get(...params: unknown[]): unknown;
}

/** A query whose rows come back as arrays in column order (no object per row: better-sqlite3's raw mode). */
export interface ArrayRowsStatement {
  all(...params: unknown[]): unknown[][];
}

export interface RowStatements {
  /** Prepared once per SQL text. */
  prepare(sql: string): RowStatement;
  /** Prepared once per SQL text, apart from `prepare`'s (Kysely's queries keep their rows as objects). */
  prepareArrays(sql: string): ArrayRowsStatement;
}

// Keyed by the Kysely instance the stores receive, so that nothing else has to carry the native handle.
const registry = new WeakMap<object, RowStatements>();

export function registerRowStatements(db: object, statements: RowStatements): void {
  registry.set(db, statements);
}

/** Row statements on `db`'s own connection, or undefined when `db` is not better-sqlite3. */
export function rowStatements(db: object): RowStatements | undefined {
  return registry.get(db);
}
