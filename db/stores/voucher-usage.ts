// A voucher's usage, kept on the voucher: what each accounting write adds to a session whose Class names a
// voucher (`warganet:v=<id>`) is added to that voucher in the same transaction. A retransmitted Interim adds
// nothing (its counters equal the stored ones), and deleting ended sessions later leaves the total as it is, so
// retention never hands a used-up quota back.
import { sql, type Transaction } from 'kysely';
import type { SessionState } from '../../src/domain/accounting-session.js';
import type { Database } from '../schema.js';

const VOUCHER_CLASS = /^warganet:v=(\d{1,12})$/;

interface Added {
  bytes: number;
  seconds: number;
  at: number;
}

/** The growth per voucher between the sessions as loaded and as written. */
export function voucherUsageDeltas(
  before: readonly SessionState[],
  after: readonly SessionState[],
): Map<number, Added> {
  const old = new Map(before.map((s) => [`${s.routerId}\u0000${s.acctSessionId}`, s]));
  const out = new Map<number, Added>();
  for (const s of after) {
    const m = VOUCHER_CLASS.exec(s.className ?? '');
    if (!m) continue;
    const was = old.get(`${s.routerId}\u0000${s.acctSessionId}`);
    // Counters only grow within a session; a smaller one (a router's reset) adds nothing rather than taking back.
    const bytes = Math.max(0, s.inputBytes + s.outputBytes - (was ? was.inputBytes + was.outputBytes : 0));
    const seconds = Math.max(0, s.sessionTimeS - (was?.sessionTimeS ?? 0));
    if (bytes === 0 && seconds === 0) continue;
    const id = Number(m[1]);
    const sum = out.get(id) ?? { bytes: 0, seconds: 0, at: 0 };
    out.set(id, {
      bytes: sum.bytes + bytes,
      seconds: sum.seconds + seconds,
      at: Math.max(sum.at, s.updatedAt),
    });
  }
  return out;
}

export async function addVoucherUsage(
  trx: Transaction<Database>,
  before: readonly SessionState[],
  after: readonly SessionState[],
): Promise<void> {
  for (const [id, add] of voucherUsageDeltas(before, after)) {
    const bytes = sql.lit(add.bytes);
    await sql`update vouchers set
        used_bytes = used_bytes + ${bytes},
        used_seconds = used_seconds + ${sql.lit(add.seconds)},
        used_up_at = case when used_up_at is null and quota_bytes is not null
          and used_bytes + ${bytes} >= quota_bytes then cast(${add.at} as bigint) else used_up_at end
      where id = ${id}`.execute(trx);
  }
}
