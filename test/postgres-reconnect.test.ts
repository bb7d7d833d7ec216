// The node keeps running when PostgreSQL drops a connection the pool has lent out (a restart, a failover, an
// administrator's pg_terminate_backend), and its next query works on a fresh connection.
import { Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createPostgresDialect } from '../db/postgres-dialect.js';
import { pgUrl } from './support/databases.js';

describe.runIf(pgUrl)('PostgreSQL connection lost while checked out', () => {
  it('does not crash the process and the next query reconnects', async () => {
    const { dialect, pool } = createPostgresDialect(pgUrl!, 2);
    const db = new Kysely<unknown>({ dialect });
    const admin = new Kysely<unknown>({ dialect: createPostgresDialect(pgUrl!, 1).dialect });
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      const ended = new Promise((resolve) => client.once('end', resolve));
      await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(admin);
      await ended;
      await new Promise((resolve) => setTimeout(resolve, 50));
      client.release(true);
      expect(uncaught).toEqual([]);
      const r = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(r.rows[0]!.one).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
      await db.destroy();
      await admin.destroy();
    }
  });
});
