// `npm run bench:radius`: the RADIUS server under load on loopback, as the issue asks. 10,000 devices; CHAP
// with Message-Authenticator, and accounting Start/Interim/Stop; 256 requests in flight; then a paced
// 1,000/s run. The server runs in a child process (its own core, its RSS measured alone), on SQLite with
// synchronous=FULL, every decision logged. Prints requests/s, p50/p99 latency, losses and RSS.
import { execFileSync, fork } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { Attr, Code } from '../radius/dictionary.js';
import { int, ip, type OutAttribute, str } from '../radius/packet.js';
import { chapResponse, encodeAccessRequest } from '../radius/signing.js';
import { Keyring } from '../src/services/keyring.js';
import { accountingRequest, macFor, seedManyDevices, seedPlan, seedRouter, secretFor, usernameFor } from '../test/support/radius-fixtures.js';

const DEVICES = 10_000;
const IN_FLIGHT = 256;
const SECRET = 'bench-secret-123';
const KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const AUTH_REQUESTS = Number(process.env.BENCH_AUTH ?? 100_000);
const ACCT_ROUNDS = Number(process.env.BENCH_ACCT_ROUNDS ?? 3);
const TIMEOUT_MS = 3000;

// --- the load generator -----------------------------------------------------------------------------------

interface RunResult {
  readonly name: string;
  readonly sent: number;
  readonly answered: number;
  readonly lost: number;
  readonly seconds: number;
  readonly latenciesMs: Float64Array;
  readonly codes: Map<number, number>;
}

type Resign = (pkt: Buffer) => void;

const secretBuf = Buffer.from(SECRET);
const ZERO16 = Buffer.alloc(16);

/** The identifier is rewritten per slot, and both signatures cover it: sign again after setting it. */
const resignAccess: Resign = (pkt) => {
  const ma = pkt.length - 16; // RouterOS puts Message-Authenticator last
  ZERO16.copy(pkt, ma);
  createHmac('md5', secretBuf).update(pkt).digest().copy(pkt, ma);
};
const resignAccounting: Resign = (pkt) => {
  ZERO16.copy(pkt, 4);
  createHash('md5').update(pkt).update(secretBuf).digest().copy(pkt, 4);
};

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Closed loop: `window` requests in flight, each slot sends its next packet when answered (or lost). */
async function closedLoop(
  name: string,
  port: number,
  packets: Buffer[],
  window: number,
  resign: Resign,
): Promise<RunResult> {
  const socket = createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  const latencies = new Float64Array(packets.length);
  const codes = new Map<number, number>();
  const sentAt = new Float64Array(256);
  const slotPacket = new Int32Array(256).fill(-1);
  let next = 0;
  let answered = 0;
  let lost = 0;
  const started = performance.now();
  return new Promise<RunResult>((resolve) => {
    const send = (slot: number) => {
      if (next >= packets.length) {
        slotPacket[slot] = -1;
        if (slotPacket.every((v) => v === -1)) finish();
        return;
      }
      const pkt = packets[next]!;
      pkt[1] = slot;
      resign(pkt);
      slotPacket[slot] = next++;
      sentAt[slot] = performance.now();
      socket.send(pkt, port, '127.0.0.1');
    };
    const sweep = setInterval(() => {
      const now = performance.now();
      for (let s = 0; s < window; s++) {
        if (slotPacket[s] !== -1 && now - sentAt[s]! > TIMEOUT_MS) {
          lost++;
          send(s);
        }
      }
    }, 100);
    socket.on('message', (msg) => {
      const slot = msg[1]!;
      const i = slotPacket[slot]!;
      if (i === -1) return;
      latencies[answered++] = performance.now() - sentAt[slot]!;
      codes.set(msg[0]!, (codes.get(msg[0]!) ?? 0) + 1);
      send(slot);
    });
    const finish = () => {
      clearInterval(sweep);
      socket.close();
      resolve({
        name,
        sent: packets.length,
        answered,
        lost,
        seconds: (performance.now() - started) / 1000,
        latenciesMs: latencies.slice(0, answered).sort(),
        codes,
      });
    };
    for (let s = 0; s < window; s++) send(s);
  });
}

