// Reading the audit log: newest first, 50 a page, filtered by who (actor), what (action, or its prefix such as
// `admin.`) and a date range in the village's time zone. Writing happens only in the stores, with each change.
import { invalidInput } from '../errors.js';
import type { AuditEntry } from './audit.js';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  readonly actor?: string | undefined;
  /** An exact action (`plan.add`) or a prefix ending in a dot (`admin.`). */
  readonly action?: string | undefined;
  /** Epoch ms, inclusive. */
  readonly from?: number | undefined;
  /** Epoch ms, exclusive. */
  readonly to?: number | undefined;
}

export interface AuditRow extends AuditEntry {
  readonly id: number;
}

export interface AuditQueryStore {
  /** Newest first; `limit` rows after skipping `offset`. */
  queryAudit(filter: AuditFilter, offset: number, limit: number): Promise<AuditRow[]>;
}

export interface AuditLogDeps {
  readonly stores: { readonly audit: AuditQueryStore };
  readonly timeZone: string;
}

/** Midnight of a `YYYY-MM-DD` date in a time zone, as epoch ms. */
export function startOfDay(date: string, timeZone: string, field = 'date'): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw invalidInput('tanggal harus TTTT-BB-HH', field);
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== date)
    throw invalidInput('tanggal tidak ada', field);
  // The zone's offset at that moment (Indonesia has no daylight saving; this holds for zones that do, near enough).
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(utc);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asLocal = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return utc - (asLocal - utc);
}

export function createAuditLog(deps: AuditLogDeps) {
  return {
    /** One page (1-based) of entries; `more` says whether another page follows. */
    async page(input: {
      actor?: string;
      action?: string;
      fromDate?: string;
      toDate?: string;
      page?: number;
    }): Promise<{ rows: AuditRow[]; page: number; more: boolean }> {
      const page = Math.min(Math.max(1, Math.floor(input.page ?? 1) || 1), 10_000);
      const actor = input.actor?.trim().slice(0, 80) || undefined;
      const action = input.action?.trim().slice(0, 80) || undefined;
      const filter: AuditFilter = {
        actor,
        action,
        from: input.fromDate ? startOfDay(input.fromDate, deps.timeZone, 'from') : undefined,
        // The whole last day is included.
        to: input.toDate ? startOfDay(input.toDate, deps.timeZone, 'to') + 86_400_000 : undefined,
      };
      const rows = await deps.stores.audit.queryAudit(
        filter,
        (page - 1) * AUDIT_PAGE_SIZE,
        AUDIT_PAGE_SIZE + 1,
      );
      return { rows: rows.slice(0, AUDIT_PAGE_SIZE), page, more: rows.length > AUDIT_PAGE_SIZE };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
