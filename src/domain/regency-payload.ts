// What a village node sends the regency Worker: one village's aggregates for some days. Shared by both
// ends (the node builds it, the Worker validates it), so the wire shape is defined once. Aggregates only:
// the schema is strict (an unknown field is refused) and `personalDataIn` refuses anything shaped like a
// NIK, a KK number or a MAC in any string the payload carries.
import { z } from 'zod';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const count = z.number().int().nonnegative();
/** Free text the village chose (a dusun, a router, a plan): short, never personal. */
const label = z.string().min(1).max(80);

export const usageFiguresSchema = z
  .object({
    bytesDown: count,
    bytesUp: count,
    sessions: count,
    devices: count,
    residents: count,
  })
  .strict();

const keyedUsage = z.array(usageFiguresSchema.extend({ key: label }).strict()).max(2000);

export const coverageRowSchema = z
  .object({
    dusun: label,
    rw: z.string().max(8),
    rt: z.string().max(8),
    residents: count,
    registered: count,
    households: count,
    householdsConnected: count,
  })
  .strict();

export const regencyDaySchema = z
  .object({
    /** Local day in the village's WARGANET_TZ. */
    day: z.string().regex(DAY),
    /** false while the day is still running ("today so far"); a later send of the same day replaces it. */
    final: z.boolean(),
    /** When the node computed it (ISO 8601); of two sends of one day, the later `computedAt` wins. */
    computedAt: z.string().datetime({ offset: true }),
    /** Coverage by dusun × RW × RT as it stood when the day was computed. */
    coverage: z.array(coverageRowSchema).max(5000),
    usage: z
      .object({
        totals: usageFiguresSchema,
        byRouter: keyedUsage,
        byDusun: keyedUsage,
        byPlan: keyedUsage,
        /** Distinct devices and residents from the 1st of the day's month through this day, so that a
         *  month's distinct counts are exact at the regency (distinct counts do not add up over days). */
        monthToDate: z.object({ devices: count, residents: count }).strict(),
      })
      .strict(),
    /** Local hours 0–23 of this day (the weekday follows from `day`). */
    hourly: z
      .array(z.object({ hour: z.number().int().min(0).max(23), bytes: count, sessions: count }).strict())
      .max(24),
    uptime: z
      .array(z.object({ router: label, upMs: count, downMs: count, peakSessions: count }).strict())
      .max(2000),
    vouchers: z.object({ created: count, used: count, expired: count, revenueRp: count }).strict(),
  })
  .strict();

export const MAX_DAYS_PER_PAYLOAD = 31;

export const regencyPayloadSchema = z
  .object({
    /** Kode desa (Kemendagri), e.g. 3523082001; must match the enrolled village of the signing token. */
    village: z.string().regex(/^\d{10}$/),
    /** Payload format version. */
    version: z.literal(1),
    days: z.array(regencyDaySchema).min(1).max(MAX_DAYS_PER_PAYLOAD),
  })
  .strict();

export type UsageFiguresWire = z.infer<typeof usageFiguresSchema>;
export type CoverageRowWire = z.infer<typeof coverageRowSchema>;
export type RegencyDay = z.infer<typeof regencyDaySchema>;
export type RegencyPayload = z.infer<typeof regencyPayloadSchema>;

const NIK_OR_KK = /(?<!\d)\d{16}(?!\d)/;
const MAC = /(?<![0-9a-f])[0-9a-f]{2}([:-])(?:[0-9a-f]{2}\1){4}[0-9a-f]{2}(?![0-9a-f])/i;

/** Paths of strings that look personal (a 16-digit NIK/KK, a MAC); empty when the payload is clean. */
export function personalDataIn(value: unknown, path = '$'): string[] {
  if (typeof value === 'string') return NIK_OR_KK.test(value) || MAC.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => personalDataIn(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...personalDataIn(k, `${path}.<key>`),
      ...personalDataIn(v, `${path}.${k}`),
    ]);
  }
  return [];
}

// Signing. The node signs `${timestamp}.${nonce}.${body}` with HMAC-SHA-256 keyed by its village token
// (UTF-8), and sends these headers; the Worker refuses a timestamp more than MAX_CLOCK_SKEW_S away from its
// clock and a nonce it has seen within that window (a replay), before it parses the body.
export const INGEST_HEADERS = {
  village: 'x-warganet-village',
  timestamp: 'x-warganet-timestamp',
  nonce: 'x-warganet-nonce',
  signature: 'x-warganet-signature',
} as const;
export const MAX_CLOCK_SKEW_S = 300;

export function signingInput(timestampS: number, nonce: string, body: string): string {
  return `${timestampS}.${nonce}.${body}`;
}
