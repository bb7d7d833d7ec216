// The pieces every portal route uses: cookies (language, CSRF nonce, NIK + PIN session), the page context,
// rendering with the page's security headers, form bodies and their CSRF check, message pages, and what follows
// a proven NIK + PIN (the login page with a one-time ticket, the device list when the plan is full, or why not).
// A login form goes only to a router's hotspot address, and carries only a CHAP answer to the router's challenge.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { chapLoginPassword } from '../src/domain/chap.js';
import { PORTAL_SESSION_MS } from '../src/services/portal/portal-tokens.js';
import { contentSecurityPolicy } from '../src/web/security.js';
import { type HotspotContext, hotspotQuery, readHotspotContext } from './hotspot-context.js';
import { catalogues, type Lang } from './i18n.js';
import { compileTemplate, type PageTemplate, slot } from './page-template.js';
import { BUILTIN_NOTICE_VERSION, type PortalContext as Ctx, type PortalDeps } from './portal-deps.js';
import { DevicesFullPage } from './views/devices-full.js';
import { LoginPage } from './views/login.js';
import { type MessageLink, MessagePage } from './views/message.js';
import type { NoticeContent } from './views/notice.js';
import type { PageContext } from './views/page-context.js';
import { WelcomePage } from './views/welcome.js';

const CSRF_COOKIE = 'wn_csrf';
const SESSION_COOKIE = 'wn_sesi';
export const LANG_COOKIE = 'wn_lang';

