// Drill 5 (RADIUS half): the golden vectors of the reference (a RouterOS 7.15 CHAP Access-Request with
// Message-Authenticator, and an Accounting Stop; secret testing123), mutated (bytes changed, cut short, grown,
// attribute lengths skewed, header fields forged) and sent over UDP to the running server. Every mutation is
// invalid (both packets are signed over every byte), so none may be answered, each must be counted as a drop,
// and the server must still answer the untouched vectors afterwards.
import { createSocket } from 'node:dgram';
import fc from 'fast-check';

export const GOLDEN = {
  access: Buffer.from(
    '012c00f2000102030405060708090a0b0c0d0e0f3d06000000131f1342433a32343a31313a45423a35363a34441e1468732d766c616e3838382d686f7473706f745711766c616e3838382d686f7473706f74010b74686570756d7065720506801000142c0a383031303030313408060a0558021a0c00003a8c0a060a0558023c1219a63ce2e283187f977609b470b01368031334b7226284e0fdeddd5b12a8ee74e8b25c0606000000011a1f0000372a0319687474703a2f2f31302e352e38382e312f6c6f676f757420114b6877616e726963686169486f6d6504060a00000150126c2b8098a96d20a4d65bab89373d5f50',
    'hex',
  ),
  accountingStop: Buffer.from(
    '042e00d8c52af275935ee5fb76751f4f2f05b7c22806000000023106000000013d06000000131f1342433a32343a31313a45423a35363a34441e1468732d766c616e3838382d686f7473706f745711766c616e3838382d686f7473706f74010b74686570756d7065720506801000142c0a383031303030313408060a0558021a0c00003a8c0a060a05580237066a42ac532a06000000382b06000000383406000000003506000000002f06000000013006000000012e060000000520114b6877616e726963686169486f6d6529060000000004060a000001',
    'hex',
  ),
  secret: 'testing123',
} as const;

/** One mutation of a golden packet; never the packet itself. */
export const mutation = fc
  .tuple(
    fc.constantFrom('access', 'accountingStop'),
    fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('grow' as const),
        extra: fc.uint8Array({ minLength: 1, maxLength: 64 }),
      }),
      fc.record({ kind: fc.constant('length' as const), value: fc.integer({ min: 0, max: 65535 }) }),
      fc.record({
        kind: fc.constant('attr-length' as const),
        nth: fc.nat(),
        value: fc.integer({ min: 0, max: 255 }),
      }),
      fc.record({ kind: fc.constant('code' as const), value: fc.integer({ min: 0, max: 255 }) }),
    ),
  )
  .map(([which, m]) => ({ which, m }));

export function mutate(which: 'access' | 'accountingStop', m: Mutation): Buffer | undefined {
  const v = Buffer.from(GOLDEN[which]);
  switch (m.kind) {
    case 'flip': {
      const i = m.at % v.length;
      v[i] = v[i]! ^ m.xor;
      return v;
    }
    case 'cut':
      return v.subarray(0, m.at % v.length);
    case 'grow': {
      // The length field grown too: bytes past it are padding a server must ignore (RFC 2865 §3), which would
      // leave the packet valid. Counted in, they are bytes the signature did not cover.
      const grown = Buffer.concat([v, Buffer.from(m.extra)]);
      grown.writeUInt16BE(grown.length, 2);
      return grown;
    }
    case 'length':
      if (m.value === v.length) return undefined;
      v.writeUInt16BE(m.value, 2);
      return v;
    case 'attr-length': {
      // Walk the attributes to the nth and give it a wrong length.
      const starts: number[] = [];
      for (let i = 20; i + 1 < v.length; i += Math.max(2, v[i + 1]!)) starts.push(i);
      const at = starts[m.nth % starts.length]!;
      if (v[at + 1] === m.value) return undefined;
      v[at + 1] = m.value;
      return v;
    }
    case 'code':
      if (v[0] === m.value) return undefined;
      v[0] = m.value;
      return v;
  }
}

export type Mutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'cut'; at: number }
  | { kind: 'grow'; extra: Uint8Array }
  | { kind: 'length'; value: number }
  | { kind: 'attr-length'; nth: number; value: number }
  | { kind: 'code'; value: number };

export interface RadiusFuzzResult {
  readonly sent: number;
  readonly answered: number;
  readonly answeredSamples: readonly string[];
}

/** Sends `runs` mutations, paced so that the kernel drops none; counts every answer. */
export async function fuzzRadius(opts: { authPort: number; acctPort: number; runs: number; seed?: number }) {
  const socket = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  let answered = 0;
  const answeredSamples: string[] = [];
  const sentPackets = new Map<number, string>();
  socket.on('message', (msg) => {
    answered++;
    if (answeredSamples.length < 5)
      answeredSamples.push(`${sentPackets.get(msg[1]!) ?? '?'} -> ${msg.toString('hex').slice(0, 80)}`);
  });
  const samples = fc.sample(mutation, {
    numRuns: opts.runs,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
  });
  let sent = 0;
  for (const { which, m } of samples) {
    const packet = mutate(which, m as Mutation);
    if (!packet) continue;
    if (packet.length > 1) sentPackets.set(packet[1]!, packet.toString('hex'));
    socket.send(packet, which === 'access' ? opts.authPort : opts.acctPort, '127.0.0.1');
    sent++;
    if (sent % 100 === 0) await new Promise((r) => setTimeout(r, 5));
  }
  // Time for any (wrong) answer to arrive.
  await new Promise((r) => setTimeout(r, 1000));
  socket.close();
  return { sent, answered, answeredSamples };
}

/** The untouched golden packets still get their answers (so silence above means the server dropped them). */
export async function goldenAnswered(opts: { authPort: number; acctPort: number }): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  let answers = 0;
  socket.on('message', () => answers++);
  socket.send(GOLDEN.access, opts.authPort, '127.0.0.1');
  socket.send(GOLDEN.accountingStop, opts.acctPort, '127.0.0.1');
  for (let t = 0; t < 50 && answers < 2; t++) await new Promise((r) => setTimeout(r, 100));
  socket.close();
  return answers;
}
