// The demo village's past, written through the same services the live product uses, with their clock moved back:
// residents registering over the months (the portal's registration use case, then the login ticket RADIUS redeems,
// which binds the phone), their phones' sessions as accounting records with past arrival times (so the daily and
// hourly rollups fill exactly as live accounting fills them), and the agent's health polls every 10 minutes
// (so router uptime has a history, outages included).
import { BUILTIN_NOTICE_VERSION } from '../../captive-portal/portal-deps.js';
import type { Services } from '../compose.js';
import { ageOn } from '../domain/account-rules.js';
import { newAcceptablePin } from '../domain/pin.js';
import type { AccountingOp } from '../services/radius/accounting.js';
import { RouterCallError, type RouterGateway } from '../services/routers/router-gateway.js';
import type { DemoResident } from './village-roster.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The services' clock: real time, unless pinned to a moment of the village's past. */
export interface DemoClock {
  now(): number;
  pin(at: number | undefined): void;
}

export function demoClock(): DemoClock {
  let pinned: number | undefined;
  return {
    now: () => pinned ?? Date.now(),
    pin(at) {
      // Whole milliseconds, as Date.now gives (the stores keep them in bigint columns).
      pinned = at === undefined ? undefined : Math.round(at);
    },
  };
}

export interface DemoDevice {
  readonly mac: string;
  /** The RADIUS user name the binding gave it (its MAC, as MAC authentication sends it). */
  readonly username: string;
  /** Which of the village's routers it mostly uses (index into the demo's router list). */
  readonly routerIndex: number;
}

export interface DemoAccount {
  readonly resident: DemoResident;
  readonly accountId: number;
  readonly pin: string;
  readonly registeredAt: number;
  readonly devices: DemoDevice[];
}

/** A locally unique, globally administered unicast MAC for the n-th demo phone (vendor-looking prefixes). */
export function demoMac(n: number): string {
  const prefixes = ['5C:1A:2B', 'A4:50:46', '3C:28:6D', 'F8:A2:D6'];
  const prefix = prefixes[n % prefixes.length]!;
  const tail = [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff].map((b) => b.toString(16).padStart(2, '0'));
  return `${prefix}:${tail.join(':')}`.toUpperCase();
}

/** When the n-th of `count` registrations happened: many in the first weeks after launch, then fewer. */
function registrationTime(
  random: () => number,
  start: number,
  end: number,
  timeZoneOffsetMs: number,
): number {
  const u = random();
  const day = Math.floor((1 - Math.sqrt(1 - u)) * ((end - start) / DAY));
  const localMidnight = Math.floor((start + day * DAY + timeZoneOffsetMs) / DAY) * DAY - timeZoneOffsetMs;
  return Math.min(end - HOUR, localMidnight + (7 + random() * 14) * HOUR);
}

export interface RegistrationPlan {
  readonly residents: readonly DemoResident[];
  readonly count: number;
  readonly from: number;
  readonly to: number;
  /** Router index for each dusun. */
  readonly routerOfDusun: (dusun: string) => number;
  readonly random: () => number;
  readonly timeZoneOffsetMs: number;
  readonly minAge: number;
  /** Numbers the MACs; continues across calls. */
  readonly macSerial: { next: number };
  /** Plans an operator moves some accounts to, with the share of accounts each gets (the rest follow the default). */
  readonly otherPlans?: ReadonlyArray<{ readonly name: string; readonly share: number }>;
}

/**
 * Registers `count` adult residents at their moments between `from` and `to`, each with one to three phones
 * bound through a login ticket, in time order (so the registrations' growth is real history).
 */
const CONCURRENT = 6;

