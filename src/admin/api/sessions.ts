// /api/v1/sessions and /api/v1/auth-log: the sessions and login-log pages for scripts (same filters, a page at a
// time), and disconnecting a live session the way `warganet session kick` does (RADIUS Disconnect, then the
// RouterOS API), which needs the router work only the Node runtime has.
import { z } from '@hono/zod-openapi';
import { isReportedDrop } from '../../domain/radius-drops.js';
import { apiRoute, errorJson, newApi } from '../../web/api-kit.js';
import type { AdminDeps } from '../admin-deps.js';
import { authLogMessages } from '../messages/auth-log.js';
import { historyQueryOf, PAGE_SIZE } from '../routes/sessions-query.js';
import { dropFixes, reasonText } from '../views/auth-log-page.js';
import { json } from './openapi-parts.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const Page = z.coerce.number().int().min(1).max(10_000).optional();

export const SessionBody = z
  .object({
    id: z.number().int(),
    username: z.string(),
    mac: z.string().nullable(),
    ip: z.string().nullable(),
    router: z.string(),
    resident: z.string().nullable(),
    device: z.string().nullable(),
    startedAt: z.string(),
    updatedAt: z.string(),
    stoppedAt: z.string().nullable(),
    bytesIn: z.number().openapi({ description: "The device's upload." }),
    bytesOut: z.number().openapi({ description: "The device's download." }),
    sessionTimeS: z.number(),
    terminateCause: z.string().nullable(),
    state: z.string(),
  })
  .openapi('Session');
export const SessionsBody = z
  .object({ sessions: z.array(SessionBody), page: z.number().int(), hasNext: z.boolean() })
  .openapi('Sessions');
export const KickBody = z
  .object({ ok: z.boolean(), via: z.string(), detail: z.string() })
  .openapi('SessionKick');

export const AuthLogEntryBody = z
  .object({
    id: z.number().int(),
    at: z.string(),
    lastAt: z.string(),
    count: z.number().int(),
    router: z.string().nullable(),
    source: z.string().nullable(),
    mac: z.string().nullable(),
    username: z.string().nullable(),
    resident: z.string().nullable(),
    device: z.string().nullable(),
    decision: z.string(),
    reason: z.string(),
    reasonText: z.string().openapi({ description: 'The reason in plain words (Indonesian).' }),
  })
  .openapi('AuthLogEntry');
export const AuthLogBody = z
  .object({
    entries: z.array(AuthLogEntryBody),
    fixes: z.array(z.string()).openapi({ description: 'What to do about the dropped packets listed.' }),
    page: z.number().int(),
    hasNext: z.boolean(),
  })
  .openapi('AuthLog');

export function sessionsApi(deps: AdminDeps) {
  const { radius, history } = deps.services;
  return newApi()
    .openapi(
      apiRoute('operator', {
        method: 'get',
        path: '/sessions',
        summary: 'Hotspot sessions, newest first (live only unless active=false)',
        tags: ['sessions'],
        request: {
          query: z.object({
            active: z.enum(['true', 'false']).optional(),
            router: z.string().max(64).optional(),
            mac: z.string().max(32).optional(),
            resident: z
              .string()
              .max(64)
              .optional()
              .openapi({ description: 'Part of a name, a NIK, or a masked NIK.' }),
            page: Page,
          }),
        },
        responses: { 200: json(SessionsBody, '50 a page') },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const page = q.page ?? 1;
        const filter = await history.filter(
          historyQueryOf({ router: q.router, mac: q.mac, who: q.resident }, page),
        );
        const rows = await radius.sessions.list({ ...filter, activeOnly: q.active !== 'false' });
        const sessions = rows.slice(0, PAGE_SIZE).map((s) => ({
          id: s.id,
          username: s.username,
          mac: s.mac,
          ip: s.ip,
          router: s.router,
          resident: s.resident,
          device: s.device,
          startedAt: iso(s.startedAt)!,
          updatedAt: iso(s.updatedAt)!,
          stoppedAt: iso(s.stoppedAt),
          bytesIn: s.inputBytes,
          bytesOut: s.outputBytes,
          sessionTimeS: s.sessionTimeS,
          terminateCause: s.terminateCause,
          state: s.state,
        }));
        return c.json({ sessions, page, hasNext: rows.length > PAGE_SIZE }, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/sessions/{id}/kick',
        summary: 'Disconnect a live session (RADIUS Disconnect-Request, then the RouterOS API)',
        tags: ['sessions'],
        request: {
          params: z.object({
            id: z.coerce
              .number()
              .int()
              .positive()
              .openapi({ param: { name: 'id', in: 'path' } }),
          }),
        },
        responses: {
          200: json(KickBody, 'Disconnected'),
          404: json(KickBody, 'No such session'),
          409: json(KickBody, 'The session is no longer live'),
          502: json(KickBody, 'Every way to disconnect it failed'),
          503: json(KickBody, 'Not available on this server'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        if (!deps.routerWork)
          return errorJson(
            c,
            503,
            'unavailable',
            'memutus sesi tidak tersedia di server ini (hanya Node)',
          ) as never;
        const r = await deps.routerWork((ops) => radius.sessions.kick(id, ops.disconnectors));
        if (r.ok) return c.json({ ok: true, via: r.outcome.via, detail: r.outcome.detail }, 200);
        const detail = r.attempts.map((a) => `${a.via}: ${a.detail}`).join('; ');
        if (r.error === 'not_found')
          return c.json({ ok: false, via: '', detail: `sesi ${id} tidak ditemukan` }, 404);
        if (r.error === 'not_active')
          return c.json({ ok: false, via: '', detail: `sesi ${id} sudah tidak aktif` }, 409);
        return c.json({ ok: false, via: '', detail }, 502);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'get',
        path: '/auth-log',
        summary: 'Login decisions and dropped packets, newest first',
        tags: ['sessions'],
        request: {
          query: z.object({
            q: z
              .string()
              .max(64)
              .optional()
              .openapi({ description: 'A MAC, part of a name, a NIK or a masked NIK.' }),
            router: z.string().max(64).optional(),
            page: Page,
          }),
        },
        responses: { 200: json(AuthLogBody, '50 a page') },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const page = q.page ?? 1;
        const m = authLogMessages.id;
        const rows = await radius.authLog.list(
          await history.filter(historyQueryOf({ router: q.router, who: q.q }, page)),
        );
        const shown = rows.slice(0, PAGE_SIZE);
        const entries = shown.map((r) => ({
          id: r.id,
          at: iso(r.at)!,
          lastAt: iso(r.lastAt)!,
          count: r.count,
          router: r.router,
          source: isReportedDrop(r.reason) ? r.source : null,
          mac: r.mac,
          username: r.username,
          resident: r.resident,
          device: r.device,
          decision: r.decision,
          reason: r.reason,
          reasonText: reasonText(m, r),
        }));
        return c.json({ entries, fixes: dropFixes(m, shown), page, hasNext: rows.length > PAGE_SIZE }, 200);
      },
    );
}
