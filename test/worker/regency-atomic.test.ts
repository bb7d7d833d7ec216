// The one helper for atomic writes on D1: the statements go in one batch(), which D1 runs as a transaction, so a
// failing statement leaves nothing of the others behind.
import { env } from 'cloudflare:workers';
import { Kysely, sql } from 'kysely';
import { D1Dialect } from 'kysely-d1';
import { describe, expect, it } from 'vitest';
import { d1AtomicWrites } from '../../db/atomic-writes.js';

describe('regency atomic writes on D1 (batch)', () => {
  it('leaves nothing behind when one statement of the batch fails', async () => {
    const db = new Kysely<unknown>({ dialect: new D1Dialect({ database: env.DB }) });
    const insert = sql`INSERT INTO villages (code, name, kecamatan, created_at) VALUES ('3523089009', 'A', 'B', 1)`;
    await expect(d1AtomicWrites(env.DB)([insert.compile(db), insert.compile(db)])).rejects.toThrow();
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM villages WHERE code = '3523089009'").first();
    expect(row?.n).toBe(0);
    await d1AtomicWrites(env.DB)([insert.compile(db)]);
    const after = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM villages WHERE code = '3523089009'",
    ).first();
    expect(after?.n).toBe(1);
  });
});
