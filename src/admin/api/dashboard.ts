// `GET /api/v1/dashboard`: the dashboard's figures as JSON (routers up or down, live sessions, data and
// registrations today, pending approvals, the last hour's rejects by reason, failed router jobs). Aggregates and
// router names only, so an official may read it too.
import { z } from '@hono/zod-openapi';
import type { Dashboard } from '../../services/dashboard/dashboard.js';
import { apiRoute, newApi } from '../../web/api-kit.js';

const epochMs = z.number().int().openapi({ description: 'Epoch milliseconds.' });

export const DashboardBody = z
  .object({
    at: epochMs,
    day: z
      .string()
      .openapi({ description: "Today in the village's time zone, YYYY-MM-DD.", example: '2026-12-10' }),
    routers: z.object({
      up: z.number().int(),
      down: z.number().int(),
      unknown: z.number().int(),
      list: z.array(
        z.object({
          id: z.number().int(),
          name: z.string(),
          health: z.string().openapi({ description: "'up', 'down' or 'unknown' (never polled)." }),
          healthChangedAt: epochMs.nullable(),
          lastContactAt: epochMs.nullable(),
          liveSessions: z.number().int(),
        }),
      ),
    }),
    liveSessions: z.number().int(),
    dataToday: z.object({ downloadBytes: z.number().int(), uploadBytes: z.number().int() }),
    registrationsToday: z.number().int(),
    pendingApprovals: z.number().int(),
    rejectsLastHour: z.object({
      total: z.number().int(),
      byReason: z.array(
        z.object({
          decision: z.string().openapi({ description: "'reject', or 'drop' (the packet got no answer)." }),
          reason: z.string(),
          count: z.number().int(),
        }),
      ),
    }),
    failedJobs: z.object({
      count: z.number().int(),
      latest: z.array(
        z.object({
          id: z.number().int(),
          routerId: z.number().int(),
          routerName: z.string(),
          kind: z.string(),
          attempts: z.number().int(),
          lastError: z.string().nullable(),
          updatedAt: epochMs,
        }),
      ),
    }),
  })
  .openapi('Dashboard');

export function dashboardApi(deps: { readonly services: { readonly dashboard: Dashboard } }) {
  return newApi().openapi(
    apiRoute('official', {
      method: 'get',
      path: '/dashboard',
      summary: 'The dashboard figures (at most a few seconds old)',
      tags: ['dashboard'],
      responses: {
        200: { description: 'The figures', content: { 'application/json': { schema: DashboardBody } } },
      },
    }),
    // The summary is this schema's shape; its arrays are only readonly at compile time.
    async (c) => c.json((await deps.services.dashboard.summary()) as z.infer<typeof DashboardBody>, 200),
  );
}
