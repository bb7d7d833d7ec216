// The RADIUS side of the virtual hotspot, built to match what RouterOS 7.15+ puts on the wire: the Access-Request
// attribute set and order of the reference capture (Message-Authenticator last), accounting Start / Interim /
// Stop in the capture's order, a client that resends an unanswered packet unchanged and drops replies that fail
// verification (as `require-message-auth=yes-for-request-resp` does), and the `/radius incoming` listener for
// Disconnect-Request and CoA-Request.
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import {
  AcctStatusType,
  Attr,
  Code,
  Mikrotik,
  VENDOR_MIKROTIK,
  VENDOR_WISPR,
} from '../../radius/dictionary.js';
import {
  decodePacket,
  int,
  ip,
  type OutAttribute,
  type Packet,
  str,
  vsa,
  vsaString,
} from '../../radius/packet.js';
import {
  encodeAccessRequest,
  encodeResponse,
  encodeSignedRequest,
  encryptPapPassword,
  verifyRequestAuthenticator,
  verifyRequestMessageAuthenticator,
  verifyResponse,
} from '../../radius/signing.js';

/** The router as RADIUS sees it. */
export interface NasIdentity {
  /** NAS-IP-Address; our server also knows the router by the packets' source address. */
  readonly nasIp: string;
  /** `/system identity`: NAS-Identifier. */
  readonly identity: string;
  /** Hotspot server name: Called-Station-Id. */
  readonly serverName: string;
  /** Hotspot interface: NAS-Port-Id. */
  readonly interfaceName: string;
  /** The hotspot's own address (WISPr-Logoff-URL). */
  readonly hotspotAddress: string;
}

/** One host's session identity, already in the Access-Request. */
export interface SessionIdentity {
  readonly mac: string;
  readonly ip: string;
  readonly userName: string;
  readonly acctSessionId: string;
}

export type Credentials =
  | { readonly kind: 'chap'; readonly ident: number; readonly response: Buffer; readonly challenge: Buffer }
  | { readonly kind: 'pap'; readonly password: string };

/** RouterOS numbers a hotspot session's NAS-Port as its Acct-Session-Id read in hex. */
export const nasPortOf = (acctSessionId: string) => Number.parseInt(acctSessionId, 16) >>> 0;

export function accessRequestAttributes(
  nas: NasIdentity,
  s: SessionIdentity,
  creds: Credentials,
  secret: Buffer,
  authenticator: Buffer,
): OutAttribute[] {
  const out: OutAttribute[] = [
    int(Attr.NasPortType, 19),
    str(Attr.CallingStationId, s.mac),
    str(Attr.CalledStationId, nas.serverName),
    str(Attr.NasPortId, nas.interfaceName),
    str(Attr.UserName, s.userName),
    int(Attr.NasPort, nasPortOf(s.acctSessionId)),
    str(Attr.AcctSessionId, s.acctSessionId),
    ip(Attr.FramedIpAddress, s.ip),
    vsa(VENDOR_MIKROTIK, Mikrotik.HostIp, ip(0, s.ip)[1]),
  ];
  if (creds.kind === 'chap') {
    out.push(
      [Attr.ChapChallenge, creds.challenge],
      [Attr.ChapPassword, Buffer.concat([Buffer.from([creds.ident]), creds.response])],
    );
  } else {
    out.push([
      Attr.UserPassword,
      encryptPapPassword(Buffer.from(creds.password, 'utf8'), secret, authenticator),
    ]);
  }
  out.push(
    int(Attr.ServiceType, 1),
    vsaString(VENDOR_WISPR, 3, `http://${nas.hotspotAddress}/logout`),
    str(Attr.NasIdentifier, nas.identity),
    ip(Attr.NasIpAddress, nas.nasIp),
  );
  return out;
}

export function encodeHotspotAccessRequest(o: {
  identifier: number;
  authenticator: Buffer;
  secret: Buffer;
  nas: NasIdentity;
  session: SessionIdentity;
  credentials: Credentials;
}): Buffer {
  return encodeAccessRequest({
    code: Code.AccessRequest,
    identifier: o.identifier,
    authenticator: o.authenticator,
    attributes: accessRequestAttributes(o.nas, o.session, o.credentials, o.secret, o.authenticator),
    secret: o.secret,
    messageAuthenticator: 'last',
  });
}

export interface Counters {
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly inputPackets: number;
  readonly outputPackets: number;
  readonly sessionTimeS: number;
}

export type AccountingKind = 'start' | 'interim' | 'stop';

const STATUS = {
  start: AcctStatusType.Start,
  interim: AcctStatusType.InterimUpdate,
  stop: AcctStatusType.Stop,
};
const TWO_32 = 2 ** 32;

