// The demo village: the product (HTTP, RADIUS and the agent, on its own data directory) with a simulated village
// around it. An OpenSID roster goes through the real import service; three virtual MikroTiks (src/sim) are added
// and provisioned through the real RouterOS API path; 90 days of registrations, sessions and router health are
// written through the services with their clock moved back; then live phones join the virtual hotspots and talk
// to the real RADIUS server (MAC authentication, accounting every interim interval), and now and then a resident
// registers on the real portal through a hotspot, as a phone would.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { HOTSPOT_PAGE_FILES } from '../../captive-portal/hotspot-pages.js';
import { type AppContext, openAppContext } from '../app-context.js';
import { parseConfig } from '../config.js';
import { newAcceptablePin } from '../domain/pin.js';
import { createLogger } from '../logger.js';
import { createRouterOps, startRouterOpsAgent } from '../router-ops-wiring.js';
import { type RunningServer, startServer } from '../server.js';
import { type HotspotActiveMirror, mirrorHotspotActive } from '../sim/hotspot-active-mirror.js';
import { startVirtualHotspot, type VirtualHotspot } from '../sim/hotspot-server.js';
import { RouterModel } from '../sim/routeros-model.js';
import { startVirtualRouterOs, type VirtualRouterOs } from '../sim/routeros-server.js';
import { hiddenFields, type PhoneBrowser, phoneBrowser } from './phone-browser.js';
import {
  bookUsageHistory,
  type DemoAccount,
  demoClock,
  demoMac,
  pollHealthHistory,
  registerHistory,
} from './village-history.js';
import { type DemoResident, seededRandom, villageRoster } from './village-roster.js';
import { voucherHistory } from './voucher-history.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface DemoOptions {
  readonly dataDir: string;
  /** PostgreSQL instead of SQLite in `dataDir` (what WARGANET_DATABASE_URL would be). */
  readonly databaseUrl?: string | undefined;
  /** 0 picks a free port. */
  readonly httpPort?: number;
  readonly residents?: number;
  /** Residents registered over the history. */
  readonly registrations?: number;
  readonly days?: number;
  /**
   * Days of router health history, polled every 10 minutes as the agent does (a longer gap counts as unknown
   * time in the uptime rollup). 30 by default: each day is 432 polls, and 90 days of them would take longer
   * than the rest of the village together on a small box.
   */
  readonly healthDays?: number;
  /** Phones online on each router from the start. */
  readonly livePhonesPerRouter?: number;
  /** Accounting interim interval of the live phones (the product's minimum is 30 s). */
  readonly interimS?: number;
  /** Seconds between two residents registering live on the portal; 0 for none after the first three. */
  readonly newResidentEveryS?: number;
  readonly logLevel?: string;
  /** Progress lines for whoever watches. */
  readonly progress?: (line: string) => void;
}

export interface DemoFigures {
  residents: number;
  registered: number;
  devices: number;
  accountingRecords: number;
  healthPolls: number;
  livePhones: number;
  portalRegistrations: number;
  vouchersCreated: number;
  vouchersUsed: number;
  /** A guest logged in on the live hotspot with a voucher code (through RADIUS). */
  guestOnline: boolean;
  /** Per step, in order: wall-clock and this process's CPU milliseconds. */
  readonly steps: Array<[string, number, number]>;
}

export interface DemoVillage {
  readonly url: string;
  readonly signIn: ReadonlyArray<{ role: string; username: string; password: string }>;
  /** A registered resident to try the portal with (NIK and PIN of made-up people). */
  readonly sampleResident: { name: string; nik: string; pin: string };
  /** A guest voucher nobody has used yet. */
  readonly sampleVoucher: string | undefined;
  readonly ctx: AppContext;
  readonly figures: DemoFigures;
  stop(): Promise<void>;
}

/** The demo's PIN hashes: cheap, because the village's residents are made up (see Keyring.pinHashIterations). */
const DEMO_PIN_ITERATIONS = 1000;

interface DemoRouter {
  readonly name: string;
  readonly dusun: string;
  readonly board: string;
  readonly nasIp: string;
  readonly hotspotAddress: string;
  readonly ros: VirtualRouterOs;
  readonly hotspot: VirtualHotspot;
  mirror?: HotspotActiveMirror;
  id?: number;
}

