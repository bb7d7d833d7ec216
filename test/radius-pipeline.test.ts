// The RADIUS pipeline without sockets, against real SQLite and PostgreSQL: authentication by CHAP, PAP and MAC,
// the reasons for rejecting, BlastRADIUS drops, accounting idempotence and 64-bit totals, Status-Server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attr, Code, Mikrotik, VENDOR_MIKROTIK } from '../radius/dictionary.js';
import { createRadiusMetrics } from '../radius/metrics.js';
import {
  attr,
  attrInt,
  attributes,
  attrString,
  decodePacket,
  type Packet,
  str,
  vendorAttr,
} from '../radius/packet.js';
import type { Pipeline } from '../radius/pipeline/pipeline.js';
import type { ListenerKind } from '../radius/pipeline/types.js';
import { verifyResponse } from '../radius/signing.js';
import { createRadiusPipeline } from '../radius/start-radius.js';
import { formatMac, MAC_FORMATS } from '../src/domain/mac.js';
import { dayOf } from '../src/domain/quota-day.js';
import type { AuthLogService } from '../src/services/radius/auth-log.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import {
  accessRequest,
  accountingRequest,
  seedDevice,
  seedPlan,
  seedRouter,
  seedSubscriber,
  statusServer,
  testKeyring,
} from './support/radius-fixtures.js';
import { radiusServicesFor } from './support/radius-services.js';

const SECRET = Buffer.from('testing123');
const TZ = 'Asia/Jakarta';
// 2026-11-28 10:00 WIB: 14 hours before the quota day ends.
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0);
const ROUTER = { address: '127.0.0.1', port: 40000 };

