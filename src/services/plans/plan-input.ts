// Turns a typed plan (or a change to one) into checked plan fields. Rules that span fields are checked on the
// merged result, so `plan set --down 20M` cannot leave a burst rate below the new base rate.
import { parseDuration } from '../../domain/duration.js';
import { formatTimeWindow, parseTimeWindow } from '../../domain/time-window.js';
import { parseRate, parseSize } from '../../domain/units.js';
import { invalidInput } from '../errors.js';
import type { AtQuota, PlanFields, PlanInput } from './plan-record.js';

const NONE = /^(none|tanpa|-)$/i;
/** Devices per account when a plan does not say. */
export const DEFAULT_DEVICES_ALLOWED = 3;

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

type Nullable = string | number | null | undefined;

/** `undefined`: not given (keep); `null`: clear. */
function optional<T>(value: Nullable, parse: (text: string) => T): T | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || NONE.test(String(value).trim())) return null;
  return parse(String(value));
}

const rate = (field: string, label: string) => (text: string) => {
  const bps = parseRate(text);
  if (bps === undefined) throw invalidInput(`${label} tidak terbaca: "${text}" (contoh: 5M, 512k)`, field);
  return bps;
};

const size = (field: string, label: string) => (text: string) => {
  const bytes = parseSize(text);
  if (bytes === undefined)
    throw invalidInput(`${label} tidak terbaca: "${text}" (contoh: 2GB, 500MB)`, field);
  return bytes;
};

const duration = (field: string, label: string) => (text: string) => {
  const s = parseDuration(text);
  if (s === undefined)
    throw invalidInput(`${label} tidak terbaca: "${text}" (contoh: 30s, 15m, 4h, 1d)`, field);
  return s;
};

const integer = (field: string, label: string, min: number, max: number) => (text: string) => {
  const t = text.trim();
  const n = /^\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!(n >= min && n <= max)) throw invalidInput(`${label} harus bilangan bulat ${min}–${max}`, field);
  return n;
};

export function profileNameFor(planName: string): string {
  const slug = planName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `wn-${slug}`.slice(0, 63).replace(/-+$/, '');
}

/** The full plan after applying `input` to `current` (or to nothing, for a new plan). */
export function parsePlanChanges(
  input: PlanInput,
  current: PlanFields | undefined,
  name: string,
): PlanFields {
  const pick = <T>(given: T | null | undefined, kept: T | null): T | null =>
    given === undefined ? kept : given;

  const down = input.down === undefined ? undefined : rate('down', 'laju unduh')(input.down);
  const up = input.up === undefined ? undefined : rate('up', 'laju unggah')(input.up);
  const burstDown = optional(input.burstDown, rate('burstDown', 'laju burst unduh'));
  const burstUp = optional(input.burstUp, rate('burstUp', 'laju burst unggah'));
  const thresholdDown = optional(input.burstThresholdDown, rate('burstThresholdDown', 'ambang burst unduh'));
  const thresholdUp = optional(input.burstThresholdUp, rate('burstThresholdUp', 'ambang burst unggah'));
  const burstTime = optional(input.burstTime, (t) => {
    const s = duration('burstTime', 'waktu burst')(t);
    if (s > 3600) throw invalidInput('waktu burst paling lama 1 jam', 'burstTime');
    return s;
  });
  const priority = optional(input.priority, integer('priority', 'prioritas', 1, 8));
  const devices =
    input.devices === undefined
      ? undefined
      : integer('devices', 'jumlah perangkat', 1, 100)(String(input.devices));
  const daily = optional(input.dailyQuota, size('dailyQuota', 'kuota harian'));
  const monthly = optional(input.monthlyQuota, size('monthlyQuota', 'kuota bulanan'));
  const sessionTimeout = optional(input.sessionTimeout, duration('sessionTimeout', 'batas waktu sesi'));
  const idleTimeout = optional(input.idleTimeout, duration('idleTimeout', 'batas waktu diam'));
  const throttleDown = optional(input.throttleDown, rate('throttleDown', 'laju unduh setelah kuota habis'));
  const throttleUp = optional(input.throttleUp, rate('throttleUp', 'laju unggah setelah kuota habis'));
  const window = optional(input.window, (t) => {
    const r = parseTimeWindow(t);
    if (!r.ok) throw invalidInput(r.error, 'window');
    return formatTimeWindow(r.window);
  });
  const stepAfter = optional(input.stepDownAfter, size('stepDownAfter', 'batas kecepatan penuh harian'));
  const stepDown = optional(input.stepDownDown, rate('stepDownDown', 'laju unduh setelah ambang'));
  const stepUp = optional(input.stepDownUp, rate('stepDownUp', 'laju unggah setelah ambang'));
  let atQuota: AtQuota | undefined;
  if (input.atQuota !== undefined) {
    const a = input.atQuota.trim().toLowerCase();
    if (a !== 'cut' && a !== 'throttle') {
      throw invalidInput(
        'tindakan saat kuota habis harus "cut" (putus) atau "throttle" (diperlambat)',
        'atQuota',
      );
    }
    atQuota = a;
  }
  let profile: string | undefined;
  if (input.profile !== undefined) {
    profile = input.profile.trim();
    if (!PROFILE_NAME.test(profile)) {
      throw invalidInput(
        'nama profil hanya huruf, angka, titik, garis bawah dan tanda hubung (maks. 63)',
        'profile',
      );
    }
  }

  const merged = {
    name,
    profile_name: profile ?? current?.profile_name ?? profileNameFor(name),
    down_rate: down ?? current?.down_rate ?? 0,
    up_rate: up ?? current?.up_rate ?? 0,
    burst_down_rate: pick(burstDown, current?.burst_down_rate ?? null),
    burst_up_rate: pick(burstUp, current?.burst_up_rate ?? null),
    burst_threshold_down: pick(thresholdDown, current?.burst_threshold_down ?? null),
    burst_threshold_up: pick(thresholdUp, current?.burst_threshold_up ?? null),
    burst_time_s: pick(burstTime, current?.burst_time_s ?? null),
    priority: pick(priority, current?.priority ?? null),
    daily_quota_bytes: pick(daily, current?.daily_quota_bytes ?? null),
    monthly_quota_bytes: pick(monthly, current?.monthly_quota_bytes ?? null),
    devices_allowed: devices ?? current?.devices_allowed ?? DEFAULT_DEVICES_ALLOWED,
    session_timeout_s: pick(sessionTimeout, current?.session_timeout_s ?? null),
    idle_timeout_s: pick(idleTimeout, current?.idle_timeout_s ?? null),
    at_quota: atQuota ?? current?.at_quota ?? 'cut',
    throttle_down_rate: pick(throttleDown, current?.throttle_down_rate ?? null),
    throttle_up_rate: pick(throttleUp, current?.throttle_up_rate ?? null),
    time_window: pick(window, current?.time_window ?? null),
    step_down_bytes: pick(stepAfter, current?.step_down_bytes ?? null),
    step_down_down_rate: pick(stepDown, current?.step_down_down_rate ?? null),
    step_down_up_rate: pick(stepUp, current?.step_down_up_rate ?? null),
  } satisfies PlanFields;

  if (merged.profile_name === 'wn-') {
    throw invalidInput('nama paket tidak menghasilkan nama profil; sebutkan nama profil sendiri', 'profile');
  }
  return checkStepDown(checkBurst(checkThrottle(merged, input), input), input);
}