export async function registerHistory(
  services: Services,
  clock: DemoClock,
  plan: RegistrationPlan,
): Promise<DemoAccount[]> {
  const eligible = plan.residents.filter(
    (r) => r.living && (ageOn(r.birthDate, plan.from) ?? 0) >= Math.max(plan.minAge, 18),
  );
  // Shuffled, seeded: who registers is spread over households and dusun.
  const shuffled = eligible
    .map((r) => ({ r, k: plan.random() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.r);
  const chosen = shuffled
    .slice(0, plan.count)
    .map((resident) => ({
      resident,
      at: registrationTime(plan.random, plan.from, plan.to, plan.timeZoneOffsetMs),
    }))
    .sort((a, b) => a.at - b.at);
  // A few at once, at the first one's moment: the PIN hashes and key operations overlap with the writes.
  const accounts: DemoAccount[] = [];
  const later: Array<{ account: DemoAccount; at: number; phone: number }> = [];
  const bind = async (account: DemoAccount, phone: number) => {
    const offer = await services.portal.tickets.offer(account.accountId, { label: `HP ${phone}` });
    if (offer.kind !== 'ticket') return;
    const mac = demoMac(plan.macSerial.next++);
    const bound = await services.radius.tickets.redeem(offer.username, mac);
    if (bound.kind !== 'bound') throw new Error(`demo device not bound: ${bound.reason}`);
    const home = plan.routerOfDusun(account.resident.dusun);
    account.devices.push({
      mac,
      username: bound.deviceUsername,
      routerIndex: plan.random() < 0.8 ? home : 0,
    });
  };
  for (let i = 0; i < chosen.length; i += CONCURRENT) {
    const group = chosen.slice(i, i + CONCURRENT);
    clock.pin(group[0]!.at);
    await Promise.all(
      group.map(async ({ resident, at }) => {
        const pin = newAcceptablePin({ nik: resident.nik, kk: resident.kk, birthDate: resident.birthDate });
        const outcome = await services.portal.registration.register({
          nik: resident.nik,
          kk: resident.kk,
          pin,
          pinRepeat: pin,
          consent: true,
          guardianConsent: false,
          noticeVersion: `${BUILTIN_NOTICE_VERSION}-id`,
        });
        if (outcome.kind !== 'active') throw new Error(`demo registration refused: ${outcome.kind}`);
        const account: DemoAccount = {
          resident,
          accountId: outcome.accountId,
          pin,
          registeredAt: at,
          devices: [],
        };
        accounts.push(account);
        await bind(account, 1);
        // Village staff and teachers: an operator puts them on their own plan at the office.
        let x = plan.random();
        for (const other of plan.otherPlans ?? []) {
          x -= other.share;
          if (x >= 0) continue;
          await services.accountLifecycle.setPlan(resident.nik, other.name, { actor: 'admin:demo-operator' });
          break;
        }
        // A second or third phone joins days later.
        const phones = plan.random() < 0.6 ? 1 : plan.random() < 0.8 ? 2 : 3;
        for (let p = 2; p <= phones; p++)
          later.push({ account, phone: p, at: Math.min(plan.to, at + plan.random() * 20 * DAY) });
      }),
    );
  }
  later.sort((a, b) => a.at - b.at);
  for (let i = 0; i < later.length; i += CONCURRENT) {
    const group = later.slice(i, i + CONCURRENT);
    clock.pin(group[0]!.at);
    await Promise.all(group.map((l) => bind(l.account, l.phone)));
  }
  clock.pin(undefined);
  return accounts;
}

/** How likely a phone is online at each local hour (evenings busiest, a morning bump, quiet nights). */
const HOURLY_WEIGHT = [
  1, 0.5, 0.3, 0.3, 0.6, 2, 4, 4, 3, 2.5, 2.5, 3, 4, 3.5, 3, 3.5, 5, 6, 8, 10, 10, 8, 5, 2.5,
] as const;
const WEIGHT_TOTAL = HOURLY_WEIGHT.reduce((a, b) => a + b, 0);

function pickHour(random: () => number): number {
  let x = random() * WEIGHT_TOTAL;
  for (let h = 0; h < 24; h++) {
    x -= HOURLY_WEIGHT[h]!;
    if (x <= 0) return h;
  }
  return 20;
}

export interface UsageHistoryPlan {
  readonly accounts: readonly DemoAccount[];
  /** routerIds[i]: the database id of the demo's i-th router. */
  readonly routerIds: readonly number[];
  /** History ends here (sessions that would run past it are left out). */
  readonly until: number;
  readonly days: number;
  readonly random: () => number;
  readonly timeZoneOffsetMs: number;
}

/**
 * Each phone's sessions, day by day since it was bound, sent to the accounting service at their past moments.
 * Returns the number of records.
 */
export async function bookUsageHistory(services: Services, plan: UsageHistoryPlan): Promise<number> {
  const accounting = services.radius.accounting;
  const firstDay = Math.floor((plan.until - plan.days * DAY + plan.timeZoneOffsetMs) / DAY);
  const lastDay = Math.floor((plan.until + plan.timeZoneOffsetMs) / DAY);
  const pending: Array<Promise<void>> = [];
  let records = 0;
  let serial = 0;
  const submit = (op: AccountingOp) => {
    records++;
    pending.push(accounting.submit(op));
  };
  for (let day = firstDay; day <= lastDay; day++) {
    const midnight = day * DAY - plan.timeZoneOffsetMs;
    // Fridays are a little busier, and the village got used to the Wi-Fi over the months.
    const weekday = new Date(day * DAY).getUTCDay();
    const habit =
      0.45 + 0.25 * ((day - firstDay) / Math.max(1, lastDay - firstDay)) + (weekday === 5 ? 0.08 : 0);
    for (const account of plan.accounts) {
      for (const device of account.devices) {
        if (account.registeredAt > midnight + DAY || plan.random() > habit) continue;
        const sessions = 1 + Math.floor(plan.random() * 2.6);
        for (let s = 0; s < sessions; s++) {
          // The hour is picked for the session's end: one Stop books all its bytes at that moment, so the
          // heat map's busy hours are the weights above (a start-hour pick shifted them later by up to 1.5 h).
          const end = Math.round(midnight + pickHour(plan.random) * HOUR + plan.random() * HOUR);
          const seconds = Math.round(600 + plan.random() * 5400);
          const start = end - seconds * 1000;
          if (start < account.registeredAt || end > plan.until) continue;
          // Mostly video and messaging: tens to hundreds of MB down, a sixth of that up.
          const down = Math.round(seconds * (4_000 + plan.random() * 50_000));
          const up = Math.round(down * (0.08 + plan.random() * 0.12));
          const routerIndex = plan.random() < 0.9 ? device.routerIndex : 0;
          // One Stop with the session's totals (a Stop without a Start opens and closes the session row):
          // the same books as Start, Interims and Stop, in a third of the records.
          submit({
            kind: 'record',
            record: {
              routerId: plan.routerIds[routerIndex]!,
              acctSessionId: `H${(serial++).toString(16).padStart(7, '0')}`,
              status: 'stop',
              at: end,
              username: device.username,
              mac: device.mac,
              framedIp: `10.5.${50 + routerIndex}.${10 + (serial % 240)}`,
              nasPort: null,
              className: null,
              deviceId: null,
              inputBytes: up,
              outputBytes: down,
              sessionTimeS: seconds,
              terminateCause: plan.random() < 0.7 ? 'Idle-Timeout' : 'User-Request',
            },
          });
        }
      }
    }
    // One day at a time in flight: the batcher groups them into a few transactions.
    await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  return records;
}

export interface HealthHistoryPlan {
  readonly routers: ReadonlyArray<{ id: number; name: string; board: string; version: string }>;
  readonly from: number;
  readonly until: number;
  readonly stepMs: number;
  readonly random: () => number;
}

/**
 * The agent's health polls over the past, every `stepMs`, each router answering as it did then: up, except a
 * few outages (a power cut of a few hours, a night the uplink dropped). Polls run through the health service,
 * so whatever it books (last contact, the uptime rollup) is booked as live polls book it.
 */
export async function pollHealthHistory(
  services: Services,
  clock: DemoClock,
  plan: HealthHistoryPlan,
): Promise<{ polls: number; outages: number }> {
  const outages = plan.routers.map(() => {
    const spans: Array<[number, number]> = [];
    const count = 2 + Math.floor(plan.random() * 4);
    for (let i = 0; i < count; i++) {
      const start = plan.from + plan.random() * (plan.until - plan.from - 12 * HOUR);
      spans.push([start, start + (1 + plan.random() * 7) * HOUR]);
    }
    return spans;
  });
  const byId = new Map(plan.routers.map((r, i) => [r.id, i] as const));
  const gateway: RouterGateway = {
    async readHealth(target) {
      const i = byId.get(target.id) ?? 0;
      const at = clock.now();
      if (outages[i]!.some(([a, b]) => at >= a && at < b))
        throw new RouterCallError('unreachable', 'tidak bisa dihubungi (riwayat demo)');
      const r = plan.routers[i]!;
      return {
        version: r.version,
        boardName: r.board,
        uptimeSeconds: undefined,
        cpuLoad: undefined,
        freeMemory: undefined,
        totalMemory: undefined,
      };
    },
    listActive: async () => [],
    provision: () => Promise.reject(new Error('not in the history')),
    pushUserProfiles: () => Promise.reject(new Error('not in the history')),
    removeActive: async () => {},
    close() {},
  };
  const work = services.routerWork({
    gateway,
    provisioning: {
      publicUrl: undefined,
      radiusAddress: undefined,
      radiusAuthPort: 0,
      radiusAcctPort: 0,
      coaPort: 0,
      pages: [],
    },
  });
  let polls = 0;
  for (let at = plan.from; at <= plan.until; at += plan.stepMs) {
    clock.pin(at);
    await work.health.pollAll();
    polls += plan.routers.length;
  }
  clock.pin(undefined);
  return { polls, outages: outages.reduce((n, o) => n + o.length, 0) };
}
