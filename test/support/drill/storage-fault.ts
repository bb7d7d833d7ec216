// What the storage drills share (full disk, read-only database): a server process on a prepared database with
// known devices and an admin token, a fault brought on while it runs, a NAS sending accounting through the fault
// and logins by MAC during it, then the fault cleared and the totals checked against what the NAS sent. Each
// drill only says how its fault comes and goes.
import { createSocket } from 'node:dgram';
import type { ExpectStatic } from 'vitest';
import { Code } from '../../../radius/dictionary.js';
import { cli } from '../cli.js';
import { accessRequest, macFor, seedManyDevices, seedPlan, testKeyring } from '../radius-fixtures.js';
import {
  type AccountingTotals,
  type DrillDatabase,
  prepareDrillDatabase,
  storedAccounting,
  withDatabase,
} from './accounting-check.js';
import { type AccountingNasReport, runAccountingNas } from './accounting-nas.js';
import { type ServerProcess, startServerProcess } from './server-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fault of the storage under the server: brought on while it runs, then taken away. */
export interface StorageFault {
  readonly target: DrillDatabase;
  cause(): Promise<void>;
  /** Takes the fault away; a fault that the server cannot outlive restarts it here (`server.restart`). */
  clear(server: ServerProcess): Promise<void>;
}

export interface StorageFaultResult {
  readonly healthBefore: number;
  readonly healthDuring: { status: number; body: Record<string, unknown> };
  readonly dashboardDuring: { status: number; storage: unknown };
  readonly authDuring: { sent: number; accepted: number };
  /** Accounting requests the server answered during the fault (each one was stored). */
  readonly answeredDuring: number;
  readonly requestsDuring: number;
  readonly healthAfter: { status: number; body: Record<string, unknown> };
  readonly dashboardAfter: { status: number; storage: unknown };
  /** From the fault's clearing to /healthz 200. */
  readonly secondsToRecover: number;
  readonly crashes: number;
  readonly nas: AccountingNasReport;
  readonly stored: AccountingTotals;
}

/** Every seeded device logs in by MAC once; how many were accepted within 5 s. */
export async function macLogins(
  port: number,
  devices: number,
  secret: string,
): Promise<{ sent: number; accepted: number }> {
  const socket = createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  let accepted = 0;
  const answered = new Set<number>();
  socket.on('message', (m) => {
    if (answered.has(m[1]!)) return;
    answered.add(m[1]!);
    if (m[0] === Code.AccessAccept) accepted++;
  });
  for (let i = 0; i < devices; i++) {
    const mac = macFor(i);
    socket.send(
      accessRequest({ id: i % 256, userName: mac, pap: '', callingStationId: mac, secret }),
      port,
      '127.0.0.1',
    );
  }
  for (let t = 0; t < 50 && answered.size < devices; t++) await sleep(100);
  socket.close();
  return { sent: devices, accepted };
}

/** The database with one router (this secret), `devices` known devices, and an admin's API token. */
async function prepare(target: DrillDatabase, secret: string, devices: number) {
  const [routerId] = await prepareDrillDatabase(target, [{ address: '127.0.0.1', secret }]);
  await withDatabase(target, async (db) => {
    const planId = await seedPlan(db, { is_default: 1, devices_allowed: 3, daily_quota_bytes: 10 ** 15 });
    await seedManyDevices(db, await testKeyring(), devices, planId);
  });
  const added = await cli(target, ['admin', 'add', 'kades', '--role', 'admin'], 'Sandi-Kades-2026\n');
  if (added.code !== 0) throw new Error(added.stderr);
  const tokenRun = await cli(target, ['admin', 'token', 'kades', '--json']);
  if (tokenRun.code !== 0) throw new Error(tokenRun.stderr);
  return { routerId: routerId!, token: (JSON.parse(tokenRun.stdout) as { token: string }).token };
}

