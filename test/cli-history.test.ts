// `warganet sessions` and `warganet auth-log` answer an operator's questions: whose device, which router, since
// when; filtered by --router, --mac, --nik, --since, newest 50 by default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../src/services/keyring.js';
import { makeNik } from './fixtures/roster.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedRouter, seedSubscriber, testKeyring } from './support/radius-fixtures.js';

const HOUR = 3_600_000;
const NIK = makeNik('1990-05-17', 2, 42);

describe.each(databaseKinds)('sessions and auth-log filters (%s)', (kind) => {
  let t: TestDatabase;
  const run = (...args: string[]) => cli({ dataDir: t.dir, databaseUrl: t.url }, args);
  const now = Date.now();

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const keyring = await testKeyring();
    const balai = await seedRouter(t.db, keyring, { name: 'balai-desa', nasIp: '10.0.0.2' });
    const posyandu = await seedRouter(t.db, keyring, { name: 'posyandu', nasIp: '10.0.0.3' });
    const siti = await seedSubscriber(t.db, keyring, {
      mac: '02:00:00:00:00:01',
      username: 'wn-siti0001',
      secret: 'x',
    });
    const budi = await seedSubscriber(t.db, keyring, {
      mac: '02:00:00:00:00:02',
      username: 'wn-budi0002',
      secret: 'x',
    });
    // Siti is known by her NIK (as the roster import stores it) and her phone has a label.
    const account = await t.db
      .selectFrom('accounts')
      .select('resident_id')
      .where('id', '=', siti.accountId)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('residents')
      .set({
        name: 'SITI AMINAH',
        nik_index: await (await Keyring.fromHex(TEST_SECRET_KEY)).blindIndex('nik', NIK),
      })
      .where('id', '=', account.resident_id)
      .execute();
    await t.db.updateTable('devices').set({ label: 'HP Siti' }).where('id', '=', siti.deviceId).execute();

    const session = (
      id: number,
      router: number,
      deviceId: number,
      mac: string,
      user: string,
      at: number,
    ) => ({
      router_id: router,
      acct_session_id: `s${id}`,
      device_id: deviceId,
      username: user,
      mac,
      started_at: at - 60_000,
      updated_at: at,
      state: 'stopped',
    });
    await t.db
      .insertInto('sessions')
      .values([
        session(1, balai, siti.deviceId, '02:00:00:00:00:01', 'wn-siti0001', now - 3 * 24 * HOUR),
        session(2, posyandu, siti.deviceId, '02:00:00:00:00:01', 'wn-siti0001', now - HOUR / 2),
        session(3, balai, budi.deviceId, '02:00:00:00:00:02', 'wn-budi0002', now - HOUR / 4),
        ...Array.from({ length: 60 }, (_, i) =>
          session(100 + i, balai, budi.deviceId, '02:00:00:00:00:02', 'wn-budi0002', now - 5 * 24 * HOUR - i),
        ),
      ])
      .execute();
    const log = (
      router: number,
      mac: string,
      user: string,
      at: number,
      decision: string,
      reason: string,
    ) => ({
      at,
      last_at: at,
      count: 1,
      router_id: router,
      mac,
      username: user,
      decision,
      reason,
    });
    await t.db
      .insertInto('auth_log')
      .values([
        log(balai, '02:00:00:00:00:01', 'wn-siti0001', now - 2 * 24 * HOUR, 'accept', 'ok'),
        // A MAC login: the username is the MAC, and the name still comes from the device.
        log(posyandu, '02:00:00:00:00:01', '02:00:00:00:00:01', now - HOUR / 2, 'reject', 'quota_exhausted'),
        log(balai, '02:00:00:00:00:02', 'wn-budi0002', now - HOUR / 4, 'accept', 'ok'),
        ...Array.from({ length: 60 }, (_, i) =>
          log(
            balai,
            '02:00:00:00:00:09',
            '02:00:00:00:00:09',
            now - 4 * 24 * HOUR - i,
            'reject',
            'unknown_device',
          ),
        ),
      ])
      .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  const ids = async (...args: string[]) => {
    const r = await run('sessions', '--json', ...args);
    expect(r.stderr).toBe('');
    return (JSON.parse(r.stdout) as { acctSessionId: string }[]).map((s) => s.acctSessionId);
  };

  it('sessions: the newest 50 by default, with the resident, device label and router', async () => {
    expect(await ids()).toHaveLength(50);
    expect(await ids('--limit', '2')).toEqual(['s3', 's2']);
    const table = await run('sessions', '--limit', '3');
    expect(table.stdout).toMatch(
      /s?\d+\s+SITI AMINAH\s+HP Siti\s+wn-siti0001\s+02:00:00:00:00:01\s+-\s+posyandu/,
    );
  });

  it('sessions: by router, MAC (any spelling), NIK and since', async () => {
    expect(await ids('--router', 'posyandu')).toEqual(['s2']);
    expect(await ids('--mac', '02-00-00-00-00-01')).toEqual(['s2', 's1']);
    expect(await ids('--nik', NIK)).toEqual(['s2', 's1']);
    expect(await ids('--since', '1h')).toEqual(['s3', 's2']);
    expect(await ids('--since', '4d', '--nik', NIK, '--router', 'balai-desa')).toEqual(['s1']);
    const day = new Date(now - 3.5 * 24 * HOUR).toISOString().slice(0, 10);
    expect((await ids('--since', day)).slice(0, 3)).toEqual(['s3', 's2', 's1']);
  });

  it('auth-log: names, filters, and the newest 50 by default', async () => {
    const rows = async (...args: string[]) => {
      const r = await run('auth-log', '--json', ...args);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as {
        router: string;
        resident: string | null;
        device: string | null;
        reason: string;
      }[];
    };
    expect(await rows()).toHaveLength(50);
    expect(await rows('--nik', NIK)).toEqual([
      expect.objectContaining({
        router: 'posyandu',
        resident: 'SITI AMINAH',
        device: 'HP Siti',
        reason: 'quota_exhausted',
      }),
      expect.objectContaining({ router: 'balai-desa', resident: 'SITI AMINAH', reason: 'ok' }),
    ]);
    expect((await rows('--router', 'posyandu')).map((r) => r.reason)).toEqual(['quota_exhausted']);
    expect((await rows('--mac', '020000000002')).map((r) => r.resident)).toEqual([
      expect.stringMatching(/^Warga \d+$/),
    ]);
    expect(await rows('--since', '1h')).toHaveLength(2);
  });

  it('refuses unreadable filters with one Indonesian line', async () => {
    const cases: [string[], string][] = [
      [['sessions', '--since', 'kemarin'], 'warganet: --since: tidak terbaca "kemarin"'],
      [['sessions', '--mac', 'bukan-mac'], 'warganet: --mac: bukan alamat MAC: bukan-mac'],
      [['auth-log', '--nik', '123'], 'warganet: --nik: NIK harus 16 digit'],
      [['auth-log', '--limit', '0'], 'warganet: --limit: harus bilangan bulat 1–100000'],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
  });
});
