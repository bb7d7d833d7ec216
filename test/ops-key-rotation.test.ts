// `warganet key rotate`: every encrypted secret moves to a new key and a rotation cut short resumes to the same
// end, with the server refusing to start in between; then NIK/KK indexes move to the new key from the roster
// (resumably), PINs at the next sign-in, and the old key file is deleted only when nothing needs it (at once
// when the last PIN moves at a sign-in); meanwhile the dashboard says what still holds it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppContext, keyStatusOf, openAppContext } from '../src/app-context.js';
import { parseConfig } from '../src/config.js';
import { maskNik } from '../src/domain/nik.js';
import { createHttpApp } from '../src/http-app.js';
import { createLogger } from '../src/logger.js';
import { reindexFromRoster } from '../src/ops/key-reindex.js';
import { rotateKey } from '../src/ops/key-rotation.js';
import { hashPin, verifyPin } from '../src/services/accounts/pin-hash.js';
import { Keyring } from '../src/services/keyring.js';
import { createNodeWebDeps } from '../src/web-wiring.js';
import { PASSWORD, WebBrowser } from './fixtures/admin-web.js';
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

    const now = await Keyring.fromHex(newHex, { legacyIndexKeyHex: TEST_SECRET_KEY });
    const after = await secrets(now);
    expect({ ...after, voucherIndexes: [] }).toEqual({ ...before, voucherIndexes: [] });
    // The leaked key opens nothing any more.
    const leaked = await secrets(await old());
    expect(leaked.devices.every((s) => s === 'TIDAK TERBUKA')).toBe(true);
    expect(leaked.routers).toEqual(['TIDAK TERBUKA']);
    expect(leaked.regency).toEqual(['TIDAK TERBUKA']);
    expect(leaked.vouchers.every((s) => s === 'TIDAK TERBUKA')).toBe(true);
    // Voucher indexes are recomputed from their codes under the new key alone.
    const newOnly = await Keyring.fromHex(newHex);
    for (const [i, code] of after.vouchers.entries())
      expect(after.voucherIndexes[i]).toBe(await newOnly.blindIndex('voucher', code as string));
    // No roster given: the resident is still under the old index, found through it; the PIN verifies with the
    // old key and asks to be hashed again.
    const found = await run(['residents', 'search', SITI]);
    expect(found.stdout).toContain('Siti Aminah');
    const account = await t.db.selectFrom('accounts').select('pin_hash').executeTakeFirstOrThrow();
    expect(await verifyPin(now, '246810', account.pin_hash as string)).toBe('ok-upgrade');
    expect(await verifyPin(now, '135790', account.pin_hash as string)).toBe('wrong');
    // The server's own view: the router's secret opens.
    const routers = await run(['router', 'list', '--json']);
    expect(routers.code).toBe(0);
    const status = JSON.parse((await run(['key', 'status', '--json'])).stdout);
    expect(status).toMatchObject({ legacyKey: true, residentsPending: 1, pinsPending: 1, retired: false });

    // A second rotation waits while the old key is still needed, and says what is left.
    const second = await run(['key', 'rotate', '--yes']);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('Penduduk aktif yang indeks NIK/KK-nya masih dengan kunci lama: 1');
    expect(second.stderr).toContain('belum tuntas');
    expect(readFileSync(join(t.dir, 'secret.key'), 'utf8').trim()).toBe(newHex);

    // A backup with its key carries the old key too: a bare box restored from it still finds residents.
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

  const BUDI = '3523120303850001';
  const roster = (rows: string[]) => {
    const file = join(t.dir, `penduduk-${rows.length}.csv`);
    writeFileSync(file, ['nik;no_kk;nama;dusun;rw;rt;status_dasar', ...rows].join('\n'));
    return file;
  };
  const SITI_ROW = `${SITI};${KK};Siti Aminah;Krajan;002;001;1`;

  /** Budi left the village: in the roster no more, inactive, still under the old key. */
  async function budiLeft() {
    const k = await old();
    await t.db
      .insertInto('residents')
      .values({
        nik_index: await k.blindIndex('nik', BUDI),
        nik_masked: maskNik(BUDI),
        kk_index: await k.blindIndex('kk', KK),
        kk_masked: '3523**********02',
        name: 'Budi Santoso',
        dusun: 'Krajan',
        rw: '002',
        rt: '001',
        status_dasar: 1,
        active: 0,
        deactivated_at: 1,
        created_at: 1,
        updated_at: 1,
      })
      .execute();
  }

  async function server() {
    const parsed = parseConfig({
      WARGANET_DATA_DIR: t.dir,
      WARGANET_DATABASE_URL: t.url ?? '',
      WARGANET_SECRET_KEY: '',
      WARGANET_ROLES: 'http',
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    return openAppContext(parsed.config, createLogger('silent'), { create: false });
  }

  async function signedIn(app: AppContext, web: Hono, role: 'operator' | 'official') {
    await app.services.admins.add({ username: `${role}-uji`, role, password: PASSWORD }, 'cli');
    const browser = new WebBrowser(web);
    await browser.get('/admin/masuk');
    const res = await browser.post('/admin/masuk', {
      username: `${role}-uji`,
      password: PASSWORD,
      next: '/admin',
    });
    expect(res.status).toBe(303);
    return browser;
  }

  it('rotate --roster re-indexes the roster’s residents, a PIN sign-in is re-hashed, and the old key goes only when nothing needs it', async () => {
    await village();
    await budiLeft();
    const rotated = await run(['key', 'rotate', '--yes', '--json', '--roster', roster([SITI_ROW])]);
    expect(rotated.stderr).toBe('');
    const outcome = JSON.parse(rotated.stdout);
    expect(outcome.reindexed).toMatchObject({ moved: 1, rows: 1 });
    // Siti is on the new key; Budi (left) is reported, not waited for; Siti's PIN still holds the old key.
    expect(outcome.status).toMatchObject({
      legacyKey: true,
      residentsPending: 0,
      residentsLeft: 1,
      pinsPending: 1,
      retired: false,
    });
    const newHex = readFileSync(join(t.dir, 'secret.key'), 'utf8').trim();
    const fresh = await Keyring.fromHex(newHex);
    const siti = await t.db
      .selectFrom('residents')
      .selectAll()
      .where('name', '=', 'Siti Aminah')
      .executeTakeFirstOrThrow();
    expect(siti.nik_index).toBe(await fresh.blindIndex('nik', SITI));
    expect(siti.kk_index).toBe(await fresh.blindIndex('kk', KK));
    expect(siti.index_key_id).toBe(fresh.keyId);
    expect(existsSync(join(t.dir, 'secret.index.key'))).toBe(true);

    // The running server: Siti found by NIK through the new index; her PIN signs in and is hashed again.
    const app = await server();
    try {
      // The dashboard tells the operator what `key status` tells: one PIN still holds the old key. Not the official.
      const web = createHttpApp({ checkDatabase: async () => true, web: createNodeWebDeps(app) });
      // A finished setup (until an admin exists, only the setup page answers).
      await app.services.admins.add({ username: 'admin-uji', role: 'admin', password: PASSWORD }, 'cli');
      const operator = await signedIn(app, web, 'operator');
      const official = await signedIn(app, web, 'official');
      const card = (await operator.get('/admin')).text;
      expect(card).toContain('Kunci rahasia lama masih disimpan');
      expect(card).toContain(
        'Kunci lama masih dipakai oleh 1 PIN warga; akan dihapus otomatis setelah semua PIN diperbarui.',
      );
      expect(card).not.toContain('Indeks NIK/KK');
      expect((await official.get('/admin')).text).not.toContain('Kunci rahasia lama');

      const portal = app.services.portal.registration;
      const wrong = await portal.addDevice({ nik: SITI, pin: '135790', address: '10.5.0.9' });
      expect(wrong.kind).toBe('wrong-pin');
      expect(existsSync(join(t.dir, 'secret.index.key'))).toBe(true);
      const signIn = await portal.addDevice({ nik: SITI, pin: '246810', address: '10.5.0.9' });
      expect(signIn.kind).toBe('ok');
      const { pin_hash } = await t.db.selectFrom('accounts').select('pin_hash').executeTakeFirstOrThrow();
      expect(await verifyPin(fresh, '246810', pin_hash as string)).toBe('ok');
      // That was the last PIN and no active resident is under the old key: its file is deleted at once, and this
      // server forgets the key as a restart would (Budi, who left, is no longer found by his NIK).
      expect(existsSync(join(t.dir, 'secret.index.key'))).toBe(false);
      expect(app.keyring.legacyKeyId).toBeUndefined();
      expect((await operator.get('/admin')).text).not.toContain('Kunci rahasia lama');
      const again = await portal.addDevice({ nik: SITI, pin: '246810', address: '10.5.0.9' });
      expect(again.kind).toBe('ok');
    } finally {
      await app.close();
    }
    const status = await run(['key', 'status']);
    expect(status.stdout).toContain('Tidak ada kunci lama');
    expect(existsSync(join(t.dir, 'secret.index.key'))).toBe(false);
    // Without the old key: Siti is still found and signs in; Budi's NIK finds nobody.
    expect((await run(['residents', 'search', SITI])).stdout).toContain('Siti Aminah');
    expect((await run(['residents', 'search', BUDI])).stdout).not.toContain('Budi');
    const again = await server();
    try {
      const signIn = await again.services.portal.registration.addDevice({ nik: SITI, pin: '246810' });
      expect(signIn.kind).toBe('ok');
    } finally {
      await again.close();
    }
    // And a new rotation may start.
    expect((await run(['key', 'rotate', '--yes'])).code).toBe(0);
  }, 120_000);

  it('a re-index cut short resumes and finishes; the next full import moves the rest; forgotten PINs free the old key', async () => {
    await village();
    const k = await old();
    // Five more residents, all in the roster.
    const others = Array.from(
      { length: 5 },
      (_, i) => `352312${String(10 + i).padStart(2, '0')}0390000${i + 1}`,
    );
    for (const [i, nik] of others.entries())
      await t.db
        .insertInto('residents')
        .values({
          nik_index: await k.blindIndex('nik', nik),
          nik_masked: maskNik(nik),
          kk_index: await k.blindIndex('kk', KK),
          kk_masked: '3523**********02',
          name: `Warga ${i}`,
          dusun: 'Krajan',
          rw: '002',
          rt: '001',
          status_dasar: 1,
          active: 1,
          created_at: 1,
          updated_at: 1,
        })
        .execute();
    const rows = [SITI_ROW, ...others.map((nik, i) => `${nik};${KK};Warga ${i};Krajan;002;001;1`)];
    expect((await run(['key', 'rotate', '--yes'])).code).toBe(0);
    const newHex = readFileSync(join(t.dir, 'secret.key'), 'utf8').trim();
    const keyring = await Keyring.fromHex(newHex, { legacyIndexKeyHex: TEST_SECRET_KEY });
    const bytes = new Uint8Array(readFileSync(roster(rows)));
    const opts = { db: t.db, keyring, bytes, today: new Date('2026-11-29'), villageCode: '3523122002' };
    let batches = 0;
    await expect(
      reindexFromRoster({
        ...opts,
        batchSize: 2,
        afterBatch: () => {
          if (++batches === 2) throw new Error('listrik padam');
        },
      }),
    ).rejects.toThrow('listrik padam');
    expect((await keyStatusOf(t.db, keyring).status()).residentsPending).toBe(2);
    // The CLI with the same file continues after the four rows done.
    const resumed = JSON.parse((await run(['key', 'reindex', '--json', '--roster', roster(rows)])).stdout);
    expect(resumed.reindexed).toEqual({ moved: 6, rows: 6, resumed: true });
    expect(resumed.status).toMatchObject({ residentsPending: 0, pinsPending: 1, retired: false });
    // Once more: nothing left to move, nothing moved twice.
    const again = await reindexFromRoster(opts);
    expect(again).toEqual({ moved: 0, rows: 6, resumed: false });
    expect(await t.db.selectFrom('key_rotation').selectAll().execute()).toEqual([]);

    // Siti never signs in: the operator forgets the old PINs (she gets "PIN baru"), and the old key goes.
    const forgot = JSON.parse((await run(['key', 'forget-old-pins', '--yes', '--json'])).stdout);
    expect(forgot).toMatchObject({ forgotten: 1, status: { pinsPending: 0, retired: true } });
    expect(existsSync(join(t.dir, 'secret.index.key'))).toBe(false);
    for (const nik of [SITI, ...others])
      expect((await run(['residents', 'search', nik])).stdout).toContain('3523');
  }, 120_000);

  it('a full roster import moves residents still under the old key instead of adding them again', async () => {
    await village();
    expect((await run(['key', 'rotate', '--yes'])).code).toBe(0);
    const imported = await run(['residents', 'import', roster([SITI_ROW]), '--json']);
    expect(imported.stderr).toBe('');
    // Siti is recognised (not added a second time); her row differs from the file's (sex, birth date), so updated.
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 0, deactivated: 0 });
    expect(await t.db.selectFrom('residents').select('name').execute()).toEqual([{ name: 'Siti Aminah' }]);
    const status = JSON.parse((await run(['key', 'status', '--json'])).stdout);
    expect(status).toMatchObject({ residentsPending: 0, pinsPending: 1 });
  }, 120_000);

  it('the backup carries what restore needs before, during and after the move off the old key', async () => {
    if (kind !== 'sqlite') return; // PostgreSQL is backed up with pg_dump, keys by hand (README)
    await village();
    const env = { WARGANET_SECRET_KEY: '', WARGANET_BACKUP_PASSPHRASE: 'kebun-kopi-di-lereng' };
    const backup = async (name: string) => {
      const file = join(t.dir, `${name}.wgbak`);
      const r = await cli({ dataDir: t.dir, env }, ['backup', file, '--with-key']);
      expect(r.stderr).toBe('');
      return file;
    };
    const restoresAndFinds = async (file: string, expectIndexKey: boolean) => {
      const bare = mkdtempSync(join(tmpdir(), 'warganet-bare-'));
      try {
        // A stale old key on the box must not survive a backup that had none.
        writeFileSync(join(bare, 'secret.index.key'), `${'ab'.repeat(32)}\n`);
        expect((await cli({ dataDir: bare, env }, ['restore', file])).stderr).toBe('');
        expect(existsSync(join(bare, 'secret.index.key'))).toBe(expectIndexKey);
        expect((await cli({ dataDir: bare, env }, ['residents', 'search', SITI])).stdout).toContain(
          'Siti Aminah',
        );
      } finally {
        rmSync(bare, { recursive: true, force: true });
      }
    };
    // A script may pipe the passphrase in instead of setting the variable.
    const before = join(t.dir, 'before.wgbak');
    const piped = await cli(
      { dataDir: t.dir, env: { WARGANET_SECRET_KEY: '' } },
      ['backup', before, '--with-key'],
      'kebun-kopi-di-lereng\n',
    );
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toContain('Kunci rahasia ikut di dalamnya');
    expect((await run(['key', 'rotate', '--yes', '--roster', roster([SITI_ROW])])).code).toBe(0);
    const during = await backup('during');
    expect((await run(['key', 'forget-old-pins', '--yes'])).code).toBe(0);
    expect(existsSync(join(t.dir, 'secret.index.key'))).toBe(false);
    const after = await backup('after');
    await restoresAndFinds(before, false);
    await restoresAndFinds(during, true);
    await restoresAndFinds(after, false);
  }, 120_000);
});
