// `npm run bench:radius`: the RADIUS server under load on loopback, as issue 15 asks. Warganet runs as
// `npm start` runs it (bin/start.js on the compiled dist/, EVERY role in one process — portal, admin, reports,
// agent, RADIUS — with package.json's `start` flags), on SQLite with synchronous=FULL, every decision logged.
// 10,000 devices; CHAP with Message-Authenticator, and accounting Start/Interim/Stop; 256 requests in flight;
// then a paced 1,000/s run. Then, in the same run, FreeRADIUS 3 with its users in `files` (in memory: the
// anchor) and with rlm_sql_sqlite, on the same devices, packets and load. Each server's CPU time per request
// answered is read from /proc/PID/stat (all threads, user + system) over the phase; peak RSS is the kernel's
// VmHWM of the whole process.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { Keyring } from '../src/services/keyring.js';
import { seedManyDevices, seedPlan, seedRouter } from '../test/support/radius-fixtures.js';
import { cpuPerRequest, peakRssOf, rssOf } from './proc-stat.js';
import { type FreeradiusResult, runFreeradius } from './radius-freeradius.js';
import {
  accountingPhase,
  chapRequests,
  closedLoop,
  DEVICES,
  IN_FLIGHT,
  merge,
  paced,
  percentile,
  type RunResult,
  report,
  resignAccess,
  resignAccounting,
  SECRET,
} from './radius-load.js';
import { ensureBuilt, gcSummary, startScript, startWarganet } from './radius-warganet.js';

const KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const AUTH_REQUESTS = Number(process.env.BENCH_AUTH ?? 100_000);
const ACCT_ROUNDS = Number(process.env.BENCH_ACCT_ROUNDS ?? 3);
const PACED = Number(process.env.BENCH_PACED ?? 20_000);
const PACED_ACCT = Number(process.env.BENCH_PACED_ACCT ?? 5000);
const START = startScript();
// The flags `npm start` runs the server with, unless BENCH_NODE_FLAGS says otherwise (BENCH_NODE_FLAGS_EXTRA
// adds to them: `--trace-gc` counts collections per phase, `--cpu-prof --cpu-prof-dir=DIR` profiles the run).
const NODE_FLAGS = [
  ...(process.env.BENCH_NODE_FLAGS === undefined ? START.flags : process.env.BENCH_NODE_FLAGS.split(' ')),
  ...(process.env.BENCH_NODE_FLAGS_EXTRA ?? '').split(' '),
].filter(Boolean);

/** Linux's CPU time counters (jiffies): all of it, and what the hypervisor took (steal). */
function hostCpu(): { total: number; steal: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'latin1')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

interface WarganetFigures {
  readonly auth: RunResult & { cpuUs: number };
  readonly acct: RunResult & { cpuUs: number };
  /** CPU per packet of the first round's Starts (each device's first packet: its first-seen rows) and the rest. */
  readonly acctFirstCpuUs: number;
  readonly acctRestCpuUs: number;
  /** Interim updates paced at 1,000/s (PACED_ACCT of them): latency and CPU at a steady, realistic load. */
  readonly pacedAcct: (RunResult & { cpuUs: number }) | undefined;
  readonly peakRss: number;
}

