// A small known village for the report tests: a roster with known dusun/RW/RT, ages and households, two routers,
// and accounting with known byte counts sent through the real RADIUS server (UDP) on a clock the test moves:
// gigawords, a retransmission, a session across local midnight, an Accounting-On mid-session.
import { createSocket } from 'node:dgram';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { createRadiusMetrics } from '../../radius/metrics.js';
import { startRadiusListeners } from '../../radius/server.js';
import { createRadiusPipeline } from '../../radius/start-radius.js';
import { accountingRequest, seedDevice, seedPlan, seedRouter, testKeyring } from './radius-fixtures.js';
import { radiusServicesFor } from './radius-services.js';

export const TZ = 'Asia/Jakarta';
/** Local (WIB, UTC+7) wall time as epoch ms. */
export const wib = (d: string) => Date.parse(`${d}+07:00`);

/** People of the known roster: names the official must never see. */
export const ROSTER = [
  // name, dusun, rw, rt, kk, birth, active, account
  ['Siti Aminah', 'Krajan', '001', '001', 'kk1', '1980-05-01', 1, 'dev-a'],
  ['Budi Santoso', 'Krajan', '001', '001', 'kk1', '1978-02-11', 1, null],
  ['Ayu Lestari', 'Krajan', '001', '001', 'kk1', '2015-07-07', 1, null],
  ['Joko Widodo', 'Krajan', '001', '002', 'kk2', '1990-01-01', 1, 'dev-b'],
  ['Rina Marlina', 'Krajan', '002', '001', 'kk3', '1995-03-03', 1, null],
  ['Slamet Riyadi', 'Krajan', '002', '001', 'kk3', null, 1, null],
  ['Dewi Sartika', 'Sumberjo', '001', '001', 'kk4', '1985-09-09', 1, 'pending'],
  ['Agus Salim', 'Sumberjo', '001', '001', 'kk5', '1970-12-12', 0, null],
  ['Wati Suryani', 'Sumberjo', '001', '001', 'kk5', '1972-10-10', 1, null],
] as const;

