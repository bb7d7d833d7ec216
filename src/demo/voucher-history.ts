// The demo village's guest vouchers: the batches an operator printed over the months (a weekly day pass sold at
// the village office, now and then a batch of 3-hour passes), each created through the voucher service with its
// clock moved back, and most of them used: a guest's first login is the RADIUS decision the voucher service takes
// for a MikroTik asking about that code, so the vouchers report fills as the live product fills it.
import type { Services } from '../compose.js';
import type { DemoClock } from './village-history.js';
import { demoMac } from './village-history.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface VoucherHistoryPlan {
  /** The plan guests get (it must exist). */
  readonly plan: string;
  readonly from: number;
  readonly to: number;
  readonly random: () => number;
  /** MAC serials for guests' phones, shared with the rest of the demo so no two phones share one. */
  readonly macSerial: { next: number };
}

export interface VoucherHistory {
  readonly batches: number;
  readonly created: number;
  readonly used: number;
  /** A voucher nobody has used yet, for a guest to try on the live hotspot. */
  readonly unused: string[];
}

const KINDS = [
  { validity: '1d', price: 5000, count: 20, note: 'Tiket harian tamu, dijual di balai desa' },
  { validity: '3h', price: 2000, count: 10, note: 'Tiket 3 jam untuk acara desa' },
] as const;

export async function voucherHistory(
  services: Services,
  clock: DemoClock,
  plan: VoucherHistoryPlan,
): Promise<VoucherHistory> {
  let batches = 0;
  let created = 0;
  let used = 0;
  let unused: string[] = [];
  // A day pass batch every week; a 3-hour batch every third week.
  for (let at = plan.from, week = 0; at < plan.to - DAY; at += 7 * DAY, week++) {
    for (const kind of week % 3 === 2 ? KINDS : KINDS.slice(0, 1)) {
      clock.pin(at + 9 * HOUR);
      const made = await services.vouchers.create(
        { plan: plan.plan, count: kind.count, validity: kind.validity, price: kind.price, note: kind.note },
        'demo-operator',
      );
      batches++;
      created += made.length;
      unused = [];
      for (const v of made) {
        // Most are sold and used within the week; the rest wait in the drawer.
        if (plan.random() > 0.8) {
          unused.push(v.code);
          continue;
        }
        const firstLogin = at + 9 * HOUR + plan.random() * 6 * DAY;
        if (firstLogin >= plan.to) {
          unused.push(v.code);
          continue;
        }
        clock.pin(firstLogin);
        const mac = demoMac(0x800000 + plan.macSerial.next++);
        const decision = await services.vouchers.authorize(v.code, mac, (p) => p === v.code);
        if (decision?.decision === 'accept') used++;
      }
    }
  }
  clock.pin(undefined);
  return { batches, created, used, unused };
}
