// Set-based SQL for the RADIUS stores' hot paths: a whole list travels as ONE parameter (a JSON array for
// SQLite's json_each, a typed array or jsonb recordset for PostgreSQL). The statement text stays the same
// whatever the list length, so it is cheap to prepare, and no query builder tree grows per row. Writes of many
// rows on SQLite are the exception: `rowInserter` runs a prepared statement per row, which SQLite does faster.
import { type Kysely, PostgresAdapter, type RawBuilder, sql, type Transaction } from 'kysely';
import { rowStatements } from '../row-statements.js';
import type { Database } from '../schema.js';

export type ColumnType = 'int' | 'bigint' | 'text';

/** A table's columns as `[name, type]`, in the order a row array holds its values. */
export type Columns = ReadonlyArray<readonly [name: string, type: ColumnType]>;

export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** `column IN (list)` with the list as one parameter. */
export function inList(
  pg: boolean,
  column: string,
  values: readonly (string | number)[],
  type: ColumnType,
): RawBuilder<boolean> {
  return pg
    ? sql<boolean>`${sql.ref(column)} = any(${values}::${sql.raw(type)}[])`
    : sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * A one-column relation `(v)` of the list, to put FIRST in a `cross join`: SQLite then walks the list and
 * seeks each value in the index, instead of scanning the table against it (which it does for `in (…)` on a
 * table-valued function). PostgreSQL plans the join itself.
 */
export function listOf(
  pg: boolean,
  values: readonly (string | number)[],
  type: ColumnType,
): RawBuilder<unknown> {
  return pg
    ? sql`(select unnest(${values}::${sql.raw(type)}[]) as v)`
    : sql`(select value as v from json_each(${JSON.stringify(values)}))`;
}

/**
 * A relation of rows from one parameter, with the given columns: `select … from` it. Rows are arrays in
 * column order.
 */
export function rowsOf(
  pg: boolean,
  columns: ReadonlyArray<readonly [name: string, type: ColumnType]>,
  rows: readonly (readonly unknown[])[],
): RawBuilder<unknown> {
  if (pg) {
    const objects = rows.map((r) => Object.fromEntries(columns.map(([name], i) => [name, r[i]])));
    const shape = sql.raw(
      columns.map(([name, type]) => `${name} ${type === 'int' ? 'integer' : type}`).join(', '),
    );
    return sql`(select * from jsonb_to_recordset(${JSON.stringify(objects)}::jsonb) as x(${shape}))`;
  }
  const select = sql.raw(columns.map(([name], i) => `value ->> ${i} as ${name}`).join(', '));
  return sql`(select ${select} from json_each(${JSON.stringify(rows)}))`;
}

/**
 * `insert into table (columns) … tail` for many rows (arrays in column order), to call inside a transaction.
 * On better-sqlite3 a prepared VALUES statement runs once per row (faster than unpacking JSON, see
 * row-statements.ts); elsewhere the rows travel as one parameter.
 */
export function rowInserter(
  db: Kysely<Database>,
  table: string,
  columns: ReadonlyArray<readonly [name: string, type: ColumnType]>,
  tail = '',
): (trx: Transaction<Database>, rows: readonly (readonly unknown[])[]) => Promise<void> {
  const names = columns.map(([c]) => c).join(', ');
  const native = rowStatements(db);
  if (native) {
    const text = `insert into ${table} (${names}) values (${columns.map(() => '?').join(', ')}) ${tail}`;
    return async (_trx, rows) => {
      const statement = native.prepare(text);
      for (const row of rows) statement.run(row);
    };
  }
  const pg = isPostgres(db);
  // `where true` keeps SQLite from reading ON CONFLICT as part of the SELECT's join.
  return async (trx, rows) => {
    await sql`insert into ${sql.raw(table)} (${sql.raw(names)})
      select * from ${rowsOf(pg, columns, rows)} x where true ${sql.raw(tail)}`.execute(trx);
  };
}

/**
 * `on conflict (keys) do update set s = table.s + excluded.s, …`: the tail of a rollup's upsert, which adds a
 * row's sums to the row already holding its key (how every counter table takes a batch's deltas).
 */
export function summingConflict(table: string, keys: readonly string[], sums: readonly string[]): string {
  const updates = sums.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');
  return `on conflict (${keys.join(', ')}) do update set ${updates}`;
}

/** A `rowInserter` for a rollup table: rows are the key columns then the summed ones (`summingConflict`). */
export function summingInserter(
  db: Kysely<Database>,
  table: string,
  keys: Columns,
  sums: Columns,
): (trx: Transaction<Database>, rows: readonly (readonly unknown[])[]) => Promise<void> {
  const names = (columns: Columns) => columns.map(([c]) => c);
  return rowInserter(db, table, [...keys, ...sums], summingConflict(table, names(keys), names(sums)));
}

/** `lower(name) like '%text%'` for part of a name; `%`, `_` and `\` in the text match themselves. */
export function nameContains(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
