// Reads the plans of the queries a piece of code runs, on SQLite and PostgreSQL, to prove they use indexes.
// A second connection logs every query it runs; each is then explained. On PostgreSQL sequential scans are
// priced out (a test table is tiny, where a scan is honestly cheapest), so a "Seq Scan" left in a plan means
// no index could serve.
import { join } from 'node:path';
import { CompiledQuery, Kysely } from 'kysely';
import { createPostgresDialect } from '../../db/postgres-dialect.js';
import type { Database } from '../../db/schema.js';
import { createSqliteDialect } from '../../db/sqlite-dialect.js';

export interface CapturedQuery {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

export interface PlanReader {
  /** Logs every query it runs into `queries`. */
  readonly db: Kysely<Database>;
  readonly queries: CapturedQuery[];
  /** The plan of a captured query, as text (one line per node). */
  explain(q: CapturedQuery): Promise<string>;
  close(): Promise<void>;
}

export function planReader(
  kind: 'sqlite' | 'postgres',
  where: {
    readonly url?: string | undefined;
    readonly sqliteFile?: string | undefined;
    readonly dir?: string;
  },
): PlanReader {
  const queries: CapturedQuery[] = [];
  const dialect =
    kind === 'postgres'
      ? createPostgresDialect(where.url ?? '', 1).dialect
      : createSqliteDialect(where.sqliteFile ?? join(where.dir ?? '.', 'warganet.db')).dialect;
  const db = new Kysely<Database>({
    dialect,
    log: (e) => {
      if (e.level === 'query' && !/^(explain|set|reset)\b/.test(e.query.sql))
        queries.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  return {
    db,
    queries,
    async explain(q) {
      const params = [...q.parameters];
      if (kind === 'sqlite') {
        const r = await db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${q.sql}`, params),
        );
        return r.rows.map((row) => row.detail).join('\n');
      }
      return db.connection().execute(async (c) => {
        await c.executeQuery(CompiledQuery.raw('set enable_seqscan = off'));
        const r = await c.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain ${q.sql}`, params),
        );
        await c.executeQuery(CompiledQuery.raw('reset enable_seqscan'));
        return r.rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    },
    close: () => db.destroy(),
  };
}
