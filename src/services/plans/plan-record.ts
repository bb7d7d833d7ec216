// A plan as the services speak of it: its stored settings, and what an operator may type to change them.

export type AtQuota = 'cut' | 'throttle';

/** Every setting of a plan, in the units RADIUS and RouterOS use (bits/s, bytes, seconds). */
export interface PlanFields {
  readonly name: string;
  readonly profile_name: string;
  readonly down_rate: number;
  readonly up_rate: number;
  readonly burst_down_rate: number | null;
  readonly burst_up_rate: number | null;
  readonly burst_threshold_down: number | null;
  readonly burst_threshold_up: number | null;
  readonly burst_time_s: number | null;
  readonly priority: number | null;
  readonly daily_quota_bytes: number | null;
  readonly monthly_quota_bytes: number | null;
  readonly devices_allowed: number;
  readonly session_timeout_s: number | null;
  readonly idle_timeout_s: number | null;
  readonly at_quota: AtQuota;
  readonly throttle_down_rate: number | null;
  readonly throttle_up_rate: number | null;
  /** Canonical window text (`Sen-Jum 07:00-14:00`) in the village's zone; null: any time. */
  readonly time_window: string | null;
  /** Full speed for this many bytes of the day, then the step-down rates; null: no step-down. */
  readonly step_down_bytes: number | null;
  readonly step_down_down_rate: number | null;
  readonly step_down_up_rate: number | null;
}

/**
 * A plan as typed: rates (`5M`), sizes (`2GB`), durations (`4h`), counts. On `set`, an absent field keeps its
 * value and `null` or `none` clears an optional one. Field names match the CLI options (`dailyQuota` ↔
 * `--daily-quota`), so a ServiceError's `field` points at the option or form field at fault.
 */
export interface PlanInput {
  readonly down?: string | undefined;
  readonly up?: string | undefined;
  readonly dailyQuota?: string | null | undefined;
  readonly monthlyQuota?: string | null | undefined;
  readonly devices?: string | number | undefined;
  readonly burstDown?: string | null | undefined;
  readonly burstUp?: string | null | undefined;
  readonly burstThresholdDown?: string | null | undefined;
  readonly burstThresholdUp?: string | null | undefined;
  readonly burstTime?: string | number | null | undefined;
  readonly priority?: string | number | null | undefined;
  readonly sessionTimeout?: string | null | undefined;
  readonly idleTimeout?: string | null | undefined;
  readonly atQuota?: string | undefined;
  readonly throttleDown?: string | null | undefined;
  readonly throttleUp?: string | null | undefined;
  /** `Sen-Jum 07:00-14:00`, `22:00-05:00`; `none` clears. */
  readonly window?: string | null | undefined;
  /** Bytes of the day at full speed (`1GB`); `none` clears the step-down. */
  readonly stepDownAfter?: string | null | undefined;
  readonly stepDownDown?: string | null | undefined;
  readonly stepDownUp?: string | null | undefined;
  readonly profile?: string | undefined;
  readonly default?: boolean | undefined;
}
