import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskNik } from '../src/domain/nik.js';
import { OPERATOR_CONSENT_NOTICE_VERSION } from '../src/services/accounts/accounts.js';
import { Keyring } from '../src/services/keyring.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

// Valid NIKs for Kecamatan Jenu (35.23.12): PP RR SS DDMMYY NNNN.
const SITI = '3523125505900002'; // woman, born 1990-05-15
const BUDI = '3523121505900001'; // man, born 1990-05-15
const PINDAH = '3523120101800003'; // moved away: in the roster, inactive
const ASING = '3523120202850004'; // well-formed, in no roster
const ANAK = '3523120101150005'; // born 2015

describe.each(databaseKinds)('warganet account and device (%s)', (kind) => {
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
  const accounts = () => t.db.selectFrom('accounts').selectAll().orderBy('id').execute();
  const devices = () => t.db.selectFrom('devices').selectAll().orderBy('id').execute();
  const audit = () => t.db.selectFrom('audit_log').selectAll().orderBy('id').execute();

  /** A roster row as the importer writes it: the NIK only as its keyed hash and its masked form. */
  async function resident(nik: string, name: string, opts: { active?: boolean; rt?: string } = {}) {
    const active = opts.active ?? true;
    await t.db
      .insertInto('residents')
      .values({
        nik_index: await keyring.blindIndex('nik', nik),
        nik_masked: maskNik(nik),
        kk_index: await keyring.blindIndex('kk', `35231201010${nik.slice(-5)}`),
        kk_masked: '3523**********99',
        name,
        sex: null,
        birth_date: null,
        dusun: 'Krajan',
        rw: '002',
        rt: opts.rt ?? '001',
        kk_level: 1,
        status_dasar: active ? 1 : 2,
        active: active ? 1 : 0,
        warnings: null,
        import_batch_id: null,
        created_at: 1,
        updated_at: 1,
        deactivated_at: active ? null : 2,
      })
      .execute();
  }

  const expectNoNik = (r: { stdout: string; stderr: string }, nik: string) => {
    expect(r.stdout + r.stderr).not.toContain(nik);
    expect(r.stdout + r.stderr).not.toContain(nik.slice(4, 14));
  };

  it('registers an active resident: an active account with operator consent, shown by masked NIK only', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await resident(SITI, 'Siti Aminah');
    const r = await run(['account', 'add', '3523 1255.0590-0002']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Akun Wi-Fi untuk Siti Aminah (3523**********02) dibuat dan aktif.');
    expect(r.stdout).toContain('Paket: Dasar (bawaan)');
    expectNoNik(r, SITI);
    const [a] = await accounts();
    expect(a).toMatchObject({
      status: 'active',
      plan_id: null,
      consent_channel: 'operator',
      consent_notice_version: OPERATOR_CONSENT_NOTICE_VERSION,
      approved_by: 'cli',
    });
    expect(a!.consent_at).toBeGreaterThan(0);
    const [log] = await audit().then((rows) => rows.filter((x) => x.action === 'account.add'));
    expect(log).toMatchObject({ actor: 'cli', target: `account:${a!.id}` });
    expect(log!.detail).not.toContain(SITI);
  });

  it('reads the NIK from stdin for "-", keeping it out of shell history', async () => {
    await resident(BUDI, 'Budi');
    const r = await run(['account', 'add', '-'], `${BUDI}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Akun Wi-Fi untuk Budi (3523**********01) dibuat dan aktif.');
    const empty = await run(['device', 'add', '-', '--mac', '00:11:22:33:44:55'], '');
    expect(empty.stderr).toBe('warganet: NIK -: tidak ada masukan di stdin (salurkan NIK lewat pipa)\n');
  });

  it('--plan puts the account on a named plan', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await run(['plan', 'add', 'Plus', '--down', '10M', '--up', '4M']);
    await resident(BUDI, 'Budi');
    const r = await run(['account', 'add', BUDI, '--plan', 'Plus', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({
      plan: 'Plus',
      follows_default_plan: false,
      status: 'active',
    });
    const plus = await t.db
      .selectFrom('plans')
      .select('id')
      .where('name', '=', 'Plus')
      .executeTakeFirstOrThrow();
    expect((await accounts())[0]!.plan_id).toBe(plus.id);
    const missing = await run(['account', 'add', SITI, '--plan', 'Emas']);
    expect(missing.code).toBe(5);
  });

  it('refuses an inactive resident, saying why, and creates nothing', async () => {
    await resident(PINDAH, 'Pak Pindah', { active: false });
    const r = await run(['account', 'add', PINDAH]);
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'warganet: penduduk 3523**********03 tidak lagi aktif di data penduduk desa (pindah, meninggal, atau tidak ada di impor terakhir)\n',
    );
    expectNoNik(r, PINDAH);
    expect(await accounts()).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it('gives the same answer for a NIK not in the roster as with no roster at all, never echoing it', async () => {
    const noRoster = await run(['account', 'add', ASING]);
    await resident(SITI, 'Siti Aminah');
    const notInRoster = await run(['account', 'add', ASING]);
    for (const r of [noRoster, notInRoster]) {
      expect(r.code).toBe(5);
      expect(r.stderr).toBe('warganet: NIK tidak ditemukan di data penduduk desa\n');
      expectNoNik(r, ASING);
    }
    expect(await accounts()).toEqual([]);
  });

  it('explains a malformed NIK without repeating it', async () => {
    const r = await run(['account', 'add', '3523121513900001']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('warganet: bulan lahir pada NIK tidak valid (harus 01–12)\n');
    expectNoNik(r, '3523121513900001');
    const short = await run(['account', 'add', '35231215059']);
    expect(short.stderr).toBe('warganet: NIK harus 16 digit (terbaca 11 digit)\n');
  });

  it('refuses a second account for the same resident', async () => {
    await resident(SITI, 'Siti Aminah');
    await run(['account', 'add', SITI]);
    const r = await run(['account', 'add', SITI]);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('warganet: penduduk 3523**********02 sudah punya akun Wi-Fi (status: aktif)\n');
    expect(await accounts()).toHaveLength(1);
  });

  it('notes that a child needs the head of family’s consent', async () => {
    await resident(ANAK, 'Anak');
    const r = await run(['account', 'add', ANAK]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('di bawah 18 tahun');
  });

  it('account list shows masked NIK, name, dusun, RT/RW, status, plan and live device count', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await resident(SITI, 'Siti Aminah', { rt: '003' });
    await resident(BUDI, 'Budi');
    await run(['account', 'add', SITI]);
    await run(['account', 'add', BUDI]);
    await run(['device', 'add', SITI, '--mac', '00:11:22:33:44:55']);
    await run(['device', 'add', SITI, '--mac', '00:11:22:33:44:56']);
    await t.db.updateTable('devices').set({ revoked_at: 5 }).where('mac', '=', '00:11:22:33:44:56').execute();

    const r = await run(['account', 'list']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NIK\s+NAMA\s+DUSUN\s+RT\/RW\s+STATUS\s+PAKET\s+PERANGKAT\s+CATATAN$/);
    expect(lines[1]).toMatch(/^3523\*{10}01\s+Budi\s+Krajan\s+001\/002\s+aktif\s+Dasar \(bawaan\)\s+0\s+-$/);
    expect(lines[2]).toMatch(
      /^3523\*{10}02\s+Siti Aminah\s+Krajan\s+003\/002\s+aktif\s+Dasar \(bawaan\)\s+1\s+-$/,
    );
    expect(lines[3]).toBe('Akun 1–2 dari 2 (halaman 1 dari 1).');
    expectNoNik(r, SITI);

    const json = JSON.parse((await run(['account', 'list', '--json'])).stdout);
    expect(json).toMatchObject({ total: 2, page: 1, pages: 1 });
    expect(json.accounts[1]).toMatchObject({
      nik_masked: '3523**********02',
      plan_name: 'Dasar',
      devices: 1,
      status: 'active',
    });
  });

  it('device add prints a wn- user name and a password once, and stores the password sealed', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await resident(SITI, 'Siti Aminah');
    await run(['account', 'add', SITI]);
    const r = await run(['device', 'add', SITI, '--mac', 'aa-bb-cc-dd-ee-0f', '--label', 'TV ruang tamu']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const username = /Nama pengguna\s+(\S+)/.exec(r.stdout)![1]!;
    const password = /Kata sandi\s+(\S+)/.exec(r.stdout)![1]!;
    expect(username).toMatch(/^wn-[a-hjkmnp-z2-9]{8}$/);
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{12}$/);
    expect(r.stdout).toContain('AA:BB:CC:DD:EE:0F (TV ruang tamu)');
    expect(r.stdout).toContain('1 dari 3 perangkat');
    expectNoNik(r, SITI);

    const [d] = await devices();
    expect(d).toMatchObject({ mac: 'AA:BB:CC:DD:EE:0F', username, label: 'TV ruang tamu', revoked_at: null });
    expect(d!.secret_enc).not.toContain(password);
    expect(await keyring.decrypt(d!.secret_enc)).toBe(password);
    const logged = (await audit()).find((a) => a.action === 'device.add');
    expect(logged).toMatchObject({ actor: 'cli', target: `device:${d!.id}` });
    expect(logged!.detail).not.toContain(password);
  });

  it('refuses a device over the plan’s device count and writes nothing', async () => {
    await run(['plan', 'add', 'Hemat', '--down', '2M', '--up', '1M', '--devices', '1']);
    await resident(SITI, 'Siti Aminah');
    await run(['account', 'add', SITI]);
    expect((await run(['device', 'add', SITI, '--mac', '00:11:22:33:44:55'])).code).toBe(0);
    const before = { devices: await devices(), audit: await audit() };
    const r = await run(['device', 'add', SITI, '--mac', '00:11:22:33:44:66']);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'warganet: --mac: batas perangkat paket Hemat sudah tercapai (1 dari 1); cabut perangkat lama dulu\n',
    );
    expect(await devices()).toEqual(before.devices);
    expect(await audit()).toEqual(before.audit);
  });

  it('refuses a MAC already on a live device, an unreadable MAC, and a resident without an account', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await resident(SITI, 'Siti Aminah');
    await resident(BUDI, 'Budi');
    await run(['account', 'add', SITI]);
    await run(['account', 'add', BUDI]);
    await run(['device', 'add', SITI, '--mac', '00:11:22:33:44:55']);
    const taken = await run(['device', 'add', BUDI, '--mac', '0011.2233.4455']);
    expect(taken.stderr).toBe(
      'warganet: --mac: alamat MAC 00:11:22:33:44:55 sudah terdaftar pada perangkat lain\n',
    );
    const bad = await run(['device', 'add', BUDI, '--mac', '00:11:22:33:44']);
    expect(bad.stderr).toBe(
      'warganet: --mac: alamat MAC tidak terbaca: "00:11:22:33:44" (contoh: AA:BB:CC:DD:EE:FF)\n',
    );
    await resident(ANAK, 'Anak');
    const noAccount = await run(['device', 'add', ANAK, '--mac', '00:11:22:33:44:77']);
    expect(noAccount.stderr).toBe(
      'warganet: penduduk 3523**********05 belum punya akun Wi-Fi; buat dulu dengan "account add"\n',
    );
    expect([taken, bad, noAccount].map((r) => r.code)).toEqual([4, 1, 3]);
    expect(await devices()).toHaveLength(1);
  });
});
