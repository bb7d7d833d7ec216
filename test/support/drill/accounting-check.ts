// After a drill: does the database hold exactly what the NAS sent? Every session once, in its final state, with
// its final counters, and the day totals (usage_daily) equal to the sum of them: nothing lost, nothing twice.
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { migrateToLatest } from '../../../db/migrate.js';
import { openDatabase } from '../../../db/open-database.js';
import type { Database } from '../../../db/schema.js';
import { seedRouter, testKeyring } from '../radius-fixtures.js';
import type { AccountingNasReport } from './accounting-nas.js';

export interface DrillDatabase {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
}

export async function withDatabase<T>(target: DrillDatabase, work: (db: Kysely<Database>) => Promise<T>) {
  const opened = openDatabase({ url: target.databaseUrl, sqliteFile: join(target.dataDir, 'warganet.db') });
  try {
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}

/** Migrates and adds the routers (one per loopback address) the NAS simulators send from. */
export async function prepareDrillDatabase(
  target: DrillDatabase,
  routers: ReadonlyArray<{ address: string; secret: string }>,
): Promise<number[]> {
  return withDatabase(target, async (db) => {
    const migrated = await migrateToLatest(db);
    if (migrated.error) throw new Error(migrated.error);
    const keyring = await testKeyring();
    const ids: number[] = [];
    for (const [i, r] of routers.entries()) {
      ids.push(
        await seedRouter(db, keyring, { name: `router-${i + 1}`, nasIp: r.address, secret: r.secret }),
      );
    }
    return ids;
  });
}

export interface AccountingTotals {
  readonly sessions: number;
  readonly stopped: number;
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly usageSessions: number;
  readonly usageBytesIn: number;
  readonly usageBytesOut: number;
  readonly usageSeconds: number;
  /** Sessions whose stored counters differ from the NAS's final ones. */
  readonly wrongSessions: readonly string[];
}

export async function storedAccounting(
  target: DrillDatabase,
  routerId: number,
  expected: AccountingNasReport['expected'],
): Promise<AccountingTotals> {
  return withDatabase(target, async (db) => {
    const rows = await db
      .selectFrom('sessions')
      .select(['acct_session_id', 'state', 'input_bytes', 'output_bytes', 'session_time_s'])
      .where('router_id', '=', routerId)
      .execute();
    const usage = await db
      .selectFrom('usage_daily')
      .select((eb) => [
        eb.fn.sum<number>('sessions').as('sessions'),
        eb.fn.sum<number>('bytes_in').as('bytes_in'),
        eb.fn.sum<number>('bytes_out').as('bytes_out'),
        eb.fn.sum<number>('seconds').as('seconds'),
      ])
      .where('router_id', '=', routerId)
      .executeTakeFirstOrThrow();
    const wrongSessions: string[] = [];
    for (const r of rows) {
      const e = expected.bySession.get(r.acct_session_id);
      if (
        !e ||
        Number(r.input_bytes) !== e.inputBytes ||
        Number(r.output_bytes) !== e.outputBytes ||
        Number(r.session_time_s) !== e.sessionTime ||
        r.state !== 'stopped'
      )
        wrongSessions.push(r.acct_session_id);
    }
    return {
      sessions: rows.length,
      stopped: rows.filter((r) => r.state === 'stopped').length,
      inputBytes: rows.reduce((n, r) => n + Number(r.input_bytes), 0),
      outputBytes: rows.reduce((n, r) => n + Number(r.output_bytes), 0),
      usageSessions: Number(usage.sessions ?? 0),
      usageBytesIn: Number(usage.bytes_in ?? 0),
      usageBytesOut: Number(usage.bytes_out ?? 0),
      usageSeconds: Number(usage.seconds ?? 0),
      wrongSessions,
    };
  });
}
