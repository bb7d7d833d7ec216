// The virtual MikroTik hotspot as tests drive it: our real server (RADIUS, and the portal in the hotspot's walled
// garden) wired to it on a test database, the router's API side for provisioning, a Chromium whose contexts are
// phones on the hotspot, and a phone's browser reduced to requests through its own hotspot proxy port (so the
// router sees its MAC and IP) with a cookie jar. One set-up, so every hotspot test meets the same village.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { HOTSPOT_PAGE_FILES, hotspotPage } from '../../captive-portal/hotspot-pages.js';
import { type AppContext, openAppContext } from '../../src/app-context.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createRouterOps, type RouterOps } from '../../src/router-ops-wiring.js';
import { type RunningServer, startServer } from '../../src/server.js';
import type { Keyring } from '../../src/services/keyring.js';
import {
  startVirtualHotspot,
  type VirtualHotspot,
  type VirtualHotspotOptions,
} from '../../src/sim/hotspot-server.js';
import { RouterModel } from '../../src/sim/routeros-model.js';
import { startVirtualRouterOs, type VirtualRouterOs } from '../../src/sim/routeros-server.js';
import { TEST_SECRET_KEY } from './cli.js';
import type { TestDatabase } from './databases.js';

/** The portal's public name; the hotspot's walled garden sends it to our server. */
export const PORTAL_HOST = 'portal.desa.test';

export interface HotspotVillage {
  readonly app: AppContext;
  readonly server: RunningServer;
  readonly hotspot: VirtualHotspot;
  /** The router's API side, with `routerApi`. */
  readonly router: VirtualRouterOs | undefined;
  /** Provisioning and the other RouterOS operations, with `routerApi`. */
  readonly ops: RouterOps | undefined;
  /** Stops all of it (not the database: the test made it, the test closes it). */
  stop(): Promise<void>;
}

export interface HotspotVillageOptions {
  /** The RADIUS secret of the router the test seeded at 127.0.0.1. */
  readonly secret: string;
  /** 'radius' alone has no portal and no walled garden. */
  readonly roles?: 'http,radius' | 'radius';
  /** More of the server's configuration (WARGANET_* variables). */
  readonly env?: Readonly<Record<string, string>>;
  /** The hotspot's own options besides the secret (a router model, traffic per interim update). */
  readonly hotspot?: Omit<VirtualHotspotOptions, 'secret'>;
  /**
   * The router's login pages: fetched from the portal as provisioning's /tool/fetch does ('fetch'), rendered
   * for the portal's public URL without a server ('render'), or left to provisioning (none).
   */
  readonly loginPages?: 'fetch' | 'render';
  /**
   * The router's API side on `model` (API user wn), recorded for the seeded router `routerId`: provisioning then
   * reaches it, and its /tool/fetch reaches the portal by its public name.
   */
  readonly routerApi?: { readonly model: RouterModel; readonly routerId: number; readonly keyring: Keyring };
  /** Runs after the app opens and before the server starts (admins that exist before the first start). */
  readonly beforeStart?: (app: AppContext) => Promise<void>;
}

/**
 * Our server on `tdb` behind the virtual hotspot: RADIUS on ephemeral ports that the hotspot asks, the hotspot's
 * /radius incoming as the server's CoA port, and (with the http role) the portal in the walled garden.
 */
