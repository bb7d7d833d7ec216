// The regency Worker's JSON API under /api/v1: the villages' signed ingest, enrolment (the regency admin), the
// officials, and the reports in the village's report shape (`/regency/usage`, `/regency/coverage`) scoped to the
// reader's area. Errors have the village API's body: { error: { code, message, path? }, requestId }.
import { Hono } from 'hono';
import { isDay } from '../../domain/report-period.js';
import type { Reader } from '../../services/regency/regency-access.js';
import type { Scope } from '../../services/regency/regency-ports.js';
import {
  REGENCY_COVERAGE_DIMENSIONS,
  REGENCY_USAGE_DIMENSIONS,
  type RegencyCoverageDimension,
  type RegencyUsageDimension,
} from '../../services/regency/regency-view.js';
import type { RegencyContext, RegencyDeps, RegencyEnv } from './regency-deps.js';

/** A month of a village with thousands of RT rows stays far under this; anything larger is refused unread. */
export const MAX_INGEST_BYTES = 4 * 1024 * 1024;

function error(c: RegencyContext, status: number, code: string, message: string, path?: string) {
  return c.json(
    { error: { code, message, ...(path ? { path } : {}) }, requestId: c.get('requestId') },
    status as 400,
  );
}

const bearerOf = (c: RegencyContext) => /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];

async function readJson(c: RegencyContext): Promise<Record<string, unknown> | undefined> {
  try {
    const v = await c.req.json();
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const text = (v: unknown, max: number) =>
  typeof v === 'string' && v.trim().length > 0 && v.trim().length <= max ? v.trim() : undefined;

export function regencyApi(deps: RegencyDeps) {
  const api = new Hono<RegencyEnv>();

  api.post('/ingest', async (c) => {
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > MAX_INGEST_BYTES) return error(c, 413, 'too_large', 'Payload too large');
    const body = await c.req.text();
    if (body.length > MAX_INGEST_BYTES) return error(c, 413, 'too_large', 'Payload too large');
    const out = await deps.ingest.ingest((name) => c.req.header(name), body);
    if (!out.ok) return error(c, out.status, out.code, out.message, out.path);
    return c.json({ days: out.days });
  });

  // Everything below needs a reader: a bearer token, or the session cookie (set by the pages' middleware).
  api.use('*', async (c, next) => {
    const token = bearerOf(c);
    if (token) c.set('reader', await deps.access.bearer(token));
    if (!c.get('reader')) return error(c, 401, 'unauthorized', 'Masuk dulu (token atau sesi)');
    // A browser session may read; changes need a bearer token (no CSRF to guard then).
    if (c.req.method !== 'GET' && !token)
      return error(c, 403, 'bearer_required', 'Changes need a bearer token');
    await next();
  });
  const adminOnly = async (c: RegencyContext, next: () => Promise<void>) => {
    if (!c.get('reader')?.admin) return error(c, 403, 'forbidden', 'Only the regency admin may do this');
    await next();
  };

  api.post('/villages', adminOnly, async (c) => {
    const b = await readJson(c);
    const code = typeof b?.code === 'string' && /^\d{10}$/.test(b.code) ? b.code : undefined;
    const name = text(b?.name, 80);
    const kecamatan = text(b?.kecamatan, 80);
    if (!code) return error(c, 400, 'invalid_input', 'code: kode desa of 10 digits', '$.code');
    if (!name) return error(c, 400, 'invalid_input', 'name is required (≤ 80)', '$.name');
    if (!kecamatan) return error(c, 400, 'invalid_input', 'kecamatan is required (≤ 80)', '$.kecamatan');
    const out = await deps.access.enrol({ code, name, kecamatan });
    if (!out) return error(c, 409, 'taken', 'This village is already enrolled', '$.code');
    return c.json({ code, token: out.token }, 201);
  });

  api.post('/villages/:code/rotate', adminOnly, async (c) => {
    const out = await deps.access.rotate(c.req.param('code') ?? '');
    if (!out) return error(c, 404, 'not_found', 'No such village');
    return c.json({ code: c.req.param('code'), token: out.token });
  });

  api.post('/villages/:code/revoke', adminOnly, async (c) => {
    if (!(await deps.access.revoke(c.req.param('code') ?? '')))
      return error(c, 404, 'not_found', 'No such village');
    return c.json({ code: c.req.param('code'), revoked: true });
  });

  api.get('/villages', async (c) => {
    const rows = await deps.view.villages(c.get('reader') as Reader);
    return c.json({ villages: rows });
  });

  api.post('/officials', adminOnly, async (c) => {
    const b = await readJson(c);
    const name = text(b?.name, 80);
    const scope = (['kabupaten', 'kecamatan', 'desa'] as const).find((s) => s === b?.scope) as
      | Scope
      | undefined;
    const area = text(b?.area, 80) ?? null;
    if (!name) return error(c, 400, 'invalid_input', 'name is required', '$.name');
    if (!scope) return error(c, 400, 'invalid_input', 'scope: kabupaten, kecamatan or desa', '$.scope');
    if (scope !== 'kabupaten' && !area)
      return error(c, 400, 'invalid_input', 'area: the kecamatan or the village code', '$.area');
    if (scope === 'desa' && !/^\d{10}$/.test(area ?? ''))
      return error(c, 400, 'invalid_input', 'area: the village code', '$.area');
    return c.json(await deps.access.createOfficial({ name, scope, area }), 201);
  });

  api.get('/officials', adminOnly, async (c) => c.json({ officials: await deps.access.listOfficials() }));

  api.post('/officials/:id/revoke', adminOnly, async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || !(await deps.access.revokeOfficial(id)))
      return error(c, 404, 'not_found', 'No such official');
    return c.json({ id, revoked: true });
  });

  api.get('/regency/usage', async (c) => {
    const from = c.req.query('from') ?? '';
    const to = c.req.query('to') ?? '';
    if (!isDay(from) || !isDay(to) || from > to) return error(c, 400, 'invalid_input', 'from/to: YYYY-MM-DD');
    const by = c.req.query('by') ?? 'day';
    if (!REGENCY_USAGE_DIMENSIONS.includes(by as RegencyUsageDimension))
      return error(c, 400, 'invalid_input', `by: ${REGENCY_USAGE_DIMENSIONS.join('|')}`);
    const report = await deps.view.usage(c.get('reader') as Reader, {
      from,
      to,
      by: by as RegencyUsageDimension,
      kecamatan: c.req.query('kecamatan'),
      village: c.req.query('village'),
    });
    return c.json(report);
  });

  api.get('/regency/coverage', async (c) => {
    const by = c.req.query('by') ?? 'kecamatan';
    if (!REGENCY_COVERAGE_DIMENSIONS.includes(by as RegencyCoverageDimension))
      return error(c, 400, 'invalid_input', `by: ${REGENCY_COVERAGE_DIMENSIONS.join('|')}`);
    const report = await deps.view.coverage(c.get('reader') as Reader, {
      by: by as RegencyCoverageDimension,
      kecamatan: c.req.query('kecamatan'),
      village: c.req.query('village'),
    });
    return c.json(report);
  });

  return api;
}
