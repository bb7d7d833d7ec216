// The pieces every admin and report route uses: security headers and a nonce, the language, a request id, who
// is signed in (session cookie), form tokens (CSRF) checked on every POST, the page shell, flash messages after a
// redirect, confirmation of destructive actions, role checks, and one error boundary that turns a service's
// expected failure into its status and page, and a fault of ours into a 500 page with the request id.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { type AdminRole, roleAtLeast } from '../services/admins/admins.js';
import { SERVICE_ERROR_STATUS, ServiceError } from '../services/errors.js';
import { chooseLang, isLang } from './lang.js';
import { commonMessages } from './messages/common.js';
import { newRequestId } from './request-id.js';
import { BASE_HEADERS, contentSecurityPolicy, newCspNonce } from './security.js';
import { MessageBody } from './views/components.js';
import { Layout, STATIC_PATH } from './views/layout.js';
import type { WebPageContext } from './views/page-context.js';
import { WEB_CSS } from './views/web-css.js';
import { WEB_JS } from './views/web-js.js';
import type { WebContext as Ctx, WebDeps, WebEnv } from './web-env.js';

export const SESSION_COOKIE = 'wa_sesi';
const CSRF_COOKIE = 'wa_csrf';
const FLASH_COOKIE = 'wa_flash';
/** Shared with the portal: a language chosen there holds here too. */
const LANG_COOKIE = 'wn_lang';
/** A form posted to a page: text fields only, unless the route allows an upload (see `uploadLimit`). */
const FORM_LIMIT = 64 * 1024;

