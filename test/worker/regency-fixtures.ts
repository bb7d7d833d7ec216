// Payloads and signed requests for the Worker's tests: one village's day of aggregates shaped as the node sends
// it, and the ingest request signed as the node signs it (src/services/regency/ingest-signature.ts).
import { exports } from 'cloudflare:workers';
import { INGEST_HEADERS, type RegencyDay, type RegencyPayload } from '../../src/domain/regency-payload.js';
import { newNonce, signIngest } from '../../src/services/regency/ingest-signature.js';

export const ADMIN = { authorization: 'Bearer test-admin-token-0123456789abcdef0123' };
export const BASE = 'https://regency.test';

export function fetchWorker(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

export async function enrol(
  code: string,
  name = `Desa ${code.slice(-3)}`,
  kecamatan = 'Kerek',
): Promise<string> {
  const res = await fetchWorker('/api/v1/villages', {
    method: 'POST',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify({ code, name, kecamatan }),
  });
  if (res.status !== 201) throw new Error(`enrol ${code}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export function day(
  date: string,
  o: { computedAt?: string; bytes?: number; devices?: number } = {},
): RegencyDay {
  const bytes = o.bytes ?? 1_000_000;
  const devices = o.devices ?? 12;
  const figures = { bytesDown: bytes, bytesUp: Math.floor(bytes / 10), sessions: 30, devices, residents: 9 };
  return {
    day: date,
    final: true,
    computedAt: o.computedAt ?? `${date}T17:05:00.000Z`,
    coverage: [
      {
        dusun: 'Krajan',
        rw: '001',
        rt: '001',
        residents: 40,
        registered: 20,
        households: 15,
        householdsConnected: 9,
      },
      {
        dusun: 'Krajan',
        rw: '001',
        rt: '002',
        residents: 3,
        registered: 2,
        households: 2,
        householdsConnected: 1,
      },
    ],
    usage: {
      totals: figures,
      byRouter: [
        { key: 'Balai Desa', ...figures, bytesDown: bytes - Math.floor(bytes / 10) },
        { key: 'Masjid', ...figures, bytesDown: Math.floor(bytes / 10), devices: 2, residents: 2 },
      ],
      byDusun: [{ key: 'Krajan', ...figures }],
      byPlan: [{ key: 'Gratis', ...figures }],
      monthToDate: { devices: devices + 5, residents: 14 },
    },
    hourly: [
      { hour: 8, bytes: Math.floor(bytes / 2), sessions: 10 },
      { hour: 19, bytes: bytes - Math.floor(bytes / 2), sessions: 20 },
    ],
    uptime: [{ router: 'Balai Desa', upMs: 86_000_000, downMs: 400_000, peakSessions: 7 }],
    vouchers: { created: 4, used: 2, expired: 1, revenueRp: 10_000 },
  };
}

export function payload(village: string, days: RegencyDay[]): RegencyPayload {
  return { village, version: 1, days };
}

export async function signedHeaders(
  token: string,
  village: string,
  body: string,
  o: { timestamp?: number; nonce?: string } = {},
): Promise<Record<string, string>> {
  const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
  const nonce = o.nonce ?? newNonce();
  return {
    'content-type': 'application/json',
    [INGEST_HEADERS.village]: village,
    [INGEST_HEADERS.timestamp]: String(ts),
    [INGEST_HEADERS.nonce]: nonce,
    [INGEST_HEADERS.signature]: await signIngest(token, ts, nonce, body),
  };
}

export async function ingest(
  token: string,
  village: string,
  body: unknown,
  o: { timestamp?: number; nonce?: string } = {},
): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return fetchWorker('/api/v1/ingest', {
    method: 'POST',
    headers: await signedHeaders(token, village, text, o),
    body: text,
  });
}