export function encodeHotspotAccounting(o: {
  identifier: number;
  secret: Buffer;
  nas: NasIdentity;
  session: SessionIdentity;
  kind: AccountingKind;
  eventTimestamp: number;
  counters?: Counters;
  terminateCause?: number;
  className?: Buffer;
  delayS?: number;
}): Buffer {
  const s = o.session;
  const attributes: OutAttribute[] = [int(Attr.AcctStatusType, STATUS[o.kind])];
  if (o.kind === 'stop') attributes.push(int(Attr.AcctTerminateCause, o.terminateCause ?? 1));
  attributes.push(
    int(Attr.NasPortType, 19),
    str(Attr.CallingStationId, s.mac),
    str(Attr.CalledStationId, o.nas.serverName),
    str(Attr.NasPortId, o.nas.interfaceName),
    str(Attr.UserName, s.userName),
    int(Attr.NasPort, nasPortOf(s.acctSessionId)),
    str(Attr.AcctSessionId, s.acctSessionId),
    ip(Attr.FramedIpAddress, s.ip),
    vsa(VENDOR_MIKROTIK, Mikrotik.HostIp, ip(0, s.ip)[1]),
  );
  // RouterOS echoes the Access-Accept's Class; the capture has none, so its place is our choice.
  if (o.className) attributes.push([Attr.Class, o.className]);
  attributes.push(int(Attr.EventTimestamp, o.eventTimestamp));
  if (o.kind !== 'start') {
    const c = o.counters ?? {
      inputBytes: 0,
      outputBytes: 0,
      inputPackets: 0,
      outputPackets: 0,
      sessionTimeS: 0,
    };
    attributes.push(
      int(Attr.AcctInputOctets, c.inputBytes % TWO_32),
      int(Attr.AcctOutputOctets, c.outputBytes % TWO_32),
      int(Attr.AcctInputGigawords, Math.floor(c.inputBytes / TWO_32)),
      int(Attr.AcctOutputGigawords, Math.floor(c.outputBytes / TWO_32)),
      int(Attr.AcctInputPackets, c.inputPackets),
      int(Attr.AcctOutputPackets, c.outputPackets),
      int(Attr.AcctSessionTime, c.sessionTimeS),
    );
  }
  attributes.push(
    str(Attr.NasIdentifier, o.nas.identity),
    int(Attr.AcctDelayTime, o.delayS ?? 0),
    ip(Attr.NasIpAddress, o.nas.nasIp),
  );
  // RouterOS signs no accounting packet with Message-Authenticator (capture A).
  return encodeSignedRequest({
    code: Code.AccountingRequest,
    identifier: o.identifier,
    attributes,
    secret: o.secret,
    messageAuthenticator: false,
  });
}

export interface RadiusServerAddress {
  readonly host: string;
  readonly authPort: number;
  readonly acctPort: number;
}

export type RadiusAnswer =
  | { readonly ok: true; readonly reply: Packet }
  | { readonly ok: false; readonly error: 'timeout' };

/** The router's RADIUS client: one socket, an identifier per request, byte-identical resends on silence. */
export class HotspotRadiusClient {
  readonly #socket: Socket;
  readonly #pending = new Map<number, { authenticator: Buffer; resolve: (p: Packet) => void }>();
  #nextId = Math.floor(Math.random() * 256);
  readonly stats = { requests: 0, resends: 0, timeouts: 0, badReplies: 0 };

  private constructor(
    socket: Socket,
    readonly secret: Buffer,
    readonly opts: { timeoutMs: number; retries: number; requireMessageAuth: boolean },
  ) {
    this.#socket = socket;
    socket.on('message', (msg) => this.#onReply(msg));
  }

  static async open(
    bindHost: string,
    secret: string,
    opts: { timeoutMs: number; retries: number; requireMessageAuth: boolean },
  ): Promise<HotspotRadiusClient> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, bindHost, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', () => undefined);
    return new HotspotRadiusClient(socket, Buffer.from(secret, 'utf8'), opts);
  }

  /** A free identifier (RouterOS keeps one counter for all requests to a server). */
  nextIdentifier(): number {
    for (let i = 0; i < 256; i++) {
      const id = this.#nextId;
      this.#nextId = (this.#nextId + 1) % 256;
      if (!this.#pending.has(id)) return id;
    }
    throw new Error('256 RADIUS requests outstanding');
  }

  #onReply(msg: Buffer): void {
    const d = decodePacket(msg);
    if (!d.ok) return void this.stats.badReplies++;
    const waiting = this.#pending.get(d.packet.identifier);
    if (!waiting) return;
    const valid = verifyResponse(d.packet, waiting.authenticator, this.secret);
    const isAccess = d.packet.code === Code.AccessAccept || d.packet.code === Code.AccessReject;
    if (!valid || (isAccess && this.opts.requireMessageAuth && d.packet.maOffset < 0)) {
      // What RouterOS counts as bad-replies: the login then fails as "RADIUS server is not responding".
      this.stats.badReplies++;
      return;
    }
    waiting.resolve(d.packet);
  }

