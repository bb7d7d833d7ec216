// The captive portal: the pages a resident's phone sees between joining the village Wi-Fi and getting online,
// the RFC 8908 Captive Portal API, and the hotspot page templates routers fetch. Web standards only (Hono), so it
// runs on Node and on Workers. Every form carries a CSRF token; NIK, KK number and PIN are read from form bodies
// only and never written back into a page, a URL or a log.

import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { PortalServices } from '../src/services/portal-services.js';
import { PORTAL_SESSION_MS } from '../src/services/portal-tokens.js';
import type { DeviceBinding } from '../src/services/registration.js';
import { formatUnlock } from './format.js';
import {
  type HotspotContext,
  hotspotQuery,
  readHotspotContext,
  readRouterError,
  routerLogoutUrl,
} from './hotspot-context.js';
import { hotspotPage, isHotspotPageFile } from './hotspot-pages.js';
import { catalogues, chooseLang, isLang, type Lang } from './i18n.js';
import { BASE_HEADERS, contentSecurityPolicy, escapeAttribute, newCspNonce } from './security.js';
import { type DeviceFormState, DevicePage } from './views/device.js';
import { DevicesFullPage } from './views/devices-full.js';
import { Layout } from './views/layout.js';
import { LoginPage } from './views/login.js';
import { type MessageLink, MessagePage } from './views/message.js';
import { NoticeBody, type NoticeContent } from './views/notice.js';
import type { PageContext } from './views/page-context.js';
import { type RegisterFormState, RegisterPage } from './views/register.js';
import { StatusPage } from './views/status.js';
import { WelcomePage } from './views/welcome.js';

/** The built-in privacy notice; bump when its text changes. The language is appended (`…-id`, `…-en`). */
export const BUILTIN_NOTICE_VERSION = 'portal-2026-11-29';

