import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlanStore } from '../db/stores/plan-store.js';
import { createPlanService } from '../src/services/plans/plans.js';
import { cli } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

describe.each(databaseKinds)('warganet plan (%s)', (kind) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await t.close();
  });
  const run = (args: string[], stdin?: string) => cli({ dataDir: t.dir, databaseUrl: t.url }, args, stdin);
  const plans = () => t.db.selectFrom('plans').selectAll().orderBy('id').execute();
  const defaults = async () => (await plans()).filter((p) => p.is_default === 1).map((p) => p.name);
  const audit = () => t.db.selectFrom('audit_log').selectAll().orderBy('id').execute();

  it('stores a plan in router units, with the default profile name wn-<slug>', async () => {
    const r = await run([
      ...['plan', 'add', 'Paket Dasar', '--down', '5M', '--up', '2M', '--daily-quota', '2GB'],
      ...['--monthly-quota', '30GB', '--devices', '2', '--session-timeout', '4h', '--idle-timeout', '15m'],
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Paket Paket Dasar ditambahkan');
    const [p] = await plans();
    expect(p).toMatchObject({
      name: 'Paket Dasar',
      profile_name: 'wn-paket-dasar',
      down_rate: 5_000_000,
      up_rate: 2_000_000,
      daily_quota_bytes: 2_000_000_000,
      monthly_quota_bytes: 30_000_000_000,
      devices_allowed: 2,
      session_timeout_s: 4 * 3600,
      idle_timeout_s: 15 * 60,
      at_quota: 'cut',
    });
  });

  it('the first plan added becomes the default; a later one only with --default, which moves the flag', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    expect(await defaults()).toEqual(['Dasar']);
    await run(['plan', 'add', 'Hemat', '--down', '2M', '--up', '1M']);
    expect(await defaults()).toEqual(['Dasar']);
    const r = await run(['plan', 'add', 'Plus', '--down', '10M', '--up', '4M', '--default']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Paket bawaan pindah dari Dasar ke Plus.');
    expect(await defaults()).toEqual(['Plus']);
  });

  it('plan set --default moves the default flag, leaving exactly one default plan', async () => {
    for (const name of ['A', 'B', 'C']) await run(['plan', 'add', name, '--down', '5M', '--up', '2M']);
    expect(await defaults()).toEqual(['A']);
    const r = await run(['plan', 'set', 'C', '--default', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'C', is_default: true, previous_default: 'A' });
    expect(await defaults()).toEqual(['C']);
    await run(['plan', 'set', 'C', '--default']);
    expect(await defaults()).toEqual(['C']);
  });

  it('plan set changes only the options given, and "none" clears an optional one', async () => {
    await run([
      ...['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M', '--daily-quota', '2GB', '--devices', '3'],
      ...['--burst-down', '10M', '--burst-up', '4M', '--burst-time', '8', '--priority', '8'],
    ]);
    const before = (await plans())[0]!;
    const r = await run([
      'plan',
      'set',
      'Dasar',
      '--up',
      '3M',
      '--daily-quota',
      'none',
      '--idle-timeout',
      '10m',
    ]);
    expect(r.stderr).toBe('');
    const after = (await plans())[0]!;
    expect(after).toEqual({
      ...before,
      up_rate: 3_000_000,
      daily_quota_bytes: null,
      idle_timeout_s: 600,
      updated_at: after.updated_at,
    });
  });

  it('plan set --monthly-quota sets, changes and clears the monthly quota, shown in plan list', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M', '--daily-quota', '2GB']);
    const set = await run(['plan', 'set', 'Dasar', '--monthly-quota', '40GB']);
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('kuota        harian 2 GB, bulanan 40 GB');
    expect((await plans())[0]).toMatchObject({ daily_quota_bytes: 2_000_000_000, monthly_quota_bytes: 40e9 });
    expect((await run(['plan', 'list'])).stdout).toMatch(/Dasar\s+5M\/2M\s+2 GB\s+40 GB\s+3\s+ya/);
    await run(['plan', 'set', 'Dasar', '--monthly-quota', 'none']);
    expect((await plans())[0]).toMatchObject({ daily_quota_bytes: 2_000_000_000, monthly_quota_bytes: null });
    expect((await run(['plan', 'list'])).stdout).toMatch(/Dasar\s+5M\/2M\s+2 GB\s+tanpa batas\s+3\s+ya/);
  });

  it('plan list shows rates, quotas in human units, devices, the default and the RouterOS rate-limit', async () => {
    await run([
      ...['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M', '--daily-quota', '2GB', '--devices', '3'],
    ]);
    await run([
      ...['plan', 'add', 'Plus', '--down', '10M', '--up', '4M', '--burst-down', '20M', '--burst-up', '8M'],
      ...[
        '--burst-threshold-down',
        '8M',
        '--burst-threshold-up',
        '3M',
        '--burst-time',
        '8',
        '--priority',
        '5',
      ],
      ...[
        '--monthly-quota',
        '30GB',
        '--at-quota',
        'throttle',
        '--throttle-down',
        '512k',
        '--throttle-up',
        '256k',
      ],
    ]);
    const text = await run(['plan', 'list']);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^NAMA\s+UNDUH\/UNGGAH\s+KUOTA HARIAN\s+KUOTA BULANAN\s+PERANGKAT\s+BAWAAN\s+RATE-LIMIT$/,
    );
    expect(lines[1]).toMatch(/^Dasar\s+5M\/2M\s+2 GB\s+tanpa batas\s+3\s+ya\s+2M\/5M$/);
    expect(lines[2]).toMatch(/^Plus\s+10M\/4M\s+tanpa batas\s+30 GB\s+3\s+4M\/10M 8M\/20M 3M\/8M 8\/8 5$/);

    const json = JSON.parse((await run(['plan', 'list', '--json'])).stdout);
    expect(json).toMatchObject([
      { name: 'Dasar', is_default: true, rate_limit: '2M/5M', daily_quota_bytes: 2_000_000_000 },
      {
        name: 'Plus',
        is_default: false,
        rate_limit: '4M/10M 8M/20M 3M/8M 8/8 5',
        at_quota: 'throttle',
        throttle_down_rate: 512_000,
        throttle_up_rate: 256_000,
      },
    ]);
  });

  it('every add and set writes an audit row by the CLI, naming the plan', async () => {
    await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
    await run(['plan', 'set', 'Dasar', '--down', '6M']);
    const rows = await audit();
    expect(rows.map((a) => [a.actor, a.action, a.target])).toEqual([
      ['cli', 'plan.add', 'plan:Dasar'],
      ['cli', 'plan.set', 'plan:Dasar'],
    ]);
    expect(JSON.parse(rows[1]!.detail!)).toEqual({ down_rate: 6_000_000 });
  });

  it.each([
    [['--down', '5X', '--up', '2M'], '--down: laju unduh tidak terbaca: "5X"'],
    [['--up', '2M'], '--down: laju unduh wajib diisi'],
    [['--down', '5M', '--up', '2M', '--daily-quota', 'banyak'], '--daily-quota: kuota harian tidak terbaca'],
    [
      ['--down', '5M', '--up', '2M', '--monthly-quota', '30 gigabyte'],
      '--monthly-quota: kuota bulanan tidak terbaca',
    ],
    [
      ['--down', '5M', '--up', '2M', '--session-timeout', '4x'],
      '--session-timeout: batas waktu sesi tidak terbaca',
    ],
    [
      ['--down', '5M', '--up', '2M', '--devices', '0'],
      '--devices: jumlah perangkat harus bilangan bulat 1–100',
    ],
    [['--down', '5M', '--up', '2M', '--priority', '9'], '--priority: prioritas harus bilangan bulat 1–8'],
    [['--down', '5M', '--up', '2M', '--at-quota', 'throttle'], '--throttle-down: untuk throttle'],
    [['--down', '5M', '--up', '2M', '--at-quota', 'slow'], '--at-quota: tindakan saat kuota habis harus'],
    [
      ['--down', '5M', '--up', '2M', '--burst-down', '4M', '--burst-up', '4M'],
      '--burst-down: laju burst unduh harus',
    ],
    [['--down', '5M', '--up', '2M', '--burst-down', '10M'], '--burst-up: laju burst harus diisi'],
    [
      ['--down', '5M', '--up', '2M', '--burst-time', '8'],
      '--burst-time: ambang dan waktu burst hanya berlaku',
    ],
    [['--down', '5M', '--up', '2M', '--profile', 'wn dasar'], '--profile: nama profil hanya'],
  ])('bad input %j is one line on stderr, exit 1, and writes nothing', async (opts, message) => {
    const r = await run(['plan', 'add', 'Dasar', ...opts]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect(await plans()).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it('refuses a duplicate name, a taken profile, a set that breaks a rule, or an unknown plan, and changes nothing', async () => {
    await run([
      'plan',
      'add',
      'Dasar',
      '--down',
      '5M',
      '--up',
      '2M',
      '--burst-down',
      '10M',
      '--burst-up',
      '4M',
    ]);
    const before = await plans();
    const attempts = [
      [['plan', 'add', 'Dasar', '--down', '1M', '--up', '1M'], 'paket Dasar sudah ada'],
      [
        ['plan', 'add', 'Lain', '--down', '1M', '--up', '1M', '--profile', 'wn-dasar'],
        'sudah dipakai paket Dasar',
      ],
      [['plan', 'set', 'Dasar', '--down', '20M'], '--burst-down: laju burst unduh harus lebih besar'],
      [['plan', 'set', 'Dasar'], 'tidak ada yang diubah'],
      [['plan', 'set', 'Tidak Ada', '--down', '1M'], 'paket Tidak Ada tidak ada'],
    ] as const;
    for (const [args, message] of attempts) {
      const r = await run([...args]);
      expect([1, 3, 4], args.join(' ')).toContain(r.code);
      expect(r.stderr).toContain(message);
    }
    expect(await plans()).toEqual(before);
    expect(await audit()).toHaveLength(1);
  });

  it('explains every option in Indonesian under --help', async () => {
    const r = await run(['plan', 'add', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--daily-quota <ukuran>');
    expect(r.stdout).toContain('kuota harian');
    expect(r.stdout).toContain('durasi   30s, 15m, 4h, 1d');
  });

  it('the plan service calls onPlanChanged after the commit; a failing hook does not undo the change', async () => {
    const seen: { id: number; inDb: boolean }[] = [];
    const stores = { plans: createPlanStore(t.db) };
    const service = createPlanService({
      stores,
      now: () => 1_800_000_000_000,
      onPlanChanged: async (id) => {
        seen.push({ id, inDb: (await stores.plans.findById(id)) !== undefined });
        if (seen.length === 2) throw new Error('antrean router penuh');
      },
    });
    const added = await service.add('Dasar', { down: '5M', up: '2M' }, 'admin:budi');
    expect(seen).toEqual([{ id: added.plan.id, inDb: true }]);
    const changed = await service.set('Dasar', { down: '6M' }, 'admin:budi');
    expect(changed.followUpError).toBe('antrean router penuh');
    expect((await service.getByName('Dasar'))?.down_rate).toBe(6_000_000);
  });
});
