// GET /api/v1/audit (admin only): the audit page's rows for scripts, with the same filters.
import { z } from '@hono/zod-openapi';
import { apiRoute, newApi } from '../../web/api-kit.js';
import type { AdminServices } from '../admin-deps.js';

export const AuditEntryBody = z
  .object({
    id: z.number().int(),
    at: z.number().int().openapi({ description: 'Epoch milliseconds.' }),
    actor: z.string(),
    action: z.string(),
    target: z.string(),
    detail: z.string().optional(),
  })
  .openapi('AuditEntry');

export const AuditPageBody = z
  .object({ entries: z.array(AuditEntryBody), page: z.number().int(), more: z.boolean() })
  .openapi('AuditPage');

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional();

export function auditApi(services: Pick<AdminServices, 'auditLog'>) {
  return newApi().openapi(
    apiRoute('admin', {
      method: 'get',
      path: '/audit',
      summary: 'The audit log, newest first, 50 a page',
      tags: ['audit'],
      request: {
        query: z.object({
          actor: z.string().max(80).optional().openapi({ example: 'admin:budi' }),
          action: z
            .string()
            .max(80)
            .optional()
            .openapi({ description: 'Exact, or a prefix ending in a dot.' }),
          from: date.openapi({ description: 'First day (YYYY-MM-DD, village time).' }),
          to: date.openapi({ description: 'Last day, included.' }),
          page: z.coerce.number().int().min(1).max(10_000).optional(),
        }),
      },
      responses: {
        200: { description: 'One page', content: { 'application/json': { schema: AuditPageBody } } },
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await services.auditLog.page({
        actor: q.actor,
        action: q.action,
        fromDate: q.from,
        toDate: q.to,
        page: q.page,
      });
      return c.json({ entries: r.rows, page: r.page, more: r.more }, 200);
    },
  );
}