async function freeTcpPort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

async function freeUdpPort(host: string): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, host, resolve));
  const port = socket.address().port;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Milliseconds the zone is ahead of UTC now (Indonesia keeps no daylight saving). */
function zoneOffsetMs(timeZone: string, at = Date.now()): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - Math.floor(at / 1000) * 1000;
}

const ROUTERS = [
  { name: 'balai-desa', dusun: 'KRAJAN', board: 'hAP ac²' },
  { name: 'masjid-soco', dusun: 'SOCO', board: 'hAP ac lite' },
  { name: 'sd-ngepon', dusun: 'NGEPON', board: 'cAP ac' },
] as const;

export async function startDemoVillage(options: DemoOptions): Promise<DemoVillage> {
  const say = options.progress ?? (() => {});
  const days = options.days ?? 90;
  const size = options.residents ?? 3000;
  const registrations = options.registrations ?? Math.round(size * 0.24);
  const interimS = options.interimS ?? 30;
  const steps: Array<[string, number, number]> = [];
  let mark = performance.now();
  let cpuMark = process.cpuUsage();
  const step = (name: string) => {
    const t = performance.now();
    const cpu = process.cpuUsage(cpuMark);
    steps.push([name, Math.round(t - mark), Math.round((cpu.user + cpu.system) / 1000)]);
    mark = t;
    cpuMark = process.cpuUsage();
  };
  const random = seededRandom(29_11_2026);
  const clock = demoClock();
  const cleanups: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => {});
  };

  try {
    const host = '127.0.0.1';
    const httpPort = options.httpPort || (await freeTcpPort(host));
    const authPort = await freeUdpPort(host);
    const acctPort = await freeUdpPort(host);
    const coaPort = await freeUdpPort('127.0.0.11');
    const url = `http://${host}:${httpPort}`;
    const parsed = parseConfig({
      WARGANET_DATA_DIR: options.dataDir,
      WARGANET_DATABASE_URL: options.databaseUrl ?? '',
      WARGANET_HTTP_HOST: host,
      WARGANET_HTTP_PORT: String(httpPort),
      WARGANET_RADIUS_HOST: host,
      WARGANET_RADIUS_AUTH_PORT: String(authPort),
      WARGANET_RADIUS_ACCT_PORT: String(acctPort),
      WARGANET_RADIUS_COA_PORT: String(coaPort),
      WARGANET_RADIUS_INTERIM_S: String(Math.max(30, interimS)),
      WARGANET_PUBLIC_URL: url,
      WARGANET_ROLES: 'http,radius',
      WARGANET_LOG_LEVEL: options.logLevel ?? 'warn',
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const config = parsed.config;
    const ctx = await openAppContext(config, createLogger(config.logLevel), {
      now: clock.now,
      pinHashIterations: DEMO_PIN_ITERATIONS,
    });
    const services = ctx.services;
    // The village as it was set up, the day before the history starts.
    const now = Date.now();
    const launch = now - (days + 1) * DAY;
    // The admins exist before the server starts, so it does not offer the "no admin yet" setup link.
    clock.pin(launch);
    const signIn: Array<{ role: string; username: string; password: string }> = [];
    for (const [username, role] of [
      ['demo-admin', 'admin'],
      ['demo-operator', 'operator'],
      ['demo-kades', 'official'],
    ] as const) {
      const added = await services.admins.add({ username, role }, 'demo');
      signIn.push({ role, username, password: added.generatedPassword! });
    }
    clock.pin(undefined);
    let server: RunningServer;
    try {
      server = await startServer(ctx);
    } catch (error) {
      await ctx.close();
      throw error;
    }
    cleanups.push(() => server.stop());
    const tz = config.timeZone;
    const offset = zoneOffsetMs(tz);
    step('database and server');
    clock.pin(launch);
    await services.plans.add(
      'Warga',
      { down: '10M', up: '3M', dailyQuota: '3GB', devices: 3, default: true },
      'demo',
    );
    await services.plans.add('Sekolah', { down: '20M', up: '5M', devices: 10 }, 'demo');
    await services.plans.add('Perangkat Desa', { down: '20M', up: '5M', devices: 3 }, 'demo');
    await services.plans.add('Tamu', { down: '5M', up: '1M', devices: 1 }, 'demo');
    const roster = villageRoster({ size, villageCode: config.villageCode });
    const imported = await services.roster.importRoster({ fileName: roster.fileName, bytes: roster.csv });
    if (!imported.ok) throw new Error(`demo roster refused: ${imported.reason}`);
    say(
      `Data penduduk (OpenSID) diimpor: ${imported.summary.added} warga, ` +
        `${imported.summary.inactiveInRoster} tidak aktif (meninggal/pindah).`,
    );
    step('roster import');

    // Three virtual MikroTiks: the RouterOS API and the hotspot, each on its own loopback address (its NAS IP).
    const routers: DemoRouter[] = [];
    for (const [i, r] of ROUTERS.entries()) {
      const apiPassword = `demo-api-${i}-${Math.random().toString(36).slice(2, 10)}`;
      const model = new RouterModel('7.18.2', { resource: { boardName: r.board } });
      const ros = await startVirtualRouterOs({
        host,
        model,
        users: [{ name: 'warganet', password: apiPassword }],
      });
      cleanups.push(() => ros.stop());
      const nasIp = `127.0.0.${11 + i}`;
      const hotspotAddress = `10.5.${50 + i}.1`;
      const secret = `demo-radius-${i}-${Math.random().toString(36).slice(2, 10)}`;
      const hotspot = await startVirtualHotspot({
        secret,
        host: nasIp,
        identity: r.name,
        hotspotAddress,
        coaPort,
        interimIntervalMs: interimS * 1000,
        trafficPerInterim: { down: 2_500_000, up: 400_000 },
      });
      cleanups.push(() => hotspot.stop());
      const view = await services.routers.add(
        r.name,
        {
          nasIp,
          secret,
          apiHost: host,
          apiPort: ros.port,
          apiUser: 'warganet',
          apiPassword,
          hotspotAddress,
          dusun: r.dusun,
        },
        'demo',
      );
      routers.push({ ...r, nasIp, hotspotAddress, ros, hotspot, id: view.id });
    }
    const ops = createRouterOps(ctx, { liveSessions: null });
    try {
      for (const r of routers) {
        const done = await ops.provisioning.provision(r.name, { dryRun: false });
        if (done.report.error)
          throw new Error(`demo provisioning of ${r.name}: ${done.report.error.message}`);
      }
    } finally {
      ops.close();
    }
    for (const r of routers) {
      // What provisioning's /tool/fetch put in the router's html directory, and the walled garden to the portal.
      await r.hotspot.fetchTemplates(url, HOTSPOT_PAGE_FILES);
      r.hotspot.setWalledGarden({ [`${host}:${httpPort}`]: { host, port: httpPort } });
      r.hotspot.setRadius({ host, authPort, acctPort });
    }
    say(
      `Tiga MikroTik virtual ditambahkan dan disiapkan lewat API RouterOS: ${routers.map((r) => r.name).join(', ')}.`,
    );
    step('routers provisioned');

    const routerOfDusun = (dusun: string) =>
      Math.max(
        0,
        ROUTERS.findIndex((r) => r.dusun === dusun),
      );
    const macSerial = { next: 1 };
    const accounts = await registerHistory(services, clock, {
      residents: roster.residents,
      count: registrations,
      from: launch + DAY,
      to: now - 2 * HOUR,
      routerOfDusun,
      random,
      timeZoneOffsetMs: offset,
      minAge: config.minAge,
      macSerial,
      otherPlans: [
        { name: 'Perangkat Desa', share: 0.04 },
        { name: 'Sekolah', share: 0.06 },
      ],
    });
    const devices = accounts.reduce((n, a) => n + a.devices.length, 0);
    say(`${accounts.length} warga mendaftar selama ${days} hari terakhir, dengan ${devices} HP.`);
    step('registrations');

    const guests = await voucherHistory(services, clock, {
      plan: 'Tamu',
      from: launch + DAY,
      to: now - 2 * HOUR,
      random,
      macSerial,
    });
    say(
      `${guests.created} voucher tamu dibuat dalam ${guests.batches} batch; ${guests.used} sudah dipakai tamu.`,
    );
    step('guest vouchers');

    // Sessions carry their own times and open none, so the health polls (on the pinned clock) run beside them.
    const [records, health] = await Promise.all([
      bookUsageHistory(services, {
        accounts,
        routerIds: routers.map((r) => r.id!),
        until: now - HOUR,
        days,
        random,
        timeZoneOffsetMs: offset,
      }),
      pollHealthHistory(services, clock, {
        routers: routers.map((r) => ({ id: r.id!, name: r.name, board: r.board, version: '7.18.2' })),
        from: now - Math.min(days, options.healthDays ?? 30) * DAY,
        until: now,
        stepMs: 10 * 60_000,
        random: seededRandom(7),
      }),
    ]);
    say(`${records} catatan accounting ${days} hari terakhir dibukukan.`);
    say(`Riwayat kesehatan router: ${health.polls} pemeriksaan, ${health.outages} kali padam.`);
    step('usage and health history');

    // From here on, real time: the agent polls the virtual routers through the RouterOS API.
    clock.pin(undefined);
    for (const r of routers) {
      r.mirror = mirrorHotspotActive(r.hotspot, r.ros.model, { server: 'hotspot1' });
      const mirror = r.mirror;
      cleanups.push(() => mirror.stop());
    }
    const agent = startRouterOpsAgent(ctx, { healthMs: 30_000 });
    cleanups.push(() => agent.stop());

    const registeredIds = new Set(accounts.map((a) => a.resident.index));
    const candidates = roster.residents.filter(
      (r) => r.living && !registeredIds.has(r.index) && ageAt(r.birthDate, now) >= 19,
    );
    const live = new LiveVillage(routers, url, macSerial);
    const livePhones = await live.bringOnline(accounts, options.livePhonesPerRouter ?? 8);
    let portalRegistrations = 0;
    for (const r of routers) {
      const who = candidates.shift();
      if (who && (await live.registerOnPortal(r, who))) portalRegistrations++;
    }
    await live.strangerTries(routers[0]!);
    const guestCode = guests.unused[0];
    const guestOnline = guestCode !== undefined && (await live.guestWithVoucher(routers[0]!, guestCode));
    for (const r of routers) await r.mirror?.sync();
    // The auth log is written in batches off the RADIUS path; a newcomer who opens "Log masuk" at once sees these.
    await services.radius.authLog.flush();
    say(
      `${livePhones} HP sedang online; ${portalRegistrations} warga baru mendaftar lewat portal` +
        `${guestOnline ? '; seorang tamu masuk dengan voucher' : ''}.`,
    );
    step('live phones');

    const figures: DemoFigures = {
      residents: imported.summary.added,
      registered: accounts.length + portalRegistrations,
      devices: devices + portalRegistrations,
      accountingRecords: records,
      healthPolls: health.polls,
      livePhones,
      portalRegistrations,
      vouchersCreated: guests.created,
      vouchersUsed: guests.used,
      guestOnline,
      steps,
    };
    const everyS = options.newResidentEveryS ?? 45;
    if (everyS > 0) {
      const timer = setInterval(() => {
        const who = candidates.shift();
        const router = routers[Math.floor(random() * routers.length)]!;
        if (!who) return;
        void live
          .registerOnPortal(router, who)
          .then((ok) => {
            if (ok) {
              figures.portalRegistrations++;
              figures.registered++;
              say(`Warga baru mendaftar lewat portal di ${router.name}.`);
            }
          })
          .catch(() => {});
      }, everyS * 1000);
      timer.unref();
      cleanups.push(() => clearInterval(timer));
    }
    const sample = accounts.find((a) => a.devices.length < 3) ?? accounts[0]!;
    return {
      url,
      signIn,
      sampleResident: { name: sample.resident.name, nik: sample.resident.nik, pin: sample.pin },
      sampleVoucher: guests.unused[1],
      ctx,
      figures,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function ageAt(birthDate: string, at: number): number {
  return (at - Date.parse(`${birthDate}T00:00:00Z`)) / (365.25 * DAY);
}

/** The phones online now, and residents who come to register. */
class LiveVillage {
  #ip = 20;
  constructor(
    private readonly routers: readonly DemoRouter[],
    private readonly portalUrl: string,
    private readonly macSerial: { next: number },
  ) {}

  #nextIp(r: DemoRouter): string {
    this.#ip = this.#ip >= 250 ? 20 : this.#ip + 1;
    return `${r.hotspotAddress.split('.').slice(0, 3).join('.')}.${this.#ip}`;
  }

  /** Known phones come online by MAC authentication on their usual router. */
  async bringOnline(accounts: readonly DemoAccount[], perRouter: number): Promise<number> {
    let online = 0;
    for (const [i, r] of this.routers.entries()) {
      const devices = accounts
        .flatMap((a) => a.devices)
        .filter((d) => d.routerIndex === i)
        .slice(-perRouter);
      for (const d of devices) {
        const phone = await r.hotspot.addClient({ mac: d.mac, ip: this.#nextIp(r) });
        const page = await phoneBrowser(phone.proxyUrl)('http://example.com/');
        if (page.status === 200 && r.hotspot.activeFor(d.mac)) online++;
      }
    }
    return online;
  }

  /**
   * A resident's new phone joins the hotspot, is sent to the portal by the router's login page, registers with
   * NIK, KK number and a PIN, and posts the portal's one-time login to the router, which asks RADIUS.
   */
  async registerOnPortal(r: DemoRouter, who: DemoResident): Promise<boolean> {
    const mac = demoMac(this.macSerial.next++);
    const phone = await r.hotspot.addClient({ mac, ip: this.#nextIp(r) });
    const browse: PhoneBrowser = phoneBrowser(phone.proxyUrl);
    const first = await browse('http://example.com/');
    if (!first.location) return false;
    const loginPage = await browse(first.location);
    const toPortal = hiddenFields(loginPage.body);
    const form = await browse(`${this.portalUrl}/daftar?${new URLSearchParams(toPortal)}`);
    // A PIN the portal accepts: nothing from the NIK, KK or birth date, no run or repeat.
    const pin = newAcceptablePin({ nik: who.nik, kk: who.kk, birthDate: who.birthDate });
    const done = await browse(`${this.portalUrl}/daftar`, {
      ...hiddenFields(form.body),
      nik: who.nik,
      kk: who.kk,
      pin,
      pin2: pin,
      consent: '1',
      label: 'HP baru',
    });
    if (!done.body.includes('id="login"')) return false;
    const ticket = hiddenFields(done.body);
    await browse(`http://${r.hotspotAddress}/login`, {
      username: ticket.username ?? '',
      password: ticket.password ?? '',
      dst: ticket.dst ?? '',
    });
    return r.hotspot.activeFor(mac) !== undefined;
  }

  /**
   * A guest's phone joins the hotspot, follows the router's login page to the portal's voucher page, types the
   * code, and posts the login the portal prepared (the CHAP answer to the router's challenge) to the router, which
   * asks RADIUS about the voucher.
   */
  async guestWithVoucher(r: DemoRouter, code: string): Promise<boolean> {
    const mac = demoMac(0x900000 + this.macSerial.next++);
    const phone = await r.hotspot.addClient({ mac, ip: this.#nextIp(r) });
    const browse = phoneBrowser(phone.proxyUrl);
    const first = await browse('http://example.com/');
    if (!first.location) return false;
    const loginPage = await browse(first.location);
    const form = await browse(
      `${this.portalUrl}/voucher?${new URLSearchParams(hiddenFields(loginPage.body))}`,
    );
    const done = await browse(`${this.portalUrl}/voucher`, { ...hiddenFields(form.body), code });
    const ticket = hiddenFields(done.body);
    await browse(`http://${r.hotspotAddress}/login`, {
      username: ticket.username ?? '',
      password: ticket.password ?? '',
      dst: ticket.dst ?? '',
    });
    return r.hotspot.activeFor(mac) !== undefined;
  }

  /** A visitor's phone that nobody registered: MAC authentication is refused (the auth log shows why). */
  async strangerTries(r: DemoRouter): Promise<void> {
    const phone = await r.hotspot.addClient({
      mac: demoMac(0xfff000 + this.macSerial.next++),
      ip: this.#nextIp(r),
    });
    await phoneBrowser(phone.proxyUrl)('http://example.com/');
  }
}
