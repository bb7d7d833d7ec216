// Vouchers through the RADIUS pipeline on both databases: a voucher created by the service logs in by PAP and
// by CHAP with the plan's rate, the time left as Session-Timeout and the quota left as Total-Limit; the first MAC
// binds it and a second phone is refused; validity (from the first login, or from creation) and quota expire
// and are refused with the reason in Indonesian; a revoked batch is refused; accounting counts against the
// voucher; guessing codes from one phone is throttled. The clock is fixed and moved by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { Attr, Code, Mikrotik, VENDOR_MIKROTIK } from '../radius/dictionary.js';
import { attrInt, attrString, type Packet, vendorAttr } from '../radius/packet.js';
import type { Pipeline } from '../radius/pipeline/pipeline.js';
import type { ListenerKind } from '../radius/pipeline/types.js';
import { VOUCHER_GUESS_LIMIT } from '../radius/pipeline/voucher-access.js';
import { createServices } from '../src/compose.js';
import { VOUCHER_ALPHABET } from '../src/domain/voucher-code.js';
import type { VoucherService } from '../src/services/vouchers/vouchers.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import {
  accessRequest,
  accountingRequest,
  seedPlan,
  seedRouter,
  testKeyring,
} from './support/radius-fixtures.js';
import { radiusNodeFor, sendThrough } from './support/radius-services.js';

const NOW = Date.UTC(2026, 11, 14, 3, 0, 0);
const PHONE = 'AA:BB:CC:00:10:01';
const OTHER = 'AA:BB:CC:00:10:02';

