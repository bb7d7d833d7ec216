// `npm run bench:portal`: the captive portal under concurrent load on loopback. The HTTP app (portal mounted,
// SQLite in WAL with synchronous=FULL, one registered phone) runs in a child process on its own core; this
// process drives it over keep-alive connections. Measures requests/s and p50/p99 for the welcome page a phone
// gets from the hotspot, then GET /daftar while 64 connections post NIK + PIN with fresh NIKs (each a PBKDF2
// check, the decoy for an unknown NIK), then the transferred size of every page. (A known phone no longer gets a
// login page from `/`: only a NIK + PIN proven in the browser leads to one, with a one-time ticket.)
import { fork } from 'node:child_process';
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { HOTSPOT_PAGE_FILES } from '../captive-portal/hotspot-pages.js';
import { createCheckGate } from '../src/services/accounts/check-gate.js';
import { createPortalHarness, hotspotFields, hotspotQuery, PortalBrowser } from '../test/fixtures/portal.js';
import { makeNik } from '../test/fixtures/roster.js';
import { percentile, type Reply, send } from './http-load.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const KNOWN_MAC = '5C:1A:2B:00:99:01';
const UNKNOWN_MAC = '5C:1A:2B:00:99:02';
const PIN = '482915';
/** PIN checks kept in flight while GET /daftar is measured (finding 5: 64 pushed it past a second). */
const PIN_CHECKS = Number(process.env.BENCH_PIN_CHECKS ?? 64);

/** Child: the portal app on an ephemeral port, with one registered resident and phone. */
async function serveChild(): Promise<void> {
  // The PIN-check gate as WARGANET_PIN_CHECKS / WARGANET_PIN_QUEUE would set it (defaults 2 and 64).
  const pinGate = createCheckGate({
    concurrency: Number(process.env.WARGANET_PIN_CHECKS ?? 2),
    queue: Number(process.env.WARGANET_PIN_QUEUE ?? 64),
  });
  const h = await createPortalHarness('sqlite', { pinGate });
  const resident = await h.resident();
  const b = new PortalBrowser(h.app);
  await b.get(`/daftar?${hotspotQuery(KNOWN_MAC)}`);
  const done = await b.post('/daftar', {
    ...hotspotFields(KNOWN_MAC),
    nik: resident.nik,
    kk: resident.kk,
    pin: PIN,
    pin2: PIN,
    consent: '1',
    label: 'HP bench',
  });
  if (!done.body.includes('id="login"')) throw new Error('bench setup: registration failed');
  const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.send?.({ port: info.port, nik: resident.nik });
  });
  process.on('message', async (m: { cmd?: string }) => {
    if (m.cmd === 'rss') process.send?.({ rss: process.memoryUsage().rss });
    if (m.cmd === 'stop') {
      server.close();
      await h.close();
      process.exit(0);
    }
  });
}

async function load(name: string, port: number, path: string, seconds: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const r = await send(agent, port, path).catch(() => undefined);
      if (r?.status !== 200) errors++;
      latencies.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))]!;
  return {
    name,
    rps: latencies.length / elapsed,
    p50: pct(50),
    p99: pct(99),
    count: latencies.length,
    errors,
  };
}

