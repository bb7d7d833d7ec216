// The load generator of `npm run bench:radius`: packets as a RouterOS 7.15 hotspot sends them (CHAP with
// Message-Authenticator, accounting Start/Interim/Stop), a closed loop with a fixed number in flight, an open
// loop at a fixed rate, and the report lines. Used against our server and against FreeRADIUS alike.
import { hash, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { Attr, Code } from '../radius/dictionary.js';
import { int, ip, type OutAttribute, str } from '../radius/packet.js';
import { chapResponse, encodeAccessRequest, hmacMd5 } from '../radius/signing.js';
import { accountingRequest, macFor, secretFor, usernameFor } from '../test/support/radius-fixtures.js';

export const DEVICES = 10_000;
export const IN_FLIGHT = 256;
export const SECRET = 'bench-secret-123';
export const TIMEOUT_MS = 3000;

// --- the load generator -----------------------------------------------------------------------------------

export interface RunResult {
  readonly name: string;
  readonly sent: number;
  readonly answered: number;
  readonly lost: number;
  readonly seconds: number;
  readonly latenciesMs: Float64Array;
  readonly codes: Map<number, number>;
}

export type Resign = (pkt: Buffer) => void;

const secretBuf = Buffer.from(SECRET);
const ZERO16 = Buffer.alloc(16);

/**
 * The identifier is rewritten per slot, and both signatures cover it: sign again after setting it. With
 * one-shot hashing, as the server does, so that the generator takes as little as it can of the shared cores.
 */
export const resignAccess: Resign = (pkt) => {
  const ma = pkt.length - 16; // RouterOS puts Message-Authenticator last
  ZERO16.copy(pkt, ma);
  hmacMd5(secretBuf, pkt).copy(pkt, ma);
};
const withSecret = Buffer.allocUnsafe(4096);
export const resignAccounting: Resign = (pkt) => {
  ZERO16.copy(pkt, 4);
  pkt.copy(withSecret);
  secretBuf.copy(withSecret, pkt.length);
  (hash('md5', withSecret.subarray(0, pkt.length + secretBuf.length), 'buffer') as unknown as Buffer).copy(
    pkt,
    4,
  );
};

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Closed loop: `window` requests in flight, each slot sends its next packet when answered (or lost). */
export async function closedLoop(
  name: string,
  port: number,
  packets: Buffer[],
  window: number,
  resign: Resign,
  timeoutMs = TIMEOUT_MS,
): Promise<RunResult> {
  // Nothing to send (a phase left out): no socket, an empty result.
  if (packets.length === 0)
    return {
      name,
      sent: 0,
      answered: 0,
      lost: 0,
      seconds: 0,
      latenciesMs: new Float64Array(0),
      codes: new Map(),
    };
  // A roomy receive buffer: 256 answers in flight take ~600 KB of kernel buffers, more than the default.
  const socket = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
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
    const sweep = setInterval(
      () => {
        const now = performance.now();
        for (let s = 0; s < window; s++) {
          if (slotPacket[s] !== -1 && now - sentAt[s]! > timeoutMs) {
            lost++;
            send(s);
          }
        }
      },
      Math.min(100, timeoutMs),
    );
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
export async function paced(
  name: string,
  port: number,
  packets: Buffer[],
  rate: number,
  resign: Resign,
): Promise<RunResult> {
  // A roomy receive buffer: 256 answers in flight take ~600 KB of kernel buffers, more than the default.
  const socket = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
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

export function chapRequests(count: number, offset: number): Buffer[] {
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

export function accountingPhase(status: 'start' | 'interim' | 'stop', round: number): Buffer[] {
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

/** One line of figures; `cpuUs`: the server's CPU time per request answered, when measured. */
export function report(r: RunResult, rss: number, cpuUs?: number): string {
  const codes = [...r.codes].map(
    ([c, n]) =>
      `${Code.AccessAccept === c ? 'accept' : Code.AccessReject === c ? 'reject' : Code.AccountingResponse === c ? 'acct-resp' : c}=${n}`,
  );
  return [
    r.name.padEnd(34),
    `${Math.round(r.answered / r.seconds)}/s`.padStart(9),
    `p50 ${percentile(r.latenciesMs, 50).toFixed(2)} ms`.padStart(14),
    `p99 ${percentile(r.latenciesMs, 99).toFixed(2)} ms`.padStart(14),
    `lost ${r.lost}`.padStart(9),
    `rss ${(rss / 2 ** 20).toFixed(0)} MB`.padStart(11),
    cpuUs === undefined ? '' : `cpu ${cpuUs.toFixed(0)} µs/req`.padStart(15),
    `  ${codes.join(' ')}`,
  ].join(' ');
}

export function merge(name: string, results: RunResult[]): RunResult {
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
