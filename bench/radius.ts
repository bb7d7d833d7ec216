// `npm run bench:radius`: the RADIUS server under load on loopback, as the issue asks. 10,000 devices; CHAP
// with Message-Authenticator, and accounting Start/Interim/Stop; 256 requests in flight; then a paced
// 1,000/s run. The server runs in a child process (its own core, its RSS measured alone), on SQLite with
// synchronous=FULL, every decision logged. Prints requests/s, p50/p99 latency, losses and RSS; then the same
// load against FreeRADIUS 3 + rlm_sql_sqlite when it is installed.
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { Keyring } from '../src/services/keyring.js';
import { seedManyDevices, seedPlan, seedRouter } from '../test/support/radius-fixtures.js';
import { runFreeradius } from './radius-freeradius.js';
import {
  accountingPhase,
  chapRequests,
  closedLoop,
  DEVICES,
  IN_FLIGHT,
  merge,
  paced,
  type RunResult,
  report,
  resignAccess,
  resignAccounting,
  SECRET,
} from './radius-load.js';

const KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const AUTH_REQUESTS = Number(process.env.BENCH_AUTH ?? 100_000);
const ACCT_ROUNDS = Number(process.env.BENCH_ACCT_ROUNDS ?? 3);
// V8 sizes its heap from the machine's RAM (24 GB here) and lets garbage pile up before collecting; on the 2 GB
// village box a capped heap is the setting to run the radius role with. Live data stays near 30 MB. These are
// the flags `npm start` runs the server with.
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=8 --max-old-space-size=128')
  .split(' ')
  .filter(Boolean);