/** GET /daftar, one connection, while `checks` connections post a wrong PIN for a fresh NIK each. */
async function daftarUnderPinChecks(port: number, seconds: number, checks: number) {
  const form = await send(new Agent(), port, '/perangkat');
  const cookie = String(form.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  const csrf = /name="csrf" value="([^"]+)"/.exec(form.body.toString())?.[1] ?? '';
  const posts = new Agent({ keepAlive: true, maxSockets: Math.max(1, checks) });
  const gets = new Agent({ keepAlive: true, maxSockets: 1 });
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let serial = 0;
  const end = performance.now() + seconds * 1000;
  const poster = async () => {
    while (performance.now() < end) {
      const nik = makeNik('1980-01-01', 1, (serial++ % 9000) + 1, String(352312 + Math.floor(serial / 9000)));
      const body = new URLSearchParams({ csrf, nik, pin: '730518' }).toString();
      const r = await send(posts, port, '/perangkat', { method: 'POST', cookie, body }).catch(
        () => undefined,
      );
      statuses.set(r?.status ?? 0, (statuses.get(r?.status ?? 0) ?? 0) + 1);
    }
  };
  const getter = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      await send(gets, port, `/daftar?${hotspotQuery(UNKNOWN_MAC)}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all([getter(), ...Array.from({ length: checks }, poster)]);
  posts.destroy();
  gets.destroy();
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    count: latencies.length,
    statuses,
  };
}

async function main() {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await new Promise<{ port: number; nik: string }>((resolve) =>
    child.once('message', (m) => resolve(m as { port: number; nik: string })),
  );
  const rss = () =>
    new Promise<number>((resolve) => {
      const on = (m: { rss?: number }) => {
        if (m.rss !== undefined) {
          child.off('message', on);
          resolve(m.rss);
        }
      };
      child.on('message', on);
      child.send({ cmd: 'rss' });
    });

  const welcome = `/?${hotspotQuery(UNKNOWN_MAC)}`;
  const agent = new Agent({ keepAlive: true });

  console.log(
    `bench:portal — ${CONNECTIONS} keep-alive connections, ${SECONDS} s per page, server in its own process`,
  );
  await load('warm-up', port, welcome, 1);
  const results = [await load('welcome (from hotspot)', port, welcome, SECONDS)];
  if (process.env.BENCH_CEILING)
    results.push(await load('ceiling: /api/captive', port, '/api/captive', SECONDS));
  console.log('page                            req/s     p50 ms   p99 ms   requests  errors');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(30)} ${r.rps.toFixed(0).padStart(7)}  ${r.p50.toFixed(2).padStart(7)}  ${r.p99.toFixed(2).padStart(7)}  ${String(r.count).padStart(9)}  ${String(r.errors).padStart(6)}`,
    );
  }
  console.log(`server RSS after load: ${((await rss()) / 1024 / 1024) | 0} MB`);

  const idle = await daftarUnderPinChecks(port, SECONDS, 0);
  const busy = await daftarUnderPinChecks(port, SECONDS, PIN_CHECKS);
  console.log(`\nGET /daftar (1 connection)            p50 ms   p99 ms   requests`);
  for (const [name, r] of [
    ['alone', idle],
    [`with ${PIN_CHECKS} PIN checks in flight`, busy],
  ] as const) {
    console.log(
      `${name.padEnd(36)} ${r.p50.toFixed(2).padStart(7)}  ${r.p99.toFixed(2).padStart(7)}  ${String(r.count).padStart(9)}`,
    );
  }
  const answered = [...busy.statuses].sort(([a], [b]) => a - b).map(([code, n]) => `${code}×${n}`);
  console.log(`PIN check answers while measured: ${answered.join(', ')}`);

  // Sizes: the portal sends no compressed bodies, so what travels is the body as is (gzip shown for reference).
  const form = await send(agent, port, `/daftar?${hotspotQuery(UNKNOWN_MAC)}`);
  const cookie = String(form.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  const csrf = /name="csrf" value="([^"]+)"/.exec(form.body.toString())?.[1] ?? '';
  const invalid = await send(agent, port, '/daftar', {
    method: 'POST',
    cookie,
    body: new URLSearchParams({
      ...hotspotFields(UNKNOWN_MAC),
      csrf,
      nik: '123',
      kk: '',
      pin: '1',
      pin2: '',
    }).toString(),
  });
  const pages: Array<[string, Reply]> = [
    ['welcome (from hotspot)', await send(agent, port, welcome)],
    ['welcome (direct)', await send(agent, port, '/')],
    ['register form', form],
    ['register form with errors', invalid],
    ['add-device form', await send(agent, port, `/perangkat?${hotspotQuery(UNKNOWN_MAC)}`)],
    ['status', await send(agent, port, `/status?${hotspotQuery(KNOWN_MAC)}`)],
    ['privacy notice', await send(agent, port, '/privasi')],
    ['not found', await send(agent, port, '/tidak-ada')],
    ['RFC 8908 API', await send(agent, port, `/api/captive?mac=${encodeURIComponent(KNOWN_MAC)}`)],
  ];
  for (const file of HOTSPOT_PAGE_FILES) {
    pages.push([`router ${file}`, await send(agent, port, `/hotspot/${file}`)]);
  }
  console.log('\npage                            status   body B  +headers B   gzip B   ≤14 KB');
  for (const [name, r] of pages) {
    const total = r.body.length + r.headerBytes;
    console.log(
      `${name.padEnd(30)} ${String(r.status).padStart(6)}  ${String(r.body.length).padStart(7)}  ${String(total).padStart(10)}  ${String(gzipSync(r.body).length).padStart(7)}   ${total <= 14 * 1024 ? 'yes' : 'NO'}`,
    );
  }
  agent.destroy();
  child.send({ cmd: 'stop' });
  await new Promise((resolve) => child.once('exit', resolve));
}

if (process.argv.includes('--serve')) await serveChild();
else await main();