/** Open loop at a fixed rate: one request every 1000/rate ms, whatever the answers do. */
async function paced(name: string, port: number, packets: Buffer[], rate: number, resign: Resign): Promise<RunResult> {
  const socket = createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  const latencies = new Float64Array(packets.length);
  const codes = new Map<number, number>();
  const sentAt = new Float64Array(256).fill(-1);
  let answered = 0;
  const started = performance.now();
  let next = 0;
  socket.on('message', (msg) => {
    const slot = msg[1]!;
    if (sentAt[slot]! < 0) return;
    latencies[answered++] = performance.now() - sentAt[slot]!;
    sentAt[slot] = -1;
    codes.set(msg[0]!, (codes.get(msg[0]!) ?? 0) + 1);
  });
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(packets.length, Math.floor(((performance.now() - started) / 1000) * rate));
      while (next < due) {
        const slot = next % 256;
        const pkt = packets[next++]!;
        pkt[1] = slot;
        resign(pkt);
        sentAt[slot] = performance.now();
        socket.send(pkt, port, '127.0.0.1');
      }
      if (next >= packets.length) {
        clearInterval(tick);
        setTimeout(resolve, TIMEOUT_MS);
      }
    }, 1);
  });
  socket.close();
  return {
    name,
    sent: packets.length,
    answered,
    lost: packets.length - answered,
    seconds: packets.length / rate,
    latenciesMs: latencies.slice(0, answered).sort(),
    codes,
  };
}

function chapRequests(count: number, offset: number): Buffer[] {
  const secret = Buffer.from(SECRET);
  return Array.from({ length: count }, (_, k) => {
    const i = (offset + k) % DEVICES;
    const challenge = randomBytes(16);
    const attributes: OutAttribute[] = [
      int(Attr.NasPortType, 19),
      str(Attr.CallingStationId, macFor(i)),
      str(Attr.CalledStationId, 'hotspot1'),
      str(Attr.UserName, usernameFor(i)),
      int(Attr.NasPort, 0x80100000 + k),
      str(Attr.AcctSessionId, (0x80100000 + k).toString(16)),
      ip(Attr.FramedIpAddress, '10.5.50.7'),
      [Attr.ChapChallenge, challenge],
      [Attr.ChapPassword, chapResponse(0x34, Buffer.from(secretFor(i)), challenge)],
      int(Attr.ServiceType, 1),
      str(Attr.NasIdentifier, 'bench'),
      ip(Attr.NasIpAddress, '127.0.0.1'),
    ];
    return encodeAccessRequest({
      code: Code.AccessRequest,
      identifier: 0,
      authenticator: randomBytes(16),
      attributes,
      secret,
      messageAuthenticator: 'last',
    });
  });
}

function accountingPhase(status: 'start' | 'interim' | 'stop', round: number): Buffer[] {
  return Array.from({ length: DEVICES }, (_, i) =>
    accountingRequest({
      status,
      secret: SECRET,
      sessionId: `8${round}${i.toString(16).padStart(6, '0')}`,
      userName: usernameFor(i),
      callingStationId: macFor(i),
      inputBytes: status === 'start' ? 0 : (status === 'interim' ? 1 : 2) * (5 * 2 ** 32 + i),
      outputBytes: status === 'start' ? 0 : (status === 'interim' ? 1 : 2) * (7 * 2 ** 32 + i),
      sessionTime: status === 'start' ? 0 : status === 'interim' ? 300 : 600,
    }),
  );
}

