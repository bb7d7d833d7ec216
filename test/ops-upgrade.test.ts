// Upgrading a village that has lived on the first schema: data written at 2026-11-28-initial, more written at an
// intermediate schema, then every later migration applied; the rows come through whole, the migrations that
// rewrite data do what they say, and today's program reads the result.
import { type Kysely, Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import { migrationProvider } from '../db/migrations/index.js';
import { Keyring } from '../src/services/keyring.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

const T = Date.UTC(2026, 10, 28, 3);
const BIG = 2 ** 32 * 5 + 777; // past 4 GiB: gigawords, must stay exact

describe.each(databaseKinds)('upgrade from the first schema on %s', (kind) => {
  let t: TestDatabase;
  // biome-ignore lint/suspicious/noExplicitAny: old schemas are not today's Database type
  let db: Kysely<any>;
  beforeEach(async () => {
    t = await createTestDatabase(kind, { migrateTo: '2026-11-28-initial' });
    db = t.db as never;
  });
  afterEach(() => t.close());
  const id = async (q: Promise<{ id: number | string }>) => Number((await q).id);

  it('keeps residents, accounts, devices, routers, sessions and usage, and backfills what later migrations add', async () => {
    const k = await Keyring.fromHex(TEST_SECRET_KEY);
    // --- the first schema ---
    const plan = (name: string, profile: string) =>
      id(
        db
          .insertInto('plans')
          .values({
            name,
            profile_name: profile,
            down_rate: 5e6,
            up_rate: 2e6,
            devices_allowed: 3,
            is_default: name === 'Warga' ? 1 : 0,
            created_at: T,
            updated_at: T,
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
    const warga = await plan('Warga', 'warga');
    const wargaLower = await plan('warga', 'warga-2'); // same name but for case: later made unique
    const resident = (n: number, name: string) =>
      id(
        db
          .insertInto('residents')
          .values({
            nik_index: `nik-${n}`,
            nik_masked: `3523**********0${n}`,
            kk_index: `kk-${n}`,
            kk_masked: 'm',
            name,
            dusun: 'Krajan',
            rw: '001',
            rt: '002',
            status_dasar: 1,
            active: 1,
            created_at: T,
            updated_at: T,
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
    const siti = await resident(1, 'Siti Aminah');
    const budi = await resident(2, 'Budi Santoso');
    const account = (residentId: number, status: string) =>
      id(
        db
          .insertInto('accounts')
          .values({
            resident_id: residentId,
            status,
            plan_id: warga,
            pin_hash: 'old-hash',
            consent_at: T,
            consent_notice_version: 'v1',
            consent_channel: 'portal',
            created_at: T,
            updated_at: T,
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
    const sitiAccount = await account(siti, 'active');
    const budiAccount = await account(budi, 'pending');
    await db
      .insertInto('audit_log')
      .values({
        at: T,
        actor: 'portal',
        action: 'account.register',
        target: `account:${budiAccount}`,
        detail: '{"verified":false}',
      })
      .execute();
    const router = (name: string, ip: string, lastSync: number | null) =>
      k.encrypt(`secret-${name}`).then((secret) =>
        id(
          db
            .insertInto('routers')
            .values({
              name,
              nas_ip: ip,
              radius_secret_enc: secret,
              last_sync_at: lastSync,
              created_at: T,
              updated_at: T,
            })
            .returning('id')
            .executeTakeFirstOrThrow(),
        ),
      );
    const balai = await router('Balai', '10.0.0.1', T + 5);
    const balaiLower = await router('balai', '10.0.0.2', null);
    const device = await id(
      db
        .insertInto('devices')
        .values({
          account_id: sitiAccount,
          mac: 'AA:BB:CC:DD:EE:01',
          username: 'wn-siti0001',
          secret_enc: await k.encrypt('chap-1'),
          created_at: T,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    await db
      .insertInto('sessions')
      .values({
        router_id: balai,
        acct_session_id: '80000001',
        device_id: device,
        username: 'wn-siti0001',
        mac: 'AA:BB:CC:DD:EE:01',
        started_at: T,
        updated_at: T + 600_000,
        stopped_at: T + 600_000,
        input_bytes: BIG,
        output_bytes: 12345,
        session_time_s: 600,
        state: 'stopped',
      })
      .execute();
    await db
      .insertInto('usage_daily')
      .values({
        day: '2026-11-28',
        device_id: device,
        router_id: balai,
        bytes_in: BIG,
        bytes_out: 12345,
        seconds: 600,
        sessions: 1,
      })
      .execute();
    await db
      .insertInto('auth_log')
      .values({
        at: T,
        last_at: T,
        router_id: balai,
        mac: 'AA:BB:CC:DD:EE:01',
        username: 'wn-siti0001',
        decision: 'accept',
        reason: 'ok',
      })
      .execute();

    // --- an intermediate schema (before account lifecycle and provisioning): more accounting arrives ---
    const mid = await new Migrator({ db, provider: migrationProvider }).migrateTo(
      '2026-12-03-portal-attempts-backoff',
    );
    expect(mid.error).toBeUndefined();
    await db
      .insertInto('sessions')
      .values({
        router_id: balaiLower,
        acct_session_id: '80000002',
        device_id: device,
        username: 'wn-siti0001',
        started_at: T + 86_400_000,
        updated_at: T + 86_400_000,
        input_bytes: 10,
        output_bytes: 20,
        state: 'active',
      })
      .execute();
    await db
      .insertInto('usage_daily')
      .values({
        day: '2026-11-29',
        device_id: device,
        router_id: balaiLower,
        bytes_in: 10,
        bytes_out: 20,
        seconds: 0,
        sessions: 1,
      })
      .execute();

    // --- today's schema ---
    const latest = await migrateToLatest(t.db);
    expect(latest.error).toBeUndefined();
    expect(latest.applied.at(-1)).toBe(Object.keys(await migrationProvider.getMigrations()).at(-1));

    const count = async (table: string) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect({
      residents: await count('residents'),
      accounts: await count('accounts'),
      devices: await count('devices'),
      routers: await count('routers'),
      plans: await count('plans'),
      sessions: await count('sessions'),
      usage_daily: await count('usage_daily'),
      auth_log: await count('auth_log'),
    }).toEqual({
      residents: 2,
      accounts: 2,
      devices: 1,
      routers: 2,
      plans: 2,
      sessions: 2,
      usage_daily: 2,
      auth_log: 1,
    });
    const s1 = await t.db
      .selectFrom('sessions')
      .selectAll()
      .where('acct_session_id', '=', '80000001')
      .executeTakeFirstOrThrow();
    expect([s1.input_bytes, s1.output_bytes, s1.started_at, s1.state]).toEqual([BIG, 12345, T, 'stopped']);
    const usage = await t.db.selectFrom('usage_daily').selectAll().orderBy('day').execute();
    expect(usage.map((u) => [u.day, u.bytes_in, u.bytes_out])).toEqual([
      ['2026-11-28', BIG, 12345],
      ['2026-11-29', 10, 20],
    ]);
    // 2026-12-04: names unique whatever their case; an unverified registration marked for the operator.
    const plans = await t.db.selectFrom('plans').select(['id', 'name']).orderBy('id').execute();
    expect(plans).toEqual([
      { id: warga, name: 'Warga' },
      { id: wargaLower, name: `warga-${wargaLower}` },
    ]);
    const routers = await t.db
      .selectFrom('routers')
      .select(['id', 'name', 'provisioned_at'])
      .orderBy('id')
      .execute();
    // 2026-12-05: a router synced before counts as provisioned.
    expect(routers).toEqual([
      { id: balai, name: 'Balai', provisioned_at: T + 5 },
      { id: balaiLower, name: `balai-${balaiLower}`, provisioned_at: null },
    ]);
    const accounts = await t.db
      .selectFrom('accounts')
      .select(['id', 'status', 'unverified_reason'])
      .orderBy('id')
      .execute();
    expect(accounts).toEqual([
      { id: sitiAccount, status: 'active', unverified_reason: null },
      { id: budiAccount, status: 'pending', unverified_reason: 'unknown' },
    ]);

    // Today's program on the upgraded data: the routers' secrets open, sessions and accounts list.
    const target = { dataDir: t.dir, databaseUrl: t.url };
    const routerList = await cli(target, ['router', 'list', '--json']);
    expect(routerList.stderr).toBe('');
    expect(routerList.stdout).toContain('Balai');
    const sessions = await cli(target, ['sessions', '--json']);
    expect(sessions.stderr).toBe('');
    expect(sessions.stdout).toContain('80000002');
    const accountList = await cli(target, ['account', 'list', '--json']);
    expect(accountList.stdout).toContain('Siti Aminah');
    expect(accountList.stdout).toContain('Budi Santoso');
  }, 120_000);
});
