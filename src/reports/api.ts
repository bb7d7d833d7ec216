// The reports' JSON API under /api/v1 (role official and up), from the same service calls as the pages:
// `GET /reports/usage?from&to&by` and `GET /reports/coverage?by`, with small cells as "< 5" for officials.
import { z } from '@hono/zod-openapi';
import { isDay } from '../domain/report-period.js';
import { SMALL_CELL_LABEL } from '../domain/small-cell.js';
import { COVERAGE_DIMENSIONS, USAGE_DIMENSIONS } from '../services/reports/report-ports.js';
import { apiRoute, newApi } from '../web/api-kit.js';
import { viewerOf } from './report-query.js';
import type { ReportsDeps } from './reports-deps.js';

const Count = z
  .union([z.number().int(), z.literal(SMALL_CELL_LABEL)])
  .openapi({ description: 'A count; "< 5" for 1 to 4 when an official asks (small-cell rule).' });

const UsageFigures = {
  bytesDown: z
    .number()
    .int()
    .openapi({ description: 'Acct-Output-Octets with gigawords: sent to the residents.' }),
  bytesUp: z.number().int(),
  sessions: z.number().int(),
  devices: Count,
  residents: Count,
};
const UsageReport = z
  .object({
    rows: z.array(z.object({ key: z.string(), ...UsageFigures })),
    totals: z.object(UsageFigures),
  })
  .openapi('UsageReport');

const CoverageFigures = {
  residents: Count.openapi({ description: 'Active roster residents of registering age.' }),
  registered: Count,
  households: Count,
  householdsConnected: Count,
};
const CoverageReport = z
  .object({
    rows: z.array(z.object({ key: z.string(), ...CoverageFigures })),
    totals: z.object(CoverageFigures),
  })
  .openapi('CoverageReport');

const Day = z.string().refine(isDay, 'YYYY-MM-DD');

export function reportsApi(deps: ReportsDeps) {
  const reports = deps.services.reports;
  return newApi()
    .openapi(
      apiRoute('official', {
        method: 'get',
        path: '/reports/usage',
        summary: 'Usage by day, week, month, year, access point, dusun or plan',
        tags: ['reports'],
        request: {
          query: z
            .object({
              from: Day.openapi({ example: '2026-12-01' }),
              to: Day.openapi({ example: '2026-12-31' }),
              by: z.enum(USAGE_DIMENSIONS as [string, ...string[]]).default('day'),
            })
            .refine((q) => q.to >= q.from, { path: ['to'], message: 'to is before from' }),
        },
        responses: {
          200: {
            description: 'Rows per group and the totals',
            content: { 'application/json': { schema: UsageReport } },
          },
        },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const role = viewerOf(c.get('signedIn')!.operator.role);
        const report = await reports.usage(
          { from: q.from, to: q.to, by: q.by as (typeof USAGE_DIMENSIONS)[number] },
          role,
        );
        return c.json(report as z.infer<typeof UsageReport>, 200);
      },
    )
    .openapi(
      apiRoute('official', {
        method: 'get',
        path: '/reports/coverage',
        summary: 'Coverage of the roster by dusun, RW or RT',
        tags: ['reports'],
        request: {
          query: z.object({ by: z.enum(COVERAGE_DIMENSIONS as [string, ...string[]]).default('dusun') }),
        },
        responses: {
          200: {
            description: 'Rows per group and the totals',
            content: { 'application/json': { schema: CoverageReport } },
          },
        },
      }),
      async (c) => {
        const { by } = c.req.valid('query');
        const role = viewerOf(c.get('signedIn')!.operator.role);
        const report = await reports.coverage({ by: by as (typeof COVERAGE_DIMENSIONS)[number] }, role);
        return c.json(report as z.infer<typeof CoverageReport>, 200);
      },
    );
}
