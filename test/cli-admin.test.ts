import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySecret } from '../src/services/password-hash.js';
import { cli } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

describe.each(databaseKinds)('warganet admin (%s)', (kind) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await t.close();
  });
  const run = (args: string[], stdin?: string) => cli({ dataDir: t.dir, databaseUrl: t.url }, args, stdin);
  const admins = () => t.db.selectFrom('admin_users').selectAll().orderBy('id').execute();
  const audit = () => t.db.selectFrom('audit_log').selectAll().orderBy('id').execute();

  it('without stdin, generates a 16-character password, prints it once, and stores only a hash that verifies', async () => {
    const r = await run(['admin', 'add', 'Budi', '--role', 'operator']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Pengguna budi (operator) dibuat.');
    const password = /Kata sandi\s+(\S+)/.exec(r.stdout)![1]!;
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    const [row] = await admins();
    expect(row).toMatchObject({ username: 'budi', role: 'operator', disabled_at: null });
    expect(row!.password_hash).not.toContain(password);
    expect(await verifySecret(password, row!.password_hash)).toBe(true);
    expect(await verifySecret(`${password}x`, row!.password_hash)).toBe(false);
    const [a] = await audit();
    expect(a).toMatchObject({ actor: 'cli', action: 'admin.add', target: 'admin:budi' });
    expect(a!.detail).not.toContain(password);
  });

  it('takes the password piped to stdin and prints no password', async () => {
    const r = await run(['admin', 'add', 'kades', '--role', 'official', '--json'], 'Sandi-Kades-2026\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ username: 'kades', role: 'official', password: null });
    const [row] = await admins();
    expect(await verifySecret('Sandi-Kades-2026', row!.password_hash)).toBe(true);
  });

  it.each([
    [
      ['admin', 'add', 'budi', '--role', 'lurah'],
      undefined,
      'peran harus salah satu dari: admin, operator, official',
    ],
    [['admin', 'add', 'b', '--role', 'admin'], undefined, 'nama pengguna 3–32 karakter'],
    [['admin', 'add', 'budi', '--role', 'admin'], 'pendek\n', 'kata sandi minimal 10 karakter'],
    [['admin', 'add', 'budi'], undefined, 'opsi wajib belum diisi: --role <peran>'],
  ])('bad input %j is one line on stderr, exit 1, and writes nothing', async (args, stdin, message) => {
    const r = await run(args, stdin);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)[0]).toContain(message);
    expect(await admins()).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it('refuses a duplicate user name, whatever its case', async () => {
    await run(['admin', 'add', 'budi', '--role', 'admin']);
    const r = await run(['admin', 'add', 'BUDI', '--role', 'operator']);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('warganet: pengguna budi sudah ada\n');
    expect(await admins()).toHaveLength(1);
  });
});