function report(r: RunResult, rss: number): string {
  const codes = [...r.codes].map(([c, n]) => `${Code.AccessAccept === c ? 'accept' : Code.AccessReject === c ? 'reject' : Code.AccountingResponse === c ? 'acct-resp' : c}=${n}`);
  return [
    r.name.padEnd(34),
    `${Math.round(r.answered / r.seconds)}/s`.padStart(9),
    `p50 ${percentile(r.latenciesMs, 50).toFixed(2)} ms`.padStart(14),
    `p99 ${percentile(r.latenciesMs, 99).toFixed(2)} ms`.padStart(14),
    `lost ${r.lost}`.padStart(9),
    `rss ${(rss / 2 ** 20).toFixed(0)} MB`.padStart(11),
    `  ${codes.join(' ')}`,
  ].join(' ');
}

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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warganet-bench-radius-'));
  const file = join(dir, 'warganet.db');
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  console.log(`bench:radius — ${DEVICES} devices, ${IN_FLIGHT} in flight, ${databaseUrl ? 'PostgreSQL' : 'SQLite (WAL, synchronous=FULL)'}`);
  const setup = openDatabase({ url: databaseUrl, sqliteFile: file });
  const migrated = await migrateToLatest(setup.db);
  if (migrated.error) throw new Error(migrated.error);
  const keyring = await Keyring.fromHex(KEY);
  if (databaseUrl) {
    for (const t of ['auth_log', 'usage_daily', 'sessions', 'devices', 'accounts', 'residents', 'routers', 'plans']) {
      await sql`delete from ${sql.table(t)}`.execute(setup.db);
    }
  }
  await seedRouter(setup.db, keyring, { nasIp: '127.0.0.1', secret: SECRET });
  const planId = await seedPlan(setup.db, { is_default: 1, daily_quota_bytes: 10 ** 15, devices_allowed: 3 });
  await seedManyDevices(setup.db, keyring, DEVICES, planId);
  await setup.close();

  const child = fork(compileServer(), [file, databaseUrl ?? '', KEY], {
    execArgv: process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
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

  const lines: string[] = [];
  await closedLoop('warm-up', ports.auth, chapRequests(5000, 0), IN_FLIGHT, resignAccess);
  const auth = await closedLoop(`auth CHAP+MA, ${IN_FLIGHT} in flight`, ports.auth, chapRequests(AUTH_REQUESTS, 0), IN_FLIGHT, resignAccess);
  lines.push(report(auth, await rssNow()));

  const acctResults: RunResult[] = [];
  for (let round = 0; round < ACCT_ROUNDS; round++) {
    for (const status of ['start', 'interim', 'stop'] as const) {
      acctResults.push(await closedLoop(`acct ${status}`, ports.acct, accountingPhase(status, round), IN_FLIGHT, resignAccounting));
    }
  }
  const acct = merge(`acct Start/Interim/Stop, ${IN_FLIGHT} in flight`, acctResults);
  lines.push(report(acct, await rssNow()));

  const pacedAuth = await paced('auth CHAP+MA at 1,000/s', ports.auth, chapRequests(5000, 50_000), 1000, resignAccess);
  lines.push(report(pacedAuth, await rssNow()));
  const pacedAcct = await paced('acct Interim at 1,000/s', ports.acct, accountingPhase('interim', 9).slice(0, 5000), 1000, resignAccounting);
  lines.push(report(pacedAcct, await rssNow()));
  clearInterval(rssTimer);
  if (process.env.BENCH_DEBUG) console.log(await ask('mem', 'mem'), process.cpuUsage());
  await ask('stop', 'stopped');

  // Everything was logged and stored: check it, as the answers alone do not prove it.
  const check = openDatabase({ url: databaseUrl, sqliteFile: file });
  const logged = await check.db.selectFrom('auth_log').select(sql<number>`cast(sum(count) as bigint)`.as('n')).executeTakeFirst();
  const stopped = await check.db.selectFrom('sessions').select(sql<number>`count(*)`.as('n')).where('state', '=', 'stopped').executeTakeFirst();
  const usage = await check.db.selectFrom('usage_daily').select(sql<number>`cast(sum(bytes_out) as bigint)`.as('n')).executeTakeFirst();
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
  rmSync(dir, { recursive: true, force: true });
}

function merge(name: string, results: RunResult[]): RunResult {
  const lat = new Float64Array(results.reduce((n, r) => n + r.latenciesMs.length, 0));
  let o = 0;
  const codes = new Map<number, number>();
  for (const r of results) {
    lat.set(r.latenciesMs, o);
    o += r.latenciesMs.length;
    for (const [c, n] of r.codes) codes.set(c, (codes.get(c) ?? 0) + n);
  }
  return {
    name,
    sent: results.reduce((n, r) => n + r.sent, 0),
    answered: results.reduce((n, r) => n + r.answered, 0),
    lost: results.reduce((n, r) => n + r.lost, 0),
    seconds: results.reduce((n, r) => n + r.seconds, 0),
    latenciesMs: lat.sort(),
    codes,
  };
}

await main();
