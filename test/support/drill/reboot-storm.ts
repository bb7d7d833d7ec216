// Drill 2: a reboot storm. Every router comes back and says Accounting-On, then every device of the village
// re-authenticates by MAC within a few seconds (the access points came back after a power cut). Each router
// resends an unanswered request after RouterOS's timeout. Measured: answers, latency from the first send, and
// what the server dropped (its own counter, read from /metrics) and what the kernel dropped (UDP RcvbufErrors).
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../db/open-database.js';
import { Code } from '../../../radius/dictionary.js';
import { decodePacket } from '../../../radius/packet.js';
import { verifyResponse } from '../../../radius/signing.js';
import {
  accessRequest,
  accountingRequest,
  macFor,
  seedManyDevices,
  seedPlan,
  testKeyring,
} from '../radius-fixtures.js';
import { prepareDrillDatabase } from './accounting-check.js';
import { startServerProcess } from './server-process.js';

export interface StormOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  readonly routers: number;
  readonly devices: number;
  /** The devices' first requests are spread evenly over this long. */
  readonly withinMs: number;
  readonly retransmitMs: number;
  /** A device gives up after this many sends (RouterOS retries a few times, then tries the next server). */
  readonly tries: number;
}

export interface StormResult {
  readonly accountingOnAnswered: number;
  readonly requests: number;
  readonly answered: number;
  readonly accepted: number;
  readonly retransmissions: number;
  readonly unanswered: number;
  readonly serverDrops: number;
  readonly kernelDrops: number | undefined;
  /** The RADIUS sockets' receive buffer as the server logged it at start (Linux reports double). */
  readonly recvBufferBytes: number | undefined;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly seconds: number;
  readonly crashes: number;
}

const secretOf = (r: number) => `storm-secret-${r}`;
const addressOf = (r: number) => `127.0.0.${r + 1}`;

function udpRcvbufErrors(): number | undefined {
  try {
    const lines = readFileSync('/proc/net/snmp', 'latin1')
      .split('\n')
      .filter((l) => l.startsWith('Udp:'));
    const names = lines[0]!.split(/\s+/);
    const values = lines[1]!.split(/\s+/);
    return Number(values[names.indexOf('RcvbufErrors')]);
  } catch {
    return undefined;
  }
}

async function serverDrops(httpPort: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  let n = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('warganet_radius_drops_total')) n += Number(line.split(' ').pop());
  }
  return n;
}

/** One router: its sockets (256 identifiers each), sending and resending until answered or out of tries. */
class StormNas {
  readonly #sockets: Socket[] = [];
  readonly #free: number[][] = [];
  readonly #waiting = new Map<number, { packet: Buffer; done: (answer: Buffer | undefined) => void }>();
  constructor(
    readonly address: string,
    readonly secret: string,
    readonly port: number,
  ) {}

  async #socket(): Promise<number> {
    for (let s = 0; s < this.#free.length; s++) if (this.#free[s]!.length > 0) return s;
    const socket = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
    await new Promise<void>((r) => socket.bind(0, this.address, r));
    const s = this.#sockets.length;
    socket.on('message', (msg) => {
      const key = s * 256 + msg[1]!;
      const w = this.#waiting.get(key);
      const d = decodePacket(msg);
      if (!w || !d.ok || !verifyResponse(d.packet, w.packet.subarray(4, 20), Buffer.from(this.secret)))
        return;
      this.#waiting.delete(key);
      this.#free[s]!.push(msg[1]!);
      w.done(msg);
    });
    this.#sockets.push(socket);
    this.#free.push(Array.from({ length: 256 }, (_, i) => 255 - i));
    return s;
  }

