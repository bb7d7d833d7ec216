// What the portal tells a resident about their Wi-Fi: plan, speed, today's and this month's quota used and left,
// when each resets, their devices; and the RFC 8908 Captive Portal API answer for one device. Read-only. A phone
// is known by its NIK + PIN session, or by the address the router gave it (a live session's Framed-IP-Address
// equal to the request's source address); never by a MAC a browser names.
import { quotaDay, quotaMonth } from '../../domain/quota-day.js';
import type { PlanStore } from '../plans/plans.js';
import type { PortalDevice } from './registration.js';

export interface StatusAccount {
  readonly id: number;
  readonly status: string;
  readonly plan_id: number | null;
  readonly resident_active: boolean;
}

export interface StatusStore {
  /**
   * The account of the live (not revoked) device whose active session, updated since `since`, has this
   * Framed-IP-Address.
   */
  findAccountByClientIp(
    ip: string,
    since: number,
  ): Promise<(StatusAccount & { readonly device_id: number }) | undefined>;
  findStatusAccount(accountId: number): Promise<StatusAccount | undefined>;
  /** Bytes in + out of all the account's devices on the quota days `fromDay` to `toDay` (YYYY-MM-DD), inclusive. */
  usedOnDays(accountId: number, fromDay: string, toDay: string): Promise<number>;
  /** Live devices of the account, with last seen. */
  liveDevices(accountId: number): Promise<PortalDevice[]>;
}

export interface StatusView {
  readonly accountId: number;
  /** 'pending' | 'active' | 'suspended' */
  readonly accountStatus: string;
  readonly residentActive: boolean;
  readonly planName: string | null;
  readonly downRate: number | null;
  readonly upRate: number | null;
  readonly dailyQuota: number | null;
  readonly usedToday: number;
  readonly leftToday: number | null;
  /** When today's quota starts afresh (local midnight), epoch ms. */
  readonly resetsAt: number;
  /** The plan's monthly quota; it, the month's use and what is left are null when the plan has none. */
  readonly monthlyQuota: number | null;
  readonly usedThisMonth: number | null;
  readonly leftThisMonth: number | null;
  /** When this month's quota starts afresh (local midnight starting the 1st), epoch ms. */
  readonly monthResetsAt: number;
  /** What can be used now: the smaller of today's and this month's remainders; null without quotas. */
  readonly bytesLeft: number | null;
  readonly devicesAllowed: number | null;
  readonly devices: readonly PortalDevice[];
}

export interface CaptiveApiAnswer {
  readonly captive: boolean;
  readonly 'user-portal-url': string;
  readonly 'seconds-remaining'?: number;
  readonly 'bytes-remaining'?: number;
  readonly 'can-extend-session'?: boolean;
}

export function createPortalStatusService(deps: {
  stores: { status: StatusStore; plans: Pick<PlanStore, 'findById' | 'findDefault'> };
  now: () => number;
  timeZone: string;
  /** A session without an accounting update for this long is taken as gone. */
  staleAfterMs: number;
}) {
  const { status, plans } = deps.stores;

  async function view(account: StatusAccount): Promise<StatusView> {
    const now = deps.now();
    const day = quotaDay(now, deps.timeZone);
    const month = quotaMonth(now, deps.timeZone);
    const plan = account.plan_id === null ? await plans.findDefault() : await plans.findById(account.plan_id);
    const monthlyQuota = plan?.monthly_quota_bytes ?? null;
    const [used, usedThisMonth, devices] = await Promise.all([
      status.usedOnDays(account.id, day.day, day.day),
      // The month's sum is read only for a plan that has a monthly quota.
      monthlyQuota === null ? null : status.usedOnDays(account.id, month.firstDay, day.day),
      status.liveDevices(account.id),
    ]);
    const quota = plan?.daily_quota_bytes ?? null;
    const leftToday = quota === null ? null : Math.max(0, quota - used);
    const leftThisMonth =
      monthlyQuota === null || usedThisMonth === null ? null : Math.max(0, monthlyQuota - usedThisMonth);
    return {
      accountId: account.id,
      accountStatus: account.status,
      residentActive: account.resident_active,
      planName: plan?.name ?? null,
      downRate: plan?.down_rate ?? null,
      upRate: plan?.up_rate ?? null,
      dailyQuota: quota,
      usedToday: used,
      leftToday,
      resetsAt: day.end,
      monthlyQuota,
      usedThisMonth,
      leftThisMonth,
      monthResetsAt: month.end,
      bytesLeft:
        leftToday === null
          ? leftThisMonth
          : leftThisMonth === null
            ? leftToday
            : Math.min(leftToday, leftThisMonth),
      devicesAllowed: plan?.devices_allowed ?? null,
      devices,
    };
  }

  return {
    async forAccount(accountId: number): Promise<StatusView | undefined> {
      const account = await status.findStatusAccount(accountId);
      return account && view(account);
    },

    /** The status of the phone the router gave this address to, while its session is live. */
    async forClientIp(ip: string | undefined): Promise<StatusView | undefined> {
      if (!ip) return undefined;
      const account = await status.findAccountByClientIp(ip, deps.now() - deps.staleAfterMs);
      return account && view(account);
    },

    /**
     * RFC 8908 §5: captive unless the phone at this address is online; then the seconds until its quota period
     * ends and the bytes left, which are the smaller of the day's and the month's remainders (what RADIUS grants).
     */
    async captiveApi(clientIp: string | undefined, portalUrl: string): Promise<CaptiveApiAnswer> {
      const captive: CaptiveApiAnswer = { captive: true, 'user-portal-url': portalUrl };
      if (!clientIp) return captive;
      const now = deps.now();
      const account = await status.findAccountByClientIp(clientIp, now - deps.staleAfterMs);
      if (account?.status !== 'active' || !account.resident_active) return captive;
      const v = await view(account);
      // As RADIUS sets Session-Timeout: a month-only plan's session runs to the month's end.
      const until = v.dailyQuota === null && v.monthlyQuota !== null ? v.monthResetsAt : v.resetsAt;
      return {
        captive: false,
        'user-portal-url': portalUrl,
        'seconds-remaining': Math.max(0, Math.floor((until - now) / 1000)),
        ...(v.bytesLeft === null ? {} : { 'bytes-remaining': v.bytesLeft }),
        'can-extend-session': false,
      };
    },
  };
}

export type PortalStatusService = ReturnType<typeof createPortalStatusService>;
