// Temporary: times each query of a usage call on the bench database and explains the slow ones.
import { CompiledQuery, Kysely } from 'kysely';
import { createPostgresDialect } from '../db/postgres-dialect.js';
import type { Database } from '../db/schema.js';
import { createReportStore } from '../db/stores/report-store.js';

const queries: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
const db = new Kysely<Database>({
  dialect: createPostgresDialect('postgres://postgres:warganet-ci@127.0.0.1:5432/warganet_bench_usage', 1).dialect,
  log: (e) => {
    if (e.level === 'query') queries.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
  },
});
const store = createReportStore(db);
const [from, to, by] = process.argv.slice(2) as [string, string, 'router'];
await store.usage(from, to, by);
queries.length = 0;
const s = performance.now();
await store.usage(from, to, by);
console.log('total', (performance.now() - s).toFixed(1));
for (const q of queries) {
  console.log(`--- ${q.ms.toFixed(1)} ms: ${q.sql.replace(/\s+/g, ' ').slice(0, 300)}`);
  if (q.ms > 30) {
    const r = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain analyze ${q.sql}`, [...q.parameters]));
    console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  }
}
await db.destroy();
