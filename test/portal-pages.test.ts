// What every portal page promises regardless of who uses it: small enough for one round trip, nothing loaded
// from outside, strict security headers, Indonesian by default and English on request, the hotspot templates
// routers fetch, and the village's own notice and logo when it supplies them.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_NOTICE_VERSION } from '../captive-portal/app.js';
import { HOTSPOT_PAGE_FILES } from '../captive-portal/hotspot-pages.js';
import { openAppContext } from '../src/app-context.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createNodePortalDeps } from '../src/portal-wiring.js';
import {
  createPortalHarness,
  hotspotQuery,
  PortalBrowser,
  type PortalHarness,
  pageText,
} from './fixtures/portal.js';
import { TEST_SECRET_KEY } from './support/cli.js';

const MAC = '5C:1A:2B:00:20:01';

describe('portal pages', () => {
  let h: PortalHarness;
  beforeAll(async () => {
    h = await createPortalHarness('sqlite', {
      portal: {
        logo: { contentType: 'image/png', bytes: Uint8Array.of(0x89, 0x50, 0x4e, 0x47) },
      },
    });
  });
  afterAll(() => h.close());

  const pages = [
    `/?${hotspotQuery(MAC)}`,
    '/',
    `/daftar?${hotspotQuery(MAC)}`,
    `/perangkat?${hotspotQuery(MAC)}`,
    `/status?${hotspotQuery(MAC)}`,
    '/privasi',
    '/tidak-ada',
  ];

  it('fits the first page in 14 KB, even before compression', async () => {
    const res = await new PortalBrowser(h.app).get(`/?${hotspotQuery(MAC)}`);
    expect(res.status).toBe(200);
    const bytes = Buffer.byteLength(res.body);
    expect(bytes).toBeLessThanOrEqual(14 * 1024);
    expect(gzipSync(res.body).length).toBeLessThan(bytes);
  });

  it('loads nothing from outside the portal and sends strict security headers on every page', async () => {
    for (const path of pages) {
      const res = await new PortalBrowser(h.app).get(path);
      const refs = [...res.body.matchAll(/\s(?:src|href|action)="([^"]*)"/g)].map((m) => m[1]!);
      for (const ref of refs) expect(ref, `${path}: ${ref}`).toMatch(/^(\/|data:)/);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toMatch(/https?:/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      // Inline style carries this response's nonce; there is no inline style attribute CSP would block.
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      expect(res.body).toContain(`<style nonce="${nonce}">`);
      expect(res.body).not.toMatch(/\sstyle="/);
    }
  });

  it('labels every form field and links hints and errors to it', async () => {
    for (const path of ['/daftar', '/perangkat']) {
      const body = (await new PortalBrowser(h.app).get(path)).body;
      const inputs = [...body.matchAll(/<input class="t" id="([^"]+)"/g)].map((m) => m[1]!);
      expect(inputs.length).toBeGreaterThan(1);
      for (const id of inputs) expect(body).toContain(`<label for="${id}">`);
    }
  });

  it('speaks Indonesian by default, English by Accept-Language, and remembers the toggle', async () => {
    const id = await new PortalBrowser(h.app).get('/');
    expect(id.body).toContain('<html lang="id">');
    expect(pageText(id.body)).toContain('Daftar (pertama kali)');
    const en = await new PortalBrowser(h.app, { 'accept-language': 'en-GB,en;q=0.8' }).get('/');
    expect(en.body).toContain('<html lang="en">');
    expect(pageText(en.body)).toContain('Register (first time)');

    const b = new PortalBrowser(h.app);
    const toggle = /<a href="([^"]+)" hreflang="en"/.exec(
      (await b.get(`/daftar?${hotspotQuery(MAC)}`)).body,
    )![1]!;
    const english = await b.get(toggle.replace(/&amp;/g, '&'));
    expect(pageText(english.body)).toContain('Register for the village Wi-Fi');
    expect(english.body).toContain(`value="${BUILTIN_NOTICE_VERSION}-en"`);
    expect(pageText((await b.get('/')).body)).toContain('Register (first time)');
  });

  it('serves the hotspot page templates for the router, pointing at the portal', async () => {
    for (const file of HOTSPOT_PAGE_FILES) {
      const res = await h.app.request(`http://portal.desa.test/hotspot/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
    const login = await (await h.app.request('http://portal.desa.test/hotspot/login.html')).text();
    expect(login).toContain('<form name="portal" action="http://portal.desa.test/" method="get">');
    for (const v of ['mac', 'ip', 'link-login-only', 'link-orig', 'chap-id', 'chap-challenge', 'error']) {
      expect(login).toContain(`<input type="hidden" name="${v}" value="$(${v})">`);
    }
    // The hotspot's own login form sits beside the resident's button (router-local users, vouchers), its MD5
    // inside the page: a phone not yet logged in can load nothing from elsewhere.
    expect(login).toContain('<form name="login" action="$(link-login-only)" method="post"');
    expect(login).toContain('function md5hex(s)');
    expect(login).not.toMatch(/<script[^>]+src=/);
    const rlogin = await (await h.app.request('http://portal.desa.test/hotspot/rlogin.html')).text();
    expect(rlogin).toContain('$(if http-status == 302)');
    expect(rlogin).toContain('$(if http-header == "Location")$(link-redirect)$(endif)');
    expect((await h.app.request('http://portal.desa.test/hotspot/../config.ts')).status).toBe(404);
    expect((await h.app.request('http://portal.desa.test/hotspot/md5.js')).status).toBe(404);
  });

  it('shows a friendly page for an unknown address and refuses oversized forms', async () => {
    const missing = await new PortalBrowser(h.app).get('/tidak-ada');
    expect(missing.status).toBe(404);
    expect(pageText(missing.body)).toContain('Halaman tidak ditemukan');
    const huge = await h.app.request('http://portal.desa.test/daftar', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `nik=${'1'.repeat(40_000)}`,
    });
    expect(huge.status).toBe(413);
  });

  it('serves the village logo when one is configured', async () => {
    const res = await h.app.request('http://portal.desa.test/logo');
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(Uint8Array.of(0x89, 0x50, 0x4e, 0x47));
    expect((await new PortalBrowser(h.app).get('/')).body).toContain('<img src="/logo"');
  });
});

describe('a village notice of its own', () => {
  it('replaces the built-in notice, and its version is what the consent records', async () => {
    const h = await createPortalHarness('sqlite', {
      portal: {
        terms: {
          text: 'Data Anda disimpan oleh Desa.\n\nHubungi Kasi Pemerintahan.',
          version: 'custom-abc123',
        },
      },
    });
    try {
      const resident = await h.resident();
      const b = new PortalBrowser(h.app);
      const form = await b.get('/daftar');
      expect(pageText(form.body)).toContain('Data Anda disimpan oleh Desa. Hubungi Kasi Pemerintahan.');
      await b.post('/daftar', {
        nik: resident.nik,
        kk: resident.kk,
        pin: '482915',
        pin2: '482915',
        consent: '1',
        notice: 'custom-abc123',
      });
      const [account] = await h.db.db.selectFrom('accounts').selectAll().execute();
      expect(account?.consent_notice_version).toBe('custom-abc123');
      expect(pageText((await b.get('/privasi')).body)).toContain('Versi keterangan: custom-abc123');
    } finally {
      await h.close();
    }
  });
});

describe('the village files, read at start', () => {
  it('reads the logo and the notice, versions the notice by its text, and names the setting of an unusable file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warganet-portal-files-'));
    const text = 'Data Anda dipakai untuk Wi-Fi desa.\n\nTanya ke Kasi Pemerintahan.';
    writeFileSync(join(dir, 'ketentuan.txt'), `\uFEFF${text}\n`);
    writeFileSync(join(dir, 'logo.png'), Uint8Array.of(0x89, 0x50, 0x4e, 0x47));
    writeFileSync(join(dir, 'besar.png'), new Uint8Array(70 * 1024));
    const parsed = parseConfig({
      WARGANET_DATA_DIR: dir,
      WARGANET_SECRET_KEY: TEST_SECRET_KEY,
      WARGANET_PORTAL_TERMS: join(dir, 'ketentuan.txt'),
      WARGANET_PORTAL_LOGO: join(dir, 'logo.png'),
    });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const ctx = await openAppContext(parsed.config, createLogger('silent'));
    try {
      const deps = createNodePortalDeps(ctx);
      expect(deps.terms).toEqual({
        text,
        version: `custom-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`,
      });
      expect(deps.logo?.contentType).toBe('image/png');
      const withConfig = (change: Partial<typeof ctx.config>) => () =>
        createNodePortalDeps({ ...ctx, config: { ...ctx.config, ...change } });
      expect(withConfig({ portalLogoFile: join(dir, 'besar.png') })).toThrow(
        'WARGANET_PORTAL_LOGO: paling besar 64 KB',
      );
      expect(withConfig({ portalLogoFile: join(dir, 'ketentuan.txt') })).toThrow(
        /WARGANET_PORTAL_LOGO: harus berkas/,
      );
      expect(withConfig({ portalTermsFile: join(dir, 'tidak-ada.txt') })).toThrow(
        /WARGANET_PORTAL_TERMS: berkas tidak bisa dibaca/,
      );
    } finally {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