  /** Sends `make(id)`; resends every `retransmitMs`, `tries` times in all. Resolves with the answer or nothing. */
  async exchange(make: (id: number) => Buffer, retransmitMs: number, tries: number, onResend: () => void) {
    const s = await this.#socket();
    const id = this.#free[s]!.pop()!;
    const packet = make(id);
    const socket = this.#sockets[s]!;
    return new Promise<Buffer | undefined>((resolve) => {
      let sends = 1;
      const timer = setInterval(() => {
        if (sends >= tries) {
          clearInterval(timer);
          this.#waiting.delete(s * 256 + id);
          this.#free[s]!.push(id);
          resolve(undefined);
          return;
        }
        sends++;
        onResend();
        socket.send(packet, this.port, '127.0.0.1');
      }, retransmitMs);
      this.#waiting.set(s * 256 + id, {
        packet,
        done: (answer) => {
          clearInterval(timer);
          resolve(answer);
        },
      });
      socket.send(packet, this.port, '127.0.0.1');
    });
  }

  close() {
    for (const s of this.#sockets) s.close();
  }
}

export async function runRebootStorm(o: StormOptions): Promise<StormResult> {
  await prepareDrillDatabase(
    o,
    Array.from({ length: o.routers }, (_, r) => ({ address: addressOf(r), secret: secretOf(r) })),
  );
  const opened = openDatabase({ url: o.databaseUrl, sqliteFile: join(o.dataDir, 'warganet.db') });
  const planId = await seedPlan(opened.db, {
    is_default: 1,
    devices_allowed: 3,
    daily_quota_bytes: 10 ** 15,
  });
  await seedManyDevices(opened.db, await testKeyring(), o.devices, planId);
  await opened.close();

  let recvBufferBytes: number | undefined;
  const server = await startServerProcess({
    dataDir: o.dataDir,
    databaseUrl: o.databaseUrl,
    onLog: (l) => {
      if (l.msg === 'radius listening') recvBufferBytes = Number(l.recvBufferBytes);
    },
  });
  const nases = Array.from({ length: o.routers }, (_, r) => new StormNas(addressOf(r), secretOf(r), 0));
  try {
    const acct = nases.map((n) => new StormNas(n.address, n.secret, server.acctPort));
    const auth = nases.map((n) => new StormNas(n.address, n.secret, server.authPort));
    let retransmissions = 0;
    const resend = () => retransmissions++;
    const on = await Promise.all(
      acct.map((n) =>
        n.exchange(
          (id) => accountingRequest({ id, status: 'on', secret: n.secret }),
          o.retransmitMs,
          10,
          resend,
        ),
      ),
    );
    for (const n of acct) n.close();
    const dropsBefore = await serverDrops(server.httpPort);
    const kernelBefore = udpRcvbufErrors();
    const latencies: number[] = [];
    let accepted = 0;
    let unanswered = 0;
    const started = performance.now();
    const gap = o.withinMs / o.devices;
    const devices: Promise<void>[] = [];
    for (let i = 0; i < o.devices; i++) {
      const due = started + i * gap;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const nas = auth[i % o.routers]!;
      const mac = macFor(i);
      const sentAt = performance.now();
      devices.push(
        nas
          .exchange(
            (id) => accessRequest({ id, userName: mac, pap: '', callingStationId: mac, secret: nas.secret }),
            o.retransmitMs,
            o.tries,
            resend,
          )
          .then((answer) => {
            if (!answer) {
              unanswered++;
              return;
            }
            latencies.push(performance.now() - sentAt);
            if (answer[0] === Code.AccessAccept) accepted++;
          }),
      );
    }
    await Promise.all(devices);
    const seconds = (performance.now() - started) / 1000;
    const kernelAfter = udpRcvbufErrors();
    const drops = (await serverDrops(server.httpPort)) - dropsBefore;
    for (const n of auth) n.close();
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    return {
      accountingOnAnswered: on.filter(Boolean).length,
      requests: o.devices,
      answered: latencies.length,
      accepted,
      retransmissions,
      unanswered,
      serverDrops: drops,
      kernelDrops:
        kernelBefore === undefined || kernelAfter === undefined ? undefined : kernelAfter - kernelBefore,
      recvBufferBytes,
      p50Ms: pct(50),
      p99Ms: pct(99),
      maxMs: latencies.at(-1) ?? NaN,
      seconds,
      crashes: server.crashes,
    };
  } finally {
    await server.stop();
  }
}
