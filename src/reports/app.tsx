// The officials' reports at /reports (role official and up), on the web kit the admin web uses: coverage, usage
// and access points with a period picker, every table as CSV and XLSX, and the monthly report as a print page
// and a PDF. Every page and export comes from the same loaders (report-data.ts), through the reports service.
import { Hono } from 'hono';
import type { Period } from '../domain/report-period.js';
import { COVERAGE_DIMENSIONS, USAGE_DIMENSIONS } from '../services/reports/report-ports.js';
import { contentSecurityPolicy } from '../web/security.js';
import type { WebContext, WebEnv } from '../web/web-env.js';
import type { WebKit } from '../web/web-kit.js';
import { csvBytes } from './export/csv.js';
import { monthlyPdf } from './export/monthly-pdf.js';
import { toXlsx } from './export/xlsx.js';
import type { Deflate } from './export/zip.js';
import { formatDay } from './format.js';
import type { ReportMessages } from './messages/id.js';
import { voucherReportMessages } from './messages/vouchers.js';
import { loadMonthlyReport } from './monthly-report.js';
import {
  accessPointTables,
  coverageTables,
  loadAccessPoints,
  loadCoverage,
  loadUsage,
  usageTables,
} from './report-data.js';
import { choice, periodFromQuery, periodQuery, reportMessages, viewerOf } from './report-query.js';
import type { ReportsDeps } from './reports-deps.js';
import type { ReportTable } from './tables.js';
import { MonthlyPrint } from './views/monthly-print.js';
import { REPORT_CSS } from './views/report-css.js';
import { ReportDocument } from './views/report-document.js';
import {
  AccessPointsContent,
  CoverageContent,
  type ReportPageName,
  ReportTabs,
  UsageContent,
} from './views/report-pages.js';
import { VoucherReportContent } from './views/voucher-report.js';
import { voucherTables } from './voucher-tables.js';

export type { ReportsDeps } from './reports-deps.js';

const CSS_PATH = '/reports/static/reports.css';
const EXPORT = /^([a-z0-9-]+)\.(csv|xlsx)$/;
/** Seconds after which a page (or a client) asks again for counts being computed in the background. */
const COUNTING_RETRY_S = 15;