export interface PortalDeps {
  readonly services: PortalServices;
  readonly villageName: string;
  /** Who residents ask about their data (the notice names them). */
  readonly contact: string;
  readonly timeZone: string;
  readonly minAge: number;
  /** How long usage records are kept, for the notice. */
  readonly sessionRetentionDays: number;
  /** The portal's public address (WARGANET_PUBLIC_URL); the request's origin when unset. */
  readonly publicUrl?: string | undefined;
  readonly logo?: { readonly contentType: string; readonly bytes: Uint8Array } | undefined;
  /** The village's own privacy notice, replacing the built-in one. */
  readonly terms?: { readonly text: string; readonly version: string } | undefined;
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

type Env = { Variables: { nonce: string; lang: Lang } };
type Ctx = Context<Env>;

const CSRF_COOKIE = 'wn_csrf';
const SESSION_COOKIE = 'wn_sesi';
const LANG_COOKIE = 'wn_lang';
const FORM_LIMIT = 16 * 1024;

export function createPortalApp(deps: PortalDeps): Hono<Env> {
  const app = new Hono<Env>();
  const { registration, status, login, tokens } = deps.services;
  const now = deps.now ?? Date.now;

  const cookieOptions = (c: Ctx) =>
    ({
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:',
    }) as const;
  const portalUrl = (c: Ctx) => (deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
  const noticeFor = (lang: Lang): NoticeContent =>
    deps.terms
      ? { customText: deps.terms.text, version: deps.terms.version, sessionDays: deps.sessionRetentionDays }
      : { version: `${BUILTIN_NOTICE_VERSION}-${lang}`, sessionDays: deps.sessionRetentionDays };

  app.use('*', async (c, next) => {
    // Set before the handler runs, so they go into the response as it is made (cheaper than patching it after).
    for (const [name, value] of BASE_HEADERS) c.header(name, value);
    c.set('nonce', newCspNonce());
    const queryLang = c.req.query('lang');
    c.set('lang', chooseLang(queryLang, getCookie(c, LANG_COOKIE), c.req.header('accept-language')));
    if (isLang(queryLang))
      setCookie(c, LANG_COOKIE, queryLang, { ...cookieOptions(c), maxAge: 365 * 86_400 });
    await next();
  });
  // Forms only: asking a GET for its body would make the Node adapter build a full Request for nothing.
  app.on(
    'POST',
    '*',
    bodyLimit({
      maxSize: FORM_LIMIT,
      onError: (c) => {
        const ctx = pageContext(c, {}, '', '/');
        return message(c, ctx, ctx.m.outcome.errorTitle, ctx.m.outcome.tooLarge, { status: 413 });
      },
    }),
  );

  /** The form token for this browser, setting its nonce cookie on first use. */
  async function csrfFor(c: Ctx): Promise<string> {
    let nonce = getCookie(c, CSRF_COOKIE);
    if (!nonce || !/^[\w-]{16,64}$/.test(nonce)) {
      nonce = tokens.newNonce();
      setCookie(c, CSRF_COOKIE, nonce, cookieOptions(c));
    }
    return tokens.csrfToken(nonce);
  }

  function pageContext(c: Ctx, hs: HotspotContext, csrf: string, getPath: string): PageContext {
    const lang = c.get('lang');
    const m = catalogues[lang];
    return {
      m,
      lang,
      village: deps.villageName,
      contact: deps.contact,
      timeZone: deps.timeZone,
      now: now(),
      hs,
      q: hotspotQuery(hs),
      nonce: c.get('nonce'),
      csrf,
      toggleHref: `${getPath}${hotspotQuery(hs, { lang: m.otherLangCode })}`,
      hasLogo: deps.logo !== undefined,
    };
  }

  /** The hotspot context from the URL, the query string parsed once. */
  function queryContext(c: Ctx): HotspotContext {
    const url = c.req.url;
    const at = url.indexOf('?');
    const params = new URLSearchParams(at < 0 ? '' : url.slice(at + 1));
    return readHotspotContext((name) => params.get(name) ?? undefined);
  }

  function pageHeaders(c: Ctx, opts: { script?: boolean; formOrigins?: readonly string[] | undefined } = {}) {
    c.header(
      'Content-Security-Policy',
      contentSecurityPolicy({
        nonce: c.get('nonce'),
        script: opts.script ?? false,
        formOrigins: opts.formOrigins,
      }),
    );
    c.header('Cache-Control', 'no-store');
  }

  // The welcome page is the one every phone gets first, often many at once when a crowd joins: it is rendered
  // once per language (with and without a hotspot context), with markers where the per-request parts go.
  const welcomeCache = new Map<string, string>();
  const MARK = { q: '@@wn-q@@', toggle: '@@wn-toggle@@', nonce: '@@wn-nonce@@' } as const;

  async function welcome(c: Ctx, ctx: PageContext) {
    const key = `${ctx.lang}|${ctx.hs.mac ? 'hs' : ''}`;
    let page = welcomeCache.get(key);
    if (page === undefined) {
      const marked = { ...ctx, q: MARK.q, toggleHref: MARK.toggle, nonce: MARK.nonce };
      page = `<!DOCTYPE html>${await (<WelcomePage ctx={marked} />).toString()}`;
      welcomeCache.set(key, page);
    }
    pageHeaders(c);
    return c.html(
      page
        .replaceAll(MARK.q, escapeAttribute(ctx.q))
        .replaceAll(MARK.toggle, escapeAttribute(ctx.toggleHref))
        .replaceAll(MARK.nonce, ctx.nonce),
    );
  }

  async function html(
    c: Ctx,
    node: JSX.Element,
    opts: { status?: number; script?: boolean; formOrigins?: readonly string[] } = {},
  ) {
    pageHeaders(c, opts);
    const body = `<!DOCTYPE html>${await node.toString()}`;
    return c.html(body, (opts.status ?? 200) as 200);
  }

  async function formBody(c: Ctx) {
    const body = await c.req.parseBody();
    const get = (name: string): string => {
      const v = body[name];
      return typeof v === 'string' ? v : '';
    };
    const hs = readHotspotContext((name) => get(name) || undefined);
    return { get, hs };
  }

  /** A POST whose token does not match this browser's cookie: nothing is done, the form is offered again. */
  async function checkCsrf(c: Ctx, token: string, hs: HotspotContext, retryPath: string) {
    if (await tokens.csrfValid(getCookie(c, CSRF_COOKIE), token)) return undefined;
    const ctx = pageContext(c, hs, await csrfFor(c), retryPath);
    return html(
      c,
      <MessagePage
        ctx={ctx}
        title={ctx.m.outcome.expiredTitle}
        text={ctx.m.outcome.expired}
        links={[{ href: `${retryPath}${hotspotQuery(hs)}`, text: ctx.m.outcome.tryAgain, primary: true }]}
      />,
      { status: 403 },
    );
  }

  const home = (ctx: PageContext): MessageLink => ({
    href: `/${hotspotQuery(ctx.hs)}`,
    text: ctx.m.form.backHome,
  });

  async function message(
    c: Ctx,
    ctx: PageContext,
    title: string,
    text: string | readonly string[],
    opts: { status?: number; links?: readonly MessageLink[]; ok?: boolean } = {},
  ) {
    return html(
      c,
      <MessagePage ctx={ctx} title={title} text={text} links={opts.links ?? [home(ctx)]} ok={opts.ok} />,
      { status: opts.status ?? 200 },
    );
  }

  /** The page that logs this phone in, or what stands in the way. */
  async function loginOrExplain(c: Ctx, ctx: PageContext) {
    const { hs, m } = ctx;
    if (!hs.mac || !hs.loginUrl) {
      return message(c, ctx, m.outcome.registeredTitle, m.outcome.registeredNoMac, { ok: true });
    }
    const form = await login.loginForm(hs.mac, hs.chapId ?? '', hs.chapChallenge ?? '');
    if (form.kind !== 'form') {
      return message(c, ctx, m.outcome.registeredTitle, m.outcome.registeredNoMac, { ok: true });
    }
    return html(
      c,
      <LoginPage
        ctx={ctx}
        action={hs.loginUrl}
        username={form.username}
        password={form.password}
        dst={hs.dst}
      />,
      { script: true, formOrigins: [new URL(hs.loginUrl).origin] },
    );
  }

  async function afterBinding(c: Ctx, ctx: PageContext, binding: DeviceBinding, label: string) {
    const { m } = ctx;
    switch (binding.kind) {
      case 'bound':
        return loginOrExplain(c, ctx);
      case 'no-mac':
        return message(c, ctx, m.outcome.registeredTitle, m.outcome.registeredNoMac, { ok: true });
      case 'mac-elsewhere':
        return message(c, ctx, m.outcome.macElsewhereTitle, m.outcome.macElsewhere(ctx.contact), {
          status: 409,
        });
      case 'no-plan':
        return message(c, ctx, m.outcome.noPlanTitle, m.outcome.noPlan(ctx.contact), { status: 503 });
      case 'full':
        return html(
          c,
          <DevicesFullPage
            ctx={ctx}
            planName={binding.planName}
            devicesAllowed={binding.devicesAllowed}
            devices={binding.devices}
            label={label || undefined}
          />,
          { status: 409 },
        );
    }
  }

  async function startSession(c: Ctx, accountId: number) {
    setCookie(c, SESSION_COOKIE, await tokens.issueSession(accountId), {
      ...cookieOptions(c),
      maxAge: PORTAL_SESSION_MS / 1000,
    });
  }

  // --- welcome, and the returning phone ---------------------------------------------------------------

  app.get('/', async (c) => {
    const hs = queryContext(c);
    const routerError = readRouterError(c.req.query('error'));
    const ctx = pageContext(c, hs, '', '/');
    // A phone the portal knows, sent here by the router's login page: log it straight in. Not after a refusal
    // (the router's error is shown instead, so a refused phone does not bounce between router and portal), and
    // not when the challenge was there but unreadable (no password may go out without CHAP then).
    const chapGarbled = Boolean(c.req.query('chap-id')) && !hs.chapId;
    if (hs.mac && hs.loginUrl && !routerError && !chapGarbled) {
      const form = await login.loginForm(hs.mac, hs.chapId ?? '', hs.chapChallenge ?? '');
      if (form.kind === 'form') {
        return html(
          c,
          <LoginPage
            ctx={ctx}
            action={hs.loginUrl}
            username={form.username}
            password={form.password}
            dst={hs.dst}
          />,
          { script: true, formOrigins: [new URL(hs.loginUrl).origin] },
        );
      }
      if (form.kind === 'not-allowed') {
        const m = ctx.m;
        const text = !form.residentActive
          ? m.status.notResident
          : form.accountStatus === 'pending'
            ? m.status.accountPending
            : m.status.accountSuspended;
        return html(c, <WelcomePage ctx={ctx} notice={text} />);
      }
    }
    if (routerError) return html(c, <WelcomePage ctx={ctx} routerError={routerError} />);
    return welcome(c, ctx);
  });

  // --- registration ------------------------------------------------------------------------------------

  const showGuardian = deps.minAge < 18;

  app.get('/daftar', async (c) => {
    const hs = queryContext(c);
    const ctx = pageContext(c, hs, await csrfFor(c), '/daftar');
    return html(c, <RegisterPage ctx={ctx} notice={noticeFor(ctx.lang)} showGuardian={showGuardian} />);
  });

  app.post('/daftar', async (c) => {
    const { get, hs } = await formBody(c);
    const refused = await checkCsrf(c, get('csrf'), hs, '/daftar');
    if (refused) return refused;
    const ctx = pageContext(c, hs, await csrfFor(c), '/daftar');
    const { m } = ctx;
    const notice = noticeFor(ctx.lang);
    const allowed = deps.terms
      ? [deps.terms.version]
      : [`${BUILTIN_NOTICE_VERSION}-id`, `${BUILTIN_NOTICE_VERSION}-en`];
    const label = get('label').trim();
    const outcome = await registration.register({
      nik: get('nik'),
      kk: get('kk'),
      pin: get('pin'),
      pinRepeat: get('pin2'),
      consent: get('consent') === '1',
      guardianConsent: get('guardian') === '1',
      noticeVersion: allowed.includes(get('notice')) ? get('notice') : notice.version,
      mac: hs.mac,
      label,
    });
    const form = (state: RegisterFormState, status: number) =>
      html(c, <RegisterPage ctx={ctx} notice={notice} showGuardian={showGuardian} state={state} />, {
        status,
      });
    const kept = { label, consent: get('consent') === '1', guardian: get('guardian') === '1' };
    switch (outcome.kind) {
      case 'invalid':
        return form({ ...kept, errors: outcome.errors }, 400);
      case 'locked':
        return form(
          {
            ...kept,
            generalTitle: m.form.lockedTitle,
            general: [m.errors.locked(formatUnlock(outcome.until, now(), deps.timeZone, m))],
          },
          429,
        );
      case 'not-verified': {
        const text = m.errors.notVerified;
        return form(
          {
            ...kept,
            errors: { nik: { code: 'notVerified' }, kk: { code: 'notVerified' } },
            general: [text, m.errors.notVerifiedHelp(ctx.contact)],
          },
          400,
        );
      }
      case 'inactive':
        return message(c, ctx, m.outcome.inactiveTitle, m.outcome.inactive(ctx.contact), { status: 403 });
      case 'too-young':
        return message(c, ctx, m.outcome.inactiveTitle, m.outcome.tooYoung(outcome.minAge), { status: 403 });
      case 'already-registered':
        return message(c, ctx, m.outcome.alreadyTitle, m.outcome.already, {
          status: 409,
          links: [
            { href: `/perangkat${hotspotQuery(hs)}`, text: m.device.heading, primary: true },
            home(ctx),
          ],
        });
      case 'pending':
        return message(
          c,
          ctx,
          m.outcome.pendingTitle,
          outcome.reason === 'guardian'
            ? m.outcome.pendingGuardian(ctx.contact)
            : m.outcome.pendingUnverified(ctx.contact),
          { status: 202, ok: true },
        );
      case 'active':
        await startSession(c, outcome.accountId);
        return afterBinding(c, ctx, outcome.binding, label);
    }
  });

  // --- another phone on an existing account --------------------------------------------------------------

  app.get('/perangkat', async (c) => {
    const hs = queryContext(c);
    const ctx = pageContext(c, hs, await csrfFor(c), '/perangkat');
    return html(c, <DevicePage ctx={ctx} />);
  });

  app.post('/perangkat', async (c) => {
    const { get, hs } = await formBody(c);
    const refused = await checkCsrf(c, get('csrf'), hs, '/perangkat');
    if (refused) return refused;
    const ctx = pageContext(c, hs, await csrfFor(c), '/perangkat');
    const { m } = ctx;
    const label = get('label').trim();
    const outcome = await registration.addDevice({ nik: get('nik'), pin: get('pin'), mac: hs.mac, label });
    const form = (state: DeviceFormState, status: number) =>
      html(c, <DevicePage ctx={ctx} state={{ label, ...state }} />, { status });
    switch (outcome.kind) {
      case 'invalid':
        return form({ errors: outcome.errors }, 400);
      case 'locked': {
        const time = formatUnlock(outcome.until, now(), deps.timeZone, m);
        const state = {
          pinError: m.errors.pinLocked(time),
          generalTitle: m.form.lockedTitle,
          general: [m.errors.locked(time)],
        };
        return form(state, 429);
      }
      case 'wrong-pin':
        return form({ pinError: m.errors.wrongPin(outcome.triesLeft) }, 401);
      case 'pending':
        return message(c, ctx, m.outcome.pendingTitle, m.outcome.pendingAccount, { status: 403 });
      case 'suspended':
        return message(c, ctx, m.outcome.suspendedTitle, m.outcome.suspended(ctx.contact), { status: 403 });
      case 'inactive':
        return message(c, ctx, m.outcome.inactiveTitle, m.outcome.inactive(ctx.contact), { status: 403 });
      case 'ok':
        await startSession(c, outcome.accountId);
        return afterBinding(c, ctx, outcome.binding, label);
    }
  });

  app.post('/perangkat/hapus', async (c) => {
    const { get, hs } = await formBody(c);
    const refused = await checkCsrf(c, get('csrf'), hs, '/perangkat');
    if (refused) return refused;
    const ctx = pageContext(c, hs, await csrfFor(c), '/perangkat');
    const { m } = ctx;
    const session = await tokens.readSession(getCookie(c, SESSION_COOKIE));
    if (!session) {
      const state = { generalTitle: m.form.notice, general: [m.outcome.sessionGone] };
      return html(c, <DevicePage ctx={ctx} state={state} />, { status: 401 });
    }
    const deviceId = Number(get('device'));
    if (Number.isSafeInteger(deviceId) && deviceId > 0)
      await registration.removeDevice(session.accountId, deviceId);
    const label = get('label').trim();
    const binding = await registration.bindForSession(session.accountId, hs.mac, label);
    if (!binding)
      return message(c, ctx, m.outcome.suspendedTitle, m.outcome.suspended(ctx.contact), { status: 403 });
    if (binding.kind === 'no-mac') {
      return message(c, ctx, m.outcome.removedTitle, m.outcome.registeredNoMac, { ok: true });
    }
    return afterBinding(c, ctx, binding, label);
  });

  // --- status and leaving ------------------------------------------------------------------------------------

  app.get('/status', async (c) => {
    const hs = queryContext(c);
    const ctx = pageContext(c, hs, await csrfFor(c), '/status');
    const session = await tokens.readSession(getCookie(c, SESSION_COOKIE));
    const view = session
      ? await status.forAccount(session.accountId)
      : hs.mac
        ? await status.forMac(hs.mac)
        : undefined;
    if (!view) {
      const q = hotspotQuery(hs);
      return message(c, ctx, ctx.m.status.heading, ctx.m.status.unknownDevice, {
        links: [
          { href: `/daftar${q}`, text: ctx.m.welcome.register, primary: true },
          { href: `/perangkat${q}`, text: ctx.m.welcome.addDevice },
        ],
      });
    }
    return html(
      c,
      <StatusPage ctx={ctx} view={view} showDevices={session !== undefined} currentMac={hs.mac} />,
    );
  });

  app.post('/keluar', async (c) => {
    const { get, hs } = await formBody(c);
    const refused = await checkCsrf(c, get('csrf'), hs, '/status');
    if (refused) return refused;
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect(routerLogoutUrl(hs) ?? `/${hotspotQuery(hs)}`, 303);
  });

  app.get('/privasi', async (c) => {
    const hs = queryContext(c);
    const ctx = pageContext(c, hs, '', '/privasi');
    const { m } = ctx;
    const notice = noticeFor(ctx.lang);
    return html(
      c,
      <Layout ctx={ctx} title={m.notice.heading}>
        <h1>{m.notice.heading}</h1>
        <section class="card">
          <NoticeBody ctx={ctx} notice={notice} />
          <p class="muted">{m.notice.controller(deps.villageName)}</p>
          <p class="muted">{`${m.notice.version}: ${notice.version}`}</p>
        </section>
        <a class="btn s" href={`/${hotspotQuery(hs)}`}>
          {m.form.backHome}
        </a>
      </Layout>,
    );
  });

  // --- machines: RFC 8908 API, router page templates, logo ------------------------------------------------

  app.get('/api/captive', async (c) => {
    const hs = queryContext(c);
    const answer = await status.captiveApi(hs.mac, `${portalUrl(c)}/${hotspotQuery(hs)}`);
    c.header('Cache-Control', 'private, no-store');
    return c.body(JSON.stringify(answer), 200, { 'Content-Type': 'application/captive+json' });
  });

  app.get('/hotspot/:file', (c) => {
    const file = c.req.param('file');
    if (!isHotspotPageFile(file)) return c.text('not found', 404);
    return c.body(hotspotPage(file, portalUrl(c)), 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
  });

  app.get('/logo', (c) => {
    if (!deps.logo) return c.notFound();
    return c.body(deps.logo.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': deps.logo.contentType,
      'Cache-Control': 'public, max-age=86400',
    });
  });

  app.notFound(async (c) => {
    const ctx = pageContext(c, {}, '', '/');
    return message(c, ctx, ctx.m.outcome.notFoundTitle, ctx.m.outcome.notFound, { status: 404 });
  });

  app.onError(async (error, c) => {
    deps.onError?.(error);
    const ctx = pageContext(c, {}, '', '/');
    return message(c, ctx, ctx.m.outcome.errorTitle, ctx.m.outcome.error, { status: 500 });
  });

  return app;
}