/** Compiles bench/radius-server.ts (and what it imports) to plain JavaScript, as `npm start` runs it. */
function compileServer(): string {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = join(root, 'node_modules', '.cache', 'warganet-bench');
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      join(root, 'bench', 'radius-server.ts'),
      ...['--outDir', out, '--rootDir', root, '--module', 'nodenext', '--moduleResolution', 'nodenext'],
      ...['--target', 'es2022', '--skipLibCheck', '--types', 'node', '--noCheck'],
    ],
    { stdio: 'inherit' },
  );
  return join(out, 'bench', 'radius-server.js');
}

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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warganet-bench-radius-'));
  const file = join(dir, 'warganet.db');
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  console.log(
    `bench:radius — ${DEVICES} devices, ${IN_FLIGHT} in flight, ${databaseUrl ? 'PostgreSQL' : 'SQLite (WAL, synchronous=FULL)'}, server node ${NODE_FLAGS.join(' ') || '(default flags)'} MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '2'}`,
  );
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

  const child = fork(compileServer(), [file, databaseUrl ?? '', KEY], {
    execArgv: [...NODE_FLAGS],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // glibc's per-thread malloc arenas (libuv's crypto and file threads) add tens of MB of RSS for nothing.
    env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' },
  });
  const ask = <T>(cmd: string, key: string) =>
    new Promise<T>((resolve) => {
      const on = (m: Record<string, unknown>) => {
        if (key in m) {
          child.off('message', on);
          resolve(m[key] as T);
        }
      };
      child.on('message', on);
      if (cmd) child.send({ cmd });
    });
  const ports = await ask<{ auth: number; acct: number }>('', 'ports');
  if (process.env.BENCH_DEBUG) console.log('server at start', await ask('mem', 'mem'));
  let maxRss = 0;
  const rssTimer = setInterval(async () => {
    maxRss = Math.max(maxRss, await ask<number>('rss', 'rss'));
  }, 250);
  const rssNow = async () => {
    maxRss = Math.max(maxRss, await ask<number>('rss', 'rss'));
    return maxRss;
  };

  const profile = async <T>(phase: string, run: () => Promise<T>): Promise<T> => {
    if (!process.env.BENCH_PROF) return run();
    await ask(`prof-start:${phase}`, 'profiling');
    const result = await run();
    console.log('CPU profile:', await ask<string>(`prof-stop:${phase}`, 'profiled'));
    return result;
  };

  const lines: string[] = [];
  const cpuAtStart = hostCpu();
  await closedLoop('warm-up', ports.auth, chapRequests(5000, 0), IN_FLIGHT, resignAccess);
  const authPackets = chapRequests(AUTH_REQUESTS, 0);
  const auth = await profile('auth', () =>
    closedLoop(`auth CHAP+MA, ${IN_FLIGHT} in flight`, ports.auth, authPackets, IN_FLIGHT, resignAccess),
  );
  lines.push(report(auth, await rssNow()));

  const acctResults: RunResult[] = [];
  await profile('acct', async () => {
    for (let round = 0; round < ACCT_ROUNDS; round++) {
      for (const status of ['start', 'interim', 'stop'] as const) {
        const packets = accountingPhase(status, round);
        acctResults.push(
          await closedLoop(`acct ${status}`, ports.acct, packets, IN_FLIGHT, resignAccounting),
        );
      }
    }
  });
  const acct = merge(`acct Start/Interim/Stop, ${IN_FLIGHT} in flight`, acctResults);
  lines.push(report(acct, await rssNow()));

  const cpuAfterLoops = hostCpu();
  const loopStats = async (what: string) => {
    const l = await ask<{ p50: number; p99: number; max: number }>('loop', 'loop');
    if (process.env.BENCH_DEBUG)
      console.log(
        `event loop delay during ${what}: p50 ${l.p50.toFixed(1)} p99 ${l.p99.toFixed(1)} max ${l.max.toFixed(1)} ms`,
      );
  };
  await loopStats('the closed loops');
  const pacedAuth = await paced(
    'auth CHAP+MA at 1,000/s',
    ports.auth,
    chapRequests(5000, 50_000),
    1000,
    resignAccess,
  );
  lines.push(report(pacedAuth, await rssNow()));
  await loopStats('paced auth');
  const pacedAcct = await paced(
    'acct Interim at 1,000/s',
    ports.acct,
    accountingPhase('interim', 9).slice(0, 5000),
    1000,
    resignAccounting,
  );
  lines.push(report(pacedAcct, await rssNow()));
  await loopStats('paced accounting');
  clearInterval(rssTimer);
  if (process.env.BENCH_DEBUG) console.log(await ask('mem', 'mem'), process.cpuUsage());
  await ask('stop', 'stopped');

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
  const authSent = 5000 + AUTH_REQUESTS + 5000;
  console.log(`auth_log decisions recorded: ${Number(logged?.n)} of ${authSent} sent`);
  console.log(`sessions stopped: ${Number(stopped?.n)} of ${DEVICES * ACCT_ROUNDS}`);
  const expectedOut = ACCT_ROUNDS * (DEVICES * 2 * 7 * 2 ** 32 + 2 * ((DEVICES * (DEVICES - 1)) / 2));
  console.log(`usage_daily bytes out: ${Number(usage?.n)} (expected ≥ ${expectedOut})`);
  console.log(`server peak RSS: ${(maxRss / 2 ** 20).toFixed(0)} MB`);
  if (cpuAtStart && cpuAfterLoops) {
    // Time the hypervisor gave to other guests: when it is more than a percent or two, the tails above are
    // the host's as much as ours.
    const steal = cpuAfterLoops.steal - cpuAtStart.steal;
    const total = cpuAfterLoops.total - cpuAtStart.total;
    console.log(`host CPU steal during the closed loops: ${((100 * steal) / total).toFixed(1)} %`);
  }
  rmSync(dir, { recursive: true, force: true });

  if (process.env.BENCH_FREERADIUS === '0') return;
  const fr = await runFreeradius({ authRequests: AUTH_REQUESTS, acctRounds: ACCT_ROUNDS });
  if (!fr) {
    console.log('\nFreeRADIUS 3 is not installed (apt-get install freeradius): side-by-side run skipped.');
    return;
  }
  console.log('\nFreeRADIUS 3 + rlm_sql_sqlite (WAL), same devices, packets and load:');
  for (const l of fr.lines) console.log(l);
  const rate = (r: RunResult) => r.answered / r.seconds;
  console.log(
    `ratio Warganet / FreeRADIUS: auth ${(rate(auth) / rate(fr.auth)).toFixed(1)}×, accounting ${(rate(acct) / rate(fr.acct)).toFixed(1)}×`,
  );
}

await main();
