// The NAS half of the virtual hotspot: host entries and sessions, and everything they say to RADIUS. Logins
// (CHAP, PAP, MAC authentication) become Access-Requests and an Accept's rate limit, session timeout and total
// limit are applied; accounting Start, Interim-Update (with growing counters) and Stop follow the session; the
// `/radius incoming` port honours Disconnect-Request and CoA-Request. The HTTP servlet (hotspot-server.ts)
// drives it.
import { createHash } from 'node:crypto';
import { Attr, Code, Mikrotik, VENDOR_MIKROTIK } from '../../radius/dictionary.js';
import { attr, attrInt, attrString, type Packet, vendorAttr } from '../../radius/packet.js';
import {
  type AccountingKind,
  type Credentials,
  encodeHotspotAccessRequest,
  encodeHotspotAccounting,
  HotspotRadiusClient,
  type IncomingAnswer,
  type IncomingRequest,
  listenIncoming,
  type NasIdentity,
  type RadiusServerAddress,
  randomAuthenticator,
  type SessionIdentity,
} from './hotspot-radius.js';

export interface HotspotSession {
  readonly mac: string;
  readonly ip: string;
  readonly userName: string;
  readonly acctSessionId: string;
  readonly loginBy: 'http-chap' | 'http-pap' | 'mac';
  readonly startedAt: number;
  rateLimit: string | undefined;
  group: string | undefined;
  sessionTimeoutS: number | undefined;
  idleTimeoutS: number | undefined;
  totalLimitBytes: number | undefined;
  interimIntervalS: number | undefined;
  readonly className: Buffer | undefined;
  /** Logged in as a router-local user (/ip/hotspot/user), without RADIUS. */
  readonly local?: boolean;
  inputBytes: number;
  outputBytes: number;
  inputPackets: number;
  outputPackets: number;
}

export interface AccountingRecord {
  readonly kind: AccountingKind;
  readonly acctSessionId: string;
  readonly userName: string;
  readonly mac: string;
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly terminateCause?: number;
  readonly answered: boolean;
}

export interface AccessRecord {
  readonly userName: string;
  readonly mac: string;
  readonly method: 'chap' | 'pap';
  readonly outcome: 'accept' | 'reject' | 'timeout';
  readonly replyMessage?: string;
  /** The request as sent, for byte-level checks. */
  readonly packet: Buffer;
}

/** A phone the hotspot has seen: its host entry, and its session once logged in. */
export interface HotspotHost {
  readonly mac: string;
  readonly ip: string;
  /** The CHAP id and challenge of the login page it was last shown. */
  chap: { ident: number; challenge: Buffer } | undefined;
  macAuthTriedAt: number | undefined;
  session: HotspotSession | undefined;
  timers: Array<ReturnType<typeof setTimeout>>;
}

export const TERMINATE = {
  userRequest: 1,
  lostService: 3,
  sessionTimeout: 5,
  adminReset: 6,
  nasRequest: 10,
} as const;
export const ERRORS = {
  invalid: 'invalid username or password',
  timeout: 'RADIUS server is not responding',
  invalidMac: 'invalid mac address',
  chapMissing: 'web browser did not send challenge response (try again, enable JavaScript)',
} as const;

/** A router-local hotspot user (/ip/hotspot/user), with what its user profile says. */
export interface LocalHotspotUser {
  readonly name: string;
  readonly password: string;
  readonly disabled: boolean;
  /** Bound MAC (upper-case, colons), when the entry has one. */
  readonly macAddress: string | undefined;
  readonly profile: string;
  readonly rateLimit: string | undefined;
  readonly limitUptimeS: number | undefined;
  readonly limitBytesTotal: number | undefined;
}

export interface HotspotNasOptions {
  readonly host: string;
  readonly secret: string;
  readonly nas: NasIdentity;
  readonly loginBy: ReadonlySet<string>;
  readonly macRetryMs: number;
  readonly traffic: { readonly down: number; readonly up: number };
  readonly radius: RadiusServerAddress | undefined;
  readonly requireMessageAuth: boolean;
  readonly radiusTimeoutMs: number;
  readonly radiusRetries: number;
  readonly coaPort: number;
  readonly interimIntervalMs: number | undefined;
  /** The router's /ip/hotspot/user table, read at each login. */
  readonly localUsers: (() => readonly LocalHotspotUser[]) | undefined;
}

