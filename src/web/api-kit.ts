// The JSON API's shared pieces (/api/v1): who is calling (a script's bearer token, or a browser's session cookie
// with its CSRF token in `X-CSRF-Token` for changes), one role check per route, one error body with the request id,
// and routes declared with zod schemas so the OpenAPI document is generated from them (@hono/zod-openapi).
import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { type AdminRole, roleAtLeast } from '../services/admins/admins.js';
import { SERVICE_ERROR_STATUS, ServiceError } from '../services/errors.js';
import type { WebContext as Ctx, WebEnv } from './web-env.js';
import type { WebKit } from './web-kit.js';

export const API_BASE = '/api/v1';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid-input' }),
      message: z.string().openapi({ example: 'nama paket wajib diisi' }),
      field: z.string().optional().openapi({ description: 'The input field at fault, when there is one.' }),
    }),
    requestId: z.string(),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
});

/** The failures every route can answer, added to each route's own responses. */
const COMMON_ERRORS = {
  400: errorResponse('The input is malformed (`field` names it).'),
  401: errorResponse('Not signed in, or the token is unknown or revoked.'),
  403: errorResponse("The caller's role may not do this, or a browser's CSRF token is missing."),
} as const;

export function errorJson(c: Ctx, status: number, code: string, message: string, field?: string) {
  return c.json(
    { error: { code, message, ...(field ? { field } : {}) }, requestId: c.get('requestId') },
    status as 400,
  );
}

const SECURITY: Array<Record<string, string[]>> = [{ bearer: [] }, { session: [] }];

/** A route open to callers of at least `least`, documented with the common errors and both ways to sign in. */
export function apiRoute<R extends RouteConfig>(least: AdminRole, config: R) {
  return createRoute({
    ...config,
    security: SECURITY,
    middleware: [requireApiRole(least)] as const,
    responses: { ...COMMON_ERRORS, ...config.responses },
  });
}

function requireApiRole(least: AdminRole): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const signedIn = c.get('signedIn');
    if (!signedIn) return errorJson(c, 401, 'unauthorized', 'masuk dulu (token atau sesi)');
    if (signedIn.operator.mustEnrol)
      return errorJson(
        c,
        403,
        'two-factor-required',
        'aktifkan verifikasi dua langkah dulu di /admin/akun/2fa',
      );
    if (!roleAtLeast(signedIn.operator.role, least))
      return errorJson(c, 403, 'forbidden', 'peran Anda tidak boleh melakukan ini');
    await next();
  };
}

/** A sub-API (admin, reports): its routes are mounted under /api/v1 and documented together. */
export function newApi() {
  return new OpenAPIHono<WebEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const field = issue?.path.map(String).join('.') || undefined;
      return errorJson(
        c,
        400,
        'invalid-input',
        issue ? `${field ?? 'input'}: ${issue.message}` : 'input tidak sah',
        field,
      );
    },
  });
}

/**
 * The /api/v1 app: the kit's base middleware, the caller from a bearer token or the session cookie (whose changes
 * must carry `X-CSRF-Token`), the parts' routes, the error body, and `/api/v1/openapi.json`.
 */
export function createApiApp(
  kit: WebKit,
  parts: ReadonlyArray<OpenAPIHono<WebEnv>>,
  info: { version: string },
) {
  const api = new OpenAPIHono<WebEnv>().basePath(API_BASE);
  api.use('*', kit.base);
  api.use('*', async (c, next) => {
    if (kit.setup && (await kit.setup.needed()))
      return errorJson(
        c,
        503,
        'setup-needed',
        'admin pertama belum dibuat: buka tautan penyiapan dari log server',
      );
    const auth = c.req.header('authorization');
    if (auth !== undefined) {
      const m = /^Bearer ([\w.~+/-]{16,200}=*)$/.exec(auth);
      const operator = m && kit.apiTokens ? await kit.apiTokens.authenticate(m[1]!) : undefined;
      if (!operator) return errorJson(c, 401, 'unauthorized', 'token tidak dikenal atau sudah dicabut');
      c.set('signedIn', { operator, via: 'bearer' });
    } else if (c.get('signedIn') && !['GET', 'HEAD'].includes(c.req.method)) {
      // A browser's cookie goes with any request a page on another site makes; the token proves it is ours.
      if (!(await kit.csrfValid(c, c.req.header('x-csrf-token'))))
        return errorJson(c, 403, 'csrf', 'token CSRF (X-CSRF-Token) tidak ada atau tidak cocok');
    }
    await next();
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: "A token from `warganet admin token USERNAME`, with that user's role.",
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'wa_sesi',
    description: "The admin web session; changes also need the page's CSRF token in `X-CSRF-Token`.",
  });
  for (const part of parts) api.route('/', part);
  api.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'Warganet API',
      version: info.version,
      description: "The admin web's actions, for scripts.",
    },
  });
  api.notFound((c) => errorJson(c, 404, 'not-found', 'tidak ada di API ini'));
  api.onError((error, c) => {
    if (error instanceof ServiceError)
      return errorJson(c, SERVICE_ERROR_STATUS[error.code], error.code, error.message, error.field);
    if (error instanceof HTTPException && error.status < 500)
      return errorJson(c, error.status, 'invalid-input', error.message || 'permintaan tidak sah');
    kit.reportError(error, c.get('requestId'));
    return errorJson(c, 500, 'internal', `kesalahan server (kode ${c.get('requestId')})`);
  });
  return api;
}
