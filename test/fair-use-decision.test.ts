// The authorization decision with a plan's time window and daily step-down, on a fixed clock in WARGANET_TZ
// (Asia/Jakarta): refused outside the window with the next opening in Indonesian, Session-Timeout at the window's
// end (or the day's end, whichever is first) inside it, and the lower rate once the day's use passes the threshold.
import { describe, expect, it } from 'vitest';
import { type AuthorizeInput, authorize, type PlanFacts } from '../src/domain/authorize.js';

const TZ = 'Asia/Jakarta';
const MAC = 'AA:BB:CC:DD:EE:FF';
/** WIB wall time in the week of Monday 30 November 2026. */
const wib = (day: number, h: number, m = 0, s = 0) => Date.UTC(2026, 10, 30 + day, h - 7, m, s);

const plan = (p: Partial<PlanFacts> = {}): PlanFacts => ({
  id: 1,
  profile_name: 'sekolah',
  down_rate: 10_000_000,
  up_rate: 5_000_000,
  daily_quota_bytes: null,
  monthly_quota_bytes: null,
  devices_allowed: 5,
  session_timeout_s: null,
  idle_timeout_s: null,
  at_quota: 'cut',
  throttle_down_rate: null,
  throttle_up_rate: null,
  ...p,
});

const input = (now: number, p: Partial<PlanFacts>, usedTodayBytes = 0): AuthorizeInput => ({
  subject: {
    deviceId: 7,
    accountId: 3,
    mac: MAC,
    revoked: false,
    accountStatus: 'active',
    residentActive: true,
    plan: plan(p),
    otherActiveDevices: 0,
    usedTodayBytes,
    usedThisMonthBytes: usedTodayBytes,
  },
  credentialsOk: true,
  callingMac: MAC,
  now,
  timeZone: TZ,
  interimIntervalS: 300,
});

describe('a plan with a time window', () => {
  const school = { time_window: 'Sen-Jum 07:00-14:00' };

  it('refuses a login one second before the window opens, naming the next opening in Indonesian', () => {
    const d = authorize(input(wib(0, 6, 59, 59), school));
    expect(d).toEqual({
      decision: 'reject',
      reason: 'outside_window',
      message:
        'Paket Wi-Fi ini hanya aktif Sen-Jum 07.00-14.00 WIB. Bisa masuk lagi mulai pukul 07.00 WIB (Senin, 30-11-2026).',
    });
  });

  it('accepts at the opening and ends the session at the window end', () => {
    const d = authorize(input(wib(0, 7), school));
    expect(d.decision === 'accept' && d.grant.sessionTimeoutS).toBe(7 * 3600);
    const late = authorize(input(wib(0, 13, 59, 30), school));
    expect(late.decision === 'accept' && late.grant.sessionTimeoutS).toBe(30);
  });

  it('on Friday after 14:00 the next opening is Monday', () => {
    const d = authorize(input(wib(4, 14), school));
    expect(d.decision === 'reject' && d.message).toContain('07.00 WIB (Senin, 07-12-2026)');
  });

  it('a plan session timeout shorter than the window wins; the window wins over a longer one', () => {
    const short = authorize(input(wib(0, 7), { ...school, session_timeout_s: 3600 }));
    expect(short.decision === 'accept' && short.grant.sessionTimeoutS).toBe(3600);
    const long = authorize(input(wib(0, 12), { ...school, session_timeout_s: 6 * 3600 }));
    expect(long.decision === 'accept' && long.grant.sessionTimeoutS).toBe(2 * 3600);
  });

  it('a night window across midnight: the quota day ends the session at midnight before the window does', () => {
    const night = { time_window: '22:00-05:00', daily_quota_bytes: 5_000_000_000 };
    const d = authorize(input(wib(0, 23), night));
    expect(d.decision === 'accept' && d.grant.sessionTimeoutS).toBe(3600);
    const after = authorize(input(wib(1, 0, 30), night));
    expect(after.decision === 'accept' && after.grant.sessionTimeoutS).toBe(4.5 * 3600);
    const closed = authorize(input(wib(1, 5), night));
    expect(closed.decision === 'reject' && closed.message).toContain('22.00 WIB (Selasa, 01-12-2026)');
  });

  it('the window is checked after the credentials: a stranger learns nothing about the plan', () => {
    const d = authorize({ ...input(wib(0, 3), school), credentialsOk: false });
    expect(d.decision === 'reject' && d.reason).toBe('bad_credentials');
  });
});

describe('a plan that steps down after 1 GB of the day', () => {
  const stepDown = {
    step_down_bytes: 1_000_000_000,
    step_down_down_rate: 1_000_000,
    step_down_up_rate: 512_000,
  };

  it('gives full speed below the threshold, and ends the session at the day end so the next day starts fast', () => {
    const d = authorize(input(wib(0, 10), stepDown, 999_999_999));
    expect(d).toMatchObject({ decision: 'accept', reason: 'ok', grant: { rateLimit: '5M/10M' } });
    expect(d.decision === 'accept' && d.grant.sessionTimeoutS).toBe(14 * 3600);
  });

  it('gives the lower rate once the day passed the threshold', () => {
    const d = authorize(input(wib(0, 10), stepDown, 1_000_000_000));
    expect(d).toMatchObject({ decision: 'accept', reason: 'stepped_down', grant: { rateLimit: '512k/1M' } });
  });

  it('the quota still cuts (or throttles) at its end, over the step-down', () => {
    const withQuota = { ...stepDown, daily_quota_bytes: 2_000_000_000 };
    const d = authorize(input(wib(0, 10), withQuota, 1_500_000_000));
    expect(d).toMatchObject({ reason: 'stepped_down', grant: { totalLimitBytes: 500_000_000 } });
    expect(authorize(input(wib(0, 10), withQuota, 2_000_000_000)).decision).toBe('reject');
    const throttled = authorize(
      input(
        wib(0, 10),
        { ...withQuota, at_quota: 'throttle', throttle_down_rate: 256_000, throttle_up_rate: 128_000 },
        2_000_000_000,
      ),
    );
    expect(throttled).toMatchObject({ reason: 'throttled', grant: { rateLimit: '128k/256k' } });
  });
});