/** The Warganet phases against `warganet start` built from `root` (this checkout, or a baseline to compare). */
async function runWarganet(
  root: string,
  label: string,
  opts: { rollupsOff?: boolean } = {},
): Promise<WarganetFigures> {
  console.log(`\n${label} (${root}):`);
  const dir = mkdtempSync(join(tmpdir(), 'warganet-bench-radius-'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const file = join(dataDir, 'warganet.db');
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const env = {
    ...START.env,
    ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}),
    ...(opts.rollupsOff ? { WARGANET_BENCH_REPORT_ROLLUPS: 'off' } : {}),
  };
  console.log(
    `warganet start (all roles): node ${NODE_FLAGS.join(' ') || '(default flags)'} ${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  ensureBuilt(root);
  const setup = openDatabase({ url: databaseUrl, sqliteFile: file });
  const migrated = await migrateToLatest(setup.db);
  if (migrated.error) throw new Error(migrated.error);
  const keyring = await Keyring.fromHex(KEY);
  if (databaseUrl) {
    for (const t of [
      'auth_log',
      'usage_daily',
      'sessions',
      'devices',
      'accounts',
      'residents',
      'routers',
      'plans',
    ]) {
      await sql`delete from ${sql.table(t)}`.execute(setup.db);
    }
  }
  await seedRouter(setup.db, keyring, { nasIp: '127.0.0.1', secret: SECRET });
  const planId = await seedPlan(setup.db, { is_default: 1, daily_quota_bytes: 10 ** 15, devices_allowed: 3 });
  await seedManyDevices(setup.db, keyring, DEVICES, planId);
  await setup.close();

  const server = await startWarganet({
    root,
    dataDir,
    databaseUrl,
    secretKeyHex: KEY,
    flags: NODE_FLAGS,
    env,
  });
  const { pid } = server;
  const tracingGc = NODE_FLAGS.includes('--trace-gc');
  const gcDuring = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const from = server.gc.length;
    const result = await run();
    if (tracingGc) console.log(`GC during ${what}: ${gcSummary(server.gc.slice(from))}`);
    return result;
  };
  console.log(`warganet start: pid ${pid}, RSS after start ${(rssOf(pid) / 2 ** 20).toFixed(0)} MB`);

  const lines: string[] = [];
  const cpuAtStart = hostCpu();
  // Every device logs in once before anything is counted, as a village's morning does: a device's secret is
  // decrypted at its first login and remembered, as FreeRADIUS reads its users once at start.
  // Without the rollups only the accounting closed loops run: the auth path does not touch them.
  const authRequests = opts.rollupsOff ? 0 : AUTH_REQUESTS;
  const pacedRequests = opts.rollupsOff ? 0 : PACED;
  if (!opts.rollupsOff)
    await closedLoop('warm-up', server.authPort, chapRequests(DEVICES, 0), IN_FLIGHT, resignAccess);
  const authPackets = chapRequests(authRequests, 0);
  const auth = await gcDuring('auth closed loop', () =>
    cpuPerRequest(pid, () =>
      closedLoop(
        `auth CHAP+MA, ${IN_FLIGHT} in flight`,
        server.authPort,
        authPackets,
        IN_FLIGHT,
        resignAccess,
      ),
    ),
  );
  if (authRequests > 0) lines.push(report(auth, peakRssOf(pid), auth.cpuUs));

  // The steady 1,000/s next, before accounting has filled the sessions and rollups: the auth path's own tail.
  const pacedPackets = chapRequests(pacedRequests, 50_000);
  const pacedAuth = await gcDuring('paced auth', () =>
    cpuPerRequest(pid, () =>
      paced('auth CHAP+MA at 1,000/s', server.authPort, pacedPackets, 1000, resignAccess),
    ),
  );
  if (pacedRequests > 0) lines.push(report(pacedAuth, peakRssOf(pid), pacedAuth.cpuUs));
  const acctResults: RunResult[] = [];
  const phaseCpu = { first: [0, 0], rest: [0, 0] };
  const acct = await gcDuring('accounting closed loops', () =>
    cpuPerRequest(pid, async () => {
      for (let round = 0; round < ACCT_ROUNDS; round++) {
        for (const status of ['start', 'interim', 'stop'] as const) {
          const packets = accountingPhase(status, round);
          const phase = await cpuPerRequest(pid, () =>
            closedLoop(`acct ${status}`, server.acctPort, packets, IN_FLIGHT, resignAccounting),
          );
          const into = round === 0 && status === 'start' ? phaseCpu.first : phaseCpu.rest;
          into[0]! += phase.cpuUs * phase.answered;
          into[1]! += phase.answered;
          acctResults.push(phase);
        }
      }
      return merge(`acct Start/Interim/Stop, ${IN_FLIGHT} in flight`, acctResults);
    }),
  );
  const acctFirstCpuUs = phaseCpu.first[0]! / phaseCpu.first[1]!;
  const acctRestCpuUs = phaseCpu.rest[0]! / phaseCpu.rest[1]!;
  if (ACCT_ROUNDS > 0) {
    lines.push(report(acct, peakRssOf(pid), acct.cpuUs));
    lines.push(
      `  of which each device's first packet (round 0 Starts) ${acctFirstCpuUs.toFixed(0)} µs CPU, the other packets ${acctRestCpuUs.toFixed(0)} µs`,
    );
  }
  const cpuAfterLoops = hostCpu();

  // Run without the rollups too: the paced latency with and without them, side by side (main prints it).
  const pacedAcctCount = PACED_ACCT;
  const pacedAcct = await gcDuring('paced accounting', () =>
    cpuPerRequest(pid, () =>
      paced(
        'acct Interim at 1,000/s',
        server.acctPort,
        accountingPhase('interim', 9).slice(0, pacedAcctCount),
        1000,
        resignAccounting,
      ),
    ),
  );
  if (pacedAcctCount > 0) lines.push(report(pacedAcct, peakRssOf(pid), pacedAcct.cpuUs));
  const peakRss = peakRssOf(pid);
  await server.stop();

  // Everything was logged and stored: check it, as the answers alone do not prove it.
  const check = openDatabase({ url: databaseUrl, sqliteFile: file });
  const logged = await check.db
    .selectFrom('auth_log')
    .select(sql<number>`cast(sum(count) as bigint)`.as('n'))
    .executeTakeFirst();
  const stopped = await check.db
    .selectFrom('sessions')
    .select(sql<number>`count(*)`.as('n'))
    .where('state', '=', 'stopped')
    .executeTakeFirst();
  const usage = await check.db
    .selectFrom('usage_daily')
    .select(sql<number>`cast(sum(bytes_out) as bigint)`.as('n'))
    .executeTakeFirst();
  await check.close();

  console.log('');
  for (const l of lines) console.log(l);
  console.log('');
  const authSent = (opts.rollupsOff ? 0 : DEVICES) + authRequests + pacedRequests;
  console.log(`auth_log decisions recorded: ${Number(logged?.n)} of ${authSent} sent`);
  console.log(`sessions stopped: ${Number(stopped?.n)} of ${DEVICES * ACCT_ROUNDS}`);
  const expectedOut = ACCT_ROUNDS * (DEVICES * 2 * 7 * 2 ** 32 + 2 * ((DEVICES * (DEVICES - 1)) / 2));
  console.log(`usage_daily bytes out: ${Number(usage?.n)} (expected ≥ ${expectedOut})`);
  console.log(`warganet start peak RSS (VmHWM): ${(peakRss / 2 ** 20).toFixed(0)} MB`);
  if (cpuAtStart && cpuAfterLoops) {
    // Time the hypervisor gave to other guests: when it is more than a percent or two, the tails above are
    // the host's as much as ours.
    const steal = cpuAfterLoops.steal - cpuAtStart.steal;
    const total = cpuAfterLoops.total - cpuAtStart.total;
    console.log(`host CPU steal during the closed loops: ${((100 * steal) / total).toFixed(1)} %`);
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    auth,
    acct,
    acctFirstCpuUs,
    acctRestCpuUs,
    pacedAcct: pacedAcctCount > 0 ? pacedAcct : undefined,
    peakRss,
  };
}