export function createPortalKit(deps: PortalDeps) {
  const { tickets, hotspots, tokens } = deps.services;
  const now = deps.now ?? Date.now;
  const publicHttps = deps.publicUrl?.startsWith('https:') === true;

  /** Secure when residents reach the portal over https: its public URL says so, or a trusted proxy does. */
  const secureRequest = (c: Ctx) =>
    publicHttps ||
    new URL(c.req.url).protocol === 'https:' ||
    (deps.trustProxy === true && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https');

  const cookieOptions = (c: Ctx) =>
    ({
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: secureRequest(c),
    }) as const;

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

  async function html(
    c: Ctx,
    node: JSX.Element,
    opts: { status?: number; script?: boolean; formOrigins?: readonly string[] } = {},
  ) {
    pageHeaders(c, opts);
    return c.html(`<!DOCTYPE html>${await node.toString()}`, (opts.status ?? 200) as 200);
  }

  const home = (ctx: PageContext): MessageLink => ({ href: `/${ctx.q}`, text: ctx.m.form.backHome });

  function message(
    c: Ctx,
    ctx: PageContext,
    title: string,
    text: string | readonly string[],
    opts: { status?: number; links?: readonly MessageLink[]; ok?: boolean } = {},
  ) {
    const links = opts.links ?? [home(ctx)];
    return html(c, <MessagePage ctx={ctx} title={title} text={text} links={links} ok={opts.ok} />, {
      status: opts.status ?? 200,
    });
  }

  /** The form token for this browser, setting its nonce cookie on first use. */
  async function csrfFor(c: Ctx): Promise<string> {
    let nonce = getCookie(c, CSRF_COOKIE);
    if (!nonce || !/^[\w-]{16,64}$/.test(nonce)) {
      nonce = tokens.newNonce();
      setCookie(c, CSRF_COOKIE, nonce, cookieOptions(c));
    }
    return tokens.csrfToken(nonce);
  }

  // The welcome and login pages, rendered once per key (see page-template.ts).
  const templates = new Map<string, PageTemplate>();
  async function template(key: string, render: () => JSX.Element): Promise<PageTemplate> {
    let t = templates.get(key);
    if (t === undefined) {
      t = compileTemplate(`<!DOCTYPE html>${await render().toString()}`);
      templates.set(key, t);
    }
    return t;
  }
  /** The page context with slots for what the page shell takes from the request. */
  const slotted = (ctx: PageContext): PageContext => ({
    ...ctx,
    q: slot('q'),
    toggleHref: slot('toggle'),
    nonce: slot('nonce'),
  });
  const shellValues = (ctx: PageContext) => ({ q: ctx.q, toggle: ctx.toggleHref, nonce: ctx.nonce });

  /** The login page with the phone's CHAP answer, posting to the router. */
  async function loginPage(
    c: Ctx,
    ctx: PageContext,
    loginUrl: string,
    form: { username: string; password: string },
  ) {
    const page = await template(`login|${ctx.lang}`, () => (
      <LoginPage
        ctx={slotted(ctx)}
        action={slot('action')}
        username={slot('username')}
        password={slot('password')}
        dst={slot('dst')}
      />
    ));
    pageHeaders(c, { script: true, formOrigins: [new URL(loginUrl).origin] });
    return c.html(
      page({
        ...shellValues(ctx),
        action: loginUrl,
        username: form.username,
        password: form.password,
        dst: ctx.hs.dst ?? '',
      }),
    );
  }

  /** The router's login URL from the link, when it is on a router's hotspot address; undefined otherwise. */
  async function routerLoginUrl(hs: HotspotContext): Promise<string | undefined> {
    return (await hotspots.isRouterUrl(hs.loginUrl)) ? hs.loginUrl : undefined;
  }

  return {
    now,
    cookieOptions,
    pageContext,
    html,
    message,
    home,
    csrfFor,
    loginPage,

    /** Where the portal is, for a machine on this request (RFC 8908): the public URL, else the request's origin. */
    portalUrl: (c: Ctx) => (deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, ''),

    /** The portal's public URL as configured or derived at start; never taken from the request. */
    publicUrl: (): string | undefined => deps.publicUrl?.replace(/\/+$/, ''),

    /** The request's source address, as the runtime saw it. */
    clientAddress: (c: Ctx): string | undefined => deps.clientAddress?.(c),

    noticeFor: (lang: Lang): NoticeContent =>
      deps.terms
        ? { customText: deps.terms.text, version: deps.terms.version, sessionDays: deps.sessionRetentionDays }
        : { version: `${BUILTIN_NOTICE_VERSION}-${lang}`, sessionDays: deps.sessionRetentionDays },

    /** Notice versions a form may say it showed. */
    noticeVersions: (): readonly string[] =>
      deps.terms ? [deps.terms.version] : [`${BUILTIN_NOTICE_VERSION}-id`, `${BUILTIN_NOTICE_VERSION}-en`],

    /** The hotspot context from the URL, the query string parsed once. */
    queryContext(c: Ctx): HotspotContext {
      const url = c.req.url;
      const at = url.indexOf('?');
      const params = new URLSearchParams(at < 0 ? '' : url.slice(at + 1));
      return readHotspotContext((name) => params.get(name) ?? undefined);
    },

    async formBody(c: Ctx) {
      // A body that does not parse (a multipart without its boundary, cut short) is the sender's fault: 400.
      const body = await c.req.parseBody().catch(async () => {
        const ctx = pageContext(c, {}, '', '/');
        const res = await message(c, ctx, ctx.m.outcome.errorTitle, ctx.m.outcome.badForm, { status: 400 });
        throw new HTTPException(400, { res });
      });
      const get = (name: string): string => {
        const v = body[name];
        return typeof v === 'string' ? v : '';
      };
      return { get, hs: readHotspotContext((name) => get(name) || undefined) };
    },

    /** A POST whose token does not match this browser's cookie: nothing is done, the form is offered again. */
    async checkCsrf(c: Ctx, token: string, hs: HotspotContext, retryPath: string) {
      if (await tokens.csrfValid(getCookie(c, CSRF_COOKIE), token)) return undefined;
      const ctx = pageContext(c, hs, await csrfFor(c), retryPath);
      const retry = { href: `${retryPath}${ctx.q}`, text: ctx.m.outcome.tryAgain, primary: true };
      return message(c, ctx, ctx.m.outcome.expiredTitle, ctx.m.outcome.expired, {
        status: 403,
        links: [retry],
      });
    },

    async welcome(c: Ctx, ctx: PageContext) {
      // The page differs only by language and by whether the phone came from the hotspot.
      const page = await template(`welcome|${ctx.lang}|${ctx.hs.mac ? 'hs' : ''}`, () => (
        <WelcomePage ctx={slotted(ctx)} />
      ));
      pageHeaders(c);
      return c.html(page(shellValues(ctx)));
    },

    /** `Retry-After` in whole seconds until `until`, for a client told to wait. */
    retryAfter(c: Ctx, until: number) {
      c.header('Retry-After', String(Math.max(1, Math.ceil((until - now()) / 1000))));
    },

    /** Too many PIN checks at once: 503 with `Retry-After`, and nothing was checked or counted. */
    busy(c: Ctx, ctx: PageContext, seconds: number) {
      c.header('Retry-After', String(seconds));
      return message(c, ctx, ctx.m.outcome.busyTitle, ctx.m.outcome.busy(seconds), { status: 503 });
    },

    routerLoginUrl,

    /**
     * What follows a NIK + PIN this browser just proved (or a registration): the login page with a one-time
     * ticket answering the router's CHAP challenge, the device list when the plan is full, or why not. No device
     * is bound here; RADIUS binds the MAC the router reports when the ticket is used.
     */
    async afterProof(
      c: Ctx,
      ctx: PageContext,
      accountId: number,
      label: string,
      proof: 'registered' | 'connected',
    ) {
      const { hs, m } = ctx;
      // Opened outside the hotspot (no router page sent the browser here): nothing to log in. A resident who
      // only typed their NIK and PIN is told so, not that they registered.
      if (!hs.loginUrl)
        return proof === 'registered'
          ? message(c, ctx, m.outcome.registeredTitle, m.outcome.registeredNoMac, { ok: true })
          : message(c, ctx, m.outcome.connectedTitle, m.outcome.connectedNoMac, { ok: true });
      const loginUrl = await routerLoginUrl(hs);
      if (!loginUrl) {
        return message(c, ctx, m.outcome.routerUnknownTitle, m.outcome.routerUnknown(ctx.contact), {
          status: 400,
        });
      }
      if (!hs.chapId || !hs.chapChallenge) {
        return message(c, ctx, m.outcome.chapRequiredTitle, m.outcome.chapRequired(ctx.contact), {
          status: 400,
        });
      }
      const offer = await tickets.offer(accountId, { label, ...(hs.mac ? { knownMac: hs.mac } : {}) });
      switch (offer.kind) {
        case 'not-allowed':
          return message(c, ctx, m.outcome.suspendedTitle, m.outcome.suspended(ctx.contact), { status: 403 });
        case 'no-plan':
          return message(c, ctx, m.outcome.noPlanTitle, m.outcome.noPlan(ctx.contact), { status: 503 });
        case 'institution-device':
          return message(c, ctx, m.outcome.institutionDeviceTitle, m.outcome.institutionDevice(ctx.contact), {
            status: 409,
          });
        case 'full':
          return html(
            c,
            <DevicesFullPage
              ctx={ctx}
              planName={offer.planName}
              devicesAllowed={offer.devicesAllowed}
              devices={offer.devices}
              label={label || undefined}
            />,
            { status: 409 },
          );
        case 'ticket': {
          const chap = chapLoginPassword(hs.chapId, hs.chapChallenge, offer.secret);
          // readHotspotContext keeps only a challenge that decodes, so this holds; never fall back to the secret.
          if (!chap.ok) {
            return message(c, ctx, m.outcome.chapRequiredTitle, m.outcome.chapRequired(ctx.contact), {
              status: 400,
            });
          }
          return loginPage(c, ctx, loginUrl, { username: offer.username, password: chap.password });
        }
      }
    },

    /**
     * On a device the router names that belongs to an institution, the forms say up front that it cannot be a
     * resident's (the same words the refusal after NIK + PIN gives).
     */
    async institutionNotice(ctx: PageContext) {
      if (!(await tickets.institutionDevice(ctx.hs.mac))) return undefined;
      const { m } = ctx;
      return {
        generalTitle: m.outcome.institutionDeviceTitle,
        general: [m.outcome.institutionDevice(ctx.contact)],
      };
    },

    /** After NIK + PIN (or registration): this browser may manage the account's devices for a while. */
    async startSession(c: Ctx, accountId: number) {
      setCookie(c, SESSION_COOKIE, await tokens.issueSession(accountId), {
        ...cookieOptions(c),
        maxAge: PORTAL_SESSION_MS / 1000,
      });
    },

    readSession: (c: Ctx) => tokens.readSession(getCookie(c, SESSION_COOKIE)),

    endSession: (c: Ctx) => void deleteCookie(c, SESSION_COOKIE, { path: '/' }),
  };
}

export type PortalKit = ReturnType<typeof createPortalKit>;
