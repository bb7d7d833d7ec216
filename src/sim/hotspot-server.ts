// A virtual MikroTik hotspot for tests and the demo: the router's HTTP servlet and its RADIUS client, behaving as
// RouterOS 7.15+ does. A browser's every http:// request goes through it (it is the browser's HTTP proxy): a
// host that is not logged in gets `rlogin.html` (a 302 to the login page), `/login` renders `login.html` with
// real variables (a fresh per-host CHAP id and challenge, octal-escaped), a login POST becomes the Access-Request
// a real router sends, and the reply's rate limit, session timeout and total limit are applied. A host it has
// not tried yet is first offered to RADIUS by MAC (login-by=mac). Accounting Start, Interim-Update (with growing
// counters) and Stop go to the accounting port; Disconnect-Request and CoA-Request are honoured on a UDP port.
//
// Who is the client? A real router knows each phone by its MAC and IP on the Wi-Fi. Here one process serves
// several browser contexts, so every simulated phone gets its own proxy port (`addClient({ mac, ip })`), and a
// browser context pointed at that port (`--proxy-server` or Playwright's per-context `proxy`) is that phone.
// Hosts in the walled garden are forwarded to the address given for them (the portal on 127.0.0.1); any other
// host is "the internet": a small page, counted in the session's bytes.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { Attr, Code, Mikrotik, VENDOR_MIKROTIK } from '../../radius/dictionary.js';
import { attr, attrInt, attrString, type Packet, vendorAttr } from '../../radius/packet.js';
import { encodeOctalEscapes } from '../domain/chap.js';
import { normalizeMac } from '../domain/mac.js';
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
import { renderHotspotTemplate, type TemplateVars } from './hotspot-template.js';

export interface VirtualHotspotOptions {
  /** RADIUS shared secret (the router's `/radius` entry). */
  readonly secret: string;
  /** Where RADIUS runs; may also be given later with `setRadius`. */
  readonly radius?: RadiusServerAddress | undefined;
  /** Address everything listens on and sends from; our RADIUS server knows the router by it. */
  readonly host?: string;
  readonly identity?: string;
  readonly serverName?: string;
  readonly interfaceName?: string;
  /** The hotspot's own address, the host name of its login pages. */
  readonly hotspotAddress?: string;
  /** `login-by` of the hotspot profile. */
  readonly loginBy?: ReadonlyArray<'mac' | 'http-chap' | 'http-pap'>;
  /** Seconds before an unanswered MAC try is repeated for a host (RouterOS: the host entry's login-timeout). */
  readonly macAuthRetryMs?: number;
  /** Page templates by file name (login.html, …), as in the profile's html directory. */
  readonly templates?: Readonly<Record<string, string>>;
  /** Host name (or host:port) → where the request really goes. */
  readonly walledGarden?: Readonly<Record<string, { host: string; port: number }>>;
  /** `require-message-auth=yes-for-request-resp` (RouterOS ≥ 7.15 default). */
  readonly requireMessageAuth?: boolean;
  readonly radiusTimeoutMs?: number;
  readonly radiusRetries?: number;
  /** Sends interim updates by itself at this period; by default only `sendInterimUpdates()` does. */
  readonly interimIntervalMs?: number;
  /** Traffic a session makes between two interim updates (the counters grow by this). */
  readonly trafficPerInterim?: { readonly down: number; readonly up: number };
  /** UDP port of `/radius incoming`; 0 picks one. */
  readonly coaPort?: number;
}

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

export interface HotspotClient {
  readonly mac: string;
  readonly ip: string;
  /** `http://127.0.0.1:<port>`: the proxy a browser context uses to be this phone. */
  readonly proxyUrl: string;
}

export interface VirtualHotspot {
  readonly host: string;
  readonly coaPort: number;
  readonly hotspotAddress: string;
  readonly accounting: readonly AccountingRecord[];
  readonly accessRequests: readonly AccessRecord[];
  readonly radiusStats: HotspotRadiusClient['stats'];
  addClient(client: { mac: string; ip: string }): Promise<HotspotClient>;
  setRadius(radius: RadiusServerAddress): void;
  setTemplates(templates: Readonly<Record<string, string>>): void;
  /** Downloads the page templates from `<baseUrl>/hotspot/<file>`, as provisioning's /tool/fetch does. */
  fetchTemplates(baseUrl: string, files: readonly string[]): Promise<void>;
  setWalledGarden(entries: Readonly<Record<string, { host: string; port: number }>>): void;
  /** `/ip/hotspot/active`. */
  active(): HotspotSession[];
  activeFor(mac: string): HotspotSession | undefined;
  /** Adds traffic to a session now (a download, an upload). */
  addTraffic(mac: string, bytes: { down: number; up: number }): Promise<void>;
  sendInterimUpdates(): Promise<void>;
  /** The phone leaves: its session ends (Lost-Service) and the host entry is forgotten. */
  forgetHost(mac: string): Promise<void>;
  stop(): Promise<void>;
}

