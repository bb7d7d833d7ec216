// Drill 3: the disk fills up under the server. Simulated with a small tmpfs mounted for the data directory
// (needs root; `mount -t tmpfs` works here) filled to the last byte by a file, after the WAL was checkpointed
// and truncated so that SQLite has no spare space left in it. Known devices must keep authenticating; accounting
// must not be acknowledged while it cannot be stored; /healthz and the dashboard must say so; everything must
// recover by itself once the file is deleted, and the totals must equal what the NAS sent.
import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Code } from '../../../radius/dictionary.js';
import { cli } from '../cli.js';
import { accessRequest, macFor, seedManyDevices, seedPlan, testKeyring } from '../radius-fixtures.js';
import {
  type AccountingTotals,
  prepareDrillDatabase,
  storedAccounting,
  withDatabase,
} from './accounting-check.js';
import { type AccountingNasReport, runAccountingNas } from './accounting-nas.js';
import { startServerProcess } from './server-process.js';

const SECRET = 'drill-secret-3';

/** Whether this machine lets us mount a tmpfs (root, not in a restricted container). */
export function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(join(tmpdir(), 'warganet-mnt-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface FullDiskResult {
  readonly healthBefore: number;
  readonly healthFull: { status: number; body: Record<string, unknown> };
  readonly dashboardFull: { status: number; storage: unknown };
  readonly authWhileFull: { sent: number; accepted: number };
  /** Accounting requests the server answered while the disk was full (each one was stored). */
  readonly answeredWhileFull: number;
  readonly requestsWhileFull: number;
  readonly healthAfter: { status: number; body: Record<string, unknown> };
  readonly dashboardAfter: { status: number; storage: unknown };
  readonly secondsToRecover: number;
  readonly crashes: number;
  readonly nas: AccountingNasReport;
  readonly stored: AccountingTotals;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full. Now the last pages, a block at a time.
    const small = Buffer.alloc(512);
    try {
      for (;;) writeSync(fd, small);
    } catch {}
  } finally {
    closeSync(fd);
  }
}

/** Every seeded device logs in by MAC once; how many were accepted within 5 s. */
export async function macLogins(
  port: number,
  devices: number,
  secret = SECRET,
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

export async function runFullDiskDrill(o: {
  sizeMb: number;
  sessions: number;
  devices: number;
}): Promise<FullDiskResult> {
  const mount = mkdtempSync(join(tmpdir(), 'warganet-fulldisk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${o.sizeMb}m`, 'tmpfs', mount]);
  const dataDir = join(mount, 'data');
  mkdirSync(dataDir);
  const target = { dataDir };
  try {
    const [routerId] = await prepareDrillDatabase(target, [{ address: '127.0.0.1', secret: SECRET }]);
    await withDatabase(target, async (db) => {
      const planId = await seedPlan(db, { is_default: 1, devices_allowed: 3, daily_quota_bytes: 10 ** 15 });
      await seedManyDevices(db, await testKeyring(), o.devices, planId);
    });
    const env = { dataDir };
    const added = await cli(env, ['admin', 'add', 'kades', '--role', 'admin'], 'Sandi-Kades-2026\n');
    if (added.code !== 0) throw new Error(added.stderr);
    const tokenRun = await cli(env, ['admin', 'token', 'kades', '--json']);
    if (tokenRun.code !== 0) throw new Error(tokenRun.stderr);
    const token = (JSON.parse(tokenRun.stdout) as { token: string }).token;

    const server = await startServerProcess({ dataDir });
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
      // No spare room in the WAL: every write from now on needs new space on the disk.
      const side = new Sqlite(join(dataDir, 'warganet.db'));
      side.pragma('wal_checkpoint(TRUNCATE)');
      side.close();
      const filler = join(mount, 'filler');
      fillDisk(filler);

      const progress = { answered: 0, requests: 0 };
      const nas = runAccountingNas({
        port: server.acctPort,
        secret: SECRET,
        sessions: o.sessions,
        interims: 2,
        window: 16,
        retransmitMs: 300,
        progress,
      });
      let healthFull = await health();
      for (let t = 0; t < 50 && healthFull.status === 200; t++) {
        await sleep(100);
        healthFull = await health();
      }
      const authWhileFull = await macLogins(server.authPort, o.devices);
      // Long enough for several resends of every request in flight.
      await sleep(1500);
      const dashboardFull = await dashboard();
      const answeredWhileFull = progress.answered;
      const requestsWhileFull = progress.requests;

      rmSync(filler);
      const freedAt = performance.now();
      let healthAfter = await health();
      for (let t = 0; t < 100 && healthAfter.status !== 200; t++) {
        await sleep(100);
        healthAfter = await health();
      }
      const secondsToRecover = (performance.now() - freedAt) / 1000;
      const report = await nas;
      const dashboardAfter = await dashboard();
      await server.stop();
      const stored = await storedAccounting(target, routerId!, report.expected);
      return {
        healthBefore,
        healthFull,
        dashboardFull,
        authWhileFull,
        answeredWhileFull,
        requestsWhileFull,
        healthAfter,
        dashboardAfter,
        secondsToRecover,
        crashes: server.crashes,
        nas: report,
        stored,
      };
    } finally {
      await server.stop();
    }
  } finally {
    execFileSync('umount', ['-l', mount]);
    rmSync(mount, { recursive: true, force: true });
  }
}
