// kysely-d1 (0.4) with kysely 0.28: it works, but its results still carry the pre-0.23 field
// `numUpdatedOrDeletedRows` beside `numAffectedRows`, and kysely 0.28 logs an "outdated driver" warning for it on
// every Worker isolate. This drops the old field from each result; everything else is kysely-d1's.
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely';
import { D1Dialect, type D1DialectConfig } from 'kysely-d1';

function quiet(conn: DatabaseConnection): DatabaseConnection {
  return {
    async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
      const r = (await conn.executeQuery<R>(q)) as QueryResult<R> & { numUpdatedOrDeletedRows?: bigint };
      const { numUpdatedOrDeletedRows: _old, ...rest } = r;
      return rest;
    },
    streamQuery: (q, chunk) => conn.streamQuery(q, chunk),
  };
}

export class RegencyD1Dialect extends D1Dialect {
  constructor(config: D1DialectConfig) {
    super(config);
  }
  override createDriver(): Driver {
    const driver = super.createDriver();
    return {
      init: () => driver.init(),
      acquireConnection: async () => quiet(await driver.acquireConnection()),
      beginTransaction: (c, s) => driver.beginTransaction(c, s),
      commitTransaction: (c) => driver.commitTransaction(c),
      rollbackTransaction: (c) => driver.rollbackTransaction(c),
      releaseConnection: (c) => driver.releaseConnection(c),
      destroy: () => driver.destroy(),
    };
  }
}
