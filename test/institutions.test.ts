// Institutions (public-service accounts) on both databases: `warganet institution …` with --json, MAC
// authentication of their devices through the RADIUS pipeline with the institution's plan and priority, a
// disabled institution refused, its plan's time window applied, and its traffic booked under the institution
// (usage_institution_daily), never under a resident. The clock is fixed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportStore } from '../db/stores/report-store.js';
import { Attr, Code, Mikrotik, VENDOR_MIKROTIK } from '../radius/dictionary.js';
import { attrInt, attrString, vendorAttr } from '../radius/packet.js';
import type { Pipeline } from '../radius/pipeline/pipeline.js';
import type { ListenerKind } from '../radius/pipeline/types.js';
import { cli } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import {
  accessRequest,
  accountingRequest,
  seedPlan,
  seedRouter,
  seedSubscriber,
  testKeyring,
} from './support/radius-fixtures.js';
import { radiusNodeFor, sendThrough } from './support/radius-services.js';

/** Monday 30 November 2026, 10:00 WIB. */
const NOW = Date.UTC(2026, 10, 30, 3, 0, 0);
const PC = 'AA:BB:CC:00:20:01';
const KIOSK = 'AA:BB:CC:00:20:02';
const RESIDENT_PHONE = 'AA:BB:CC:00:20:09';

