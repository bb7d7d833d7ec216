import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/support/databases.js';
import { createAdminStore } from './admin-store.js';

describe.each(databaseKinds)('admin store (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a user with its audit row and finds it by user name', async () => {
    const store = createAdminStore(t.db);
    const created = await store.create(
      { username: 'budi', role: 'operator', password_hash: 'pbkdf2-sha256$1$a$b', created_at: 3 },
      { at: 3, actor: 'cli', action: 'admin.add', target: 'admin:budi' },
    );
    expect(created).toMatchObject({ username: 'budi', role: 'operator', disabled_at: null, created_at: 3 });
    expect(await store.findByUsername('budi')).toEqual(created);
    expect(await store.findByUsername('siti')).toBeUndefined();
    expect(await t.db.selectFrom('audit_log').select(['actor', 'target']).execute()).toEqual([
      { actor: 'cli', target: 'admin:budi' },
    ]);
  });
});
