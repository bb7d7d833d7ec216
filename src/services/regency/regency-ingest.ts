// POST /api/v1/ingest, the use case: a village node's signed payload of daily aggregates. In this order: the
// signature headers (clock skew, then the village's derived token, then the nonce, so a replay is refused before
// the body is even parsed), the wire schema and the personal-data check (422 with the path), the village of the
// payload against the token's, then each day by its computedAt: new (stored), later (replaced, atomically with
// its rows), the same (unchanged: a resend changes nothing) or older (stale: ignored).
import {
  INGEST_HEADERS,
  MAX_CLOCK_SKEW_S,
  personalDataIn,
  type RegencyDay,
  regencyPayloadSchema,
} from '../../domain/regency-payload.js';
import { verifyIngest } from './ingest-signature.js';
import type { DayToWrite, IngestStore } from './regency-ports.js';
import { villageToken } from './village-tokens.js';

export type DayStatus = 'stored' | 'replaced' | 'unchanged' | 'stale';

export type IngestOutcome =
  | { readonly ok: true; readonly days: ReadonlyArray<{ day: string; status: DayStatus }> }
  | {
      readonly ok: false;
      readonly status: 400 | 401 | 403 | 409 | 422;
      readonly code: string;
      readonly message: string;
      readonly path?: string;
    };

export interface IngestDeps {
  readonly store: IngestStore;
  /** WARGANET_REGENCY_TOKEN_SECRET: village tokens are derived from it. */
  readonly tokenSecret: string;
  readonly now: () => number;
}

const refuse = (status: 400 | 401 | 403 | 409 | 422, code: string, message: string, path?: string) =>
  ({ ok: false, status, code, message, ...(path ? { path } : {}) }) as const;

/** A zod issue path as `$.days[0].usage.totals.bytesDown`. */
function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : `${s}.${String(p)}`), '$');
}

export function createIngestService(deps: IngestDeps) {
  return {
    async ingest(header: (name: string) => string | undefined, body: string): Promise<IngestOutcome> {
      const village = header(INGEST_HEADERS.village) ?? '';
      const timestamp = header(INGEST_HEADERS.timestamp) ?? '';
      const nonce = header(INGEST_HEADERS.nonce) ?? '';
      const signature = header(INGEST_HEADERS.signature) ?? '';
      if (!/^\d{10}$/.test(village) || !/^\d{1,12}$/.test(timestamp) || !/^[\w-]{16,128}$/.test(nonce)) {
        return refuse(401, 'bad_signature_headers', 'Missing or malformed signature headers');
      }
      const ts = Number(timestamp);
      const now = deps.now();
      if (Math.abs(now / 1000 - ts) > MAX_CLOCK_SKEW_S) {
        return refuse(401, 'clock_skew', `Timestamp more than ${MAX_CLOCK_SKEW_S} s from the server clock`);
      }
      const record = await deps.store.village(village);
      if (!record?.tokenSalt)
        return refuse(401, 'unknown_village', 'Village not enrolled or its token revoked');
      const token = await villageToken(deps.tokenSecret, village, record.tokenSalt);
      if (!(await verifyIngest(token, ts, nonce, body, signature))) {
        return refuse(401, 'bad_signature', 'Signature does not match');
      }
      // Kept until a request with this timestamp could no longer pass the clock check anyway.
      if (!(await deps.store.rememberNonce(village, nonce, (ts + MAX_CLOCK_SKEW_S + 1) * 1000))) {
        return refuse(409, 'replay', 'This nonce was already used');
      }

      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return refuse(400, 'bad_json', 'Body is not JSON');
      }
      const parsed = regencyPayloadSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return refuse(
          422,
          'invalid_payload',
          issue?.message ?? 'Invalid payload',
          jsonPath(issue?.path ?? []),
        );
      }
      const personal = personalDataIn(parsed.data);
      if (personal.length > 0) {
        return refuse(
          422,
          'personal_data',
          'The payload holds something shaped like a NIK, KK or MAC',
          personal[0],
        );
      }
      const payload = parsed.data;
      if (payload.village !== village) {
        return refuse(403, 'wrong_village', "The payload's village is not the token's village", '$.village');
      }
      const twice = duplicateIn(payload.days);
      if (twice) return refuse(422, 'duplicate_key', 'A day, or a key within a day, appears twice', twice);

      const stored = await deps.store.storedDays(
        village,
        payload.days.map((d) => d.day),
      );
      const statuses: Array<{ day: string; status: DayStatus }> = [];
      const toWrite: DayToWrite[] = [];
      for (const day of payload.days) {
        const computedAtMs = Date.parse(day.computedAt);
        const before = stored.get(day.day);
        const status: DayStatus =
          before === undefined
            ? 'stored'
            : computedAtMs > before
              ? 'replaced'
              : computedAtMs === before
                ? 'unchanged'
                : 'stale';
        statuses.push({ day: day.day, status });
        if (status === 'stored' || status === 'replaced') toWrite.push({ day, computedAtMs });
      }
      if (toWrite.length > 0) {
        await deps.store.writeDays(village, toWrite, await newerCoverage(deps.store, village, toWrite), now);
      }
      return { ok: true, days: statuses };
    },
  };
}

/** The index of the first item whose key repeats an earlier one's, or -1. */
function repeatAt<T>(items: readonly T[], key: (t: T) => string): number {
  const seen = new Set<string>();
  return items.findIndex((t) => seen.size === seen.add(key(t)).size);
}

/** The path of the first repeated day, or repeated key within a day (each is a row's primary key here). */
function duplicateIn(days: readonly RegencyDay[]): string | undefined {
  const d = repeatAt(days, (x) => x.day);
  if (d >= 0) return `$.days[${d}].day`;
  for (const [i, day] of days.entries()) {
    const lists: Array<[string, readonly unknown[], (x: never) => string]> = [
      ['usage.byRouter', day.usage.byRouter, (r: { key: string }) => r.key],
      ['usage.byDusun', day.usage.byDusun, (r: { key: string }) => r.key],
      ['usage.byPlan', day.usage.byPlan, (r: { key: string }) => r.key],
      ['hourly', day.hourly, (h: { hour: number }) => String(h.hour)],
      ['uptime', day.uptime, (u: { router: string }) => u.router],
      [
        'coverage',
        day.coverage,
        (c: { dusun: string; rw: string; rt: string }) => `${c.dusun}\u0000${c.rw}\u0000${c.rt}`,
      ],
    ];
    for (const [path, items, key] of lists) {
      const j = repeatAt(items, key as (x: unknown) => string);
      if (j >= 0) return `$.days[${i}].${path}[${j}]`;
    }
  }
  return undefined;
}

/** The coverage of the latest day written, when it is not older than the snapshot kept. */
async function newerCoverage(store: IngestStore, village: string, days: readonly DayToWrite[]) {
  const latest = days.reduce<RegencyDay>((a, b) => (b.day.day > a.day ? b.day : a), days[0]!.day);
  const kept = await store.coverageDay(village);
  return kept === undefined || latest.day >= kept ? { day: latest.day, rows: latest.coverage } : undefined;
}

export type IngestService = ReturnType<typeof createIngestService>;