/** A village's accounting rate at its peak: about 50 packets a second (issue 12's "nothing noticeable" load). */
const VILLAGE_ACCT_PER_S = 50;

/** What the rollups cost the accounting path: one server with them (`on`) against one without (`off`). */
function printRollupsCost(with_: WarganetFigures, off: WarganetFigures): void {
  const { acct, acctFirstCpuUs, acctRestCpuUs, pacedAcct, peakRss } = with_;
  const [on, without] = [acct.answered / acct.seconds, off.acct.answered / off.acct.seconds];
  console.log(
    `RADIUS accounting through the UDP server, ${IN_FLIGHT} in flight: with the reports' rollups ${Math.round(on)}/s (${acct.cpuUs.toFixed(0)} µs CPU a request), without ${Math.round(without)}/s (${off.acct.cpuUs.toFixed(0)} µs); the rollups cost ${(acct.cpuUs - off.acct.cpuUs).toFixed(1)} µs CPU a packet (${((1 / on - 1 / without) * 1e6).toFixed(1)} µs wall), ${((100 * (without - on)) / without).toFixed(1)} % of the accounting rate`,
  );
  // The wall rate also moves with the disk's fsync time and with how large the group commits grow; the CPU is
  // what the rollups themselves take. A device's first packet writes its first-seen rows (20 on a first day).
  console.log(
    `  CPU a packet with / without the rollups: ${acct.cpuUs.toFixed(0)} / ${off.acct.cpuUs.toFixed(0)} µs (${((100 * off.acct.cpuUs) / acct.cpuUs).toFixed(1)} % of the CPU-bound rate kept); each device's first packet ${acctFirstCpuUs.toFixed(0)} / ${off.acctFirstCpuUs.toFixed(0)} µs, the other packets ${acctRestCpuUs.toFixed(0)} / ${off.acctRestCpuUs.toFixed(0)} µs; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} / ${(off.peakRss / 2 ** 20).toFixed(0)} MB`,
  );
  // At a realistic load (paced, 20× a village's peak) the latency is what a NAS sees, and the CPU per packet is
  // the small-batch one: the rollups' share of a core at a village's 50 packets a second follows from it.
  const pacedOff = off.pacedAcct;
  if (pacedAcct && pacedOff) {
    const ms = (r: RunResult, p: number) => percentile(r.latenciesMs, p).toFixed(2);
    const share = (us: number) => `${((100 * us * VILLAGE_ACCT_PER_S) / 1e6).toFixed(2)} %`;
    console.log(
      `  paced Interim at 1,000/s, with / without the rollups: p50 ${ms(pacedAcct, 50)} / ${ms(pacedOff, 50)} ms, p99 ${ms(pacedAcct, 99)} / ${ms(pacedOff, 99)} ms; CPU ${pacedAcct.cpuUs.toFixed(0)} / ${pacedOff.cpuUs.toFixed(0)} µs a packet`,
    );
    console.log(
      `  at a village's ${VILLAGE_ACCT_PER_S} accounting packets a second the rollups take ${share(Math.max(0, pacedAcct.cpuUs - pacedOff.cpuUs))} of one core at paced batch sizes (${share(Math.max(0, acct.cpuUs - off.acct.cpuUs))} at the closed loops'); all of accounting ${share(pacedAcct.cpuUs)}`,
    );
  }
}

