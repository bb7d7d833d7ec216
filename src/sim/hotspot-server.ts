// A virtual MikroTik hotspot for tests and the demo: the router's HTTP servlet (here) and its RADIUS side
// (hotspot-nas.ts), behaving as RouterOS 7.15+ does. A browser's every http:// request goes through it (it is
// the browser's HTTP proxy): a host that is not logged in gets `rlogin.html` (a 302 to the login page), `/login`
// renders `login.html` with real variables (a fresh per-host CHAP id and challenge, octal-escaped), a login POST
// becomes the Access-Request a real router sends, and the reply's rate limit, session timeout and total limit
// are applied. A host it has not tried yet is first offered to RADIUS by MAC (login-by=mac). Accounting Start,
// Interim-Update (with growing counters) and Stop go to the accounting port; Disconnect-Request and CoA-Request
// are honoured on a UDP port.
//
// Who is the client? A real router knows each phone by its MAC and IP on the Wi-Fi. Here one process serves
// several browser contexts, so every simulated phone gets its own proxy port (`addClient({ mac, ip })`), and a
// browser context pointed at that port (`--proxy-server` or Playwright's per-context `proxy`) is that phone.
// Hosts in the walled garden are forwarded to the address given for them (the portal on 127.0.0.1); any other
// host is "the internet": a small page, counted in the session's bytes.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { encodeOctalEscapes } from '../domain/chap.js';
import { normalizeMac } from '../domain/mac.js';
import { parseBool, parseRosDuration } from '../routeros/values.js';
import {
  type AccessRecord,
  type AccountingRecord,
  ERRORS,
  type HotspotHost,
  type HotspotNas,
  type HotspotSession,
  type LocalHotspotUser,
  startHotspotNas,
  TERMINATE,
} from './hotspot-nas.js';
import type { Credentials, NasIdentity, RadiusServerAddress } from './hotspot-radius.js';
import { renderHotspotTemplate, type TemplateVars } from './hotspot-template.js';
import type { RouterModel } from './routeros-model.js';

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
  /**
   * The router's API side (its configuration): local hotspot users come from its /ip/hotspot/user table, and
   * `loadTemplatesFromRouter` reads the pages provisioning fetched into its files.
   */
  readonly router?: RouterModel;
}

export type { AccessRecord, AccountingRecord, HotspotSession };

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
  readonly radiusStats: HotspotNas['stats'];
  addClient(client: { mac: string; ip: string }): Promise<HotspotClient>;
  setRadius(radius: RadiusServerAddress): void;
  setTemplates(templates: Readonly<Record<string, string>>): void;
  /** Uses the .html files in a folder of the router's files (the hotspot profile's html-directory). */
  loadTemplatesFromRouter(directory: string): void;
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

/** The /ip/hotspot/user table as the hotspot applies it, with each user's profile. */
function localUsersOf(router: RouterModel): LocalHotspotUser[] {
  const profiles = router.print('/ip/hotspot/user/profile');
  return router.print('/ip/hotspot/user').map((u) => {
    const profile = profiles.find((p) => p.name === (u.profile ?? 'default'));
    const uptimeMs = parseRosDuration(u['limit-uptime']);
    const bytes = Number(u['limit-bytes-total'] ?? '');
    return {
      name: u.name ?? '',
      password: u.password ?? '',
      disabled: parseBool(u.disabled) ?? false,
      macAddress: u['mac-address'] ? (normalizeMac(u['mac-address']) ?? u['mac-address']) : undefined,
      profile: u.profile ?? 'default',
      rateLimit: profile?.['rate-limit'] || undefined,
      limitUptimeS: uptimeMs ? Math.floor(uptimeMs / 1000) : undefined,
      limitBytesTotal: bytes > 0 ? bytes : undefined,
    };
  });
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
  const loginBy: ReadonlySet<string> = new Set(options.loginBy ?? ['mac', 'http-chap']);
  let templates: Readonly<Record<string, string>> = options.templates ?? {};
  let walledGarden = options.walledGarden ?? {};
  const servers: Server[] = [];
  let stopped = false;
  const nasRole = await startHotspotNas({
    host,
    secret: options.secret,
    nas,
    loginBy,
    macRetryMs: options.macAuthRetryMs ?? 5000,
    traffic: options.trafficPerInterim ?? { down: 150_000, up: 30_000 },
    radius: options.radius,
    requireMessageAuth: options.requireMessageAuth ?? true,
    radiusTimeoutMs: options.radiusTimeoutMs ?? 1100,
    radiusRetries: options.radiusRetries ?? 2,
    coaPort: options.coaPort ?? 0,
    interimIntervalMs: options.interimIntervalMs,
    localUsers: options.router ? () => localUsersOf(options.router!) : undefined,
  });
  const { hosts, authenticate, tryMacAuth, newChallenge, endSession, countTraffic } = nasRole;

  function variables(h: HotspotHost, extra: Record<string, string | undefined>): TemplateVars {
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
    h: HotspotHost,
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

  async function handleLogin(
    req: IncomingMessage,
    res: ServerResponse,
    h: HotspotHost,
    url: URL,
  ): Promise<void> {
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

  async function handleRouter(
    req: IncomingMessage,
    res: ServerResponse,
    h: HotspotHost,
    url: URL,
  ): Promise<void> {
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

  async function handleInternet(
    req: IncomingMessage,
    res: ServerResponse,
    h: HotspotHost,
    url: URL,
  ): Promise<void> {
    if (!h.session) await tryMacAuth(h);
    if (!h.session) {
      const login = `http://${nas.hotspotAddress}/login?dst=${encodeURIComponent(url.toString())}`;
      return page(res, 'rlogin.html', variables(h, { 'link-orig': url.toString(), 'link-redirect': login }));
    }
    const body = `<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>${url.hostname}</title></head><body><h1>Internet</h1><p>Halaman ${url.hostname}${url.pathname} (simulasi).</p></body></html>`;
    await countTraffic(h, body.length + 200, (req.url?.length ?? 0) + 400);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, h: HotspotHost): Promise<void> {
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

  return {
    host,
    coaPort: nasRole.coaPort,
    hotspotAddress: nas.hotspotAddress,
    accounting: nasRole.accounting,
    accessRequests: nasRole.accessRequests,
    radiusStats: nasRole.stats,

    async addClient(c) {
      const mac = normalizeMac(c.mac);
      if (!mac) throw new Error(`not a MAC: ${c.mac}`);
      const h: HotspotHost = {
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

    setRadius: (r) => nasRole.setRadius(r),
    setTemplates(t) {
      templates = t;
    },
    loadTemplatesFromRouter(directory) {
      if (!options.router) throw new Error('no router model given');
      const prefix = `${directory.replace(/\/+$/, '')}/`;
      const out: Record<string, string> = {};
      for (const f of options.router.print('/file')) {
        if (!f.name?.startsWith(prefix) || !f.name.endsWith('.html')) continue;
        // /tool/fetch stored the bytes as latin1 text.
        out[f.name.slice(prefix.length)] = Buffer.from(f.contents ?? '', 'latin1').toString('utf8');
      }
      templates = out;
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
    sendInterimUpdates: () => nasRole.sendInterimUpdates(),

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
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
      await nasRole.stop();
    },
  };
}
