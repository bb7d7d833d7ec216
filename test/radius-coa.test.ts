// CoA and Disconnect-Request (RFC 5176) against a fake router that checks the signatures the RFC way, with
// its own hashing: Message-Authenticator over zeroed fields first, then the Request Authenticator over that.
// Retries on silence, ACK/NAK with Error-Cause, and `warganet session kick` end to end.
import { createHash, createHmac } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendCoa, sendDisconnect } from '../radius/coa-client.js';
import { Attr, Code, Mikrotik, VENDOR_MIKROTIK } from '../radius/dictionary.js';
import { attrIp, attrString, decodePacket, int, vendorAttr, vsaString } from '../radius/packet.js';
import { cli } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedRouter, testKeyring } from './support/radius-fixtures.js';

const SECRET = 'rahasia-router';

interface FakeRouter {
  readonly port: number;
  readonly received: Buffer[];
  /** How to answer: 'ack', 'nak' (with Error-Cause 503), or 'silent'. */
  mode: 'ack' | 'nak' | 'silent';
  close(): Promise<void>;
}

/** Independent check of RFC 5176 §3.4 signing (not using our signing module). */
function signedCorrectly(pkt: Buffer, secret: string): boolean {
  const zeroed = Buffer.from(pkt);
  zeroed.fill(0, 4, 20);
  let i = 20;
  let ma = -1;
  while (i < pkt.length) {
    if (pkt[i] === Attr.MessageAuthenticator) ma = i + 2;
    i += pkt[i + 1]!;
  }
  if (ma >= 0) {
    zeroed.fill(0, ma, ma + 16);
    const expectedMa = createHmac('md5', secret).update(zeroed).digest();
    if (!expectedMa.equals(pkt.subarray(ma, ma + 16))) return false;
    pkt.copy(zeroed, ma, ma, ma + 16);
  }
  const expectedAuth = createHash('md5').update(zeroed).update(secret).digest();
  return expectedAuth.equals(pkt.subarray(4, 20));
}

