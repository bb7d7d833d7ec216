// `GET /api/v1/dashboard`: the dashboard's figures, for a wall display or a monitoring script.
import { z } from '@hono/zod-openapi';
import { apiRoute, newApi } from '../../web/api-kit.js';
import type { AdminDeps } from '../admin-deps.js';

const Router = z.object({
  id: z.number().int(),
  name: z.string(),
  health: z.string().openapi({ description: "'up', 'down' or 'unknown' (never polled)" }),
  healthChangedAt: z.number().nullable(),
  lastContactAt: z.number().nullable(),
  liveSessions: z.number().int(),
});

export const DashboardSummarySchema = z
  .object({
    at: z.number().openapi({ description: 'When the figures were read (epoch ms).' }),
    day: z.string().openapi({ example: '2026-11-29', description: 'Today in the village time zone.' }),
    routers: z.object({ up: z.number(), down: z.number(), unknown: z.number(), list: z.array(Router) }),
    liveSessions: z.number().int(),
    dataToday: z.object({ downloadBytes: z.number(), uploadBytes: z.number() }),
    registrationsToday: z.number().int(),
    pendingApprovals: z.number().int(),
    rejectsLastHour: z.object({
      total: z.number().int(),
      byReason: z.array(z.object({ decision: z.string(), reason: z.string(), count: z.number().int() })),
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
          updatedAt: z.number(),
        }),
      ),
    }),
    storage: z
      .object({
        ok: z.boolean(),
        problem: z.enum(['disk_full', 'read_only', 'unreachable', 'write_failed']).optional(),
        since: z.number().optional(),
        detail: z.string().optional(),
      })
      .openapi({ description: 'Whether usage records can be written now; when not, what is wrong.' }),
  })
  .openapi('DashboardSummary');

export function dashboardApi(deps: AdminDeps) {
  return newApi().openapi(
    apiRoute('official', {
      method: 'get',
      path: '/dashboard',
      summary: 'The network now: routers, live sessions, data and registrations today, rejects, failed jobs',
      tags: ['dashboard'],
      responses: {
        200: {
          description: 'At most 5 s old',
          content: { 'application/json': { schema: DashboardSummarySchema } },
        },
      },
    }),
    // Parsed on the way out: the answer is what the document says, field for field.
    async (c) => c.json(DashboardSummarySchema.parse(await deps.services.dashboard.summary()), 200),
  );
}
