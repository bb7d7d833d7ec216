// The account-lifecycle migration on a database that already has data: names differing only in case are made
// distinct before the case-insensitive unique index is built, and registrations whose audit entry says the
// roster did not confirm them are flagged. Its down migration undoes it.
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test/support/databases.js';
import { migrateToLatest } from './migrate.js';
import { migrationProvider } from './migrations/index.js';

describe.each(databaseKinds)('migration 2026-12-04-account-lifecycle on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t.close());

  it('renames case-only duplicates, flags unverified registrations, and enforces unique names', async () => {
    const migrator = new Migrator({ db: t.db, provider: migrationProvider });
    // Back to just before it (later migrations go down first).
    const down = await migrator.migrateTo('2026-12-03-portal-attempts-backoff');
    expect(down.error).toBeUndefined();
    expect(down.results?.at(-1)?.migrationName).toBe('2026-12-04-account-lifecycle');

    const at = { created_at: 1, updated_at: 1 };
    for (const name of ['Balai', 'balai']) {
      await t.db
        .insertInto('routers')
        .values({
          name,
          nas_ip: `10.0.0.${name.length + (name === 'Balai' ? 0 : 1)}`,
          radius_secret_enc: 'x',
          ...at,
        })
        .execute();
    }
    for (const [name, profile] of [
      ['Dasar', 'dasar'],
      ['DASAR', 'dasar2'],
    ]) {
      await t.db
        .insertInto('plans')
        .values({ name: name!, profile_name: profile!, down_rate: 1, up_rate: 1, devices_allowed: 1, ...at })
        .execute();
    }
    const resident = await t.db
      .insertInto('residents')
      .values({
        nik_index: 'i',
        nik_masked: 'm',
        kk_index: 'k',
        kk_masked: 'k',
        name: 'n',
        dusun: 'd',
        rw: '1',
        rt: '1',
        status_dasar: 1,
        active: 1,
        ...at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Written as the portal wrote it before the column existed (the column is gone after the down migration).
    const account = await t.db
      .insertInto('accounts')
      .values({ resident_id: resident.id, status: 'pending', ...at } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('audit_log')
      .values({
        at: 1,
        actor: 'portal',
        action: 'account.register',
        target: `account:${account.id}`,
        detail: '{"status":"pending","verified":false}',
      })
      .execute();

    const latest = await migrateToLatest(t.db);
    expect(latest.error).toBeUndefined();
    expect(latest.applied[0]).toBe('2026-12-04-account-lifecycle');
    const routers = await t.db.selectFrom('routers').select(['id', 'name']).orderBy('id').execute();
    expect(routers.map((r) => r.name)).toEqual(['Balai', `balai-${routers[1]!.id}`]);
    const plans = await t.db.selectFrom('plans').select(['id', 'name']).orderBy('id').execute();
    expect(plans.map((p) => p.name)).toEqual(['Dasar', `DASAR-${plans[1]!.id}`]);
    const flagged = await t.db.selectFrom('accounts').select('unverified_reason').executeTakeFirstOrThrow();
    expect(flagged.unverified_reason).toBe('unknown');
    await expect(
      t.db
        .insertInto('routers')
        .values({ name: 'BALAI', nas_ip: '10.0.0.99', radius_secret_enc: 'x', ...at })
        .execute(),
    ).rejects.toThrow();
  });
});