export async function startHotspotNas(options: HotspotNasOptions) {
  const { nas, loginBy, macRetryMs, traffic } = options;
  let radius = options.radius;
  const hosts = new Map<string, HotspotHost>();
  const accounting: AccountingRecord[] = [];
  const accessRequests: AccessRecord[] = [];
  let sessionSeq = 0x13;

  const client = await HotspotRadiusClient.open(options.host, options.secret, {
    timeoutMs: options.radiusTimeoutMs,
    retries: options.radiusRetries,
    requireMessageAuth: options.requireMessageAuth,
  });
  const secret = Buffer.from(options.secret, 'utf8');
  const incoming = await listenIncoming({
    host: options.host,
    port: options.coaPort,
    secret: options.secret,
    handle: (req) => handleIncoming(req),
  });
  const interimTimer = options.interimIntervalMs
    ? setInterval(() => void sendInterimUpdates(), options.interimIntervalMs)
    : undefined;
  interimTimer?.unref();

  const identityOf = (s: HotspotSession): SessionIdentity => ({
    mac: s.mac,
    ip: s.ip,
    userName: s.userName,
    acctSessionId: s.acctSessionId,
  });

  async function sendAccounting(
    s: HotspotSession,
    kind: AccountingKind,
    terminateCause?: number,
  ): Promise<void> {
    // [UNCONFIRMED] whether RouterOS sends RADIUS accounting for local users; the sim does not.
    if (!radius || s.local) return;
    const packet = encodeHotspotAccounting({
      identifier: client.nextIdentifier(),
      secret,
      nas,
      session: identityOf(s),
      kind,
      eventTimestamp: Math.floor(Date.now() / 1000),
      counters: {
        inputBytes: s.inputBytes,
        outputBytes: s.outputBytes,
        inputPackets: s.inputPackets,
        outputPackets: s.outputPackets,
        sessionTimeS: Math.floor((Date.now() - s.startedAt) / 1000),
      },
      ...(terminateCause === undefined ? {} : { terminateCause }),
      ...(s.className ? { className: s.className } : {}),
    });
    const answer = await client.exchange(packet, { host: radius.host, port: radius.acctPort });
    accounting.push({
      kind,
      acctSessionId: s.acctSessionId,
      userName: s.userName,
      mac: s.mac,
      inputBytes: s.inputBytes,
      outputBytes: s.outputBytes,
      ...(terminateCause === undefined ? {} : { terminateCause }),
      answered: answer.ok && answer.reply.code === Code.AccountingResponse,
    });
  }

  async function endSession(h: HotspotHost, cause: number): Promise<void> {
    const s = h.session;
    if (!s) return;
    h.session = undefined;
    for (const t of h.timers.splice(0)) clearTimeout(t);
    await sendAccounting(s, 'stop', cause);
  }

  function applyLimits(h: HotspotHost): void {
    const s = h.session;
    if (!s) return;
    for (const t of h.timers.splice(0)) clearTimeout(t);
    if (s.sessionTimeoutS !== undefined && s.sessionTimeoutS > 0) {
      const elapsed = Date.now() - s.startedAt;
      const t = setTimeout(
        () => void endSession(h, TERMINATE.sessionTimeout),
        Math.max(0, s.sessionTimeoutS * 1000 - elapsed),
      );
      t.unref();
      h.timers.push(t);
    }
  }

  async function countTraffic(h: HotspotHost, down: number, up: number): Promise<void> {
    const s = h.session;
    if (!s) return;
    s.outputBytes += down;
    s.inputBytes += up;
    s.outputPackets += Math.ceil(down / 1400);
    s.inputPackets += Math.ceil(up / 1400);
    // Mikrotik-Total-Limit: the session ends once in + out reaches it.
    if (s.totalLimitBytes !== undefined && s.inputBytes + s.outputBytes >= s.totalLimitBytes) {
      await endSession(h, TERMINATE.nasRequest);
    }
  }

  function replyText(p: Packet, type: number): string | undefined {
    return attrString(p, type);
  }

  /** Sends the Access-Request; on Accept the host is logged in and accounting starts. */
  async function authenticate(
    h: HotspotHost,
    userName: string,
    creds: Credentials,
    method: HotspotSession['loginBy'],
  ): Promise<{ ok: true } | { ok: false; error: string }> {
    // RouterOS with use-radius=yes looks in its own user table first and asks RADIUS only for names it lacks:
    // this is how Mikhmon's vouchers keep working on a hotspot that Warganet's RADIUS serves.
    const local = options.localUsers?.().find((u) => u.name === userName);
    if (local) return loginLocal(h, local, creds, method);
    if (!radius) return { ok: false, error: ERRORS.timeout };
    const acctSessionId = `8010${(sessionSeq++).toString(16).padStart(4, '0')}`;
    const packet = encodeHotspotAccessRequest({
      identifier: client.nextIdentifier(),
      authenticator: randomAuthenticator(),
      secret,
      nas,
      session: { mac: h.mac, ip: h.ip, userName, acctSessionId },
      credentials: creds,
    });
    const answer = await client.exchange(packet, { host: radius.host, port: radius.authPort });
    const base = { userName, mac: h.mac, method: creds.kind, packet } as const;
    if (!answer.ok) {
      accessRequests.push({ ...base, outcome: 'timeout' });
      return { ok: false, error: ERRORS.timeout };
    }
    const p = answer.reply;
    if (p.code !== Code.AccessAccept) {
      const message = replyText(p, Attr.ReplyMessage);
      accessRequests.push({ ...base, outcome: 'reject', ...(message ? { replyMessage: message } : {}) });
      return { ok: false, error: message ?? ERRORS.invalid };
    }
    accessRequests.push({ ...base, outcome: 'accept' });
    const u32 = (vendorType: number) => {
      const v = vendorAttr(p, VENDOR_MIKROTIK, vendorType);
      return v && v.length === 4 ? v.readUInt32BE(0) : undefined;
    };
    const total = u32(Mikrotik.TotalLimit);
    const totalGw = u32(Mikrotik.TotalLimitGigawords) ?? 0;
    h.session = {
      mac: h.mac,
      ip: h.ip,
      userName,
      acctSessionId,
      loginBy: method,
      startedAt: Date.now(),
      rateLimit: vendorAttr(p, VENDOR_MIKROTIK, Mikrotik.RateLimit)?.toString('utf8'),
      group: vendorAttr(p, VENDOR_MIKROTIK, Mikrotik.Group)?.toString('utf8'),
      sessionTimeoutS: attrInt(p, Attr.SessionTimeout),
      idleTimeoutS: attrInt(p, Attr.IdleTimeout),
      totalLimitBytes: total === undefined ? undefined : totalGw * 2 ** 32 + total,
      interimIntervalS: attrInt(p, Attr.AcctInterimInterval),
      className: attr(p, Attr.Class) ? Buffer.from(attr(p, Attr.Class)!) : undefined,
      inputBytes: 0,
      outputBytes: 0,
      inputPackets: 0,
      outputPackets: 0,
    };
    applyLimits(h);
    await sendAccounting(h.session, 'start');
    return { ok: true };
  }

  function loginLocal(
    h: HotspotHost,
    user: LocalHotspotUser,
    creds: Credentials,
    method: HotspotSession['loginBy'],
  ): { ok: true } | { ok: false; error: string } {
    const passwordOk =
      creds.kind === 'pap'
        ? creds.password === user.password
        : createHash('md5')
            .update(
              Buffer.concat([
                Uint8Array.of(creds.ident),
                Buffer.from(user.password, 'utf8'),
                creds.challenge,
              ]),
            )
            .digest()
            .equals(creds.response);
    if (user.disabled || !passwordOk) return { ok: false, error: ERRORS.invalid };
    if (user.macAddress && user.macAddress !== h.mac) return { ok: false, error: ERRORS.invalidMac };
    h.session = {
      mac: h.mac,
      ip: h.ip,
      userName: user.name,
      acctSessionId: `8010${(sessionSeq++).toString(16).padStart(4, '0')}`,
      loginBy: method,
      startedAt: Date.now(),
      rateLimit: user.rateLimit,
      group: user.profile,
      sessionTimeoutS: user.limitUptimeS,
      idleTimeoutS: undefined,
      totalLimitBytes: user.limitBytesTotal,
      interimIntervalS: undefined,
      className: undefined,
      local: true,
      inputBytes: 0,
      outputBytes: 0,
      inputPackets: 0,
      outputPackets: 0,
    };
    applyLimits(h);
    return { ok: true };
  }

  /** login-by=mac with mac-as-username-and-password: the MAC as user name and as PAP password. */
  async function tryMacAuth(h: HotspotHost): Promise<boolean> {
    if (!loginBy.has('mac') || h.session) return Boolean(h.session);
    const now = Date.now();
    if (h.macAuthTriedAt !== undefined && now - h.macAuthTriedAt < macRetryMs) return false;
    h.macAuthTriedAt = now;
    const r = await authenticate(h, h.mac, { kind: 'pap', password: h.mac }, 'mac');
    return r.ok;
  }

  function newChallenge(h: HotspotHost): { ident: number; challenge: Buffer } {
    h.chap = { ident: randomAuthenticator()[0]!, challenge: randomAuthenticator() };
    return h.chap;
  }

  function findSession(req: IncomingRequest): HotspotHost | undefined {
    for (const h of hosts.values()) {
      const s = h.session;
      if (!s) continue;
      if (req.acctSessionId !== undefined) {
        if (s.acctSessionId === req.acctSessionId) return h;
        continue;
      }
      if (req.userName === s.userName && (req.framedIp === undefined || req.framedIp === s.ip)) return h;
    }
    return undefined;
  }

  async function handleIncoming(req: IncomingRequest): Promise<IncomingAnswer> {
    // RFC 5176 Error-Cause 403 NAS Identification Mismatch, 503 Session Context Not Found.
    if (req.nasIp !== undefined && req.nasIp !== nas.nasIp) return { ack: false, errorCause: 403 };
    const h = findSession(req);
    if (!h?.session) return { ack: false, errorCause: 503 };
    if (req.kind === 'disconnect') {
      // The Stop is sent (and answered) before the ACK, so whoever asked sees the session closed once acked.
      await endSession(h, TERMINATE.adminReset);
      return { ack: true };
    }
    const s = h.session;
    const rate = vendorAttr(req.packet, VENDOR_MIKROTIK, Mikrotik.RateLimit);
    if (rate) s.rateLimit = rate.toString('utf8');
    const group = vendorAttr(req.packet, VENDOR_MIKROTIK, Mikrotik.Group);
    if (group) s.group = group.toString('utf8');
    const timeout = attrInt(req.packet, Attr.SessionTimeout);
    if (timeout !== undefined) s.sessionTimeoutS = timeout;
    const idle = attrInt(req.packet, Attr.IdleTimeout);
    if (idle !== undefined) s.idleTimeoutS = idle;
    applyLimits(h);
    return { ack: true };
  }

  async function sendInterimUpdates(): Promise<void> {
    const live = [...hosts.values()].filter((h) => h.session);
    for (const h of live) {
      await countTraffic(h, traffic.down, traffic.up);
      if (h.session) await sendAccounting(h.session, 'interim');
    }
  }

  return {
    hosts,
    accounting,
    accessRequests,
    stats: client.stats,
    coaPort: incoming.port,
    setRadius(r: RadiusServerAddress) {
      radius = r;
    },
    authenticate,
    tryMacAuth,
    newChallenge,
    endSession,
    countTraffic,
    sendInterimUpdates,
    async stop() {
      if (interimTimer) clearInterval(interimTimer);
      for (const h of hosts.values()) for (const t of h.timers.splice(0)) clearTimeout(t);
      await incoming.close();
      await client.close();
    },
  };
}

export type HotspotNas = Awaited<ReturnType<typeof startHotspotNas>>;
