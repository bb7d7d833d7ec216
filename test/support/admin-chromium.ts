// The admin web in headless Chromium: the real server (http role, loopback, ephemeral port) on a fresh database,
// users of each role, browser pages at phone (360×640) and desktop (1280×800) sizes signed in through the sign-in
// page, and screenshots of both sizes into test-artifacts/admin/ (kept by CI as artifacts, and looked at).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

import { expect } from 'vitest';
import { type AppContext, openAppContext } from '../../src/app-context.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { type RunningServer, startServer } from '../../src/server.js';
import type { AdminRole } from '../../src/services/admins/admins.js';
import { TEST_SECRET_KEY } from './cli.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { phoneLayout } from './phone-layout.js';

export const ADMIN_PASSWORD = 'kata-sandi-uji-123';
export const SIZES = {
  phone: { width: 360, height: 640 },
  desktop: { width: 1280, height: 800 },
} as const;

export interface AdminBrowserRig {
  readonly db: TestDatabase;
  readonly app: AppContext;
  readonly baseUrl: string;
  /** A new browser page of this size, signed in as a user of this role (created on first use). */
  page(
    role: AdminRole,
    size?: keyof typeof SIZES,
    opts?: { username?: string; javaScript?: boolean },
  ): Promise<Page>;
  /** A page with no session. */
  anonymous(size?: keyof typeof SIZES, opts?: { javaScript?: boolean }): Promise<Page>;
  /**
   * Full-page screenshots of `path` at both sizes, as `role`: `<area>/<name>-phone.png`, `…-desktop.png`; fails
   * when axe-core finds a serious or critical accessibility problem on the page at either size.
   */
  screenshots(role: AdminRole, path: string, name: string): Promise<void>;
  close(): Promise<void>;
}

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'admin');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core (the accessibility engine browsers' audits use) finds serious or critical on the page as shown:
 * missing labels, contrast below WCAG AA, unreachable controls. Run through DevTools, so the page's CSP (which
 * refuses injected scripts) does not stop it. One line per problem, with the elements it concerns.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected above, untyped in the page
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      }),
    );
  });
  return (violations as Array<{ id: string; impact: string; help: string; targets: string[] }>)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.join(', ')}`);
}

/**
 * Nothing on the page scrolls sideways at a phone's width — neither the page nor a table box (`.tw`, which
 * scrolls when wider inside than outside) — and every table cell shows its label before its value, as a stacked
 * table's `data-label` does.
 */
export async function expectLabelledLines(page: Page, what: string): Promise<void> {
  const layout = await phoneLayout(page);
  expect(layout.pageOverflow, what).toBeLessThanOrEqual(0);
  expect(layout.tooWide, what).toEqual([]);
  expect(layout.scrollingBoxes, what).toBe(0);
  expect(layout.stackedCells, what).toBeGreaterThan(0);
  expect(layout.unlabelled, what).toBe(0);
}

export async function startAdminBrowserRig(
  kind: 'sqlite' | 'postgres' = 'sqlite',
  env: Record<string, string> = {},
  /**
   * `freshInstall`: no admin before the server starts (it prints the setup link, and only /admin/setup answers).
   * Otherwise the admin `admin-uji` exists before the start, as after a finished setup.
   * `prepare`: run on the data directory and database before the server starts (and reads its keys from there),
   * as an operator's `warganet …` commands would have left them; `env` sets WARGANET_SECRET_KEY empty for a key
   * kept in the folder.
   */
  opts: { freshInstall?: boolean; prepare?: (db: TestDatabase) => Promise<void> } = {},
): Promise<AdminBrowserRig> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const db = await createTestDatabase(kind);
  await opts.prepare?.(db);
  const parsed = parseConfig({
    WARGANET_DATA_DIR: db.dir,
    WARGANET_DATABASE_URL: db.url ?? '',
    WARGANET_SECRET_KEY: TEST_SECRET_KEY,
    WARGANET_ROLES: 'http',
    WARGANET_HTTP_HOST: '127.0.0.1',
    WARGANET_VILLAGE_NAME: 'Socorejo',
    ...env,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const app = await openAppContext({ ...parsed.config, httpPort: 0 }, createLogger('silent'));
  const users = new Set<string>();
  if (!opts.freshInstall) {
    await app.services.admins.add({ username: 'admin-uji', role: 'admin', password: ADMIN_PASSWORD }, 'cli');
    users.add('admin-uji');
  }
  const server: RunningServer = await startServer(app);
  const baseUrl = `http://127.0.0.1:${server.httpPort}`;
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const contexts: BrowserContext[] = [];

  async function anonymous(
    size: keyof typeof SIZES = 'desktop',
    opts: { javaScript?: boolean; storageState?: StorageState } = {},
  ) {
    const context = await browser.newContext({
      viewport: SIZES[size],
      deviceScaleFactor: 1,
      locale: 'id-ID',
      javaScriptEnabled: opts.javaScript ?? true,
      storageState: opts.storageState,
    });
    contexts.push(context);
    return context.newPage();
  }

  async function page(
    role: AdminRole,
    size: keyof typeof SIZES = 'desktop',
    opts: { username?: string; javaScript?: boolean } = {},
  ) {
    const username = opts.username ?? `${role}-uji`;
    if (!users.has(username)) {
      await app.services.admins.add({ username, role, password: ADMIN_PASSWORD }, 'cli');
      users.add(username);
    }
    const p = await anonymous(size, opts);
    await p.goto(`${baseUrl}/admin/masuk`);
    await p.getByLabel('Nama pengguna').fill(username);
    await p.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await Promise.all([p.waitForURL(`${baseUrl}/admin`), p.getByRole('button', { name: 'Masuk' }).click()]);
    return p;
  }

  // Screenshots reuse one signed-in session per role (cookies only), so a page costs one load, not a sign-in.
  const screenshotSessions = new Map<AdminRole, StorageState>();
  async function sessionOf(role: AdminRole): Promise<StorageState> {
    let state = screenshotSessions.get(role);
    if (!state) {
      const p = await page(role, 'desktop', { username: `${role}-layar` });
      state = await p.context().storageState();
      screenshotSessions.set(role, state);
      await p.context().close();
    }
    return state;
  }

  return {
    db,
    app,
    baseUrl,
    page,
    anonymous,
    async screenshots(role, path, name) {
      const dir = join(ARTIFACTS, name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '');
      mkdirSync(dir, { recursive: true });
      for (const size of ['phone', 'desktop'] as const) {
        const p = await anonymous(size, { storageState: await sessionOf(role) });
        await p.goto(`${baseUrl}${path}`);
        await p.screenshot({ path: join(ARTIFACTS, `${name}-${size}.png`), fullPage: true });
        const problems = await accessibilityProblems(p);
        await p.context().close();
        if (problems.length > 0) throw new Error(`${path} (${size}): ${problems.join('\n')}`);
      }
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await server.stop();
      await db.close();
    },
  };
}