export async function seedVillage(db: Kysely<Database>) {
  const keyring = await testKeyring();
  const balai = await seedRouter(db, keyring, {
    name: 'balai-desa',
    nasIp: '127.0.0.1',
    secret: 'testing123',
  });
  const masjid = await seedRouter(db, keyring, { name: 'masjid', nasIp: '127.0.0.2', secret: 'testing123' });
  await db.updateTable('routers').set({ dusun: 'Krajan' }).execute();
  const warga = await seedPlan(db, { is_default: 1, daily_quota_bytes: 5_000_000_000 });
  const devices: Record<string, number> = {};
  let i = 0;
  for (const [name, dusun, rw, rt, kk, birth, active, account] of ROSTER) {
    i++;
    const r = await db
      .insertInto('residents')
      .values({
        nik_index: `nik-${i}`,
        nik_masked: `3523**********${String(i).padStart(2, '0')}`,
        kk_index: kk,
        kk_masked: '3523**********00',
        name,
        birth_date: birth,
        dusun,
        rw,
        rt,
        status_dasar: active ? 1 : 2,
        active,
        created_at: wib('2026-11-01T08:00:00'),
        updated_at: wib('2026-11-01T08:00:00'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!account) continue;
    const a = await db
      .insertInto('accounts')
      .values({
        resident_id: r.id,
        status: account === 'pending' ? 'pending' : 'active',
        plan_id: warga,
        created_at: wib(account === 'dev-a' ? '2026-11-20T09:00:00' : '2026-12-02T09:00:00'),
        updated_at: wib('2026-12-01T00:00:00'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (account === 'pending') continue;
    const mac = account === 'dev-a' ? '02:00:00:00:00:0A' : '02:00:00:00:00:0B';
    devices[account] = await seedDevice(db, keyring, {
      accountId: a.id,
      mac,
      username: `wn-${account}`,
      secret: 's',
    });
  }
  return { balai, masjid, devices };
}

/** Starts the RADIUS sockets over the services with the given clock; `send` waits for the answer. */
export async function startVillageRadius(db: Kysely<Database>, clock: { now: number }) {
  const keyring = await testKeyring();
  const metrics = createRadiusMetrics();
  const services = radiusServicesFor({ db, keyring, now: () => clock.now, timeZone: TZ, metrics });
  const { pipeline, accounting } = createRadiusPipeline({
    services,
    now: () => clock.now,
    metrics,
    settings: { macAuthPassword: 'macauth' },
  });
  const listeners = await startRadiusListeners({
    host: '127.0.0.1',
    authPort: 0,
    acctPort: 0,
    pipeline,
    onError: () => {},
  });
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  let nextId = 1;
  function sendRaw(packet: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no Accounting-Response')), 5000);
      socket.once('message', (msg) => {
        clearTimeout(timer);
        resolve(msg);
      });
      socket.send(packet, listeners.acctPort, '127.0.0.1');
    });
  }
  return {
    metrics,
    /** Sends one accounting record at local wall time `at`; returns the packet (to retransmit it). */
    async send(at: string, o: Parameters<typeof accountingRequest>[0]): Promise<Buffer> {
      clock.now = wib(at);
      const packet = accountingRequest({ id: nextId++ % 256, ...o });
      await sendRaw(packet);
      return packet;
    },
    sendRaw,
    async stop() {
      socket.close();
      await listeners.close();
      await accounting.drain();
    },
  };
}

/**
 * The accounting the tests send, from two phones on the balai-desa router, with what each local day must show.
 * Device A: 5 GB down on 1 Dec (gigawords) in a session that crosses midnight; device B: a session the router's
 * Accounting-On closes, whose late Stop still counts, then a new session after the reboot.
 */
export async function sendKnownAccounting(radius: Awaited<ReturnType<typeof startVillageRadius>>) {
  const a = { userName: 'wn-dev-a', callingStationId: '02:00:00:00:00:0A', sessionId: 'A1' };
  await radius.send('2026-12-01T23:50:00', { ...a, status: 'start' });
  const interim = await radius.send('2026-12-01T23:55:00', {
    ...a,
    status: 'interim',
    inputBytes: 1000,
    outputBytes: 5_000_000_000,
    sessionTime: 300,
  });
  await radius.sendRaw(interim); // the router retransmits: answered from the cache
  await radius.send('2026-12-01T23:56:00', {
    ...a,
    status: 'interim',
    inputBytes: 1000,
    outputBytes: 5_000_000_000,
    sessionTime: 300,
  }); // the same totals again under a new identifier: no delta
  await radius.send('2026-12-02T00:10:00', {
    ...a,
    status: 'interim',
    inputBytes: 1500,
    outputBytes: 5_000_000_300,
    sessionTime: 1200,
  });
  await radius.send('2026-12-02T00:20:00', {
    ...a,
    status: 'stop',
    inputBytes: 2000,
    outputBytes: 5_000_001_000,
    sessionTime: 1800,
  });
  const b = { userName: 'wn-dev-b', callingStationId: '02:00:00:00:00:0B', sessionId: 'B1' };
  await radius.send('2026-12-02T10:00:00', { ...b, status: 'start' });
  await radius.send('2026-12-02T10:05:00', {
    ...b,
    status: 'interim',
    inputBytes: 100,
    outputBytes: 7000,
    sessionTime: 300,
  });
  await radius.send('2026-12-02T10:30:00', { status: 'on' });
  await radius.send('2026-12-02T10:31:00', {
    ...b,
    status: 'stop',
    inputBytes: 200,
    outputBytes: 9000,
    sessionTime: 1860,
  });
  await radius.send('2026-12-02T10:40:00', { ...b, sessionId: 'B2', status: 'start' });
  await radius.send('2026-12-02T11:40:00', {
    ...b,
    sessionId: 'B2',
    status: 'stop',
    inputBytes: 50,
    outputBytes: 500,
    sessionTime: 3600,
  });
}

/** What the usage report must say for the accounting above (bytesDown = Acct-Output-Octets + gigawords). */
/**
 * The village of the report tests with its known accounting recorded: the roster, routers and devices seeded, then
 * `sendKnownAccounting` through a RADIUS server run on `clock` and stopped. Returns what `seedVillage` returns.
 */
export async function recordKnownVillage(db: Kysely<Database>, clock: { now: number }) {
  const village = await seedVillage(db);
  const radius = await startVillageRadius(db, clock);
  await sendKnownAccounting(radius);
  await radius.stop();
  return village;
}

export const EXPECTED_USAGE = {
  '2026-12-01': { bytesDown: 5_000_000_000, bytesUp: 1000, sessions: 1, devices: 1, residents: 1 },
  '2026-12-02': {
    bytesDown: 1000 + 9000 + 500,
    bytesUp: 1000 + 200 + 50,
    sessions: 2,
    devices: 2,
    residents: 2,
  },
};
export const EXPECTED_TOTALS = {
  bytesDown: 5_000_010_500,
  bytesUp: 2250,
  sessions: 3,
  devices: 2,
  residents: 2,
};

/** Every roster name, NIK mask and MAC prefix found in `text`: an official's pages and exports must have none. */
export function leaks(text: string): string[] {
  return [...ROSTER.map((r) => r[0]), '3523**', '02:00:00'].filter((s) => text.includes(s));
}
