// When SQLite runs out of room mid-transaction it rolls the transaction back by itself; the caller must still get
// SQLITE_FULL (so the node can say "disk full"), not Kysely's failed ROLLBACK, and the connection must keep working.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createSqliteDialect } from '../db/sqlite-dialect.js';
import { classifyStorageError } from '../src/services/health/storage-health.js';

describe('SQLite transaction on a full database', () => {
  it('fails with SQLITE_FULL, classified as disk_full, and the next transaction works once there is room', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warganet-full-'));
    const { dialect, native } = createSqliteDialect(join(dir, 'full.db'));
    const db = new Kysely<unknown>({ dialect });
    try {
      await sql`create table t (x text)`.execute(db);
      const pages = Number(native.pragma('page_count', { simple: true }));
      // SQLite's own cap on the file, the portable stand-in for a full disk.
      native.pragma(`max_page_count = ${pages + 2}`);
      const error = await db
        .transaction()
        .execute(async (trx) => {
          for (let i = 0; i < 50; i++) await sql`insert into t values (${'x'.repeat(4000)})`.execute(trx);
        })
        .catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe('SQLITE_FULL');
      expect(classifyStorageError(error)).toBe('disk_full');
      native.pragma('max_page_count = 1000000');
      await db.transaction().execute(async (trx) => {
        await sql`insert into t values ('y')`.execute(trx);
      });
      const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
      expect(rows[0]!.n).toBe(1);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