describe.each(databaseKinds)('institutions (%s)', (kind) => {
  let tdb: TestDatabase;
  let pipeline: Pipeline;
  let now = NOW;
  let routerId: number;
  const run = (args: string[]) => cli({ dataDir: tdb.dir, databaseUrl: tdb.url }, args);

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const keyring = await testKeyring();
    routerId = await seedRouter(tdb.db, keyring, { nasIp: '127.0.0.1', secret: 'testing123' });
    await seedPlan(tdb.db, { is_default: 1 });
    await seedPlan(tdb.db, {
      name: 'Sekolah',
      profile_name: 'sekolah',
      down_rate: 20_000_000,
      up_rate: 10_000_000,
      daily_quota_bytes: null,
      time_window: 'Sen-Jum 07:00-14:00',
    });
    await seedSubscriber(tdb.db, keyring, { mac: RESIDENT_PHONE, username: 'wn-00002009', secret: 's' });
    ({ pipeline } = radiusNodeFor({ db: tdb.db, keyring, now: () => now, timeZone: 'Asia/Jakarta' }));
  });
  afterAll(async () => {
    await tdb?.close();
  });

  const send = (buf: Buffer, listener?: ListenerKind) => sendThrough(pipeline, buf, listener);
  const macLogin = (mac: string) => send(accessRequest({ userName: mac, pap: mac, callingStationId: mac }));

  it('institution add/set/list/show and device add/remove, with --json, audited', async () => {
    const add = await run(['institution', 'add', 'SDN Socorejo 1', '--kind', 'sekolah', '--dusun', 'Krajan']);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Lembaga SDN Socorejo 1 ditambahkan.');
    const set = await run([
      'institution',
      'set',
      'sdn socorejo 1',
      '--plan',
      'Sekolah',
      '--priority',
      '2',
      '--json',
    ]);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      name: 'SDN Socorejo 1',
      kind: 'sekolah',
      dusun: 'Krajan',
      plan: 'Sekolah',
      priority: 2,
      disabled: false,
      devices: [],
    });
    expect(
      (await run(['institution', 'device', 'add', 'SDN Socorejo 1', 'aa-bb-cc-00-20-01', '--label', 'Lab']))
        .code,
    ).toBe(0);
    expect((await run(['institution', 'add', 'Balai Desa', '--kind', 'balai-desa', '--json'])).code).toBe(0);
    expect((await run(['institution', 'device', 'add', 'Balai Desa', KIOSK])).code).toBe(0);
    const list = JSON.parse((await run(['institution', 'list', '--json'])).stdout);
    expect(list.map((i: { name: string; devices: unknown[] }) => [i.name, i.devices])).toEqual([
      ['Balai Desa', [{ mac: KIOSK, label: null }]],
      ['SDN Socorejo 1', [{ mac: PC, label: 'Lab' }]],
    ]);
    const actions = await tdb.db.selectFrom('audit_log').select('action').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual([
      'institution.add',
      'institution.set',
      'institution.device-add',
      'institution.add',
      'institution.device-add',
    ]);
  });

  it('refuses what is wrong, beside the field: a bad kind, priority or MAC; a MAC already taken', async () => {
    const bad = await run(['institution', 'add', 'X', '--kind', 'pasar']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(
      'jenis lembaga harus salah satu dari sekolah, puskesmas, balai-desa, lainnya',
    );
    expect((await run(['institution', 'set', 'Balai Desa', '--priority', '9'])).stderr).toContain(
      'prioritas',
    );
    expect((await run(['institution', 'device', 'add', 'Balai Desa', 'zz'])).stderr).toContain(
      'MAC tidak terbaca',
    );
    expect((await run(['institution', 'device', 'add', 'Balai Desa', PC])).stderr).toContain(
      'sudah milik lembaga SDN Socorejo 1',
    );
    expect((await run(['institution', 'device', 'add', 'Balai Desa', RESIDENT_PHONE])).stderr).toContain(
      'perangkat warga',
    );
  });

  it("logs an institution's device in by MAC with its plan, its priority and a Class naming the institution", async () => {
    const ok = await macLogin(PC);
    expect(ok.code).toBe(Code.AccessAccept);
    expect(vendorAttr(ok, VENDOR_MIKROTIK, Mikrotik.RateLimit)?.toString()).toBe('10M/20M 0/0 0/0 0/0 2');
    expect(vendorAttr(ok, VENDOR_MIKROTIK, Mikrotik.Group)?.toString()).toBe('sekolah');
    // Inside the window (Monday 10:00): the session ends at 14:00.
    expect(attrInt(ok, Attr.SessionTimeout)).toBe(4 * 3600);
    expect(attrString(ok, Attr.Class)).toMatch(/^warganet:i=\d+$/);
    // The kiosk follows the default plan.
    const kiosk = await macLogin(KIOSK);
    expect(vendorAttr(kiosk, VENDOR_MIKROTIK, Mikrotik.RateLimit)?.toString()).toBe('2M/5M');
    // A wrong MAC password is refused.
    const wrong = await send(accessRequest({ userName: PC, pap: 'salah', callingStationId: PC }));
    expect(wrong.code).toBe(Code.AccessReject);
  });

  it("outside the school's window the device is refused with the next opening", async () => {
    now = Date.UTC(2026, 10, 30, 8, 0, 0); // Monday 15:00 WIB
    const late = await macLogin(PC);
    expect(late.code).toBe(Code.AccessReject);
    expect(attrString(late, Attr.ReplyMessage)).toBe(
      'Paket Wi-Fi ini hanya aktif Sen-Jum 07.00-14.00 WIB. Bisa masuk lagi mulai pukul 07.00 WIB (Selasa, 01-12-2026).',
    );
    now = NOW;
  });

  it('books its traffic under the institution and never under a resident', async () => {
    const ok = await macLogin(PC);
    const cls = attrString(ok, Attr.Class)!;
    const acct = (status: 'start' | 'interim', bytes: number) =>
      send(
        accountingRequest({
          status,
          sessionId: '80b00001',
          userName: PC,
          callingStationId: PC,
          className: cls,
          inputBytes: bytes / 4,
          outputBytes: (bytes * 3) / 4,
        }),
        'acct',
      );
    await acct('start', 0);
    await acct('interim', 40_000_000);
    await acct('interim', 40_000_000);
    const institutionId = Number(cls.split('=')[1]);
    const rows = await tdb.db.selectFrom('usage_institution_daily').selectAll().execute();
    expect(rows).toEqual([
      {
        day: '2026-11-30',
        institution_id: institutionId,
        router_id: routerId,
        bytes_in: 10_000_000,
        bytes_out: 30_000_000,
        seconds: 0,
        sessions: 1,
      },
    ]);
    const daily = await tdb.db.selectFrom('usage_daily').selectAll().execute();
    expect(daily.map((d) => d.device_id)).toEqual([0]);
    // The reports' institution dimension reads it; the dusun rows (residents) do not have it.
    const reports = createReportStore(tdb.db);
    const byInstitution = await reports.usage('2026-11-30', '2026-11-30', 'institution');
    expect(byInstitution.rows).toEqual([
      {
        key: 'SDN Socorejo 1',
        bytesDown: 30_000_000,
        bytesUp: 10_000_000,
        sessions: 1,
        devices: 0,
        residents: 0,
      },
    ]);
    const byDusun = await reports.usage('2026-11-30', '2026-11-30', 'dusun');
    expect(byDusun.rows.find((r) => r.key === 'Krajan')).toBeUndefined();
  });

  it('a disabled institution is refused; removing a device or the institution stops its logins', async () => {
    expect((await run(['institution', 'set', 'Balai Desa', '--disable'])).code).toBe(0);
    const off = await macLogin(KIOSK);
    expect(off.code).toBe(Code.AccessReject);
    expect(attrString(off, Attr.ReplyMessage)).toContain('dinonaktifkan');
    expect((await run(['institution', 'device', 'remove', PC, '--json'])).stdout).toContain('SDN Socorejo 1');
    expect(attrString(await macLogin(PC), Attr.ReplyMessage)).toContain('belum terdaftar');
    const removed = await run(['institution', 'remove', 'Balai Desa', '--json']);
    expect(JSON.parse(removed.stdout)).toEqual({ name: 'Balai Desa', devices: 1 });
    expect(attrString(await macLogin(KIOSK), Attr.ReplyMessage)).toContain('belum terdaftar');
    // Its usage stays for the reports.
    expect(await tdb.db.selectFrom('usage_institution_daily').selectAll().execute()).toHaveLength(1);
  });
});

describe.each(databaseKinds)('a plan an institution uses (%s)', (kind) => {
  it('cannot be removed while the institution is on it', async () => {
    const tdb = await createTestDatabase(kind);
    try {
      const run = (args: string[]) => cli({ dataDir: tdb.dir, databaseUrl: tdb.url }, args);
      await run(['plan', 'add', 'Dasar', '--down', '5M', '--up', '2M']);
      await run(['plan', 'add', 'Sekolah', '--down', '20M', '--up', '10M']);
      await run(['institution', 'add', 'SDN 1', '--kind', 'sekolah', '--plan', 'Sekolah']);
      const r = await run(['plan', 'remove', 'Sekolah']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('masih dipakai 1 lembaga');
    } finally {
      await tdb.close();
    }
  });
});
