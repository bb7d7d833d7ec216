// The one way the regency writes several statements atomically. D1 has no interactive transactions, so there the
// statements go in one `batch()` (D1 runs a batch as a single transaction); anywhere else (SQLite, PostgreSQL in a
// test or a bench) they run inside a Kysely transaction. Callers compile their statements first, so the same
// store code serves both.
import type { CompiledQuery, Kysely } from 'kysely';

export type AtomicWrites = (statements: readonly CompiledQuery[]) => Promise<void>;

/** The part of a D1 binding this needs (structural, so db/ does not depend on the Workers' global types). */
export interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): unknown };
  batch(statements: unknown[]): Promise<unknown[]>;
}

export function d1AtomicWrites(d1: D1Like): AtomicWrites {
  return async (statements) => {
    if (statements.length === 0) return;
    await d1.batch(statements.map((s) => d1.prepare(s.sql).bind(...s.parameters)));
  };
}

export function transactionAtomicWrites(db: Kysely<unknown>): AtomicWrites {
  return async (statements) => {
    if (statements.length === 0) return;
    await db.transaction().execute(async (trx) => {
      for (const s of statements) await trx.executeQuery(s);
    });
  };
}

/** Rows per multi-row insert. The rows travel as one JSON parameter read by `json_each` (so a statement binds a
 *  handful of parameters, far under D1's 100, and a day of a village costs a few statements, not one per 11 rows);
 *  chunked so no parameter nears D1's 2 MB value limit. */
export const ROWS_PER_STATEMENT = 1000;
export function chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