async function exportTable(
  c: WebContext,
  tables: readonly ReportTable[],
  file: string | undefined,
  period: Period,
  deflate: Deflate | undefined,
) {
  const [, id, format] = EXPORT.exec(file ?? '') ?? [];
  const table = tables.find((t) => t.id === id);
  if (!table) return c.notFound();
  const name = `${table.id}-${period.from}_${period.to}.${format}`;
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  c.header('Cache-Control', 'no-store');
  if (format === 'csv') return c.body(csvBytes(table), 200, { 'content-type': 'text/csv; charset=utf-8' });
  return c.body((await toXlsx(table, deflate)) as Uint8Array<ArrayBuffer>, 200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}

export function createReportsApp(kit: WebKit, deps: ReportsDeps): Hono<WebEnv> {
  const reports = deps.services.reports;
  const app = new Hono<WebEnv>().basePath('/reports');
  app.use('*', kit.base);
  app.use('*', kit.limitBodies);
  app.get('/static/reports.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(REPORT_CSS, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  app.use('*', kit.requireRole('official'));

  const viewer = (c: WebContext) => viewerOf(c.get('signedIn')!.operator.role);
  const words = (c: WebContext): ReportMessages => reportMessages(c.get('lang'));

  /** The period of the request, or the 400 page that explains it. */
  async function period(c: WebContext): Promise<Period | Response> {
    const p = periodFromQuery((n) => c.req.query(n), reports.today());
    if (p) return p;
    const m = words(c);
    return kit.message(c, m.title.usage, m.period.badPeriod, { status: 400 });
  }

  /** A route over one period: the handler gets the period, a bad one gets the 400 page instead. */
  const forPeriod = (handler: (c: WebContext, p: Period) => Promise<Response>) => async (c: WebContext) => {
    const p = await period(c);
    return p instanceof Response ? p : handler(c, p);
  };

  /** Coverage and usage by the dimension asked for (`?by=`): what their page and its exports show. */
  const coverageOf = (c: WebContext, p: Period) => {
    const by = choice(c.req.query('by'), COVERAGE_DIMENSIONS);
    return { by, data: loadCoverage(reports, { by, period: p }, viewer(c)) };
  };
  const usageOf = (c: WebContext, p: Period) => {
    const by = choice(c.req.query('by'), USAGE_DIMENSIONS);
    return { by, data: loadUsage(reports, { by, period: p }, viewer(c)) };
  };

  async function page(
    c: WebContext,
    name: ReportPageName,
    title: string,
    body: unknown,
    opts: { reload?: number } = {},
  ) {
    const ctx = await kit.pageContext(c);
    const m = words(c);
    return kit.render(
      c,
      ctx,
      <div class="reports">
        <link rel="stylesheet" href={CSS_PATH} />
        <ReportTabs m={m} root="/reports" current={name} />
        {body as never}
      </div>,
      { title, reload: opts.reload },
    );
  }

  app.get('/', (c) => c.redirect('/reports/coverage', 303));

  app.get(
    '/coverage',
    forPeriod(async (c, p) => {
      const { by, data } = coverageOf(c, p);
      const m = words(c);
      return page(
        c,
        'coverage',
        m.title.coverage,
        <CoverageContent data={await data} m={m} base="/reports/coverage" query={periodQuery(p, by)} />,
      );
    }),
  );
  app.get(
    '/coverage/:file',
    forPeriod(async (c, p) =>
      exportTable(
        c,
        coverageTables(await coverageOf(c, p).data, words(c)),
        c.req.param('file'),
        p,
        deps.deflate,
      ),
    ),
  );

  app.get(
    '/usage',
    forPeriod(async (c, p) => {
      const { by, data } = usageOf(c, p);
      const m = words(c);
      const d = await data;
      // Rows whose counts are being computed in the background: the page reloads itself (no script needed).
      const pending = d.usage.counting?.state === 'pending';
      if (pending) c.header('Retry-After', String(COUNTING_RETRY_S));
      return page(
        c,
        'usage',
        m.title.usage,
        <UsageContent data={d} m={m} base="/reports/usage" query={periodQuery(p, by)} />,
        { reload: pending ? COUNTING_RETRY_S : undefined },
      );
    }),
  );
  app.get(
    '/usage/:file',
    forPeriod(async (c, p) => {
      const { by, data } = usageOf(c, p);
      const d = await data;
      const m = words(c);
      const file = c.req.param('file');
      // The usage table whose counts are still being computed is not sent with columns missing: 202 and a page
      // that says so, as the report page does (the other tables of the page export as usual).
      if (d.usage.counting?.state === 'pending' && EXPORT.exec(file ?? '')?.[1] === `pemakaian-${by}`) {
        c.header('Retry-After', String(COUNTING_RETRY_S));
        c.header('Cache-Control', 'no-store');
        return kit.message(c, m.note.countingTitle, m.note.countingExport, {
          status: 202,
          links: [{ href: `/reports/usage${periodQuery(p, by)}`, text: m.note.backToReport }],
        });
      }
      return exportTable(c, usageTables(d, m), file, p, deps.deflate);
    }),
  );

  app.get(
    '/access-points',
    forPeriod(async (c, p) => {
      const data = await loadAccessPoints(reports, { period: p });
      const m = words(c);
      return page(
        c,
        'access-points',
        m.title.accessPoints,
        <AccessPointsContent data={data} m={m} base="/reports/access-points" query={periodQuery(p)} />,
      );
    }),
  );
  app.get(
    '/access-points/:file',
    forPeriod(async (c, p) => {
      const data = await loadAccessPoints(reports, { period: p, all: true });
      return exportTable(c, accessPointTables(data, words(c)), c.req.param('file'), p, deps.deflate);
    }),
  );

  app.get(
    '/vouchers',
    forPeriod(async (c, p) => {
      const w = voucherReportMessages(c.get('lang'));
      const vouchers = deps.services.vouchers;
      if (!vouchers) return kit.message(c, w.title, w.unavailable, { status: 404 });
      const report = await vouchers.report(p);
      return page(
        c,
        'vouchers',
        w.title,
        <VoucherReportContent
          report={report}
          period={p}
          m={words(c)}
          w={w}
          base="/reports/vouchers"
          query={periodQuery(p)}
        />,
      );
    }),
  );
  app.get(
    '/vouchers/:file',
    forPeriod(async (c, p) => {
      const vouchers = deps.services.vouchers;
      if (!vouchers) return c.notFound();
      const tables = voucherTables(await vouchers.report(p), voucherReportMessages(c.get('lang')));
      return exportTable(c, tables, c.req.param('file'), p, deps.deflate);
    }),
  );

  /** The month asked for (`?month=YYYY-MM`, else this month) as the print page and the PDF show it. */
  const monthlyOf = (c: WebContext, m: ReportMessages) =>
    loadMonthlyReport(
      reports,
      { month: c.req.query('month')?.trim() || reports.today().slice(0, 7), village: deps.villageName },
      viewer(c),
      m,
    );

  app.get('/monthly', async (c) => {
    const m = words(c);
    const report = await monthlyOf(c, m);
    if (!report) return kit.message(c, m.nav.monthly, m.period.badPeriod, { status: 400 });
    const nonce = c.get('nonce');
    c.header('Content-Security-Policy', contentSecurityPolicy({ nonce, script: false }));
    c.header('Cache-Control', 'no-store');
    const html = (
      <ReportDocument lang={m.lang} title={report.title} nonce={nonce}>
        <ReportTabs m={m} root="/reports" current="monthly" />
        <form class="period" method="get" action="/reports/monthly">
          <label>
            {m.period.month}
            <input type="month" name="month" value={report.month} />
          </label>
          <button type="submit">{m.period.show}</button>
        </form>
        <MonthlyPrint
          report={report}
          m={m}
          today={reports.today()}
          pdfHref={`/reports/monthly.pdf?month=${report.month}`}
        />
      </ReportDocument>
    );
    return c.html(`<!DOCTYPE html>${await html.toString()}`);
  });

  app.get('/monthly.pdf', async (c) => {
    const m = words(c);
    const report = await monthlyOf(c, m);
    if (!report) return kit.message(c, m.nav.monthly, m.period.badPeriod, { status: 400 });
    const today = reports.today();
    const pdf = await monthlyPdf(report, m, { today, generatedAt: formatDay(today, m) });
    c.header('Content-Disposition', `attachment; filename="laporan-wifi-${report.month}.pdf"`);
    c.header('Cache-Control', 'no-store');
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/pdf' });
  });

  app.notFound(kit.notFound);
  app.onError(kit.errorPage);
  return app;
}