export async function runStorageFaultDrill(
  fault: StorageFault,
  o: { secret: string; sessions: number; devices: number },
): Promise<StorageFaultResult> {
  const { routerId, token } = await prepare(fault.target, o.secret, o.devices);
  const server = await startServerProcess(fault.target);
  const base = `http://127.0.0.1:${server.httpPort}`;
  const health = async () => {
    const r = await fetch(`${base}/healthz`);
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const dashboard = async () => {
    const r = await fetch(`${base}/api/v1/dashboard`, { headers: { authorization: `Bearer ${token}` } });
    const body = r.status === 200 ? ((await r.json()) as { storage: unknown }) : { storage: undefined };
    return { status: r.status, storage: body.storage };
  };
  try {
    const healthBefore = (await health()).status;
    await fault.cause();
    const progress = { answered: 0, requests: 0 };
    const nas = runAccountingNas({
      port: server.acctPort,
      secret: o.secret,
      sessions: o.sessions,
      interims: 2,
      window: 16,
      retransmitMs: 300,
      progress,
    });
    let healthDuring = await health();
    for (let t = 0; t < 50 && healthDuring.status === 200; t++) {
      await sleep(100);
      healthDuring = await health();
    }
    const authDuring = await macLogins(server.authPort, o.devices, o.secret);
    // Long enough for several resends of every request in flight.
    await sleep(1500);
    const dashboardDuring = await dashboard();
    const answeredDuring = progress.answered;
    const requestsDuring = progress.requests;

    const clearedAt = performance.now();
    await fault.clear(server);
    let healthAfter = await health();
    for (let t = 0; t < 100 && healthAfter.status !== 200; t++) {
      await sleep(100);
      healthAfter = await health();
    }
    const secondsToRecover = (performance.now() - clearedAt) / 1000;
    const report = await nas;
    const dashboardAfter = await dashboard();
    await server.stop();
    return {
      healthBefore,
      healthDuring,
      dashboardDuring,
      authDuring,
      answeredDuring,
      requestsDuring,
      healthAfter,
      dashboardAfter,
      secondsToRecover,
      crashes: server.crashes,
      nas: report,
      stored: await storedAccounting(fault.target, routerId, report.expected),
    };
  } finally {
    await server.stop();
  }
}

/**
 * What both drills prove: no crash; /healthz and the dashboard name the problem during the fault (`message`
 * matches the English words); known devices keep signing in; no accounting acknowledged without being stored;
 * back afterwards with nothing the NAS sent lost.
 */
export function expectStorageFaultHandled(
  expect: ExpectStatic,
  r: StorageFaultResult,
  problem: { storage: string; message: RegExp },
): void {
  expect(r.crashes).toBe(0);
  expect(r.healthBefore).toBe(200);
  // Said plainly, on /healthz and on the dashboard.
  expect(r.healthDuring.status).toBe(503);
  expect(r.healthDuring.body.storage).toBe(problem.storage);
  expect(String(r.healthDuring.body.message)).toMatch(problem.message);
  expect(r.dashboardDuring.status).toBe(200);
  expect(r.dashboardDuring.storage).toMatchObject({ ok: false, problem: problem.storage });
  // Known devices keep signing in.
  expect(r.authDuring.accepted).toBe(r.authDuring.sent);
  // Nothing acknowledged without being stored: the first requests waited for the storage.
  expect(r.answeredDuring).toBe(0);
  expect(r.requestsDuring).toBeGreaterThan(0);
  // Back, and nothing lost.
  expect(r.healthAfter.status).toBe(200);
  expect(r.dashboardAfter.storage).toMatchObject({ ok: true });
  expect(r.nas.answered).toBe(r.nas.requests);
  expect(r.stored.wrongSessions).toEqual([]);
  expect(r.stored.sessions).toBe(r.nas.expected.sessions);
  expect(r.stored.usageSessions).toBe(r.nas.expected.sessions);
  expect(r.stored.usageBytesIn).toBe(r.nas.expected.inputBytes);
  expect(r.stored.usageBytesOut).toBe(r.nas.expected.outputBytes);
}