function checkStepDown(p: PlanFields, input: PlanInput): PlanFields {
  if (p.step_down_bytes === null) {
    // Clearing the threshold clears the step-down; rates without a threshold are a mistake.
    const stray = (['stepDownDown', 'stepDownUp'] as const).find(
      (f) => input[f] !== undefined && input[f] !== null && !NONE.test(String(input[f])),
    );
    if (stray) throw invalidInput('laju setelah ambang hanya berlaku bersama ambang kecepatan penuh', stray);
    return { ...p, step_down_down_rate: null, step_down_up_rate: null };
  }
  if (p.step_down_down_rate === null)
    throw invalidInput('sebutkan laju unduh setelah ambang (contoh: 1M)', 'stepDownDown');
  if (p.step_down_up_rate === null)
    throw invalidInput('sebutkan laju unggah setelah ambang (contoh: 512k)', 'stepDownUp');
  if (p.step_down_down_rate > p.down_rate || p.step_down_up_rate > p.up_rate)
    throw invalidInput('laju setelah ambang tidak boleh melebihi laju paket', 'stepDownDown');
  if (p.daily_quota_bytes !== null && p.step_down_bytes >= p.daily_quota_bytes)
    throw invalidInput('ambang kecepatan penuh harus di bawah kuota harian', 'stepDownAfter');
  return p;
}

function checkBurst(p: PlanFields, input: PlanInput): PlanFields {
  const hasDown = p.burst_down_rate !== null;
  const hasUp = p.burst_up_rate !== null;
  if (hasDown !== hasUp) {
    throw invalidInput(
      'laju burst harus diisi untuk unduh dan unggah sekaligus',
      hasDown ? 'burstUp' : 'burstDown',
    );
  }
  if (!hasDown) {
    // Thresholds and burst time mean nothing without burst rates: an explicit one is a mistake, a kept one goes.
    const stray = (['burstThresholdDown', 'burstThresholdUp', 'burstTime'] as const).find(
      (f) => input[f] !== undefined && input[f] !== null && !NONE.test(String(input[f])),
    );
    if (stray) throw invalidInput('ambang dan waktu burst hanya berlaku bersama laju burst', stray);
    return { ...p, burst_threshold_down: null, burst_threshold_up: null, burst_time_s: null };
  }
  if (p.burst_down_rate! <= p.down_rate) {
    throw invalidInput('laju burst unduh harus lebih besar dari laju unduh', 'burstDown');
  }
  if (p.burst_up_rate! <= p.up_rate) {
    throw invalidInput('laju burst unggah harus lebih besar dari laju unggah', 'burstUp');
  }
  return p;
}

function checkThrottle(p: PlanFields, input: PlanInput): PlanFields {
  if (p.at_quota === 'cut') {
    const stray = (['throttleDown', 'throttleUp'] as const).find(
      (f) => input[f] !== undefined && input[f] !== null && !NONE.test(String(input[f])),
    );
    if (stray)
      throw invalidInput(
        'laju setelah kuota habis hanya berlaku bila kuota habis diperlambat (throttle)',
        stray,
      );
    return { ...p, throttle_down_rate: null, throttle_up_rate: null };
  }
  if (p.throttle_down_rate === null) {
    throw invalidInput(
      'untuk throttle, sebutkan laju unduh setelah kuota habis (contoh: 512k)',
      'throttleDown',
    );
  }
  if (p.throttle_up_rate === null) {
    throw invalidInput(
      'untuk throttle, sebutkan laju unggah setelah kuota habis (contoh: 256k)',
      'throttleUp',
    );
  }
  if (p.throttle_down_rate > p.down_rate || p.throttle_up_rate > p.up_rate) {
    throw invalidInput('laju setelah kuota habis tidak boleh melebihi laju paket', 'throttleDown');
  }
  return p;
}
