// `warganet admin list|set|disable|enable|reset-password|reset-2fa` and `admin token` (create with --json, list,
// revoke): the users page's actions from the terminal, through the same services, each audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/services/admins/admin-sessions.js';
import { verifySecret } from '../src/services/password-hash.js';
import { cli } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

describe.each(databaseKinds)('warganet admin users and tokens (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t.close());
  const run = (args: string[], stdin?: string) => cli({ dataDir: t.dir, databaseUrl: t.url }, args, stdin);
  const actions = async () =>
    (await t.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action);

  it('lists users, changes a role, disables and enables', async () => {
    expect((await run(['admin', 'add', 'kades', '--role', 'admin'], 'Sandi-Kades-2026\n')).code).toBe(0);
    expect((await run(['admin', 'add', 'budi', '--role', 'operator'], 'Sandi-Budi-20266\n')).code).toBe(0);
    const list = await run(['admin', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([
      { username: 'budi', role: 'operator', disabled: false, twoFactor: false, lastSignInAt: null },
      { username: 'kades', role: 'admin' },
    ]);
    expect((await run(['admin', 'list'])).stdout).toMatch(/budi\s+operator\s+aktif\s+tidak\s+-/);
    expect((await run(['admin', 'set', 'budi', '--role', 'official'])).stdout).toContain(
      'Peran budi sekarang official.',
    );
    const last = await run(['admin', 'disable', 'kades', '--yes']);
    expect(last.code).toBe(4); // conflict
    expect(last.stderr).toContain('satu-satunya admin aktif');
    expect((await run(['admin', 'disable', 'budi', '--yes'])).code).toBe(0);
    expect((await run(['admin', 'enable', 'budi'])).code).toBe(0);
    expect(await actions()).toEqual([
      'admin.add',
      'admin.add',
      'admin.role',
      'admin.disable',
      'admin.enable',
    ]);
  });

  it('resets a password, printed once, and two-factor', async () => {
    const r = await run(['admin', 'reset-password', 'budi', '--yes', '--json']);
    const { password } = JSON.parse(r.stdout);
    const row = await t.db
      .selectFrom('admin_users')
      .selectAll()
      .where('username', '=', 'budi')
      .executeTakeFirstOrThrow();
    expect(await verifySecret(password, row.password_hash)).toBe(true);
    expect((await run(['admin', 'reset-2fa', 'budi', '--yes'])).stdout).toContain('dimatikan');
  });

  it('makes a token shown once ({ "token" } with --json), stored as its SHA-256, listed and revoked', async () => {
    const r = await run(['admin', 'token', 'kades', '--label', 'cadangan', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.token).toMatch(/^wn_[\w-]{43}$/);
    const row = await t.db.selectFrom('admin_api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(await hashToken(out.token));
    const list = await run(['admin', 'token', 'list', 'kades']);
    expect(list.stdout).toContain(out.id);
    expect(list.stdout).toContain('cadangan');
    expect(list.stdout).not.toContain(out.token);
    expect((await run(['admin', 'token', 'revoke', out.id])).stdout).toContain('dicabut');
    const again = await run(['admin', 'token', 'revoke', out.id]);
    expect(again.code).toBe(3); // not found
    expect(again.stderr).toContain('tidak ada atau sudah dicabut');
    expect((await run(['admin', 'token', 'tidak-ada'])).stderr).toContain('pengguna tidak-ada tidak ada');
  });
});