export async function startHotspotVillage(
  tdb: TestDatabase,
  options: HotspotVillageOptions,
): Promise<HotspotVillage> {
  const roles = options.roles ?? 'http,radius';
  let server: RunningServer | undefined;
  const router = options.routerApi && (await startRouterApi(tdb, options.routerApi, () => server));
  const hotspot = await startVirtualHotspot({ ...options.hotspot, secret: options.secret });
  const parsed = parseConfig({
    WARGANET_DATA_DIR: tdb.dir,
    WARGANET_DATABASE_URL: tdb.url ?? '',
    WARGANET_SECRET_KEY: TEST_SECRET_KEY,
    WARGANET_ROLES: roles,
    WARGANET_HTTP_HOST: '127.0.0.1',
    WARGANET_RADIUS_HOST: '127.0.0.1',
    WARGANET_RADIUS_AUTH_PORT: '0',
    WARGANET_RADIUS_ACCT_PORT: '0',
    WARGANET_RADIUS_COA_PORT: String(hotspot.coaPort),
    WARGANET_PUBLIC_URL: `http://${PORTAL_HOST}`,
    ...options.env,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const app = await openAppContext({ ...parsed.config, httpPort: 0 }, createLogger('silent'));
  await options.beforeStart?.(app);
  server = await startServer(app);
  hotspot.setRadius({
    host: '127.0.0.1',
    authPort: server.radiusPorts!.auth,
    acctPort: server.radiusPorts!.acct,
  });
  if (roles.includes('http'))
    hotspot.setWalledGarden({ [PORTAL_HOST]: { host: '127.0.0.1', port: server.httpPort! } });
  if (options.loginPages === 'fetch')
    await hotspot.fetchTemplates(`http://127.0.0.1:${server.httpPort}`, HOTSPOT_PAGE_FILES);
  if (options.loginPages === 'render')
    hotspot.setTemplates(
      Object.fromEntries(HOTSPOT_PAGE_FILES.map((f) => [f, hotspotPage(f, `http://${PORTAL_HOST}`)])),
    );
  const ops =
    router &&
    createRouterOps(
      { config: app.config, logger: createLogger('silent'), services: app.services },
      { liveSessions: null },
    );
  const running = server;
  return {
    app,
    server: running,
    hotspot,
    router,
    ops,
    async stop() {
      await ops?.close();
      await running.stop();
      await hotspot.stop();
      await router?.stop();
    },
  };
}

/** A village router's hotspot before provisioning: hotspot1 on the bridge, profile hsprof1 at 10.5.50.1. */
export function villageRouterModel(): RouterModel {
  const model = new RouterModel('7.18.2');
  model.add('/ip/hotspot/profile', {
    name: 'hsprof1',
    'hotspot-address': '10.5.50.1',
    'login-by': 'http-chap,cookie',
  });
  model.add('/ip/hotspot', { name: 'hotspot1', interface: 'bridge', profile: 'hsprof1' });
  return model;
}

async function startRouterApi(
  tdb: TestDatabase,
  api: NonNullable<HotspotVillageOptions['routerApi']>,
  server: () => RunningServer | undefined,
): Promise<VirtualRouterOs> {
  const router = await startVirtualRouterOs({
    model: api.model,
    users: [{ name: 'wn', password: 'api-rahasia' }],
    // The router reaches the portal by its public name; here that name lives on 127.0.0.1.
    fetchUrl: async (url) => {
      const u = new URL(url);
      const res = await fetch(`http://127.0.0.1:${server()?.httpPort}${u.pathname}${u.search}`);
      return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) };
    },
  });
  await tdb.db
    .updateTable('routers')
    .set({
      api_host: router.host,
      api_port: router.port,
      api_user: 'wn',
      api_password_enc: await api.keyring.encrypt('api-rahasia'),
    })
    .where('id', '=', api.routerId)
    .execute();
  return router;
}

/**
 * Headless Chromium for phones on the hotspot: each context brings its own proxy (its hotspot client's port),
 * so the browser is launched with a placeholder one, as Chromium wants a browser-wide proxy to exist.
 */
export async function launchPhoneChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const profileDir = mkdtempSync(join(tmpdir(), 'warganet-chromium-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    proxy: { server: 'http://per-context' },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disk-cache-dir=${join(profileDir, 'cache')}`,
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

// A phone's browser reduced to requests through its hotspot proxy port, with a cookie jar: the demo's phones.
export { hiddenFields, type PhoneReply, phoneBrowser } from '../../src/demo/phone-browser.js';
