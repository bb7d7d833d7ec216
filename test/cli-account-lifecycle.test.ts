// The operators' lifecycle commands through the CLI's front door, on SQLite and PostgreSQL: the account list's
// filters and pages, a resident's card, approve / set / pin, router set and remove, plan remove, residents
// search, --version, the exit codes of service errors, MACs no phone has, and control characters from a
// roster name or a RADIUS User-Name printed as visible escapes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLACEHOLDER_NAME } from '../db/stores/portal-store.js';
import { maskKk } from '../src/domain/kk.js';
import { maskNik } from '../src/domain/nik.js';
import { pinProblem } from '../src/domain/pin.js';
import { verifyPin } from '../src/services/accounts/pin-hash.js';
import { Keyring } from '../src/services/keyring.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

// Valid NIKs for Kecamatan Jenu (35.23.12): PP RR SS DDMMYY NNNN.
const SITI = '3523125505900002';
const BUDI = '3523121505900001';
const WATI = '3523124404880006';
const ASING = '3523120202850004';
const KK = '3523120101090001';
const ESC_NAME = 'Siti \u001b[31mMerah\u001b[0m';

describe.each(databaseKinds)('warganet lifecycle commands (%s)', (kind) => {
  let t: TestDatabase;
  let keyring: Keyring;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
    keyring = await Keyring.fromHex(TEST_SECRET_KEY);
  });
  afterEach(async () => {
    await t.close();
  });
  const run = (args: string[], stdin?: string) => cli({ dataDir: t.dir, databaseUrl: t.url }, args, stdin);

  async function resident(nik: string, name: string, o: { dusun?: string; rt?: string; kk?: string } = {}) {
    const row = await t.db
      .insertInto('residents')
      .values({
        nik_index: await keyring.blindIndex('nik', nik),
        nik_masked: maskNik(nik),
        kk_index: await keyring.blindIndex('kk', o.kk ?? KK),
        kk_masked: maskKk(o.kk ?? KK),
        name,
        dusun: o.dusun ?? 'Krajan',
        rw: '002',
        rt: o.rt ?? '001',
        status_dasar: 1,
        active: 1,
        created_at: 1,
        updated_at: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function pendingAccount(residentId: number, reason: string | null) {
    await t.db
      .insertInto('accounts')
      .values({
        resident_id: residentId,
        status: 'pending',
        plan_id: null,
        consent_at: 1,
        consent_notice_version: 'v1',
        consent_channel: 'portal',
        unverified_reason: reason,
        created_at: 1,
        updated_at: 1,
      })
      .execute();
  }

  it('lists with filters and pages, showing the total, and flags unverified registrations', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await resident(SITI, 'Siti Aminah', { rt: '003' });
    await resident(BUDI, 'Budi Santoso', { dusun: 'Sumberan' });
    await pendingAccount(await resident(WATI, 'Wati', { kk: '3523120101090002' }), 'kk-mismatch');
    await run(['account', 'add', SITI]);
    await run(['account', 'add', BUDI]);

    const all = await run(['account', 'list', '--per-page', '2']);
    expect(all.stdout).toContain('Akun 1–2 dari 3 (halaman 1 dari 2).');
    const page2 = await run(['account', 'list', '--per-page', '2', '--page', '2']);
    expect(page2.stdout).toContain('Akun 3–3 dari 3 (halaman 2 dari 2).');
    expect(page2.stdout).toContain('Budi Santoso');

    const rows = async (...args: string[]) =>
      JSON.parse((await run(['account', 'list', ...args, '--json'])).stdout).accounts.map(
        (a: { name: string }) => a.name,
      );
    expect(await rows('--status', 'pending')).toEqual(['Wati']);
    expect(await rows('--dusun', 'sumberan')).toEqual(['Budi Santoso']);
    expect(await rows('--rt', '3')).toEqual(['Siti Aminah']);
    expect(await rows('--search', 'AMIN')).toEqual(['Siti Aminah']);
    expect(await rows('--search', '%')).toEqual([]);
    expect(await rows('--unverified')).toEqual(['Wati']);
    const flagged = await run(['account', 'list', '--unverified']);
    expect(flagged.stdout).toMatch(/Wati\s.*menunggu persetujuan.*BELUM DICOCOKKAN: nomor KK tidak cocok/);

    const bad = await run(['account', 'list', '--status', 'aktif']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('warganet: --status: status harus salah satu dari: pending, active, suspended\n');
  });

  it('shows a resident’s card: household, plan, devices with usage this month, consent', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await resident(SITI, 'Siti Aminah');
    await resident(BUDI, 'Budi Santoso');
    await run(['account', 'add', SITI]);
    await run(['device', 'add', SITI, '--mac', '00:11:22:33:44:55', '--label', 'TV ruang tamu']);
    const [device] = await t.db.selectFrom('devices').select('id').execute();
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' })
      .format(Date.now())
      .slice(0, 8);
    await t.db
      .insertInto('usage_daily')
      .values([
        { day: `${month}01`, device_id: device!.id, router_id: 1, bytes_in: 1_000_000, bytes_out: 2_000_000 },
        { day: '2020-01-01', device_id: device!.id, router_id: 1, bytes_in: 9_000_000_000, bytes_out: 0 },
      ])
      .execute();

    const r = await run(['account', 'show', SITI]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Kartu Keluarga\s+3523\*{10}01 \(2 anggota aktif\)/);
    expect(r.stdout).toMatch(/Status akun\s+aktif/);
    expect(r.stdout).toMatch(/Paket\s+Dasar \(bawaan\)/);
    expect(r.stdout).toMatch(/Persetujuan\s+.*lewat operator \(di kantor desa\), naskah operator-/);
    expect(r.stdout).toMatch(
      /TV ruang tamu\s+00:11:22:33:44:55\s+wn-\S+\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+3 MB$/m,
    );
    expect(r.stdout).not.toContain(SITI);
    const json = JSON.parse((await run(['account', 'show', SITI, '--json'])).stdout);
    expect(json).toMatchObject({ household_members: 2, unverified_reason: null, status: 'active' });
    expect(json.devices[0]).toMatchObject({ label: 'TV ruang tamu', bytes_this_month: 3_000_000 });
    expect((await run(['device', 'list', SITI])).stdout).toContain('TV ruang tamu');

    const none = await run(['account', 'show', BUDI]);
    expect([none.code, none.stderr]).toEqual([
      3,
      'warganet: penduduk 3523**********01 belum punya akun Wi-Fi\n',
    ]);
    expect((await run(['account', 'show', ASING])).code).toBe(3);
  });

  it('approves a pending account, moves it between plans, and sets a new PIN that verifies', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await run(['plan', 'add', 'Plus', '--down', '10M', '--up', '4M']);
    await pendingAccount(await resident(WATI, 'Wati'), 'not-in-roster');
    const pendingSuspend = await run(['account', 'suspend', WATI, '--reason', 'uji']);
    expect(pendingSuspend.code).toBe(4);
    expect(pendingSuspend.stderr).toContain('belum aktif (status: menunggu persetujuan)');
    const approved = await run(['account', 'approve', WATI, '--yes']);
    expect(approved.stdout).toBe('Akun Wati (3523**********06) disetujui. Status: aktif.\n');
    const again = await run(['account', 'approve', WATI]);
    expect([again.code, again.stderr]).toEqual([
      4,
      'warganet: akun 3523**********06 tidak menunggu persetujuan (status: aktif)\n',
    ]);
    expect((await run(['account', 'set', WATI, '--plan', 'plus'])).stdout).toContain('sekarang paket Plus.');
    expect((await run(['account', 'set', WATI, '--plan', 'Emas'])).code).toBe(3);
    expect((await run(['account', 'set', WATI, '--plan', 'bawaan'])).stdout).toContain(
      'mengikuti paket bawaan',
    );

    // Wrong PINs on the portal left the NIK waiting; the office's new PIN works at once.
    const nikKey = `nik:${await keyring.blindIndex('nik', WATI)}`;
    await t.db
      .insertInto('portal_attempts')
      .values({
        key: nikKey,
        failures: 9,
        window_started_at: 1,
        locked_until: Date.now() + 3_600_000,
        updated_at: 1,
      })
      .execute();
    const r = await run(['account', 'pin', WATI]);
    const pin = /PIN baru: (\d{6})/.exec(r.stdout)![1]!;
    expect(pinProblem(pin, { nik: WATI })).toBeUndefined();
    expect(await t.db.selectFrom('portal_attempts').where('key', '=', nikKey).selectAll().execute()).toEqual(
      [],
    );
    const [account] = await t.db.selectFrom('accounts').selectAll().execute();
    expect(account).toMatchObject({
      status: 'active',
      approved_by: 'cli',
      unverified_reason: null,
      plan_id: null,
    });
    // Peppered as the portal stores PINs.
    expect(await verifyPin(keyring, pin, account!.pin_hash!)).toBe('ok');
    const actions = await t.db.selectFrom('audit_log').select(['action', 'detail']).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['account.approve', 'account.set-plan', 'account.pin']),
    );
    expect(actions.some((a) => a.detail?.includes(pin))).toBe(false);
    const suspendNoReason = await run(['account', 'suspend', WATI]);
    expect(suspendNoReason.code).toBe(1);
  });

  it('account add prints a first PIN; remove asks first; device add refuses MACs no phone has', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await resident(SITI, 'Siti Aminah');
    const added = await run(['account', 'add', SITI]);
    expect(added.stdout).toMatch(/PIN: \d{6}\n/);
    for (const [mac, why] of [
      ['00:00:00:00:00:00', 'alamat kosong'],
      ['FF:FF:FF:FF:FF:FF', 'siaran'],
      ['01:00:5E:00:00:FB', 'multicast'],
    ] as const) {
      const r = await run(['device', 'add', SITI, '--mac', mac]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(why);
    }
    const random = await run(['device', 'add', SITI, '--mac', 'DA:A1:19:00:00:01']);
    expect(random.code).toBe(0);
    expect(random.stdout).toContain('MAC ini acak');
    const unknown = await run(['device', 'remove', SITI, 'tidak-ada']);
    expect(unknown.code).toBe(3);

    const declined = await run(['account', 'remove', SITI], 'tidak\n');
    expect(declined.code).toBe(8);
    expect(await t.db.selectFrom('accounts').selectAll().execute()).toHaveLength(1);
    const removed = await run(['account', 'remove', SITI], 'ya\n');
    expect(removed.code).toBe(0);
    expect(await t.db.selectFrom('accounts').selectAll().execute()).toEqual([]);
  });

  it('removing an unverified account of a NIK the roster lacks also drops the placeholder row the portal made', async () => {
    const placeholder = await resident(ASING, PLACEHOLDER_NAME);
    await pendingAccount(placeholder, 'not-in-roster');
    await resident(SITI, 'Siti Aminah');
    const r = await run(['account', 'remove', ASING, '--yes']);
    expect(r.stdout).toContain('dihapus, dengan 0 perangkat.');
    const names = await t.db.selectFrom('residents').select('name').execute();
    expect(names).toEqual([{ name: 'Siti Aminah' }]);
    const audit = await t.db.selectFrom('audit_log').select('action').execute();
    expect(audit).toEqual([{ action: 'account.remove' }]);
  });

  it('router set changes only what is named; router and plan names are one whatever their case', async () => {
    await run(['router', 'add', 'Balai', '--nas-ip', '10.0.0.2', '--secret', 'rahasia-1']);
    const dup = await run(['router', 'add', 'balai', '--nas-ip', '10.0.0.3', '--secret', 'x']);
    expect([dup.code, dup.stderr]).toEqual([4, 'warganet: router balai sudah ada\n']);
    const set = await run(
      [
        'router',
        'set',
        'BALAI',
        '--no-require-message-auth',
        '--dusun',
        'Krajan',
        '--api-host',
        '10.0.0.2',
        '--api-user',
        'warganet',
        '--api-password',
        '-',
        '--api-tls',
      ],
      'sandi-api\n',
    );
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('Router Balai diubah (NAS 10.0.0.2, API 10.0.0.2:8729 (TLS)).');
    const row = await t.db.selectFrom('routers').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ require_message_auth: 0, dusun: 'Krajan', api_port: 8729, api_tls: 1 });
    expect(await keyring.decrypt(row.api_password_enc!)).toBe('sandi-api');
    expect(await keyring.decrypt(row.radius_secret_enc)).toBe('rahasia-1');
    await run(['router', 'set', 'balai', '--secret', 'rahasia-2', '--require-message-auth']);
    const after = await t.db.selectFrom('routers').selectAll().executeTakeFirstOrThrow();
    expect(after.require_message_auth).toBe(1);
    expect(await keyring.decrypt(after.radius_secret_enc)).toBe('rahasia-2');
    expect(after.api_host).toBe('10.0.0.2');
    // The hotspot address (where the portal may post a login) is set like every other option, and checked.
    await run(['router', 'set', 'balai', '--hotspot-address', 'Wifi.Socorejo.Desa']);
    expect(
      (await t.db.selectFrom('routers').select('hotspot_address').executeTakeFirstOrThrow()).hotspot_address,
    ).toBe('wifi.socorejo.desa');
    const badAddress = await run(['router', 'set', 'balai', '--hotspot-address', 'http://evil.example/']);
    expect(badAddress.code).toBe(1);
    expect(badAddress.stderr).toContain('alamat hotspot harus host atau host:port');
    expect((await run(['router', 'set', 'balai'])).code).toBe(1);
    expect((await run(['router', 'set', 'pos', '--dusun', 'x'])).code).toBe(3);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'router.set')
      .execute();
    expect(audit.map((a) => a.detail).join()).not.toContain('rahasia-2');

    // A live session keeps the router unless forced.
    await t.db
      .insertInto('sessions')
      .values({
        router_id: row.id,
        acct_session_id: 'a1',
        username: 'u',
        started_at: 1,
        updated_at: 1,
        state: 'active',
      })
      .execute();
    const refused = await run(['router', 'remove', 'balai']);
    expect([refused.code, refused.stderr]).toEqual([
      4,
      'warganet: router Balai masih punya 1 sesi aktif; tunggu sampai selesai atau pakai --force\n',
    ]);
    expect((await run(['router', 'remove', 'balai', '--force'])).code).toBe(0);
    expect(await t.db.selectFrom('routers').selectAll().execute()).toEqual([]);

    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await run(['plan', 'add', 'Plus', '--down', '10M', '--up', '4M']);
    expect((await run(['plan', 'add', 'PLUS', '--down', '1M', '--up', '1M'])).code).toBe(4);
    await resident(SITI, 'Siti Aminah');
    await run(['account', 'add', SITI, '--plan', 'Plus']);
    const inUse = await run(['plan', 'remove', 'plus']);
    expect([inUse.code, inUse.stderr]).toEqual([
      4,
      'warganet: paket Plus masih dipakai 1 akun; pindahkan dulu dengan "account set NIK --plan NAMA"\n',
    ]);
    await run(['account', 'set', SITI, '--plan', 'Dasar']);
    expect((await run(['plan', 'remove', 'plus'])).stdout).toContain('Paket Plus dihapus.');
  });

  it('residents search answers by NIK or name with the masked NIK; --version prints the version', async () => {
    await resident(SITI, 'Siti Aminah');
    await resident(BUDI, 'Budi Santoso');
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await run(['account', 'add', BUDI]);
    const byNik = await run(['residents', 'search', SITI]);
    expect(byNik.stdout).toMatch(/3523\*{10}02\s+Siti Aminah\s+Krajan\s+001\/002\s+aktif\s+belum terdaftar/);
    expect(byNik.stdout).not.toContain(SITI);
    const byName = await run(['residents', 'search', 'santo']);
    expect(byName.stdout).toMatch(/Budi Santoso.*aktif\s+aktif$/m);
    expect((await run(['residents', 'search', ASING])).stdout).toBe(
      'NIK ini tidak ada di data penduduk desa.\n',
    );
    expect((await run(['residents', 'search', 'ab'])).code).toBe(1);
    const version = await run(['--version']);
    expect([version.code, version.stdout]).toEqual([0, '0.1.0\n']);
  });

  it('prints control characters from a roster name or a RADIUS User-Name as visible escapes', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await resident(SITI, ESC_NAME);
    const added = await run(['account', 'add', SITI]);
    const list = await run(['account', 'list']);
    const show = await run(['account', 'show', SITI]);
    const search = await run(['residents', 'search', SITI]);
    for (const r of [added, list, show, search]) {
      expect(r.stdout).not.toContain('\u001b');
      expect(r.stdout).toContain('Siti \\x1b[31mMerah\\x1b[0m');
    }
    await t.db
      .insertInto('auth_log')
      .values({
        at: Date.now(),
        last_at: Date.now(),
        mac: null,
        username: 'x\u001b]0;pwned\u0007',
        decision: 'reject',
        reason: 'r',
      })
      .execute();
    const log = await run(['auth-log']);
    expect(log.stdout).not.toContain('\u001b');
    expect(log.stdout).toContain('x\\x1b]0;pwned\\x07');
    // JSON output escapes them itself, as JSON does.
    expect(JSON.parse((await run(['account', 'list', '--json'])).stdout).accounts[0].name).toBe(ESC_NAME);
  });
});
