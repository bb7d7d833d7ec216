// `npm run bench:admin`: the admin web at regency size (bench/admin-data.ts: 300,000 residents, 500 routers, a
// year of sessions). The real server (src/server.ts, http role, SQLite) runs in a child process on its own core;
// 20 signed-in operators hammer the dashboard and the resident search (NIK, name prefix, dusun + RT, deep pages)
// back to back for a while (a stress figure: the server saturated), then at a person's pace (a click every
// BENCH_THINK_MS on average each; the target p99 ≤ 100 ms is for these), then the portal's welcome page alone and
// together with the operators: p50/p95/p99 and rates. Operations with an /api/v1 route go over HTTP with the session cookie; those without
// one yet are asked of the server process's services over IPC (said in the table). First, the query plans the
// search uses on this database are printed.
import { type ChildProcess, fork } from 'node:child_process';
import { Agent } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createStores } from '../db/stores/index.js';
import { openAppContext } from '../src/app-context.js';
import { createServices } from '../src/compose.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startServer } from '../src/server.js';
import { createDashboard } from '../src/services/dashboard/dashboard.js';
import { ServiceError } from '../src/services/errors.js';
import { Keyring } from '../src/services/keyring.js';
import type { ResidentFilterInput } from '../src/services/residents/resident-search.js';
import { hotspotQuery } from '../test/fixtures/portal.js';
import { planReader } from '../test/support/query-plans.js';
import { type AdminData, type AdminDataSample, prepareAdminData, touchUp } from './admin-data.js';
import { percentile, send } from './http-load.js';

