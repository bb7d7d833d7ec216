// `warganet key rotate`: every encrypted secret moves to a new key, NIK lookups and PINs keep working under the
// kept index key, and a rotation cut short in the middle resumes to the same end, with the server refusing to
// start in between.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskNik } from '../src/domain/nik.js';
import { rotateKey } from '../src/ops/key-rotation.js';
import { hashPin, verifyPin } from '../src/services/accounts/pin-hash.js';
import { Keyring } from '../src/services/keyring.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

const SITI = '3523125505900002';
const KK = '3523120101090002';

describe.each(databaseKinds)('key rotation on %s', (kind) => {
  let t: TestDatabase;
  const old = () => Keyring.fromHex(TEST_SECRET_KEY);
  beforeEach(async () => {
    t = await createTestDatabase(kind);
    writeFileSync(join(t.dir, 'secret.key'), `${TEST_SECRET_KEY}\n`, { mode: 0o600 });
  });
  afterEach(() => t.close());
  // The key lives in data/secret.key here (rotation cannot rewrite an environment variable).
  const run = (args: string[], stdin?: string) =>
    cli({ dataDir: t.dir, databaseUrl: t.url, env: { WARGANET_SECRET_KEY: '' } }, args, stdin);

  /** A village with a secret of every kind, under the old key. */
  async function village() {
    const k = await old();
    expect((await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M'])).code).toBe(0);
    const added = await run(
      ['router', 'add', 'balai', '--nas-ip', '10.0.0.1', '--secret', '-'],
      'rahasia-1\n',
    );
    expect(added.stderr).toBe('');
    const { id: residentId } = await t.db
      .insertInto('residents')
      .values({
        nik_index: await k.blindIndex('nik', SITI),
        nik_masked: maskNik(SITI),
        kk_index: await k.blindIndex('kk', KK),
        kk_masked: '3523**********02',
        name: 'Siti Aminah',
        dusun: 'Krajan',
        rw: '002',
        rt: '001',
        status_dasar: 1,
        active: 1,
        created_at: 1,
        updated_at: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: accountId } = await t.db
      .insertInto('accounts')
      .values({
        resident_id: residentId,
        status: 'active',
        plan_id: null,
        pin_hash: await hashPin(k, '246810'),
        pin_locked_until: null,
        consent_at: 1,
        consent_notice_version: 'v1',
        consent_channel: 'operator',
        approved_by: null,
        approved_at: null,
        unverified_reason: null,
        suspended_reason: null,
        created_at: 1,
        updated_at: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 7; i++)
      await t.db
        .insertInto('devices')
        .values({
          account_id: accountId,
          mac: `AA:BB:CC:00:00:0${i}`,
          username: `wn-dev${i}`,
          secret_enc: await k.encrypt(`device-secret-${i}`),
          label: null,
          first_seen_at: null,
          last_seen_at: null,
          revoked_at: null,
          created_at: 1,
        })
        .execute();
    const vouchers = await run(['voucher', 'create', '--plan', 'Dasar', '--count', '4']);
    expect(vouchers.code).toBe(0);
    await t.db
      .insertInto('regency_link')
      .values({
        id: 1,
        url: 'https://kabupaten.example',
        village: '3523082001',
        token_enc: await k.encrypt('regency-token'),
        joined_at: 1,
        last_success_at: null,
        today_sent_at: null,
        last_error: null,
        last_error_at: null,
      })
      .execute();
  }

  /** Every encrypted value opened with `keyring`, or the error text. */
  async function secrets(keyring: Keyring) {
    const open = (s: string | null) => (s === null ? null : keyring.decrypt(s).catch(() => 'TIDAK TERBUKA'));
    const devices = await t.db.selectFrom('devices').select(['id', 'secret_enc']).orderBy('id').execute();
    const routers = await t.db
      .selectFrom('routers')
      .select(['radius_secret_enc', 'api_password_enc'])
      .execute();
    const vouchers = await t.db
      .selectFrom('vouchers')
      .select(['code_enc', 'password_enc', 'code_index'])
      .orderBy('id')
      .execute();
    const regency = await t.db.selectFrom('regency_link').select('token_enc').execute();
    return {
      regency: await Promise.all(regency.map((r) => open(r.token_enc))),
      devices: await Promise.all(devices.map((d) => open(d.secret_enc))),
      routers: await Promise.all(routers.map((r) => open(r.radius_secret_enc))),
      vouchers: await Promise.all(vouchers.map((v) => open(v.code_enc))),
      voucherIndexes: vouchers.map((v) => v.code_index),
    };
  }

  it('cut short after two batches, it refuses to start, resumes, and ends with every secret under the new key', async () => {
    await village();
    const before = await secrets(await old());
    expect(before.devices).toContain('device-secret-6');
    expect(before.routers).toEqual(['rahasia-1']);
    expect(before.regency).toEqual(['regency-token']);

    let batches = 0;
    await expect(
      rotateKey({
        db: t.db,
        dataDir: t.dir,
        batchSize: 3,
        afterBatch: () => {
          if (++batches === 2) throw new Error('listrik padam');
        },
      }),
    ).rejects.toThrow('listrik padam');
    // In between: some devices under each key; the server will not run on that.
    expect(existsSync(join(t.dir, 'secret.key.next'))).toBe(true);
    expect(readFileSync(join(t.dir, 'secret.key'), 'utf8').trim()).toBe(TEST_SECRET_KEY);
    const halfway = await run(['router', 'list']);
    expect(halfway.code).toBe(1);
    expect(halfway.stderr).toContain('penggantian kunci rahasia belum selesai');

    const resumed = await run(['key', 'rotate', '--yes', '--json']);
    expect(resumed.stderr).toBe('');
    const outcome = JSON.parse(resumed.stdout);
    expect(outcome.resumed).toBe(true);
    // Each value re-encrypted exactly once over both runs.
    expect(outcome.rewritten).toEqual({
      devices: 7,
      routers: 1,
      admin_users: 0,
      vouchers: 4,
      regency_link: 1,
    });

    const newHex = readFileSync(join(t.dir, 'secret.key'), 'utf8').trim();
    expect(newHex).not.toBe(TEST_SECRET_KEY);
    expect(readFileSync(join(t.dir, 'secret.index.key'), 'utf8').trim()).toBe(TEST_SECRET_KEY);
    expect(existsSync(join(t.dir, 'secret.key.next'))).toBe(false);
    expect(await t.db.selectFrom('key_rotation').selectAll().execute()).toEqual([]);

    const now = await Keyring.fromHex(newHex, { indexKeyHex: TEST_SECRET_KEY });
    const after = await secrets(now);
    expect(after).toEqual(before);
    // The leaked key opens nothing any more.
    const leaked = await secrets(await old());
    expect(leaked.devices.every((s) => s === 'TIDAK TERBUKA')).toBe(true);
    expect(leaked.routers).toEqual(['TIDAK TERBUKA']);
    expect(leaked.regency).toEqual(['TIDAK TERBUKA']);
    expect(leaked.vouchers.every((s) => s === 'TIDAK TERBUKA')).toBe(true);
    // Voucher indexes, NIK lookups and PINs are HMACs under the kept index key: unchanged, and still found.
    for (const [i, code] of after.vouchers.entries())
      expect(after.voucherIndexes[i]).toBe(await now.blindIndex('voucher', code as string));
    const found = await run(['residents', 'search', SITI]);
    expect(found.stdout).toContain('Siti Aminah');
    const account = await t.db.selectFrom('accounts').select('pin_hash').executeTakeFirstOrThrow();
    expect(await verifyPin(now, '246810', account.pin_hash as string)).toBe('ok');
    // The server's own view: the router's secret opens.
    const routers = await run(['router', 'list', '--json']);
    expect(routers.code).toBe(0);

    // A second rotation keeps the first key as the index key.
    expect((await run(['key', 'rotate', '--yes'])).code).toBe(0);
    expect(readFileSync(join(t.dir, 'secret.index.key'), 'utf8').trim()).toBe(TEST_SECRET_KEY);
    expect((await run(['residents', 'search', SITI])).stdout).toContain('Siti Aminah');

    // A backup with its key carries the index key too: a bare box restored from it still finds residents.
    if (kind === 'sqlite') {
      const env = { WARGANET_SECRET_KEY: '', WARGANET_BACKUP_PASSPHRASE: 'kebun-kopi-di-lereng' };
      const file = join(t.dir, 'after-rotation.wgbak');
      expect((await cli({ dataDir: t.dir, env }, ['backup', file, '--with-key'])).code).toBe(0);
      const bare = mkdtempSync(join(tmpdir(), 'warganet-bare-'));
      try {
        expect((await cli({ dataDir: bare, env }, ['restore', file])).stderr).toBe('');
        expect(readFileSync(join(bare, 'secret.index.key'), 'utf8').trim()).toBe(TEST_SECRET_KEY);
        const search = await cli({ dataDir: bare, env }, ['residents', 'search', SITI]);
        expect(search.stdout).toContain('Siti Aminah');
      } finally {
        rmSync(bare, { recursive: true, force: true });
      }
    }
  }, 120_000);

  it('refuses while a server runs on the data directory, and with the key in the environment', async () => {
    const server = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(t.dir, 'warganet.pid'), `${server.pid}\n`);
      const r = await run(['key', 'rotate', '--yes']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('sedang berjalan');
    } finally {
      server.kill('SIGKILL');
    }
    const env = await cli({ dataDir: t.dir, databaseUrl: t.url }, ['key', 'rotate', '--yes']);
    expect(env.stderr).toContain('WARGANET_SECRET_KEY');
    expect(readFileSync(join(t.dir, 'secret.key'), 'utf8').trim()).toBe(TEST_SECRET_KEY);
  });
});
