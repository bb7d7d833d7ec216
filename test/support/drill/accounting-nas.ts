// A hotspot NAS for the drills: sessions Start → Interim-Update… → Stop at full rate, and every request that is
// not answered resent byte-identical (same Id, same authenticator, Acct-Delay-Time unchanged) after a timeout, as
// RouterOS does, until it is answered. It remembers what it sent, so a drill can check the server's totals.
import { createSocket } from 'node:dgram';
import { decodePacket } from '../../../radius/packet.js';
import { verifyResponse } from '../../../radius/signing.js';
import { accountingRequest } from '../radius-fixtures.js';

export interface AccountingNasOptions {
  readonly port: number;
  readonly secret: string;
  readonly sessions: number;
  /** Interim-Updates per session, between its Start and its Stop. */
  readonly interims: number;
  /** Requests in flight (one per RADIUS identifier, at most 256). */
  readonly window: number;
  /** RouterOS resends after its timeout (1,100 ms by default). */
  readonly retransmitMs: number;
  /** Local address: routers are told apart by their source address (127.0.0.x are all loopback on Linux). */
  readonly address?: string;
  /** Prefix of Acct-Session-Id, so two NAS runs never share a session. */
  readonly sessionPrefix?: string;
  /** Updated as answers arrive, for a drill that watches the run. */
  readonly progress?: { answered: number; requests: number };
}

export interface AccountingNasReport {
  readonly requests: number;
  readonly answered: number;
  readonly retransmissions: number;
  readonly seconds: number;
  /** What the server must hold once everything was answered. */
  readonly expected: {
    readonly sessions: number;
    readonly inputBytes: number;
    readonly outputBytes: number;
    readonly seconds: number;
    /** Final counters per Acct-Session-Id. */
    readonly bySession: ReadonlyMap<string, { inputBytes: number; outputBytes: number; sessionTime: number }>;
  };
}

/** Counters of session `s` at step `k` (0 = Start): they cross 2^32, so Gigawords are exercised. */
export function countersAt(s: number, k: number) {
  return {
    inputBytes: k * (3 * 2 ** 31 + 1000 + s),
    outputBytes: k * (5 * 2 ** 31 + 7 * s + 1),
    sessionTime: k * 60,
  };
}

export async function runAccountingNas(o: AccountingNasOptions): Promise<AccountingNasReport> {
  const secret = Buffer.from(o.secret);
  const socket = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
  await new Promise<void>((r) => socket.bind(0, o.address ?? '127.0.0.1', r));
  const prefix = o.sessionPrefix ?? '8';
  const window = Math.min(256, o.window);
  const steps = o.interims + 2;
  const bySession = new Map<string, { inputBytes: number; outputBytes: number; sessionTime: number }>();
  let requests = 0;
  let answered = 0;
  let retransmissions = 0;
  const started = performance.now();
  const inFlight: Array<{ packet: Buffer; done: () => void } | undefined> = new Array(window);

  socket.on('message', (msg) => {
    const slot = msg[1]!;
    const waiting = inFlight[slot];
    if (!waiting) return;
    const decoded = decodePacket(msg);
    // A late answer to the previous request of this slot does not verify against this one's authenticator.
    if (!decoded.ok || !verifyResponse(decoded.packet, waiting.packet.subarray(4, 20), secret)) return;
    inFlight[slot] = undefined;
    answered++;
    if (o.progress) o.progress.answered = answered;
    waiting.done();
  });

  const exchange = (slot: number, packet: Buffer) =>
    new Promise<void>((resolve) => {
      requests++;
      if (o.progress) o.progress.requests = requests;
      const timer = setInterval(() => {
        retransmissions++;
        socket.send(packet, o.port, '127.0.0.1');
      }, o.retransmitMs);
      inFlight[slot] = {
        packet,
        done: () => {
          clearInterval(timer);
          resolve();
        },
      };
      socket.send(packet, o.port, '127.0.0.1');
    });

  const runSlot = async (slot: number) => {
    for (let s = slot; s < o.sessions; s += window) {
      const sessionId = `${prefix}${s.toString(16).padStart(7, '0')}`;
      for (let k = 0; k < steps; k++) {
        const status = k === 0 ? 'start' : k === steps - 1 ? 'stop' : 'interim';
        const c = countersAt(s, k);
        await exchange(
          slot,
          accountingRequest({
            id: slot,
            status,
            secret: o.secret,
            sessionId,
            userName: `drill-${s}`,
            callingStationId:
              `02:DD:00:${((s >> 16) & 0xff).toString(16).padStart(2, '0')}:${((s >> 8) & 0xff).toString(16).padStart(2, '0')}:${(s & 0xff).toString(16).padStart(2, '0')}`.toUpperCase(),
            inputBytes: c.inputBytes,
            outputBytes: c.outputBytes,
            sessionTime: c.sessionTime,
          }),
        );
        bySession.set(sessionId, c);
      }
    }
  };
  await Promise.all(Array.from({ length: window }, (_, slot) => runSlot(slot)));
  socket.close();
  let inputBytes = 0;
  let outputBytes = 0;
  let seconds = 0;
  for (const c of bySession.values()) {
    inputBytes += c.inputBytes;
    outputBytes += c.outputBytes;
    seconds += c.sessionTime;
  }
  return {
    requests,
    answered,
    retransmissions,
    seconds: (performance.now() - started) / 1000,
    expected: { sessions: bySession.size, inputBytes, outputBytes, seconds, bySession },
  };
}