  /** Sends `packet` to `port`, resending it unchanged every timeoutMs until answered or out of retries. */
  exchange(packet: Buffer, server: { host: string; port: number }): Promise<RadiusAnswer> {
    const identifier = packet[1]!;
    const authenticator = Buffer.from(packet.subarray(4, 20));
    this.stats.requests++;
    return new Promise((resolve) => {
      let sent = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (answer: RadiusAnswer) => {
        clearTimeout(timer);
        this.#pending.delete(identifier);
        resolve(answer);
      };
      this.#pending.set(identifier, { authenticator, resolve: (reply) => done({ ok: true, reply }) });
      const send = () => {
        if (sent > this.opts.retries) {
          this.stats.timeouts++;
          return done({ ok: false, error: 'timeout' });
        }
        if (sent > 0) this.stats.resends++;
        sent++;
        this.#socket.send(packet, server.port, server.host);
        timer = setTimeout(send, this.opts.timeoutMs);
        timer.unref?.();
      };
      send();
    });
  }

  close(): Promise<void> {
    for (const [, w] of this.#pending) w.resolve = () => undefined;
    return new Promise((resolve) => this.#socket.close(() => resolve()));
  }
}

export const randomAuthenticator = () => randomBytes(16);

/** What a Disconnect-Request or CoA-Request asks of the hotspot, after its signature checked out. */
export interface IncomingRequest {
  readonly kind: 'disconnect' | 'coa';
  readonly packet: Packet;
  readonly userName: string | undefined;
  readonly acctSessionId: string | undefined;
  readonly framedIp: string | undefined;
  readonly nasIp: string | undefined;
}

export type IncomingAnswer = { readonly ack: true } | { readonly ack: false; readonly errorCause: number };

/** `/radius incoming accept=yes`: Disconnect and CoA on one UDP port, answered ACK or NAK (with Error-Cause). */
export async function listenIncoming(opts: {
  host: string;
  port: number;
  secret: string;
  handle: (req: IncomingRequest) => Promise<IncomingAnswer>;
  onBadRequest?: (why: string) => void;
}): Promise<{ port: number; close(): Promise<void> }> {
  const secret = Buffer.from(opts.secret, 'utf8');
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const d = decodePacket(msg);
    if (!d.ok) return opts.onBadRequest?.(d.error);
    const p = d.packet;
    if (p.code !== Code.DisconnectRequest && p.code !== Code.CoaRequest) return opts.onBadRequest?.('code');
    if (!verifyRequestAuthenticator(p, secret)) return opts.onBadRequest?.('authenticator');
    if (p.maOffset >= 0 && !verifyRequestMessageAuthenticator(p, secret, true)) {
      return opts.onBadRequest?.('message-authenticator');
    }
    const text = (type: number) => p.attributes.find((a) => a.type === type)?.value.toString('utf8');
    const ipOf = (type: number) => {
      const v = p.attributes.find((a) => a.type === type)?.value;
      return v && v.length === 4 ? `${v[0]}.${v[1]}.${v[2]}.${v[3]}` : undefined;
    };
    const disconnect = p.code === Code.DisconnectRequest;
    void opts
      .handle({
        kind: disconnect ? 'disconnect' : 'coa',
        packet: p,
        userName: text(Attr.UserName),
        acctSessionId: text(Attr.AcctSessionId),
        framedIp: ipOf(Attr.FramedIpAddress),
        nasIp: ipOf(Attr.NasIpAddress),
      })
      .then((answer) => {
        const code = answer.ack
          ? disconnect
            ? Code.DisconnectAck
            : Code.CoaAck
          : disconnect
            ? Code.DisconnectNak
            : Code.CoaNak;
        const reply = encodeResponse({
          code,
          identifier: p.identifier,
          requestAuthenticator: p.authenticator,
          attributes: answer.ack ? [] : [int(Attr.ErrorCause, answer.errorCause)],
          secret,
          messageAuthenticator: 'none',
        });
        socket.send(reply, rinfo.port, rinfo.address);
      });
  });
  socket.on('error', (e) => opts.onBadRequest?.(String(e)));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.port, opts.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
