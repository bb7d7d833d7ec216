// `npm run bench:worker`: the regency Worker in local workerd (Miniflare, the runtime `wrangler dev` uses) with a
// local D1, bundled as `wrangler deploy` bundles it. Two figures, each with D1 statements per request (the
// X-D1-Statements header) against D1's limits (1,000 per request; 50 on the free plan):
// 1. ingest of a year of one village's aggregates through POST /api/v1/ingest, in payloads of 31 days, then the
//    same year again (every day 'unchanged');
// 2. the regency pages and the JSON API over 300 villages × 365 days, seeded straight into D1 by SQL
//    (bench/worker-seed.ts, rollups included).
// Local D1 is SQLite in workerd on this machine: the times are indicative, not Cloudflare's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Miniflare } from 'miniflare';
import { INGEST_HEADERS, type RegencyDay } from '../src/domain/regency-payload.js';
import { newNonce, signIngest } from '../src/services/regency/ingest-signature.js';
import { DAYS, FIRST_DAY, migrations, ROOT, seedStatements } from './worker-seed.js';

const ADMIN = 'bench-admin-token-0123456789abcdef0123';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const VILLAGES = Number(process.env.BENCH_VILLAGES ?? 300);
const BASE = 'https://regency.bench';

const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function dayOf(date: string, i: number): RegencyDay {
  const f = (k: number) => ({
    bytesDown: 40_000_000 + k * 1000 + i,
    bytesUp: 4_000_000 + k,
    sessions: 120 + k,
    devices: 60 + (k % 7),
    residents: 45 + (k % 5),
  });
  return {
    day: date,
    final: true,
    computedAt: `${date}T17:05:00.000Z`,
    coverage: Array.from({ length: 30 }, (_, r) => ({
      dusun: `Dusun ${r % 4}`,
      rw: String(Math.floor(r / 8) + 1).padStart(3, '0'),
      rt: String(r + 1).padStart(3, '0'),
      residents: 90,
      registered: 40,
      households: 30,
      householdsConnected: 18,
    })),
    usage: {
      totals: f(0),
      byRouter: ['Balai Desa', 'Masjid', 'Sekolah', 'Polindes'].map((key, k) => ({ key, ...f(k) })),
      byDusun: ['Dusun 0', 'Dusun 1', 'Dusun 2', 'Dusun 3'].map((key, k) => ({ key, ...f(k) })),
      byPlan: ['Gratis', 'Sekolah'].map((key, k) => ({ key, ...f(k) })),
      monthToDate: { devices: 200, residents: 150 },
    },
    hourly: Array.from({ length: 24 }, (_, hour) => ({ hour, bytes: 1_000_000 + hour, sessions: 5 })),
    uptime: ['Balai Desa', 'Masjid', 'Sekolah', 'Polindes'].map((router) => ({
      router,
      upMs: 86_000_000,
      downMs: 400_000,
      peakSessions: 20,
    })),
    vouchers: { created: 5, used: 3, expired: 1, revenueRp: 15_000 },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const out = mkdtempSync(join(tmpdir(), 'warganet-bench-worker-'));
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' },
      stdio: 'ignore',
    });
    const mf = new Miniflare({
      modules: true,
      scriptPath: join(out, 'worker.js'),
      modulesRoot: out,
      compatibilityDate: '2026-04-20',
      d1Databases: { DB: 'bench' },
      d1Persist: join(out, 'd1'),
      bindings: {
        WARGANET_REGENCY_ADMIN_TOKEN: ADMIN,
        WARGANET_REGENCY_TOKEN_SECRET: 'bench-token-secret-0123456789abcdef0123456789',
        WARGANET_REGENCY_NAME: 'Kabupaten Bench',
        WARGANET_TZ: 'Asia/Jakarta',
      },
    });
    const db = await mf.getD1Database('DB');
    for (const s of migrations()) await db.prepare(s).run();
    const call = async (path: string, init?: RequestInit) => {
      const t = performance.now();
      const res = await mf.dispatchFetch(`${BASE}${path}`, init as never);
      const body = await res.arrayBuffer();
      return {
        ms: performance.now() - t,
        status: res.status,
        statements: Number(res.headers.get('x-d1-statements')),
        bytes: body.byteLength,
        res,
      };
    };

    // 1. A year of one village through the ingest endpoint.
    const code = '3523999001';
    const enrolled = await mf.dispatchFetch(`${BASE}/api/v1/villages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Desa Bench', kecamatan: 'Bench' }),
    });
    const { token } = (await enrolled.json()) as { token: string };
    const year = Array.from({ length: DAYS }, (_, i) => dayOf(addDays(FIRST_DAY, i), i));
    const send = async () => {
      const rows: Array<{ ms: number; statements: number }> = [];
      for (let i = 0; i < year.length; i += 31) {
        const body = JSON.stringify({ village: code, version: 1, days: year.slice(i, i + 31) });
        const ts = Math.floor(Date.now() / 1000);
        const nonce = newNonce();
        const r = await call('/api/v1/ingest', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [INGEST_HEADERS.village]: code,
            [INGEST_HEADERS.timestamp]: String(ts),
            [INGEST_HEADERS.nonce]: nonce,
            [INGEST_HEADERS.signature]: await signIngest(token, ts, nonce, body),
          },
          body,
        });
        if (r.status !== 200) throw new Error(`ingest ${r.status}`);
        rows.push(r);
      }
      return rows;
    };
    for (const [label, rows] of [
      ['ingest, first time', await send()],
      ['ingest, resend', await send()],
    ] as const) {
      const total = rows.reduce((s, r) => s + r.ms, 0);
      console.log(
        `${label}: ${DAYS} days in ${rows.length} requests of ≤31 days: ${total.toFixed(0)} ms in all, ` +
          `median ${median(rows.map((r) => r.ms)).toFixed(0)} ms/request, ` +
          `statements/request max ${Math.max(...rows.map((r) => r.statements))}`,
      );
    }

    // 2. 300 villages × 365 days, seeded by SQL (the same rows an ingest writes).
    const t0 = performance.now();
    const seed = seedStatements(VILLAGES, code);
    for (const s of seed) await db.prepare(s).run();
    const counts = await db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM villages) AS v, (SELECT COUNT(*) FROM village_days) AS d,
                (SELECT COUNT(*) FROM village_usage) AS u, (SELECT COUNT(*) FROM village_hourly) AS h`,
      )
      .first<{ v: number; d: number; u: number; h: number }>();
    console.log(
      `seeded ${counts?.v} villages, ${counts?.d} village-days, ${counts?.u} usage rows, ${counts?.h} hourly rows ` +
        `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const signIn = await mf.dispatchFetch(`${BASE}/masuk`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${ADMIN}`,
      redirect: 'manual',
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const auth = { authorization: `Bearer ${ADMIN}` };
    const targets: Array<[string, Record<string, string>]> = [
      ['/ringkasan?kind=month&at=2026-10', { cookie }],
      ['/ringkasan?kind=year&at=2026', { cookie }],
      ['/desa?kind=month&at=2026-10', { cookie }],
      ['/desa?kind=custom&at=2025-11-30&to=2026-11-28', { cookie }],
      ['/tidak-melapor', { cookie }],
      ['/bulanan?at=2026-10', { cookie }],
      ['/bulanan.pdf?at=2026-10', { cookie }],
      ['/ekspor/desa.xlsx?kind=month&at=2026-10', { cookie }],
      ['/api/v1/regency/usage?from=2025-11-30&to=2026-11-28&by=village', auth],
      ['/api/v1/regency/usage?from=2026-10-01&to=2026-10-31&by=kecamatan', auth],
      ['/api/v1/regency/usage?from=2025-11-30&to=2026-11-28&by=day', auth],
      ['/api/v1/regency/usage?from=2026-10-01&to=2026-10-31&by=router', auth],
      ['/api/v1/regency/coverage?by=dusun', auth],
    ];
    console.log(
      `\nregency pages over ${VILLAGES} villages × ${DAYS} days (kabupaten scope), ${RUNS} runs each:`,
    );
    for (const [path, headers] of targets) {
      await call(path, { headers }); // warm
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await call(path, { headers }));
      const bad = runs.find((r) => r.status !== 200);
      if (bad) throw new Error(`${path}: ${bad.status}`);
      console.log(
        `  ${path}: median ${median(runs.map((r) => r.ms)).toFixed(0)} ms, max ${Math.max(...runs.map((r) => r.ms)).toFixed(0)} ms, ` +
          `${runs[0]!.statements} D1 statements, ${(runs[0]!.bytes / 1024).toFixed(0)} KiB`,
      );
    }
    await mf.dispose();
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

await main();
