// The MikroTik rate-limit string of a plan. RouterOS speaks from the router's side: rx is the client's upload,
// tx its download, so "5M down, 2M up" is `2M/5M`.
import { formatRate } from './units.js';

export interface PlanRates {
  readonly down_rate: number;
  readonly up_rate: number;
  readonly burst_down_rate?: number | null;
  readonly burst_up_rate?: number | null;
  readonly burst_threshold_down?: number | null;
  readonly burst_threshold_up?: number | null;
  readonly burst_time_s?: number | null;
  readonly priority?: number | null;
}

const pair = (up: number, down: number) => `${formatRate(up)}/${formatRate(down)}`;

// Asked on every accepted login; a plan record is read once and shared by many of them.
const memo = new WeakMap<PlanRates, string>();

export function rateLimitString(plan: PlanRates): string {
  let text = memo.get(plan);
  if (text === undefined) {
    text = compose(plan);
    memo.set(plan, text);
  }
  return text;
}

function compose(plan: PlanRates): string {
  const parts = [pair(plan.up_rate, plan.down_rate)];
  if (plan.burst_down_rate && plan.burst_up_rate) {
    parts.push(pair(plan.burst_up_rate, plan.burst_down_rate));
    // Without thresholds RouterOS uses the rates themselves; say so explicitly when more fields follow.
    parts.push(pair(plan.burst_threshold_up ?? plan.up_rate, plan.burst_threshold_down ?? plan.down_rate));
    const t = plan.burst_time_s ?? 1;
    parts.push(`${t}/${t}`);
    if (plan.priority) parts.push(String(plan.priority));
  } else if (plan.priority) {
    // Priority sits after the burst fields; zero bursts keep their meaning ("no burst").
    parts.push('0/0', '0/0', '0/0', String(plan.priority));
  }
  return parts.join(' ');
}