async function main(): Promise<void> {
  console.log(
    `bench:radius — ${DEVICES} devices, ${IN_FLIGHT} in flight, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'SQLite (WAL, synchronous=FULL)'}`,
  );
  const here = fileURLToPath(new URL('..', import.meta.url));
  // BENCH_BASELINE_ROOT: another checkout (its dist/ built, same migrations), run first: before/after in one run.
  const baselineRoot = process.env.BENCH_BASELINE_ROOT;
  const baseline = baselineRoot ? await runWarganet(baselineRoot, 'Warganet baseline') : undefined;
  const { auth, acct, acctFirstCpuUs, acctRestCpuUs, pacedAcct, peakRss } = await runWarganet(
    here,
    'Warganet',
  );
  // The same accounting closed loops through the same server with the reports' rollups left out: what they cost
  // the RADIUS accounting path per packet (BENCH_ROLLUPS_OFF=0 skips it). With a baseline, its own pair too.
  if (process.env.BENCH_ROLLUPS_OFF !== '0' && ACCT_ROUNDS > 0) {
    const without = "without the reports' rollups (accounting only)";
    const baselineOff = baselineRoot
      ? await runWarganet(baselineRoot, `Warganet baseline ${without}`, { rollupsOff: true })
      : undefined;
    const off = await runWarganet(here, `Warganet ${without}`, { rollupsOff: true });
    if (baseline && baselineOff) {
      console.log(`\nbaseline (${baselineRoot}):`);
      printRollupsCost(baseline, baselineOff);
      console.log(`\nthis checkout (${here}):`);
    } else console.log('');
    printRollupsCost({ auth, acct, acctFirstCpuUs, acctRestCpuUs, pacedAcct, peakRss }, off);
  }

  const rate = (r: RunResult) => r.answered / r.seconds;
  const row = (name: string, a: RunResult & { cpuUs: number }, b: RunResult & { cpuUs: number }) =>
    `  ${name.padEnd(28)} auth ${a.cpuUs.toFixed(0).padStart(4)} µs ${Math.round(rate(a)).toString().padStart(6)}/s p99 ${percentile(a.latenciesMs, 99).toFixed(1).padStart(5)} ms   acct ${b.cpuUs.toFixed(0).padStart(4)} µs ${Math.round(rate(b)).toString().padStart(6)}/s`;
  if (process.env.BENCH_FREERADIUS === '0') {
    if (baseline) {
      console.log('\nside by side (server CPU per request answered, from /proc/PID/stat; throughput; p99):');
      console.log(row('Warganet baseline', baseline.auth, baseline.acct));
      console.log(row('Warganet (warganet start)', auth, acct));
    }
    return;
  }
  const anchors: Array<[string, FreeradiusResult | undefined]> = [];
  for (const store of ['files', 'sql'] as const) {
    const fr = await runFreeradius({
      store,
      authRequests: AUTH_REQUESTS,
      acctRounds: ACCT_ROUNDS,
      paced: store === 'files' ? PACED : 0,
    });
    anchors.push([store, fr]);
    if (!fr) {
      console.log('\nFreeRADIUS 3 is not installed (apt-get install freeradius): side-by-side run skipped.');
      return;
    }
    console.log(
      `\nFreeRADIUS 3, users in ${store === 'files' ? '`files` (in memory), accounting to a detail file' : 'rlm_sql_sqlite (WAL), accounting and post-auth to SQL'}; same devices, packets and load:`,
    );
    for (const l of fr.lines) console.log(l);
  }
  console.log('\nside by side (server CPU per request answered, from /proc/PID/stat; throughput; p99):');
  if (baseline) console.log(row('Warganet baseline', baseline.auth, baseline.acct));
  console.log(row('Warganet (warganet start)', auth, acct));
  for (const [store, fr] of anchors) if (fr) console.log(row(`FreeRADIUS ${store}`, fr.auth, fr.acct));
  const files = anchors.find(([s]) => s === 'files')?.[1];
  if (files)
    console.log(
      `Warganet / FreeRADIUS files, CPU per auth: ${(auth.cpuUs / files.auth.cpuUs).toFixed(2)}× (target ≤ 1); peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (target ≤ 150)`,
    );
}

await main();
