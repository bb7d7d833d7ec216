// The reports' JSON API under /api/v1 (role official and up), from the same service calls as the pages:
// `GET /reports/usage?from&to&by` and `GET /reports/coverage?by`, with small cells as "< 5" for officials.
import { z } from '@hono/zod-openapi';
import { daysBetween, isDay } from '../domain/report-period.js';
import { SMALL_CELL_LABEL } from '../domain/small-cell.js';
import { COVERAGE_DIMENSIONS, USAGE_DIMENSIONS } from '../services/reports/report-ports.js';
import { apiRoute, errorJson, newApi } from '../web/api-kit.js';
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
    countedAt: z.string().datetime().optional().openapi({
      description:
        'Router, dusun and plan rows of a range that includes today or yesterday, whose distinct devices and residents were computed in the background: when (they are recomputed every 15 minutes while such a range is asked for).',
    }),
  })
  .openapi('UsageReport');

/** Seconds after which a client asks again for counts being computed in the background. */
const COUNTING_RETRY_S = 15;
const UsageCounting = z
  .object({
    status: z.literal('counting'),
    message: z.string(),
    retryAfter: z.number().int().openapi({ description: 'Seconds; also the Retry-After header.' }),
  })
  .openapi('UsageCounting');

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

const VoucherFigures = {
  created: z.number().int(),
  used: z.number().int().openapi({ description: 'First logins in the period' }),
  throttled: z
    .number()
    .int()
    .openapi({ description: 'Quota used up on a plan that throttles: still on, slowed down' }),
  expired: z
    .number()
    .int()
    .openapi({ description: 'Validity ended, or quota used up on a plan that cuts off' }),
  revoked: z.number().int(),
  revenueRp: z.number().int().openapi({ description: 'Rupiah of priced vouchers first used' }),
};
export const VoucherReportBody = z
  .object({
    from: z.string(),
    to: z.string(),
    byDay: z.array(z.object({ day: z.string(), ...VoucherFigures })),
    byBatch: z.array(
      z.object({
        batch: z.string(),
        plan: z.string(),
        price: z.number().int().nullable(),
        ...VoucherFigures,
      }),
    ),
    totals: z.object(VoucherFigures),
  })
  .openapi('VoucherReport');

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
          202: {
            description:
              'By router, dusun or plan over a range large enough that the rows’ distinct devices and residents are computed in the background (one computation per range, whoever asks): ask again after Retry-After seconds.',
            headers: z.object({ 'Retry-After': z.string().openapi({ example: '15' }) }),
            content: { 'application/json': { schema: UsageCounting } },
          },
        },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const role = viewerOf(c.get('signedIn')!.operator.role);
        const report = await reports.usageReport(
          { from: q.from, to: q.to, by: q.by as (typeof USAGE_DIMENSIONS)[number] },
          role,
        );
        const counting = report.counting;
        if (counting?.state === 'pending') {
          c.header('Retry-After', String(COUNTING_RETRY_S));
          return c.json(
            {
              status: 'counting' as const,
              message:
                'The distinct devices and residents of these rows are being computed; ask again later.',
              retryAfter: COUNTING_RETRY_S,
            },
            202,
          );
        }
        const body = { rows: report.rows, totals: report.totals } as z.infer<typeof UsageReport>;
        if (counting?.state === 'cached' && counting.computed)
          body.countedAt = new Date(counting.computedAt).toISOString();
        return c.json(body, 200);
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
    )
    .openapi(
      apiRoute('official', {
        method: 'get',
        path: '/reports/vouchers',
        summary: 'Vouchers created, used, expired, revoked and revenue, per day and per batch',
        tags: ['reports'],
        request: {
          query: z
            .object({
              from: Day.openapi({ example: '2026-12-01' }),
              to: Day.openapi({ example: '2026-12-31' }),
            })
            .refine((q) => q.to >= q.from, { path: ['to'], message: 'to is before from' })
            .refine((q) => daysBetween(q.from, q.to) <= 366, { path: ['to'], message: 'at most 366 days' }),
        },
        responses: {
          200: {
            description: 'Aggregates only: no codes',
            content: { 'application/json': { schema: VoucherReportBody } },
          },
          404: {
            description: 'Not available in this runtime',
            content: { 'application/json': { schema: z.object({}).passthrough() } },
          },
        },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const vouchers = deps.services.vouchers;
        if (!vouchers) return errorJson(c, 404, 'not-found', 'voucher report not available') as never;
        return c.json((await vouchers.report(q)) as z.infer<typeof VoucherReportBody>, 200);
      },
    );
}
