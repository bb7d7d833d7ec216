// `warganet voucher create|list|show|revoke` as an operator types them, on both databases: --json gives one
// object per voucher with its `code`; filters by batch and status; revoking one code or a whole batch; bad input
// is one clear line and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

describe.each(databaseKinds)('warganet voucher (%s)', (kind) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await t.close();
  });
  const run = (args: string[]) => cli({ dataDir: t.dir, databaseUrl: t.url }, args);
  const json = async (args: string[]) => {
    const r = await run([...args, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  it('creates a batch, lists and shows it as JSON, and revokes one code then the batch', async () => {
    await json(['plan', 'add', 'Tamu', '--down', '2M', '--up', '1M']);
    const made = await json([
      ...['voucher', 'create', '--plan', 'Tamu', '--count', '3', '--validity', '1d', '--quota', '1GB'],
      ...['--devices', '1', '--prefix', 'pasar', '--length', '6', '--price', '5000', '--note', 'Hari pasar'],
    ]);
    expect(made).toHaveLength(3);
    for (const v of made) {
      expect(v.code).toMatch(/^pasar[a-z2-9]{6}$/);
      expect(v).toMatchObject({
        plan: 'Tamu',
        status: 'unused',
        validityS: 86_400,
        quotaBytes: 1_000_000_000,
        devicesAllowed: 1,
        price: 5000,
        note: 'Hari pasar',
        validityFrom: 'first-login',
      });
    }
    const batch = made[0].batch;
    expect(await json(['voucher', 'list', '--batch', batch])).toHaveLength(3);
    expect(await json(['voucher', 'list', '--status', 'unused'])).toHaveLength(3);
    expect(await json(['voucher', 'show', made[0].code.toUpperCase()])).toMatchObject({ code: made[0].code });

    const text = await run(['voucher', 'list']);
    expect(text.stdout).toContain('KODE');
    expect(text.stdout).toContain(`${made[0].code.slice(0, 4)}-${made[0].code.slice(4, 8)}`);

    expect(await json(['voucher', 'revoke', made[0].code])).toEqual({ revoked: 1 });
    expect(await json(['voucher', 'list', '--status', 'revoked'])).toHaveLength(1);
    expect(await json(['voucher', 'revoke', '--batch', batch])).toEqual({ revoked: 2 });
    expect(await json(['voucher', 'list', '--status', 'unused'])).toHaveLength(0);
  });

  it('refuses bad input with one line and creates nothing', async () => {
    await json(['plan', 'add', 'Tamu', '--down', '2M', '--up', '1M']);
    for (const args of [
      ['voucher', 'create', '--plan', 'Tidak-Ada', '--count', '1'],
      ['voucher', 'create', '--plan', 'Tamu', '--count', '0'],
      ['voucher', 'create', '--plan', 'Tamu', '--count', '2', '--validity', 'besok'],
      ['voucher', 'create', '--plan', 'Tamu', '--count', '2', '--prefix', 'Pasar!'],
      ['voucher', 'list', '--status', 'aneh'],
      ['voucher', 'show', 'tidakada'],
      ['voucher', 'revoke'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(await t.db.selectFrom('vouchers').selectAll().execute()).toEqual([]);
  });
});