describe.each(databaseKinds)('RADIUS pipeline on %s', (kind) => {
  let tdb: TestDatabase;
  let pipeline: Pipeline;
  let authLog: AuthLogService;
  const metrics = createRadiusMetrics();
  let now = NOW;
  let ids: Record<string, number>;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const keyring = await testKeyring();
    const db = tdb.db;
    await seedRouter(db, keyring, { nasIp: '127.0.0.1', secret: 'testing123' });
    await seedRouter(db, keyring, {
      name: 'lama',
      nasIp: '127.0.0.9',
      secret: 'testing123',
      requireMessageAuth: false,
    });
    const warga = await seedPlan(db, { is_default: 1 });
    const kecil = await seedPlan(db, {
      name: 'Kecil',
      profile_name: 'kecil',
      daily_quota_bytes: 1_000_000,
      devices_allowed: 1,
      session_timeout_s: 3600,
    });
    const lambat = await seedPlan(db, {
      name: 'Lambat',
      profile_name: 'lambat',
      daily_quota_bytes: 1_000_000,
      at_quota: 'throttle',
      throttle_down_rate: 512_000,
      throttle_up_rate: 256_000,
    });
    const dev = (n: number) => ({
      mac: `AA:BB:CC:00:00:${String(n).padStart(2, '0')}`,
      username: `wn-0000000${n}`,
      secret: `rahasia-${n}`,
    });
    const a = await seedSubscriber(db, keyring, dev(1));
    const pending = await seedSubscriber(db, keyring, dev(2), { accountStatus: 'pending' });
    const suspended = await seedSubscriber(db, keyring, dev(3), { accountStatus: 'suspended' });
    const gone = await seedSubscriber(db, keyring, dev(4), { residentActive: false });
    const revoked = await seedSubscriber(db, keyring, { ...dev(5), revoked: true });
    const small = await seedSubscriber(db, keyring, dev(6), { planId: kecil });
    const small2 = await seedDevice(db, keyring, { accountId: small.accountId, ...dev(7) });
    const slow = await seedSubscriber(db, keyring, dev(8), { planId: lambat });
    ids = {
      warga,
      kecil,
      a: a.deviceId,
      pending: pending.deviceId,
      suspended: suspended.deviceId,
      gone: gone.deviceId,
      revoked: revoked.deviceId,
      small: small.deviceId,
      small2,
      slow: slow.deviceId,
    };
    const built = createRadiusPipeline({
      services: radiusServicesFor({ db, keyring, now: () => now, timeZone: TZ, metrics }),
      now: () => now,
      metrics,
      settings: { macAuthPassword: 'macauth' },
    });
    pipeline = built.pipeline;
    authLog = built.authLog;
  });
  afterAll(async () => {
    await authLog?.flush();
    await tdb?.close();
  });

  let nextPort = 41000;
  async function send(
    buf: Buffer,
    listener: ListenerKind = 'auth',
    source = { ...ROUTER, port: nextPort++ },
  ) {
    const out = await pipeline.handle(buf, source, listener);
    if (!out) return undefined;
    const d = decodePacket(out);
    if (!d.ok) throw new Error(d.error);
    expect(verifyResponse(d.packet, buf.subarray(4, 20), SECRET)).toBe(true);
    return d.packet;
  }
  const replyMessage = (p: Packet | undefined) => (p ? attrString(p, Attr.ReplyMessage) : undefined);
  const mt = (p: Packet, t: number) => vendorAttr(p, VENDOR_MIKROTIK, t);

  it('accepts a CHAP login with the plan limits and a valid Message-Authenticator', async () => {
    const reply = await send(
      accessRequest({ userName: 'wn-00000001', chap: 'rahasia-1', callingStationId: 'AA:BB:CC:00:00:01' }),
    );
    expect(reply?.code).toBe(Code.AccessAccept);
    const p = reply!;
    expect(p.maOffset).toBeGreaterThan(0);
    expect(mt(p, Mikrotik.RateLimit)?.toString()).toBe('2M/5M');
    expect(mt(p, Mikrotik.Group)?.toString()).toBe('warga');
    expect(mt(p, Mikrotik.TotalLimit)?.readUInt32BE(0)).toBe(2_000_000_000);
    expect(mt(p, Mikrotik.TotalLimitGigawords)?.readUInt32BE(0)).toBe(0);
    // Until midnight WIB: 14 hours.
    expect(attrInt(p, Attr.SessionTimeout)).toBe(14 * 3600);
    expect(attrInt(p, Attr.IdleTimeout)).toBe(900);
    expect(attrInt(p, Attr.AcctInterimInterval)).toBe(300);
    expect(attr(p, Attr.Class)?.toString()).toBe(`warganet:d=${ids.a}`);
  });

  it('accepts PAP with the device secret and rejects a wrong one with a readable reason', async () => {
    const ok = await send(
      accessRequest({ userName: 'wn-00000001', pap: 'rahasia-1', callingStationId: 'AA:BB:CC:00:00:01' }),
    );
    expect(ok?.code).toBe(Code.AccessAccept);
    const bad = await send(
      accessRequest({ userName: 'wn-00000001', pap: 'salah', callingStationId: 'AA:BB:CC:00:00:01' }),
    );
    expect(bad?.code).toBe(Code.AccessReject);
    expect(bad!.maOffset).toBeGreaterThan(0);
    expect(replyMessage(bad)).toContain('kata sandi salah');
  });

  it.each(MAC_FORMATS)(
    'accepts MAC authentication in both modes with radius-mac-format %s',
    async (format) => {
      for (const lower of [false, true]) {
        const user = formatMac('AA:BB:CC:00:00:01', format, lower);
        for (const password of ['macauth', user]) {
          const reply = await send(
            accessRequest({ userName: user, pap: password, callingStationId: 'AA:BB:CC:00:00:01' }),
          );
          expect(reply?.code, `${user} / ${password}`).toBe(Code.AccessAccept);
        }
        const chap = await send(
          accessRequest({ userName: user, chap: user, callingStationId: 'AA:BB:CC:00:00:01' }),
        );
        expect(chap?.code).toBe(Code.AccessAccept);
        const wrong = await send(
          accessRequest({ userName: user, pap: 'bukan', callingStationId: 'AA:BB:CC:00:00:01' }),
        );
        expect(wrong?.code).toBe(Code.AccessReject);
      }
    },
  );

  it('rejects with the Indonesian reason the hotspot shows', async () => {
    const cases: Array<[string, string, string]> = [
      ['02:00:00:00:00:99', 'macauth', 'belum terdaftar'],
      ['wn-00000002', 'rahasia-2', 'menunggu persetujuan'],
      ['wn-00000003', 'rahasia-3', 'dinonaktifkan'],
      ['wn-00000004', 'rahasia-4', 'tidak lagi tercatat sebagai warga'],
      ['wn-00000005', 'rahasia-5', 'dicabut'],
    ];
    for (const [user, pw, text] of cases) {
      const n = user.slice(-1);
      const reply = await send(
        accessRequest({ userName: user, pap: pw, callingStationId: `AA:BB:CC:00:00:0${n}` }),
      );
      expect(reply?.code, user).toBe(Code.AccessReject);
      expect(replyMessage(reply), user).toContain(text);
    }
    const otherMac = await send(
      accessRequest({ userName: 'wn-00000001', pap: 'rahasia-1', callingStationId: 'AA:BB:CC:00:00:55' }),
    );
    expect(replyMessage(otherMac)).toContain('perangkat lain');
  });

  it('rejects when the daily quota is used up, saying when it resets, and throttles a throttle plan', async () => {
    const day = dayOf(now, TZ);
    await tdb.db
      .insertInto('usage_daily')
      .values([
        { day, device_id: ids.small!, router_id: 1, bytes_in: 400_000, bytes_out: 700_000 },
        { day, device_id: ids.slow!, router_id: 1, bytes_in: 0, bytes_out: 1_000_000 },
      ])
      .execute();
    const reply = await send(
      accessRequest({ userName: 'wn-00000006', pap: 'rahasia-6', callingStationId: 'AA:BB:CC:00:00:06' }),
    );
    expect(reply?.code).toBe(Code.AccessReject);
    expect(replyMessage(reply)).toBe(
      'Kuota harian Anda sudah habis. Kuota baru tersedia mulai pukul 00.00 WIB (Minggu, 29-11-2026).',
    );
    const slow = await send(
      accessRequest({ userName: 'wn-00000008', pap: 'rahasia-8', callingStationId: 'AA:BB:CC:00:00:08' }),
    );
    expect(slow?.code).toBe(Code.AccessAccept);
    expect(mt(slow!, Mikrotik.RateLimit)?.toString()).toBe('256k/512k');
    expect(mt(slow!, Mikrotik.TotalLimit)).toBeUndefined();
    await tdb.db.deleteFrom('usage_daily').execute();
  });

  it('rejects a device beyond the plan device count while another device of the account is online', async () => {
    const start = accountingRequest({
      status: 'start',
      sessionId: 'a0000001',
      userName: 'wn-00000007',
      callingStationId: 'AA:BB:CC:00:00:07',
    });
    expect((await send(start, 'acct'))?.code).toBe(Code.AccountingResponse);
    const reply = await send(
      accessRequest({ userName: 'wn-00000006', pap: 'rahasia-6', callingStationId: 'AA:BB:CC:00:00:06' }),
    );
    expect(replyMessage(reply)).toContain('Terlalu banyak perangkat');
    expect(replyMessage(reply)).toContain('maksimal 1');
    // The plan's session timeout (1 h) is below the time left in the day.
    await send(
      accountingRequest({
        status: 'stop',
        sessionId: 'a0000001',
        userName: 'wn-00000007',
        callingStationId: 'AA:BB:CC:00:00:07',
      }),
      'acct',
    );
    const ok = await send(
      accessRequest({ userName: 'wn-00000006', pap: 'rahasia-6', callingStationId: 'AA:BB:CC:00:00:06' }),
    );
    expect(ok?.code).toBe(Code.AccessAccept);
    expect(attrInt(ok!, Attr.SessionTimeout)).toBe(3600);
  });

  it('drops, never answers, what BlastRADIUS rules and unknown routers forbid', async () => {
    const dropped = (r: string) => metrics.drops.get({ reason: r });
    const base = { userName: 'wn-00000001', pap: 'rahasia-1', callingStationId: 'AA:BB:CC:00:00:01' };
    const m0 = dropped('missing_message_authenticator');
    expect(await send(accessRequest({ ...base, messageAuthenticator: 'none' }))).toBeUndefined();
    expect(dropped('missing_message_authenticator')).toBe(m0 + 1);
    const b0 = dropped('bad_message_authenticator');
    expect(await send(accessRequest({ ...base, secret: 'salah' }))).toBeUndefined();
    expect(dropped('bad_message_authenticator')).toBe(b0 + 1);
    const u0 = dropped('unknown_nas');
    expect(await send(accessRequest(base), 'auth', { address: '127.0.0.77', port: 1 })).toBeUndefined();
    expect(dropped('unknown_nas')).toBe(u0 + 1);
    const a0 = dropped('bad_authenticator');
    expect(await send(accountingRequest({ status: 'start', secret: 'salah' }), 'acct')).toBeUndefined();
    expect(dropped('bad_authenticator')).toBe(a0 + 1);
    // An older router (require-message-auth off) may omit it, and still gets a signed answer.
    const old = await pipeline.handle(
      accessRequest({ ...base, messageAuthenticator: 'none' }),
      { address: '127.0.0.9', port: 5 },
      'auth',
    );
    const decoded = decodePacket(old!);
    expect(decoded.ok && decoded.packet.code === Code.AccessAccept && decoded.packet.maOffset > 0).toBe(true);
  });

  it('counts 64-bit accounting totals exactly once however packets repeat or reorder', async () => {
    const G = 2 ** 32;
    const common = {
      sessionId: '80a00001',
      userName: 'wn-00000001',
      callingStationId: 'AA:BB:CC:00:00:01',
      className: `warganet:d=${ids.a}`,
    };
    const start = accountingRequest({ ...common, status: 'start', id: 10 });
    const interim = accountingRequest({
      ...common,
      status: 'interim',
      id: 11,
      inputBytes: 3 * G + 5,
      outputBytes: 5 * G + 7,
      sessionTime: 600,
    });
    const source = { ...ROUTER, port: 50000 };
    const r1 = await pipeline.handle(start, source, 'acct');
    const [r2, r2again] = await Promise.all([
      pipeline.handle(interim, source, 'acct'),
      pipeline.handle(interim, source, 'acct'),
    ]);
    const r2late = await pipeline.handle(interim, source, 'acct');
    expect(r1).toBeDefined();
    expect(r2).toEqual(r2again);
    expect(r2).toEqual(r2late);
    const dup = metrics.duplicates.get({ kind: 'accounting' });
    expect(dup).toBeGreaterThanOrEqual(2);
    // Stop, then an Interim that arrives after it (with smaller counters), then the Stop again on a new id.
    const stopTotals = { inputBytes: 4 * G + 1, outputBytes: 6 * G + 2, sessionTime: 900 };
    await send(accountingRequest({ ...common, status: 'stop', id: 12, ...stopTotals }), 'acct');
    await send(
      accountingRequest({
        ...common,
        status: 'interim',
        id: 13,
        inputBytes: 3 * G + 9,
        outputBytes: 5 * G + 9,
        sessionTime: 700,
      }),
      'acct',
    );
    await send(accountingRequest({ ...common, status: 'stop', id: 14, ...stopTotals }), 'acct');
    const s = await tdb.db
      .selectFrom('sessions')
      .selectAll()
      .where('acct_session_id', '=', '80a00001')
      .executeTakeFirstOrThrow();
    expect(Number(s.input_bytes)).toBe(4 * G + 1);
    expect(Number(s.output_bytes)).toBe(6 * G + 2);
    expect(s.state).toBe('stopped');
    expect(s.terminate_cause).toBe('User-Request');
    expect(s.device_id).toBe(ids.a);
    const u = await tdb.db
      .selectFrom('usage_daily')
      .selectAll()
      .where('device_id', '=', ids.a!)
      .executeTakeFirstOrThrow();
    expect(Number(u.bytes_in)).toBe(4 * G + 1);
    expect(Number(u.bytes_out)).toBe(6 * G + 2);
    expect(Number(u.seconds)).toBe(900);
    expect(u.sessions).toBe(1);
    expect(u.day).toBe('2026-11-28');
  });

  it('books a Stop without a Start in full, once, and finds the device by user name', async () => {
    const stop = accountingRequest({
      status: 'stop',
      sessionId: '80b00001',
      userName: 'wn-00000008',
      callingStationId: 'AA:BB:CC:00:00:08',
      inputBytes: 1000,
      outputBytes: 2000,
      sessionTime: 60,
    });
    await send(stop, 'acct');
    await send(
      accountingRequest({
        status: 'start',
        sessionId: '80b00001',
        userName: 'wn-00000008',
        callingStationId: 'AA:BB:CC:00:00:08',
      }),
      'acct',
    );
    const s = await tdb.db
      .selectFrom('sessions')
      .selectAll()
      .where('acct_session_id', '=', '80b00001')
      .executeTakeFirstOrThrow();
    expect(s.state).toBe('stopped');
    expect(s.device_id).toBe(ids.slow);
    const u = await tdb.db
      .selectFrom('usage_daily')
      .selectAll()
      .where('device_id', '=', ids.slow!)
      .executeTakeFirstOrThrow();
    expect([Number(u.bytes_in), Number(u.bytes_out), u.sessions]).toEqual([1000, 2000, 1]);
  });

  it('closes a router’s open sessions on Accounting-On', async () => {
    await send(
      accountingRequest({
        status: 'start',
        sessionId: '80c00001',
        userName: 'wn-00000001',
        callingStationId: 'AA:BB:CC:00:00:01',
      }),
      'acct',
    );
    const on = await send(accountingRequest({ status: 'on' }), 'acct');
    expect(on?.code).toBe(Code.AccountingResponse);
    const s = await tdb.db
      .selectFrom('sessions')
      .selectAll()
      .where('acct_session_id', '=', '80c00001')
      .executeTakeFirstOrThrow();
    expect([s.state, s.terminate_cause]).toEqual(['closed', 'NAS-Reboot']);
  });

  it('answers Status-Server on both ports and copies Proxy-State', async () => {
    const auth = await send(statusServer(), 'auth');
    expect(auth?.code).toBe(Code.AccessAccept);
    const acct = await send(statusServer(), 'acct');
    expect(acct?.code).toBe(Code.AccountingResponse);
    const proxied = await send(
      accessRequest({
        userName: 'wn-00000001',
        pap: 'rahasia-1',
        callingStationId: 'AA:BB:CC:00:00:01',
        extra: [str(Attr.ProxyState, 'hop-1'), str(Attr.ProxyState, 'hop-2')],
      }),
    );
    expect(
      attributes(proxied!)
        .filter((a) => a.type === Attr.ProxyState)
        .map((a) => a.value.toString()),
    ).toEqual(['hop-1', 'hop-2']);
  });

  it('prunes auth-log rows older than the retention period', async () => {
    await authLog.flush();
    const old = now - 91 * 86_400_000;
    await tdb.db
      .insertInto('auth_log')
      .values([
        {
          at: old,
          last_at: old,
          router_id: 1,
          mac: null,
          username: 'lama',
          decision: 'reject',
          reason: 'unknown_device',
        },
        {
          at: old,
          last_at: now,
          router_id: 1,
          mac: null,
          username: 'masih',
          decision: 'reject',
          reason: 'unknown_device',
        },
      ])
      .execute();
    expect(await authLog.prune()).toBe(1);
    const names = (await tdb.db.selectFrom('auth_log').select('username').execute()).map((r) => r.username);
    expect(names).toContain('masih');
    expect(names).not.toContain('lama');
  });

  it('logs every decision and folds repeated probes of an unknown MAC into one row', async () => {
    await authLog.flush();
    await tdb.db.deleteFrom('auth_log').execute();
    for (let i = 0; i < 25; i++) {
      await send(
        accessRequest({
          userName: '02:00:00:00:00:42',
          pap: 'macauth',
          callingStationId: '02:00:00:00:00:42',
        }),
      );
      if (i === 10) await authLog.flush();
    }
    // The next day: the accounting test above used up today's quota of this device.
    now = NOW + 86_400_000;
    await send(
      accessRequest({ userName: 'wn-00000001', pap: 'rahasia-1', callingStationId: 'AA:BB:CC:00:00:01' }),
    );
    await authLog.flush();
    const rows = await authLog.recent(10);
    const unknown = rows.filter((r) => r.reason === 'unknown_device');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({
      count: 25,
      mac: '02:00:00:00:00:42',
      router: 'balai-desa',
      decision: 'reject',
    });
    expect(rows.find((r) => r.reason === 'ok')).toMatchObject({
      mac: 'AA:BB:CC:00:00:01',
      username: 'wn-00000001',
    });
  });
});