const OPERATORS = Number(process.env.BENCH_OPERATORS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** A person's pause between clicks, on average (exponentially distributed), for the human-pace phase. */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const PORTAL_CONNECTIONS = Number(process.env.BENCH_PORTAL_CONNECTIONS ?? 20);
const TARGET_P99_MS = 100;
const USER = 'bench-operator';
const PASSWORD = 'bench-kata-sandi-123';
const WELCOME = `/?${hotspotQuery('5C:1A:2B:00:99:02')}`;

type SearchArgs = { filter: ResidentFilterInput; after?: string | undefined };
type IpcOp = { op: 'find'; args: SearchArgs } | { op: 'dashboard-fresh' };

/** Child: the real server over the bench database, and the services for operations without an API route. */
async function serveChild(): Promise<void> {
  const parsed = parseConfig({
    WARGANET_DATA_DIR: process.env.BENCH_DATA_DIR,
    WARGANET_SECRET_KEY: process.env.BENCH_SECRET_KEY,
    WARGANET_ROLES: 'http',
    // The configuration takes no port 0: a free one, found just before.
    WARGANET_HTTP_PORT: String(await freePort()),
    WARGANET_HTTP_HOST: '127.0.0.1',
    WARGANET_LOG_LEVEL: 'warn',
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const ctx = await openAppContext(parsed.config, createLogger('warn'));
  // The cached database keeps the users from the last run. An admin exists, so the first-admin gate is open.
  for (const [username, role] of [
    ['bench-admin', 'admin'],
    [USER, 'operator'],
  ] as const) {
    await ctx.services.admins.add({ username, role, password: PASSWORD }, 'cli').catch((error: unknown) => {
      if (!(error instanceof ServiceError && error.code === 'conflict')) throw error;
    });
  }
  // What one operator's request costs every few seconds, when the shared reading has expired.
  const fresh = createDashboard(
    { stores: createStores(ctx.database.db), now: Date.now, timeZone: parsed.config.timeZone },
    { maxAgeMs: 0 },
  );
  const server = await startServer(ctx);
  process.send?.({ port: server.httpPort });
  process.on('message', async (m: { cmd?: string; id?: number } & Partial<IpcOp>) => {
    if (m.cmd === 'stop') {
      await server.stop();
      await ctx.close();
      process.exit(0);
    }
    if (m.id === undefined) return;
    if (m.cmd === 'cpu') {
      const u = process.cpuUsage();
      process.send?.({ id: m.id, ok: true, cpuMs: (u.user + u.system) / 1000 });
      return;
    }
    try {
      if (m.op === 'dashboard-fresh') await fresh.summary();
      else if (m.op === 'find' && m.args)
        await ctx.services.residentSearch.find(m.args.filter, { after: m.args.after });
      process.send?.({ id: m.id, ok: true });
    } catch (error) {
      process.send?.({ id: m.id, ok: false, error: String(error) });
    }
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Requests to the child's services, matched to their answers by id. */
function ipcClient(child: ChildProcess) {
  let next = 0;
  const waiting = new Map<number, (m: { ok?: boolean; cpuMs?: number }) => void>();
  child.on('message', (m: { id?: number; ok?: boolean; error?: string; cpuMs?: number }) => {
    if (m.id === undefined) return;
    if (m.error) console.error(`  service error: ${m.error}`);
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  const ask = (message: object) =>
    new Promise<{ ok?: boolean; cpuMs?: number }>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      child.send({ id, ...message });
    });
  return {
    run: async (op: IpcOp) => (await ask(op)).ok === true,
    /** The server process's CPU time so far (ms): contention on a shared machine does not inflate it. */
    cpuMs: async () => (await ask({ cmd: 'cpu' })).cpuMs ?? Number.NaN,
  };
}

interface Operator {
  readonly agent: Agent;
  readonly cookie: string;
  /** The form token for this browser's CSRF cookie: API changes and POST searches carry it. */
  readonly csrf: string;
}

async function signIn(port: number): Promise<Operator> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const form = await send(agent, port, '/admin/masuk', { headers: { host: `127.0.0.1:${port}` } });
  const csrfCookie = cookiesOf(form.headers['set-cookie']);
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body.toString())?.[1] ?? '';
  const res = await send(agent, port, '/admin/masuk', {
    method: 'POST',
    cookie: csrfCookie,
    headers: { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` },
    body: new URLSearchParams({
      _csrf: token,
      username: USER,
      password: PASSWORD,
      next: '/admin',
    }).toString(),
  });
  if (res.status !== 303)
    throw new Error(`bench: sign-in failed (${res.status}): ${res.body.toString().slice(0, 300)}`);
  return { agent, cookie: `${csrfCookie}; ${cookiesOf(res.headers['set-cookie'])}`, csrf: token };
}

const cookiesOf = (header: string | string[] | undefined) =>
  [header ?? []]
    .flat()
    .map((c) => c.split(';')[0])
    .join('; ');

interface Kind {
  readonly name: string;
  /** 'http' through an /api/v1 route or page; 'ipc' the server's service, no route for it yet. */
  readonly via: 'http' | 'ipc';
  readonly weight: number;
  run(op: Operator, pick: <T>(xs: readonly T[]) => T): Promise<boolean>;
}

function operationKinds(
  port: number,
  sample: AdminDataSample,
  ipc: (op: IpcOp) => Promise<boolean>,
  residentsApi: boolean,
): Kind[] {
  const get = async (o: Operator, path: string) =>
    (await send(o.agent, port, path, { cookie: o.cookie, headers: { host: `127.0.0.1:${port}` } })).status ===
    200;
  const search = (args: SearchArgs) => async (o: Operator) => {
    if (!residentsApi) return ipc({ op: 'find', args });
    // A NIK never goes into a URL: the API takes it in a POST body.
    if (args.filter.nik !== undefined) {
      const res = await send(o.agent, port, '/api/v1/residents/search', {
        method: 'POST',
        cookie: o.cookie,
        headers: { host: `127.0.0.1:${port}`, 'x-csrf-token': o.csrf },
        contentType: 'application/json',
        body: JSON.stringify({ ...args.filter, after: args.after }),
      });
      return res.status === 200;
    }
    const q = new URLSearchParams(
      Object.entries({ ...args.filter, after: args.after }).filter(
        (e): e is [string, string] => e[1] !== undefined,
      ),
    );
    return get(o, `/api/v1/residents?${q}`);
  };
  const via = residentsApi ? 'http' : 'ipc';
  return [
    { name: 'dashboard API', via: 'http', weight: 3, run: (o) => get(o, '/api/v1/dashboard') },
    { name: 'dashboard page', via: 'http', weight: 1, run: (o) => get(o, '/admin') },
    { name: 'dashboard uncached', via: 'ipc', weight: 1, run: () => ipc({ op: 'dashboard-fresh' }) },
    {
      name: 'search NIK',
      via,
      weight: 3,
      run: (o, pick) => search({ filter: { nik: pick(sample.niks) } })(o),
    },
    {
      name: 'search name prefix',
      via,
      weight: 3,
      run: (o, pick) => search({ filter: { name: pick(sample.namePrefixes) } })(o),
    },
    {
      name: 'search dusun + RT',
      via,
      weight: 3,
      run: (o, pick) => search({ filter: { ...pick(sample.places) } })(o),
    },
    {
      name: 'search deep page',
      via,
      weight: 2,
      // A cursor anywhere in the name order: what page 500 of everyone (or of a dusun) is with keyset paging.
      run: (o, pick) => {
        const after = String(pick(sample.residentIds));
        return search(
          Math.random() < 0.5
            ? { filter: {}, after }
            : { filter: { dusun: pick(sample.places).dusun }, after },
        )(o);
      },
    },
    {
      name: 'search dusun + status',
      via,
      weight: 1,
      run: (o, pick) => search({ filter: { dusun: pick(sample.places).dusun, status: 'pending' } })(o),
    },
  ];
}

interface Measured {
  readonly latencies: Map<string, number[]>;
  readonly errors: Map<string, number>;
  readonly seconds: number;
}

async function operatorsLoad(
  operators: readonly Operator[],
  kinds: readonly Kind[],
  seconds: number,
  thinkMs = 0,
): Promise<Measured> {
  const latencies = new Map(kinds.map((k) => [k.name, [] as number[]]));
  const errors = new Map(kinds.map((k) => [k.name, 0]));
  const bag = kinds.flatMap((k) => Array.from({ length: k.weight }, () => k));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    operators.map(async (o) => {
      while (performance.now() < end) {
        const kind = pick(bag);
        const start = performance.now();
        const ok = await kind.run(o, pick).catch(() => false);
        latencies.get(kind.name)!.push(performance.now() - start);
        if (!ok) errors.set(kind.name, errors.get(kind.name)! + 1);
        if (thinkMs > 0) await new Promise((r) => setTimeout(r, -thinkMs * Math.log(1 - Math.random())));
      }
    }),
  );
  return { latencies, errors, seconds: (performance.now() - t0) / 1000 };
}

async function portalLoad(port: number, seconds: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: PORTAL_CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PORTAL_CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        const r = await send(agent, port, WELCOME).catch(() => undefined);
        if (r?.status !== 200) errors++;
        latencies.push(performance.now() - start);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}

/**
 * Each operation alone, one after another: its latency without queueing, and the server's CPU time per request,
 * which holds on a busy shared machine where wall-clock figures measure the neighbours.
 */
async function solo(o: Operator, kinds: readonly Kind[], cpuMs: () => Promise<number>) {
  const n = Number(process.env.BENCH_SOLO ?? 40);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  console.log(`\neach operation alone (${n} in a row, one operator)`);
  console.log('operation               via    p50 ms   p99 ms   server CPU ms/request');
  for (const k of kinds) {
    const before = await cpuMs();
    const l: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      await k.run(o, pick);
      l.push(performance.now() - start);
    }
    const cpu = ((await cpuMs()) - before) / n;
    l.sort((a, b) => a - b);
    console.log(
      `${k.name.padEnd(22)}  ${k.via.padEnd(4)} ${percentile(l, 50).toFixed(1).padStart(8)} ${percentile(l, 99).toFixed(1).padStart(8)}   ${cpu.toFixed(2).padStart(8)}`,
    );
  }
}

function report(title: string, m: Measured, kinds: readonly Kind[]): boolean {
  console.log(`\n${title}`);
  console.log('operation               via   requests    req/s    p50 ms   p95 ms   p99 ms  errors');
  let all: number[] = [];
  let errors = 0;
  for (const k of kinds) {
    const l = [...m.latencies.get(k.name)!].sort((a, b) => a - b);
    all = all.concat(l);
    errors += m.errors.get(k.name)!;
    console.log(row(k.name, k.via, l, m.seconds, m.errors.get(k.name)!));
  }
  all.sort((a, b) => a - b);
  console.log(row('all operations', '', all, m.seconds, errors));
  const p99 = percentile(all, 99);
  console.log(
    `p99 ${p99.toFixed(1)} ms: ${p99 <= TARGET_P99_MS ? 'within' : 'OVER'} the ${TARGET_P99_MS} ms target`,
  );
  return p99 <= TARGET_P99_MS;
}

function row(name: string, via: string, sorted: number[], seconds: number, errors: number): string {
  const f = (n: number) => n.toFixed(1).padStart(8);
  return [
    name.padEnd(22),
    via.padEnd(4),
    String(sorted.length).padStart(9),
    (sorted.length / seconds).toFixed(0).padStart(8),
    f(percentile(sorted, 50)),
    f(percentile(sorted, 95)),
    f(percentile(sorted, 99)),
    String(errors).padStart(7),
  ].join('  ');
}

/** The plans SQLite chooses for each search on this database: the index each walks, and any sort. */
async function printPlans(data: AdminData): Promise<void> {
  const plans = planReader('sqlite', { dir: data.dataDir });
  try {
    const search = createServices({
      stores: createStores(plans.db),
      keyring: await Keyring.fromHex(data.secretKeyHex),
      now: Date.now,
      villageCode: '35.23.12.2002',
      timeZone: 'Asia/Jakarta',
    }).residentSearch;
    const s = data.sample;
    const cases: Array<[string, ResidentFilterInput, string | undefined]> = [
      ['NIK', { nik: s.niks[0] }, undefined],
      ['name prefix', { name: s.namePrefixes[0] }, undefined],
      ['dusun + RT', { ...s.places[0]! }, undefined],
      ['deep page', {}, String(s.residentIds[s.residentIds.length >> 1])],
      ['dusun, deep page', { dusun: s.places[1]!.dusun }, String(s.residentIds[3])],
      ['dusun + status', { dusun: s.places[2]!.dusun, status: 'pending' }, undefined],
    ];
    console.log('\nquery plans on this database (SQLite):');
    for (const [name, filter, after] of cases) {
      plans.queries.length = 0;
      await search.find(filter, { after });
      for (const q of [...plans.queries]) {
        const plan = (await plans.explain(q)).split('\n').join(' | ');
        console.log(`  ${(name + (q.sql.startsWith('select count') ? ' (count)' : '')).padEnd(24)} ${plan}`);
      }
    }
  } finally {
    await plans.close();
  }
}

async function main() {
  console.log(
    `bench:admin — ${OPERATORS} operators, ${SECONDS} s a phase, server in its own process (SQLite)`,
  );
  const data = await prepareAdminData();
  console.log(
    `  ${Object.entries(data.sample.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  touchUp(data);
  await printPlans(data);

  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DATA_DIR: data.dataDir, BENCH_SECRET_KEY: data.secretKeyHex },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { port } = await new Promise<{ port: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { port: number }));
      child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    });
    const server = ipcClient(child);
    const ipc = server.run;
    // One after another: twenty sign-ins of one name at the same moment would be booked as guesses before the
    // first proves right, and the lock-out would (rightly) step in.
    const operators: Operator[] = [];
    for (let i = 0; i < OPERATORS; i++) operators.push(await signIn(port));
    const doc = JSON.parse((await send(operators[0]!.agent, port, '/api/v1/openapi.json')).body.toString());
    const residentsApi = Boolean(doc.paths?.['/api/v1/residents']?.get);
    const kinds = operationKinds(port, data.sample, ipc, residentsApi);

    await operatorsLoad(operators, kinds, 2); // warm-up: caches, prepared statements, JIT
    await solo(operators[0]!, kinds, server.cpuMs);
    const cpuBefore = await server.cpuMs();
    const aloneRun = await operatorsLoad(operators, kinds, SECONDS);
    const cpuPer = ((await server.cpuMs()) - cpuBefore) / [...aloneRun.latencies.values()].flat().length;
    report('operators alone', aloneRun, kinds);
    console.log(
      `server CPU per operator request: ${cpuPer.toFixed(2)} ms (a core serves ${(1000 / cpuPer).toFixed(0)}/s)`,
    );
    // The same operators at a person's pace: a click every THINK_MS on average each.
    const humanRun = await operatorsLoad(operators, kinds, Math.max(SECONDS, 20), THINK_MS);
    const human = report(
      `operators at a person's pace (a click every ~${THINK_MS} ms each)`,
      humanRun,
      kinds,
    );
    const portal = await portalLoad(port, SECONDS);
    const [together, portalBusy] = await Promise.all([
      operatorsLoad(operators, kinds, SECONDS),
      portalLoad(port, SECONDS),
    ]);
    report(`operators while ${PORTAL_CONNECTIONS} portal connections load the welcome page`, together, kinds);
    console.log('\nportal welcome page (GET / from the hotspot)   req/s   p50 ms   p99 ms  errors');
    for (const [name, r] of [
      ['alone', portal],
      [`with ${OPERATORS} operators`, portalBusy],
    ] as const) {
      console.log(
        `  ${name.padEnd(44)} ${r.rps.toFixed(0).padStart(6)}  ${r.p50.toFixed(1).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}  ${String(r.errors).padStart(6)}`,
      );
    }
    for (const o of operators) o.agent.destroy();
    // Back-to-back requests saturate the server on purpose (the figures above say how far); the target is for
    // people working at a person's pace.
    if (!human) process.exitCode = 1;
  } finally {
    if (child.connected) {
      child.send({ cmd: 'stop' });
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
}

if (process.argv.includes('--serve')) await serveChild();
else await main();