describe.each(databaseKinds)('vouchers over RADIUS (%s)', (kind) => {
  let tdb: TestDatabase;
  let pipeline: Pipeline;
  /** A second RADIUS node on the same database. */
  let pipeline2: Pipeline;
  let radius: ReturnType<typeof radiusNodeFor>['services'];
  let vouchers: VoucherService;
  let now = NOW;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const keyring = await testKeyring();
    await seedRouter(tdb.db, keyring, { nasIp: '127.0.0.1', secret: 'testing123' });
    await seedPlan(tdb.db, { is_default: 1 });
    await seedPlan(tdb.db, {
      name: 'Tamu',
      profile_name: 'tamu',
      down_rate: 2_000_000,
      up_rate: 1_000_000,
      devices_allowed: 1,
    });
    vouchers = createServices({
      stores: createStores(tdb.db),
      keyring,
      now: () => now,
      villageCode: '3523',
      timeZone: 'Asia/Jakarta',
    }).vouchers;
    const node = () => radiusNodeFor({ db: tdb.db, keyring, now: () => now, timeZone: 'Asia/Jakarta' });
    const first = node();
    pipeline = first.pipeline;
    radius = first.services;
    pipeline2 = node().pipeline;
  });
  afterAll(async () => {
    await tdb?.close();
  });

  const send = (buf: Buffer, listener?: ListenerKind, on = pipeline) => sendThrough(on, buf, listener);
  const mt = (p: Packet, t: number) => vendorAttr(p, VENDOR_MIKROTIK, t);
  const message = (p: Packet) => attrString(p, Attr.ReplyMessage);

  it('creates readable, unique codes, stored encrypted and found only by a keyed index', async () => {
    const made = await vouchers.create({ plan: 'Tamu', count: 20, validity: '1d' }, 'test');
    expect(made).toHaveLength(20);
    for (const v of made) {
      expect(v.code).toMatch(new RegExp(`^[${VOUCHER_ALPHABET}]{8}$`));
      expect(v.code).not.toMatch(/[01oli]/);
      expect(v).toMatchObject({ status: 'unused', plan: 'Tamu', devicesAllowed: 1, validityS: 86_400 });
    }
    expect(new Set(made.map((v) => v.code)).size).toBe(20);
    const rows = await tdb.db.selectFrom('vouchers').selectAll().execute();
    const dump = JSON.stringify(rows);
    for (const v of made) expect(dump).not.toContain(v.code);
    const withPrefix = await vouchers.create({ plan: 'Tamu', count: 1, prefix: 'tamu', length: 6 }, 'test');
    expect(withPrefix[0]!.code).toMatch(/^tamu[a-z2-9]{6}$/);
  });

  it('logs in by PAP and by CHAP with the plan rate, the time left and the quota left; the first MAC binds it', async () => {
    const [v] = await vouchers.create({ plan: 'Tamu', count: 1, validity: '3h', quota: '1GB' }, 'test');
    const pap = await send(accessRequest({ userName: v!.code, pap: v!.code, callingStationId: PHONE }));
    expect(pap.code).toBe(Code.AccessAccept);
    expect(mt(pap, Mikrotik.RateLimit)?.toString()).toBe('1M/2M');
    expect(mt(pap, Mikrotik.Group)?.toString()).toBe('tamu');
    expect(attrInt(pap, Attr.SessionTimeout)).toBe(3 * 3600);
    expect(mt(pap, Mikrotik.TotalLimit)?.readUInt32BE(0)).toBe(1_000_000_000);
    expect(attrString(pap, Attr.Class)).toMatch(/^warganet:v=\d+$/);
    expect(await vouchers.show(v!.code)).toMatchObject({ status: 'active', boundMacs: [PHONE] });

    now += 3600_000;
    const chap = await send(accessRequest({ userName: v!.code, chap: v!.code, callingStationId: PHONE }));
    expect(chap.code).toBe(Code.AccessAccept);
    expect(attrInt(chap, Attr.SessionTimeout)).toBe(2 * 3600);

    const other = await send(accessRequest({ userName: v!.code, chap: v!.code, callingStationId: OTHER }));
    expect(other.code).toBe(Code.AccessReject);
    expect(message(other)).toBe('Voucher ini sudah dipakai di perangkat lain.');

    const wrong = await send(accessRequest({ userName: v!.code, pap: 'salah', callingStationId: PHONE }));
    expect(message(wrong)).toBe('Kode voucher salah. Periksa lagi huruf dan angkanya.');

    now += 2 * 3600_000;
    const late = await send(accessRequest({ userName: v!.code, pap: v!.code, callingStationId: PHONE }));
    expect(late.code).toBe(Code.AccessReject);
    expect(message(late)).toBe('Masa berlaku voucher ini sudah habis.');
    expect((await vouchers.show(v!.code)).status).toBe('expired');
  });

  it('accounting counts against the voucher: once its quota is used up it is refused', async () => {
    const [v] = await vouchers.create({ plan: 'Tamu', count: 1, quota: '100MB', devices: 2 }, 'test');
    const ok = await send(accessRequest({ userName: v!.code, pap: v!.code, callingStationId: PHONE }));
    const cls = attrString(ok, Attr.Class)!;
    const acct = (status: 'start' | 'interim', bytes: number) =>
      send(
        accountingRequest({
          status,
          sessionId: '80a00001',
          userName: v!.code,
          callingStationId: PHONE,
          className: cls,
          inputBytes: bytes / 4,
          outputBytes: (bytes * 3) / 4,
        }),
        'acct',
      );
    await acct('start', 0);
    await acct('interim', 40_000_000);
    // A second phone is allowed (--devices 2) and gets only what is left.
    const second = await send(accessRequest({ userName: v!.code, pap: v!.code, callingStationId: OTHER }));
    expect(mt(second, Mikrotik.TotalLimit)?.readUInt32BE(0)).toBe(60_000_000);
    await acct('interim', 100_000_000);
    // The same interim again (a retransmission) does not count twice.
    await acct('interim', 100_000_000);
    expect((await vouchers.show(v!.code)).usedBytes).toBe(100_000_000);
    const after = await send(accessRequest({ userName: v!.code, pap: v!.code, callingStationId: PHONE }));
    expect(message(after)).toBe('Kuota voucher ini sudah habis terpakai.');
  });

  it('usage stays on the voucher when retention deletes its old sessions: the used-up quota is not handed back', async () => {
    const [v] = await vouchers.create({ plan: 'Tamu', count: 1, quota: '50MB', validity: '30d' }, 'test');
    const ok = await send(accessRequest({ userName: v!.code, pap: v!.code, callingStationId: PHONE }));
    const cls = attrString(ok, Attr.Class)!;
    const acct = (status: 'start' | 'interim' | 'stop', bytes: number, seconds: number) =>
      send(
        accountingRequest({
          status,
          sessionId: '80b00001',
          userName: v!.code,
          callingStationId: PHONE,
          className: cls,
          inputBytes: bytes / 2,
          outputBytes: bytes / 2,
          sessionTime: seconds,
        }),
        'acct',
      );
    await acct('start', 0, 0);
    now += 600_000;
    await acct('interim', 30_000_000, 600);
    now += 600_000;
    await acct('stop', 50_000_000, 1200);
    const used = await vouchers.show(v!.code);
    expect(used).toMatchObject({ usedBytes: 50_000_000, usedSeconds: 1200, status: 'expired' });
    // Days later the session is past retention and deleted.
    now += 10 * 86_400_000;
    const removed = await radius.pruneEndedSessions(now - 86_400_000);
    expect(removed).toBeGreaterThan(0);
    const gone = await tdb.db.selectFrom('sessions').select('id').where('class', '=', cls).execute();
    expect(gone).toHaveLength(0);
    expect(await vouchers.show(v!.code)).toMatchObject({ usedBytes: 50_000_000, usedSeconds: 1200 });
    const again = await send(accessRequest({ userName: v!.code, pap: v!.code, callingStationId: PHONE }));
    expect(again.code).toBe(Code.AccessReject);
    expect(message(again)).toBe('Kuota voucher ini sudah habis terpakai.');
  });

  it('validity from creation runs without a login; a revoked batch is refused', async () => {
    const [early] = await vouchers.create(
      { plan: 'Tamu', count: 1, validity: '1h', fromCreation: true },
      'test',
    );
    now += 2 * 3600_000;
    const r = await send(accessRequest({ userName: early!.code, pap: early!.code, callingStationId: PHONE }));
    expect(message(r)).toBe('Masa berlaku voucher ini sudah habis.');

    const batch = await vouchers.create({ plan: 'Tamu', count: 3 }, 'test');
    expect(await vouchers.revoke({ batch: batch[0]!.batch }, 'test')).toBe(3);
    const refused = await send(
      accessRequest({ userName: batch[1]!.code, chap: batch[1]!.code, callingStationId: PHONE }),
    );
    expect(refused.code).toBe(Code.AccessReject);
    expect(message(refused)).toBe('Voucher ini sudah dibatalkan oleh pengelola Wi-Fi desa.');
    expect(await vouchers.list({ batch: batch[0]!.batch, status: 'revoked' })).toHaveLength(3);
    const audit = await tdb.db.selectFrom('audit_log').select(['action', 'actor']).execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'voucher.create', actor: 'test' },
        { action: 'voucher.revoke', actor: 'test' },
      ]),
    );
  });

  it('guessing codes from one phone is throttled: after the limit even a right code waits', async () => {
    const [v] = await vouchers.create({ plan: 'Tamu', count: 1 }, 'test');
    const guesser = 'AA:BB:CC:00:10:66';
    for (let i = 0; i < VOUCHER_GUESS_LIMIT; i++) {
      const g = await send(
        accessRequest({ userName: `abcdefg${i + 2}`, pap: 'x', callingStationId: guesser }),
      );
      expect(g.code).toBe(Code.AccessReject);
    }
    const right = await send(accessRequest({ userName: v!.code, pap: v!.code, callingStationId: guesser }));
    expect(right.code).toBe(Code.AccessReject);
    expect(message(right)).toMatch(/Terlalu banyak percobaan/);
    // Another phone is not held back.
    const fine = await send(accessRequest({ userName: v!.code, pap: v!.code, callingStationId: PHONE }));
    expect(fine.code).toBe(Code.AccessAccept);
    // The wait ends; a right code then gets in.
    now += 11 * 60_000;
    const later = await send(accessRequest({ userName: v!.code, pap: v!.code, callingStationId: PHONE }));
    expect(later.code).toBe(Code.AccessAccept);
  });

  it('the guessing count is in the database: wrong codes on one RADIUS node hold the phone back on another', async () => {
    const [v] = await vouchers.create({ plan: 'Tamu', count: 1 }, 'test');
    const guesser = 'AA:BB:CC:00:10:77';
    // Alternate the nodes, as a router with two RADIUS servers would.
    for (let i = 0; i < VOUCHER_GUESS_LIMIT; i++) {
      const g = await send(
        accessRequest({ userName: `bcdefgh${i + 2}`, chap: 'x', callingStationId: guesser }),
        'auth',
        i % 2 === 0 ? pipeline : pipeline2,
      );
      expect(g.code).toBe(Code.AccessReject);
      expect(message(g)).not.toMatch(/Terlalu banyak/);
    }
    for (const node of [pipeline, pipeline2]) {
      const right = await send(
        accessRequest({ userName: v!.code, chap: v!.code, callingStationId: guesser }),
        'auth',
        node,
      );
      expect(right.code).toBe(Code.AccessReject);
      expect(message(right)).toMatch(/Terlalu banyak percobaan/);
    }
    const row = await tdb.db
      .selectFrom('portal_attempts')
      .select(['key', 'failures'])
      .where('key', '=', `voucher-mac:${guesser}`)
      .executeTakeFirst();
    expect(row).toMatchObject({ failures: VOUCHER_GUESS_LIMIT });
    // A right code below the limit clears the phone's count.
    const careful = 'AA:BB:CC:00:10:78';
    await send(
      accessRequest({ userName: 'cdefghj2', pap: 'x', callingStationId: careful }),
      'auth',
      pipeline2,
    );
    const [w] = await vouchers.create({ plan: 'Tamu', count: 1 }, 'test');
    const ok = await send(accessRequest({ userName: w!.code, pap: w!.code, callingStationId: careful }));
    expect(ok.code).toBe(Code.AccessAccept);
    const cleared = await tdb.db
      .selectFrom('portal_attempts')
      .select('key')
      .where('key', '=', `voucher-mac:${careful}`)
      .execute();
    expect(cleared).toHaveLength(0);
  });
});
