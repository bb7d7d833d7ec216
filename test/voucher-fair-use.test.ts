// Vouchers and fair use, through the RADIUS pipeline on both databases: a voucher on a plan that throttles at
// quota stays on at the throttle rate (without Total-Limit) once its quota is used up, as residents do; on a
// plan that cuts off it is refused; a plan's time window refuses a voucher outside it and ends its session at
// the window's end. The clock is fixed: Monday 30 November 2026, 10:00 WIB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { Attr, Code, Mikrotik, VENDOR_MIKROTIK } from '../radius/dictionary.js';
import { attrInt, attrString, type Packet, vendorAttr } from '../radius/packet.js';
import type { Pipeline } from '../radius/pipeline/pipeline.js';
import type { ListenerKind } from '../radius/pipeline/types.js';
import { createServices } from '../src/compose.js';
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

const NOW = Date.UTC(2026, 10, 30, 3, 0, 0);
const PHONE = 'AA:BB:CC:00:30:01';

describe.each(databaseKinds)('vouchers with fair use (%s)', (kind) => {
  let tdb: TestDatabase;
  let pipeline: Pipeline;
  let vouchers: VoucherService;
  let now = NOW;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const keyring = await testKeyring();
    await seedRouter(tdb.db, keyring, { nasIp: '127.0.0.1', secret: 'testing123' });
    await seedPlan(tdb.db, { is_default: 1 });
    await seedPlan(tdb.db, {
      name: 'Tamu Pelan',
      profile_name: 'tamu-pelan',
      down_rate: 2_000_000,
      up_rate: 1_000_000,
      at_quota: 'throttle',
      throttle_down_rate: 256_000,
      throttle_up_rate: 128_000,
    });
    await seedPlan(tdb.db, { name: 'Tamu Malam', profile_name: 'tamu-malam', time_window: '22:00-05:00' });
    const deps = {
      stores: createStores(tdb.db),
      keyring,
      now: () => now,
      villageCode: '3523',
      timeZone: 'Asia/Jakarta',
    };
    vouchers = createServices(deps).vouchers;
    ({ pipeline } = radiusNodeFor({ db: tdb.db, keyring, now: () => now, timeZone: 'Asia/Jakarta' }));
  });
  afterAll(async () => {
    await tdb?.close();
  });

  const send = (buf: Buffer, listener?: ListenerKind) => sendThrough(pipeline, buf, listener);
  const login = (code: string) => send(accessRequest({ userName: code, pap: code, callingStationId: PHONE }));
  /** The router's accounting for a session of the voucher that moves 100 MB (its whole quota). */
  async function useUp100MB(code: string, sessionId: string, accept: Packet) {
    for (const status of ['start', 'interim'] as const)
      await send(
        accountingRequest({
          status,
          sessionId,
          userName: code,
          callingStationId: PHONE,
          className: attrString(accept, Attr.Class)!,
          inputBytes: status === 'start' ? 0 : 20_000_000,
          outputBytes: status === 'start' ? 0 : 80_000_000,
        }),
        'acct',
      );
  }

  it('a used-up voucher on a throttling plan stays on at the throttle rate, without Total-Limit', async () => {
    const [v] = await vouchers.create({ plan: 'Tamu Pelan', count: 1, quota: '100MB' }, 'test');
    const first = await login(v!.code);
    expect(vendorAttr(first, VENDOR_MIKROTIK, Mikrotik.RateLimit)?.toString()).toBe('1M/2M');
    expect(vendorAttr(first, VENDOR_MIKROTIK, Mikrotik.TotalLimit)?.readUInt32BE(0)).toBe(100_000_000);
    await useUp100MB(v!.code, '80c00001', first);
    const after = await login(v!.code);
    expect(after.code).toBe(Code.AccessAccept);
    expect(vendorAttr(after, VENDOR_MIKROTIK, Mikrotik.RateLimit)?.toString()).toBe('128k/256k');
    expect(vendorAttr(after, VENDOR_MIKROTIK, Mikrotik.TotalLimit)).toBeUndefined();

    // Listed and reported as slowed down, not expired: it still works.
    const [listed] = await vouchers.list({ batch: v!.batch });
    expect(listed?.status).toBe('throttled');
    expect(await vouchers.list({ batch: v!.batch, status: 'expired' })).toEqual([]);
    expect(await vouchers.list({ batch: v!.batch, status: 'throttled' })).toHaveLength(1);
    const batch = (await vouchers.batches({ limit: 50, offset: 0 })).find((b) => b.batch === v!.batch);
    expect(batch?.counts).toMatchObject({ throttled: 1, expired: 0, active: 0 });
    const report = await vouchers.report({ from: '2026-11-30', to: '2026-11-30' });
    expect(report.totals).toMatchObject({ used: 1, throttled: 1, expired: 0 });
  });

  it('a used-up voucher on a plan that cuts off is listed and reported as expired', async () => {
    const [v] = await vouchers.create({ plan: 'Warga', count: 1, quota: '100MB' }, 'test');
    const first = await login(v!.code);
    expect(first.code).toBe(Code.AccessAccept);
    await useUp100MB(v!.code, '80c00002', first);
    const [listed] = await vouchers.list({ batch: v!.batch });
    expect(listed?.status).toBe('expired');
    const batch = (await vouchers.batches({ limit: 50, offset: 0 })).find((b) => b.batch === v!.batch);
    expect(batch?.counts).toMatchObject({ throttled: 0, expired: 1 });
  });

  it("a voucher on a night plan is refused in the day (its validity not started) and ends at the window's end", async () => {
    const [v] = await vouchers.create({ plan: 'Tamu Malam', count: 1, validity: '7d' }, 'test');
    const day = await login(v!.code);
    expect(day.code).toBe(Code.AccessReject);
    expect(attrString(day, Attr.ReplyMessage)).toBe(
      'Paket voucher ini hanya aktif 22.00-05.00 WIB. Bisa masuk mulai pukul 22.00 (Senin, 30-11-2026).',
    );
    expect((await vouchers.show(v!.code)).status).toBe('unused');
    now = Date.UTC(2026, 10, 30, 16, 0, 0); // 23:00 WIB
    const night = await login(v!.code);
    expect(night.code).toBe(Code.AccessAccept);
    expect(attrInt(night, Attr.SessionTimeout)).toBe(6 * 3600);
    now = NOW;
  });
});
