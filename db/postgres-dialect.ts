// PostgreSQL through pg. int8 (bigint) columns come back as numbers: byte counters and millisecond
// timestamps stay far below 2^53.
import { PostgresDialect } from 'kysely';
import pg from 'pg';

const INT8_OID = 20;

export interface PostgresHandle {
  readonly dialect: PostgresDialect;
  readonly pool: pg.Pool;
}

export function createPostgresDialect(url: string, maxConnections = 10): PostgresHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as never,
    },
  });
  // An idle client that loses its server (restart, terminated backend) is dropped by the pool, which then emits
  // 'error'; without a listener that event would crash the whole process. The next query opens a new client.
  pool.on('error', () => {});
  // The pool listens only while a client is idle. A client checked out (inside a transaction, or between the
  // queries of one) whose server goes away emits 'error' too, and unheard that kills the node: found by the
  // PostgreSQL restart drill (test/drill-kill.test.ts). Its queries fail on their own and the pool discards it.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return { dialect: new PostgresDialect({ pool }), pool };
}