const TERMINATE = {
  userRequest: 1,
  lostService: 3,
  sessionTimeout: 5,
  adminReset: 6,
  nasRequest: 10,
} as const;
const ERRORS = {
  invalid: 'invalid username or password',
  timeout: 'RADIUS server is not responding',
  chapMissing: 'web browser did not send challenge response (try again, enable JavaScript)',
} as const;

interface Host {
  readonly mac: string;
  readonly ip: string;
  chap: { ident: number; challenge: Buffer } | undefined;
  macAuthTriedAt: number | undefined;
  session: HotspotSession | undefined;
  timers: Array<ReturnType<typeof setTimeout>>;
}

function niceBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function uptime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s}s`;
}

async function readBody(req: IncomingMessage, limit = 16 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startVirtualHotspot(options: VirtualHotspotOptions): Promise<VirtualHotspot> {
  const host = options.host ?? '127.0.0.1';
  const nas: NasIdentity = {
    nasIp: host,
    identity: options.identity ?? 'MikroTik',
    serverName: options.serverName ?? 'hotspot1',
    interfaceName: options.interfaceName ?? 'bridge-hotspot',
    hotspotAddress: options.hotspotAddress ?? '10.5.50.1',
  };
  const loginBy = new Set(options.loginBy ?? ['mac', 'http-chap']);
  const macRetryMs = options.macAuthRetryMs ?? 5000;
  const traffic = options.trafficPerInterim ?? { down: 150_000, up: 30_000 };
  let radius = options.radius;
  let templates: Readonly<Record<string, string>> = options.templates ?? {};
  let walledGarden = options.walledGarden ?? {};
  const hosts = new Map<string, Host>();
  const servers: Server[] = [];
  const accounting: AccountingRecord[] = [];
  const accessRequests: AccessRecord[] = [];
  let sessionSeq = 0x13;
  let stopped = false;

  const client = await HotspotRadiusClient.open(host, options.secret, {
    timeoutMs: options.radiusTimeoutMs ?? 1100,
    retries: options.radiusRetries ?? 2,
    requireMessageAuth: options.requireMessageAuth ?? true,
  });
  const secret = Buffer.from(options.secret, 'utf8');
  const incoming = await listenIncoming({
    host,
    port: options.coaPort ?? 0,
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
    if (!radius) return;
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

  async function endSession(h: Host, cause: number): Promise<void> {
    const s = h.session;
    if (!s) return;
    h.session = undefined;
    for (const t of h.timers.splice(0)) clearTimeout(t);
    await sendAccounting(s, 'stop', cause);
  }

  function applyLimits(h: Host): void {
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

  async function countTraffic(h: Host, down: number, up: number): Promise<void> {
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
    h: Host,
    userName: string,
    creds: Credentials,
    method: HotspotSession['loginBy'],
  ): Promise<{ ok: true } | { ok: false; error: string }> {
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

  /** login-by=mac with mac-as-username-and-password: the MAC as user name and as PAP password. */
  async function tryMacAuth(h: Host): Promise<boolean> {
    if (!loginBy.has('mac') || h.session) return Boolean(h.session);
    const now = Date.now();
    if (h.macAuthTriedAt !== undefined && now - h.macAuthTriedAt < macRetryMs) return false;
    h.macAuthTriedAt = now;
    const r = await authenticate(h, h.mac, { kind: 'pap', password: h.mac }, 'mac');
    return r.ok;
  }

  function newChallenge(h: Host): { ident: number; challenge: Buffer } {
    h.chap = { ident: randomAuthenticator()[0]!, challenge: randomAuthenticator() };
    return h.chap;
  }

  function variables(h: Host, extra: Record<string, string | undefined>): TemplateVars {
    const a = nas.hotspotAddress;
    const s = h.session;
    const orig = extra['link-orig'] ?? '';
    const seconds = s ? Math.floor((Date.now() - s.startedAt) / 1000) : 0;
    return {
      hostname: a,
      identity: nas.identity,
      'server-name': nas.serverName,
      'server-address': `${a}:80`,
      'interface-name': nas.interfaceName,
      'login-by': [...loginBy].join(','),
      'plain-passwd': loginBy.has('http-pap') ? 'yes' : 'no',
      'ssl-login': 'no',
      'link-login': `http://${a}/login${orig ? `?dst=${encodeURIComponent(orig)}` : ''}`,
      'link-login-only': `http://${a}/login`,
      'link-logout': `http://${a}/logout`,
      'link-status': `http://${a}/status`,
      'link-orig': orig,
      mac: h.mac,
      ip: h.ip,
      'host-ip': h.ip,
      'logged-in': s ? 'yes' : 'no',
      username: s?.userName ?? '',
      uptime: uptime(seconds),
      'uptime-secs': String(seconds),
      'bytes-in': String(s?.inputBytes ?? 0),
      'bytes-out': String(s?.outputBytes ?? 0),
      'bytes-in-nice': niceBytes(s?.inputBytes ?? 0),
      'bytes-out-nice': niceBytes(s?.outputBytes ?? 0),
      'session-timeout': s?.sessionTimeoutS ? uptime(s.sessionTimeoutS) : '',
      'session-time-left': s?.sessionTimeoutS ? uptime(Math.max(0, s.sessionTimeoutS - seconds)) : '',
      error: '',
      'chap-id': '',
      'chap-challenge': '',
      ...extra,
    };
  }

  function page(res: ServerResponse, file: string, vars: TemplateVars): void {
    const source = templates[file] ?? (file === 'flogin.html' ? templates['login.html'] : undefined);
    if (source === undefined) {
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end(`${file} is not in the hotspot's html directory`);
      return;
    }
    const r = renderHotspotTemplate(source, vars);
    res.writeHead(r.status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      ...r.headers,
    });
    res.end(r.body);
  }

  function loginPage(
    res: ServerResponse,
    h: Host,
    file: 'login.html' | 'flogin.html',
    orig: string,
    error: string,
  ) {
    const hasChap = loginBy.has('http-chap');
    const chap = hasChap ? newChallenge(h) : undefined;
    page(
      res,
      file,
      variables(h, {
        'link-orig': orig,
        error,
        'chap-id': chap ? encodeOctalEscapes(Uint8Array.of(chap.ident)) : '',
        'chap-challenge': chap ? encodeOctalEscapes(chap.challenge) : '',
      }),
    );
  }

  async function handleLogin(req: IncomingMessage, res: ServerResponse, h: Host, url: URL): Promise<void> {
    const form = new URLSearchParams(req.method === 'POST' ? await readBody(req) : url.search);
    const username = form.get('username') ?? '';
    const dst = form.get('dst') ?? url.searchParams.get('dst') ?? '';
    if (h.session) return page(res, 'alogin.html', variables(h, { 'link-orig': dst, 'link-redirect': dst }));
    if (!username) return loginPage(res, h, 'login.html', dst, '');
    const password = form.get('password') ?? '';
    let creds: Credentials | undefined;
    if (loginBy.has('http-chap') && h.chap && /^[0-9a-f]{32}$/i.test(password)) {
      creds = {
        kind: 'chap',
        ident: h.chap.ident,
        response: Buffer.from(password, 'hex'),
        challenge: h.chap.challenge,
      };
    } else if (loginBy.has('http-pap')) {
      creds = { kind: 'pap', password };
    }
    if (!creds) return loginPage(res, h, 'flogin.html', dst, ERRORS.chapMissing);
    const r = await authenticate(h, username, creds, creds.kind === 'chap' ? 'http-chap' : 'http-pap');
    // A challenge answers one login only.
    h.chap = undefined;
    if (!r.ok) return loginPage(res, h, 'flogin.html', dst, r.error);
    page(res, 'alogin.html', variables(h, { 'link-orig': dst, 'link-redirect': dst }));
  }

  async function handleRouter(req: IncomingMessage, res: ServerResponse, h: Host, url: URL): Promise<void> {
    const redirectTo = (target: string) =>
      page(res, 'redirect.html', variables(h, { 'link-redirect': target }));
    switch (url.pathname) {
      case '/login':
        return handleLogin(req, res, h, url);
      case '/logout':
        if (!h.session) return redirectTo(`http://${nas.hotspotAddress}/login`);
        await endSession(h, TERMINATE.userRequest);
        return page(res, 'logout.html', variables(h, {}));
      case '/status':
        if (!h.session) return redirectTo(`http://${nas.hotspotAddress}/login`);
        return page(res, 'status.html', variables(h, {}));
      case '/':
        return redirectTo(`http://${nas.hotspotAddress}/${h.session ? 'status' : 'login'}`);
      default:
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  }

  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    target: { host: string; port: number },
    url: URL,
  ) {
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    const upstream = request(
      {
        host: target.host,
        port: target.port,
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers,
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('walled garden host unreachable');
    });
    req.pipe(upstream);
  }

  async function handleInternet(req: IncomingMessage, res: ServerResponse, h: Host, url: URL): Promise<void> {
    if (!h.session) await tryMacAuth(h);
    if (!h.session) {
      const login = `http://${nas.hotspotAddress}/login?dst=${encodeURIComponent(url.toString())}`;
      return page(res, 'rlogin.html', variables(h, { 'link-orig': url.toString(), 'link-redirect': login }));
    }
    const body = `<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>${url.hostname}</title></head><body><h1>Internet</h1><p>Halaman ${url.hostname}${url.pathname} (simulasi).</p></body></html>`;
    await countTraffic(h, body.length + 200, (req.url?.length ?? 0) + 400);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, h: Host): Promise<void> {
    if (req.method === 'CONNECT') {
      res.writeHead(405).end();
      return;
    }
    const raw = req.url ?? '/';
    const url = /^https?:\/\//i.test(raw)
      ? new URL(raw)
      : new URL(raw, `http://${req.headers.host ?? nas.hotspotAddress}`);
    const garden = walledGarden[url.host] ?? walledGarden[url.hostname];
    if (garden) return forward(req, res, garden, url);
    if (url.hostname === nas.hotspotAddress) return handleRouter(req, res, h, url);
    return handleInternet(req, res, h, url);
  }

  function findSession(req: IncomingRequest): Host | undefined {
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
    host,
    coaPort: incoming.port,
    hotspotAddress: nas.hotspotAddress,
    accounting,
    accessRequests,
    radiusStats: client.stats,

    async addClient(c) {
      const mac = normalizeMac(c.mac);
      if (!mac) throw new Error(`not a MAC: ${c.mac}`);
      const h: Host = {
        mac,
        ip: c.ip,
        chap: undefined,
        macAuthTriedAt: undefined,
        session: undefined,
        timers: [],
      };
      hosts.set(mac, h);
      const server = createServer((req, res) => {
        handle(req, res, h).catch((error: unknown) => {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        });
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, host, resolve));
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      return { mac, ip: c.ip, proxyUrl: `http://${host}:${port}` };
    },

    setRadius(r) {
      radius = r;
    },
    setTemplates(t) {
      templates = t;
    },
    async fetchTemplates(baseUrl, files) {
      const out: Record<string, string> = {};
      for (const file of files) {
        const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/hotspot/${file}`);
        if (!res.ok) throw new Error(`/tool/fetch ${file}: HTTP ${res.status}`);
        out[file] = await res.text();
      }
      templates = out;
    },
    setWalledGarden(entries) {
      walledGarden = entries;
    },

    active: () => [...hosts.values()].flatMap((h) => (h.session ? [h.session] : [])),
    activeFor: (mac) => hosts.get(normalizeMac(mac) ?? '')?.session,

    async addTraffic(mac, bytes) {
      const h = hosts.get(normalizeMac(mac) ?? '');
      if (h) await countTraffic(h, bytes.down, bytes.up);
    },
    sendInterimUpdates,

    async forgetHost(mac) {
      const h = hosts.get(normalizeMac(mac) ?? '');
      if (!h) return;
      await endSession(h, TERMINATE.lostService);
      h.macAuthTriedAt = undefined;
      h.chap = undefined;
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      if (interimTimer) clearInterval(interimTimer);
      for (const h of hosts.values()) for (const t of h.timers.splice(0)) clearTimeout(t);
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
      await incoming.close();
      await client.close();
    },
  };
}