/** A short version of a file's text, so its URL changes when it does and browsers may cache it for long. */
function version(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const ASSETS = {
  css: `${STATIC_PATH}/web.css?v=${version(WEB_CSS)}`,
  js: `${STATIC_PATH}/web.js?v=${version(WEB_JS)}`,
};

export interface FormBody {
  get(name: string): string;
  /** An uploaded file, when the route allows uploads. */
  file(name: string): File | undefined;
}

export function createWebKit(deps: WebDeps) {
  const now = deps.now ?? Date.now;
  const publicHttps = deps.publicUrl?.startsWith('https:') === true;
  const uploadLimits = new Map<string, number>();

  const secureRequest = (c: Ctx) =>
    publicHttps ||
    new URL(c.req.url).protocol === 'https:' ||
    (deps.trustProxy === true && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https');

  /** HttpOnly, SameSite=Strict, and Secure whenever the admin web is reached over https. */
  const cookieOptions = (c: Ctx) =>
    ({ path: '/', httpOnly: true, sameSite: 'Strict', secure: secureRequest(c) }) as const;

  async function csrf(c: Ctx): Promise<string> {
    let nonce = getCookie(c, CSRF_COOKIE);
    if (!nonce || !/^[\w-]{16,64}$/.test(nonce)) {
      nonce = deps.tokens.newNonce();
      setCookie(c, CSRF_COOKIE, nonce, cookieOptions(c));
    }
    return deps.tokens.csrfToken(nonce);
  }

  const csrfValid = (c: Ctx, token: string | undefined) =>
    deps.tokens.csrfValid(getCookie(c, CSRF_COOKIE), token);

  async function pageContext(c: Ctx): Promise<WebPageContext> {
    const lang = c.get('lang');
    const m = commonMessages[lang];
    const url = new URL(c.req.url);
    const query = new URLSearchParams(url.search);
    query.set('lang', m.otherLangCode);
    let flash: string | undefined;
    const flashCookie = getCookie(c, FLASH_COOKIE);
    if (flashCookie) {
      flash = await deps.tokens.unsign('flash', flashCookie);
      deleteCookie(c, FLASH_COOKIE, { path: '/' });
    }
    return {
      m,
      lang,
      village: deps.villageName,
      timeZone: deps.timeZone,
      now: now(),
      operator: c.get('signedIn')?.operator,
      csrf: await csrf(c),
      path: url.pathname,
      toggleHref: `${url.pathname}?${query}`,
      flash,
      requestId: c.get('requestId'),
    };
  }

  function pageHeaders(c: Ctx) {
    c.header(
      'Content-Security-Policy',
      contentSecurityPolicy({ nonce: c.get('nonce'), script: true, ownFiles: true }),
    );
    c.header('Cache-Control', 'no-store');
  }

  /** A whole page: the layout around `body`. */
  async function render(
    c: Ctx,
    ctx: WebPageContext,
    body: JSX.Element,
    opts: { title: string; status?: number; narrow?: boolean; refresh?: number; reload?: number },
  ) {
    pageHeaders(c);
    const page = (
      <Layout
        ctx={ctx}
        title={opts.title}
        narrow={opts.narrow}
        refresh={opts.refresh}
        reload={opts.reload}
        assets={ASSETS}
      >
        {body}
      </Layout>
    );
    return c.html(`<!DOCTYPE html>${await page.toString()}`, (opts.status ?? 200) as 200);
  }

  async function message(
    c: Ctx,
    title: string,
    text: string | readonly string[],
    opts: { status?: number; links?: ReadonlyArray<{ href: string; text: string }> } = {},
  ) {
    const ctx = await pageContext(c);
    const body = (
      <MessageBody title={title} text={text}>
        {(opts.links ?? [{ href: '/admin', text: ctx.m.nav.dashboard }]).map((l) => (
          <p>
            <a href={l.href}>{l.text}</a>
          </p>
        ))}
      </MessageBody>
    );
    return render(c, ctx, body, { title, status: opts.status ?? 200, narrow: true });
  }

  /** After a change: back to a page (303, so a reload does not post again), with a message shown once there. */
  async function redirect(c: Ctx, to: string, flash?: string) {
    if (flash)
      setCookie(c, FLASH_COOKIE, await deps.tokens.sign('flash', flash.slice(0, 500)), cookieOptions(c));
    return c.redirect(safeLocalPath(to), 303);
  }

  /** The posted form, after its token is checked; a missing or wrong token ends the request with 403. */
  async function form(c: Ctx): Promise<FormBody> {
    const body = await c.req.parseBody().catch(async () => {
      const m = commonMessages[c.get('lang')];
      throw new HTTPException(400, {
        res: await message(c, m.outcome.errorTitle, m.outcome.badForm, { status: 400 }),
      });
    });
    const field = (name: string) => body[name];
    const token = field('_csrf');
    if (!(await csrfValid(c, typeof token === 'string' ? token : undefined))) {
      const m = commonMessages[c.get('lang')];
      const res = await message(c, m.outcome.expiredFormTitle, m.outcome.expiredForm, {
        status: 403,
        links: [{ href: c.req.path, text: m.form.back }],
      });
      throw new HTTPException(403, { res });
    }
    return {
      get: (name) => {
        const v = field(name);
        return typeof v === 'string' ? v : '';
      },
      file: (name) => {
        const v = field(name);
        return typeof v === 'object' && v !== null && 'arrayBuffer' in v ? (v as File) : undefined;
      },
    };
  }

  /**
   * Undefined when the form says it was confirmed (the browser asked, or this page did); otherwise the page that
   * asks, posting the same fields again with `confirm=1`.
   */
  async function confirmed(
    c: Ctx,
    body: FormBody,
    question: {
      title: string;
      text: string | readonly string[];
      fields?: Readonly<Record<string, string>>;
      danger?: boolean;
    },
  ) {
    if (body.get('confirm') === '1') return undefined;
    const ctx = await pageContext(c);
    const page = (
      <MessageBody title={question.title} text={question.text}>
        <form method="post" action={c.req.path}>
          <input type="hidden" name="_csrf" value={ctx.csrf} />
          <input type="hidden" name="confirm" value="1" />
          {Object.entries(question.fields ?? {}).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button class={question.danger === false ? 'btn' : 'btn d'} type="submit">
            {ctx.m.form.confirm}
          </button>
          <a
            class="btn s"
            href={c.req.header('referer') ? safeLocalPath(c.req.header('referer')!) : '/admin'}
          >
            {ctx.m.form.cancel}
          </a>
        </form>
      </MessageBody>
    );
    return render(c, ctx, page, { title: question.title, narrow: true });
  }

  /** Pages for signed-in users of at least this role; others are sent to sign in, or refused (403). */
  function requireRole(least: AdminRole): MiddlewareHandler<WebEnv> {
    return async (c, next) => {
      const signedIn = c.get('signedIn');
      if (!signedIn) {
        if (c.req.method !== 'GET') {
          const m = commonMessages[c.get('lang')];
          return message(c, m.signIn.title, m.signIn.expired, {
            status: 401,
            links: [{ href: '/admin/masuk', text: m.signIn.submit }],
          });
        }
        const url = new URL(c.req.url);
        return c.redirect(`/admin/masuk?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
      }
      if (!roleAtLeast(signedIn.operator.role, least)) {
        const m = commonMessages[c.get('lang')];
        return message(c, m.outcome.forbiddenTitle, m.outcome.forbidden, { status: 403 });
      }
      await next();
    };
  }

  /** Headers, nonce, language, request id and the signed-in user, for every admin and report request. */
  const base: MiddlewareHandler<WebEnv> = async (c, next) => {
    for (const [name, value] of BASE_HEADERS) c.header(name, value);
    const requestId = newRequestId();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    c.set('nonce', newCspNonce());
    const queryLang = c.req.query('lang');
    c.set('lang', chooseLang(queryLang, getCookie(c, LANG_COOKIE), c.req.header('accept-language')));
    if (isLang(queryLang))
      setCookie(c, LANG_COOKIE, queryLang, { ...cookieOptions(c), maxAge: 365 * 86_400 });
    const session = await deps.sessions.read(getCookie(c, SESSION_COOKIE));
    c.set(
      'signedIn',
      session ? { operator: session.operator, via: 'cookie', tokenHash: session.tokenHash } : undefined,
    );
    await next();
  };

  /** Form bodies are small, except on routes that allow an upload of a stated size. */
  const limitBodies: MiddlewareHandler<WebEnv> = async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const maxSize = uploadLimits.get(c.req.path) ?? FORM_LIMIT;
    return bodyLimit({
      maxSize,
      onError: async () => {
        const m = commonMessages[c.get('lang')];
        return message(c, m.outcome.errorTitle, m.outcome.tooLarge, { status: 413 });
      },
    })(c, next);
  };

  /** The boundary: expected failures get their status and a plain page; anything else is logged with its id. */
  async function errorPage(error: Error, c: Ctx) {
    if (error instanceof HTTPException && error.status < 500) return error.getResponse();
    const m = commonMessages[c.get('lang') ?? 'id'];
    if (error instanceof ServiceError) {
      return message(c, m.outcome.errorTitle, error.message, { status: SERVICE_ERROR_STATUS[error.code] });
    }
    deps.onError?.(error, c.get('requestId'));
    return message(c, m.outcome.errorTitle, m.outcome.error(c.get('requestId')), { status: 500 });
  }

  async function notFound(c: Ctx) {
    const m = commonMessages[c.get('lang') ?? 'id'];
    return message(c, m.outcome.notFoundTitle, m.outcome.notFound, { status: 404 });
  }

  /** The stylesheet and script, cached for a year (their URLs change with their content). */
  function staticFile(c: Ctx, name: string) {
    const file =
      name === 'web.css'
        ? { type: 'text/css', text: WEB_CSS }
        : name === 'web.js'
          ? { type: 'text/javascript', text: WEB_JS }
          : undefined;
    if (!file) return notFound(c);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(file.text, 200, { 'content-type': `${file.type}; charset=utf-8` });
  }

  return {
    now,
    cookieOptions,
    csrf,
    csrfValid,
    pageContext,
    render,
    message,
    redirect,
    form,
    confirmed,
    requireRole,
    base,
    limitBodies,
    errorPage,
    notFound,
    staticFile,
    clientAddress: (c: Ctx) => deps.clientAddress?.(c),
    /** The portal's public address (phones reach it before login), else this request's origin. */
    portalUrl: (c: Ctx) => (deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, ''),
    portalUrlSet: deps.publicUrl !== undefined,
    reportError: (error: unknown, requestId: string) => deps.onError?.(error, requestId),
    sessions: deps.sessions,
    setup: deps.setup,
    apiTokens: deps.apiTokens,

    /** Lets a route take a body larger than a form (an upload), up to `bytes`. Call when building the routes. */
    uploadLimit(path: string, bytes: number) {
      uploadLimits.set(path, bytes);
    },

    /** Keeps a session cookie for the browser that just signed in. */
    startSession(c: Ctx, token: string, expiresAt: number) {
      setCookie(c, SESSION_COOKIE, token, {
        ...cookieOptions(c),
        maxAge: Math.floor((expiresAt - now()) / 1000),
      });
    },

    endSession: (c: Ctx) => void deleteCookie(c, SESSION_COOKIE, { path: '/' }),
  };
}

/** A path on this server to go to after an action: anything else (another site, `//host`) becomes `/admin`. */
export function safeLocalPath(target: string): string {
  let path = target;
  try {
    // A full URL (a Referer): keep only its path, whatever host it names.
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      const u = new URL(target);
      path = u.pathname + u.search;
    }
  } catch {
    return '/admin';
  }
  return /^\/(?![/\\])[^\s]*$/.test(path) && !path.includes('\\') ? path : '/admin';
}

export type WebKit = ReturnType<typeof createWebKit>;
