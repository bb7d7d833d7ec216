import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/support/databases.js';
import { createAuditStore, withAudit } from './audit-store.js';

describe.each(databaseKinds)('audit store (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.close();
  });
  const entry = (target: string) => ({ at: 1_000, actor: 'cli', action: 'admin.add', target });
  const admin = (username: string) => ({ username, role: 'admin', password_hash: 'x', created_at: 1_000 });

  it('commits the change and its audit row together, the entry built from the result', async () => {
    const id = await withAudit(
      t.db,
      (newId: number) => entry(`admin:${newId}`),
      async (trx) =>
        (await trx.insertInto('admin_users').values(admin('satu')).returning('id').executeTakeFirstOrThrow())
          .id,
    );
    const [last] = await createAuditStore(t.db).recent(1);
    expect(last).toMatchObject({ actor: 'cli', action: 'admin.add', target: `admin:${id}` });
  });

  it('a failing change leaves no audit row, and a failing audit row undoes the change', async () => {
    const before = await createAuditStore(t.db).recent();
    await expect(
      withAudit(t.db, entry('admin:dua'), async (trx) => {
        await trx.insertInto('admin_users').values(admin('satu')).execute(); // duplicate user name
      }),
    ).rejects.toThrow();
    await expect(
      withAudit(t.db, { ...entry('admin:tiga'), actor: null as unknown as string }, async (trx) => {
        await trx.insertInto('admin_users').values(admin('tiga')).execute();
      }),
    ).rejects.toThrow();
    expect(await createAuditStore(t.db).recent()).toEqual(before);
    const names = await t.db.selectFrom('admin_users').select('username').execute();
    expect(names.map((n) => n.username)).toEqual(['satu']);
  });

  it('lists the newest entries first', async () => {
    await withAudit(t.db, entry('admin:empat'), async (trx) => {
      await trx.insertInto('admin_users').values(admin('empat')).execute();
    });
    const recent = await createAuditStore(t.db).recent(2);
    expect(recent[0]!.target).toBe('admin:empat');
    expect(recent[0]!.id).toBeGreaterThan(recent[1]!.id);
  });
});
