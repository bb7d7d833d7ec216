// The step-down watcher with fake ports: CoA first; a router that refuses CoA gets a Disconnect; one that
// answers neither is tried again at the next update; nothing happens below the threshold, for a stop, or for a
// session accepted already at the lower rate.
import { describe, expect, it } from 'vitest';
import type { AccountingRecord } from '../../domain/accounting-session.js';
import type { PlanFacts } from '../../domain/authorize.js';
import type { Keyring } from '../keyring.js';
import type { LiveSessionControl } from './live-sessions.js';
import type { Subject } from './radius-auth.js';
import { createStepDownWatcher, type StepDownOutcome } from './step-down.js';

const plan: PlanFacts = {
  id: 1,
  profile_name: 'hemat',
  down_rate: 10_000_000,
  up_rate: 5_000_000,
  daily_quota_bytes: null,
  monthly_quota_bytes: null,
  devices_allowed: 2,
  session_timeout_s: null,
  idle_timeout_s: null,
  at_quota: 'cut',
  throttle_down_rate: null,
  throttle_up_rate: null,
  step_down_bytes: 1000,
  step_down_down_rate: 1_000_000,
  step_down_up_rate: 512_000,
};

const record = (o: Partial<AccountingRecord> = {}): AccountingRecord => ({
  routerId: 1,
  acctSessionId: '80100001',
  status: 'interim',
  at: 0,
  username: 'wn-1',
  mac: 'AA:BB:CC:DD:EE:01',
  framedIp: '10.5.50.2',
  nasPort: null,
  className: 'warganet:d=7',
  deviceId: 7,
  inputBytes: 0,
  outputBytes: 0,
  sessionTimeS: 0,
  terminateCause: null,
  ...o,
});

function rig(used: number, answers: { coa: boolean; end: boolean }) {
  const calls: string[] = [];
  const outcomes: StepDownOutcome[] = [];
  const control: LiveSessionControl = {
    name: 'fake',
    async changeLimits(_t, limits) {
      calls.push(`coa ${limits.rateLimit} ${limits.group}`);
      return answers.coa;
    },
    async end() {
      calls.push('disconnect');
      return { ok: answers.end, via: 'fake', detail: '' };
    },
  };
  const subject = { facts: { deviceId: 7, plan, usedTodayBytes: used } } as unknown as Subject;
  const watcher = createStepDownWatcher({
    subjects: { lookup: async () => subject },
    plans: async () => ({ byId: new Map([[1, plan]]), defaultPlan: plan }),
    routerById: async () => ({ nasIp: '127.0.0.1', radiusSecretEnc: 'x' }),
    keyring: { decrypt: async () => 'rahasia' } as unknown as Keyring,
    control,
    now: () => 0,
    onResult: (o) => outcomes.push(o),
  });
  return { watcher, calls, outcomes };
}

describe('step-down watcher', () => {
  it('sends one CoA with the lower rate when the day passed the threshold', async () => {
    const r = rig(1000, { coa: true, end: true });
    r.watcher.observe(record());
    r.watcher.observe(record());
    await r.watcher.settled();
    r.watcher.observe(record());
    await r.watcher.settled();
    expect(r.calls).toEqual(['coa 512k/1M hemat']);
    expect(r.outcomes.map((o) => o.via)).toEqual(['coa']);
  });

  it('falls back to a Disconnect when the router refuses CoA', async () => {
    const r = rig(5000, { coa: false, end: true });
    r.watcher.observe(record());
    await r.watcher.settled();
    expect(r.calls).toEqual(['coa 512k/1M hemat', 'disconnect']);
    expect(r.outcomes.map((o) => o.via)).toEqual(['disconnect']);
  });

  it('tries again at the next update when the router answered neither way', async () => {
    const r = rig(5000, { coa: false, end: false });
    r.watcher.observe(record());
    await r.watcher.settled();
    r.watcher.observe(record());
    await r.watcher.settled();
    expect(r.outcomes.map((o) => o.via)).toEqual(['failed', 'failed']);
  });

  it('does nothing below the threshold, for a stop, or for a session accepted at the lower rate', async () => {
    const below = rig(999, { coa: true, end: true });
    below.watcher.observe(record());
    await below.watcher.settled();
    const r = rig(5000, { coa: true, end: true });
    r.watcher.observe(record({ status: 'stop' }));
    r.watcher.observe(record({ className: 'warganet:d=7:s' }));
    r.watcher.observe(record({ deviceId: null, className: 'warganet:i=3' }));
    await r.watcher.settled();
    expect([...below.calls, ...r.calls]).toEqual([]);
  });
});
