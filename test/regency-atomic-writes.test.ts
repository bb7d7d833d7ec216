// The regency's one helper for atomic writes, off D1: inside a Kysely transaction (D1 uses batch(); its test is
// test/worker/regency-atomic.test.ts). The regency schema is D1's, i.e. SQLite's (json_each), so this runs on
// SQLite only: PostgreSQL never holds the regency's tables.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { transactionAtomicWrites } from '../db/atomic-writes.js';
import type { RegencyDatabase } from '../db/regency-schema.js';
import { createSqliteDialect } from '../db/sqlite-dialect.js';
import { createRegencyIngestStore } from '../db/stores/regency-ingest-store.js';
import { regencyDaySchema } from '../src/domain/regency-payload.js';

const ROOT = resolve(import.meta.dirname, '..');
let db: Kysely<RegencyDatabase> | undefined;
afterEach(async () => db?.destroy());

function open() {
  const handle = createSqliteDialect(':memory:');
  for (const f of readdirSync(join(ROOT, 'db/d1-migrations')).sort())
    handle.native.exec(readFileSync(join(ROOT, 'db/d1-migrations', f), 'utf8'));
  db = new Kysely<RegencyDatabase>({ dialect: handle.dialect });
  return db;
}

const DAY = regencyDaySchema.parse({
  day: '2026-12-01',
  final: true,
  computedAt: '2026-12-01T17:00:00Z',
  coverage: [
    {
      dusun: 'Krajan',
      rw: '001',
      rt: '001',
      residents: 9,
      registered: 5,
      households: 4,
      householdsConnected: 3,
    },
  ],
  usage: {
    totals: { bytesDown: 10, bytesUp: 1, sessions: 2, devices: 2, residents: 1 },
    byRouter: [{ key: 'Balai Desa', bytesDown: 10, bytesUp: 1, sessions: 2, devices: 2, residents: 1 }],
    byDusun: [],
    byPlan: [],
    monthToDate: { devices: 2, residents: 1 },
  },
  hourly: [{ hour: 9, bytes: 10, sessions: 2 }],
  uptime: [],
  vouchers: { created: 0, used: 0, expired: 0, revenueRp: 0 },
});

describe('regency atomic writes in a transaction (off D1)', () => {
  it("writes a day's rows through the same store code D1 uses", async () => {
    const k = open();
    const store = createRegencyIngestStore(k, transactionAtomicWrites(k as Kysely<unknown>));
    await store.insert({ code: '3523082001', name: 'Desa', kecamatan: 'Kerek', tokenSalt: 's', at: 1 });
    await store.writeDays(
      '3523082001',
      [{ day: DAY, computedAtMs: 5 }],
      { day: DAY.day, rows: DAY.coverage },
      7,
    );
    expect(await store.storedDays('3523082001', ['2026-12-01', '2026-12-02'])).toEqual(
      new Map([['2026-12-01', 5]]),
    );
    expect(await k.selectFrom('village_usage').select('key').execute()).toEqual([{ key: 'Balai Desa' }]);
    expect((await store.village('3523082001'))?.lastDay).toBe('2026-12-01');
  });

  it('leaves nothing behind when one statement of the set fails', async () => {
    const k = open();
    const atomic = transactionAtomicWrites(k as Kysely<unknown>);
    const insert = sql`INSERT INTO villages (code, name, kecamatan, created_at) VALUES ('3523082009', 'A', 'B', 1)`;
    await expect(atomic([insert.compile(k), insert.compile(k)])).rejects.toThrow();
    expect(await k.selectFrom('villages').selectAll().execute()).toEqual([]);
  });
});