async function fakeRouter(): Promise<FakeRouter> {
  const socket: Socket = createSocket('udp4');
  const router = {
    port: 0,
    received: [] as Buffer[],
    mode: 'ack' as FakeRouter['mode'],
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
  socket.on('message', (msg, rinfo) => {
    router.received.push(msg);
    if (router.mode === 'silent' || !signedCorrectly(msg, SECRET)) return;
    const isDisconnect = msg[0] === Code.DisconnectRequest;
    const code =
      router.mode === 'ack'
        ? isDisconnect
          ? Code.DisconnectAck
          : Code.CoaAck
        : isDisconnect
          ? Code.DisconnectNak
          : Code.CoaNak;
    const attrs =
      router.mode === 'nak' ? Buffer.from([Attr.ErrorCause, 6, 0, 0, 0x01, 0xf7]) : Buffer.alloc(0);
    const reply = Buffer.concat([
      Buffer.from([code, msg[1]!, 0, 20 + attrs.length]),
      msg.subarray(4, 20),
      attrs,
    ]);
    createHash('md5').update(reply).update(SECRET).digest().copy(reply, 4);
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  router.port = socket.address().port;
  return router;
}

describe('CoA / Disconnect client', () => {
  let router: FakeRouter;
  beforeAll(async () => {
    router = await fakeRouter();
  });
  afterAll(() => router.close());
  const target = () => ({ host: '127.0.0.1', port: router.port, secret: SECRET });
  const session = {
    userName: 'wn-0000abcd',
    acctSessionId: '80100014',
    framedIp: '10.5.88.2',
    nasIp: '10.0.0.1',
  };

  it('sends a Disconnect-Request signed per RFC 5176 that names the session, and reports the ACK', async () => {
    router.mode = 'ack';
    router.received.length = 0;
    expect(await sendDisconnect(target(), session)).toEqual({ outcome: 'ack', code: Code.DisconnectAck });
    const d = decodePacket(router.received[0]!);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.packet.code).toBe(Code.DisconnectRequest);
    expect(d.packet.maOffset).toBeGreaterThan(0);
    expect(attrString(d.packet, Attr.UserName)).toBe('wn-0000abcd');
    expect(attrString(d.packet, Attr.AcctSessionId)).toBe('80100014');
    expect(attrIp(d.packet, Attr.FramedIpAddress)).toBe('10.5.88.2');
    expect(attrIp(d.packet, Attr.NasIpAddress)).toBe('10.0.0.1');
    expect(signedCorrectly(router.received[0]!, SECRET)).toBe(true);
  });

  it('changes a session by CoA-Request and reports a NAK with its Error-Cause', async () => {
    router.mode = 'nak';
    router.received.length = 0;
    const change = [vsaString(VENDOR_MIKROTIK, Mikrotik.RateLimit, '1M/2M'), int(Attr.SessionTimeout, 60)];
    expect(await sendCoa(target(), session, change)).toEqual({
      outcome: 'nak',
      code: Code.CoaNak,
      errorCause: 503,
    });
    const d = decodePacket(router.received[0]!);
    expect(d.ok && vendorAttr(d.packet, VENDOR_MIKROTIK, Mikrotik.RateLimit)?.toString()).toBe('1M/2M');
  });

  it('retries a silent router and then reports a timeout', async () => {
    router.mode = 'silent';
    router.received.length = 0;
    expect(await sendDisconnect(target(), session, { timeoutMs: 50, retries: 2 })).toEqual({
      outcome: 'timeout',
      tries: 3,
    });
    expect(router.received).toHaveLength(3);
    expect(new Set(router.received.map((b) => b.toString('hex'))).size).toBe(1);
  });

  it('ignores an answer signed with another secret', async () => {
    router.mode = 'ack';
    const wrong = await sendDisconnect({ ...target(), secret: 'lain' }, session, {
      timeoutMs: 50,
      retries: 0,
    });
    expect(wrong.outcome).toBe('timeout');
  });
});

describe.each(databaseKinds)('warganet session kick on %s', (kind) => {
  let tdb: TestDatabase;
  let router: FakeRouter;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    router = await fakeRouter();
    const routerId = await seedRouter(tdb.db, await testKeyring(), { nasIp: '127.0.0.1', secret: SECRET });
    const base = {
      router_id: routerId,
      username: 'wn-0000abcd',
      mac: 'BC:24:11:EB:56:4D',
      framed_ip: '10.5.88.2',
      started_at: 1,
      updated_at: 2,
    };
    await tdb.db
      .insertInto('sessions')
      .values([
        { ...base, acct_session_id: '80100014', state: 'active' },
        { ...base, acct_session_id: '80100015', state: 'stopped' },
      ])
      .execute();
  });
  afterAll(async () => {
    await router?.close();
    await tdb?.close();
  });
  const run = (args: string[]) =>
    cli(
      { dataDir: tdb.dir, databaseUrl: tdb.url, env: { WARGANET_RADIUS_COA_PORT: String(router.port) } },
      args,
    );

  it('disconnects an active session through the router and says so', async () => {
    router.mode = 'ack';
    const ok = await run(['session', 'kick', '1']);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('Sesi 1 diputus');
    const d = decodePacket(router.received.at(-1)!);
    expect(d.ok && attrString(d.packet, Attr.AcctSessionId)).toBe('80100014');
  });

  it('reports a NAK with its Error-Cause, and refuses unknown or ended sessions', async () => {
    router.mode = 'nak';
    const nak = await run(['session', 'kick', '1']);
    expect(nak.code).toBe(1);
    expect(nak.stderr).toContain('Error-Cause 503 Session Context Not Found');
    expect((await run(['session', 'kick', '2'])).stderr).toContain('sudah tidak aktif');
    expect((await run(['session', 'kick', '99'])).stderr).toContain('tidak ditemukan');
    expect((await run(['session', 'kick', 'abc'])).stderr).toContain('ID sesi tidak valid');
  });
});
