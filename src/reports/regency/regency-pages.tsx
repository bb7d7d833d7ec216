// The officials' pages (Indonesian first, English with `?lang=en`, remembered in a cookie): sign-in with an access token, the overview by kecamatan or village, the
// comparison between villages (table + SVG bars), villages not reporting, the monthly regency report (print page
// and PDF, drawn by the village report's code) and every table as CSV/XLSX. No external assets: one inline
// stylesheet under the response's CSP nonce, SVG charts drawn on the server, no script.
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { parsePeriod } from '../../domain/report-period.js';
import { type Reader, SESSION_TTL_MS } from '../../services/regency/regency-access.js';
import { BarChart } from '../charts/bar-chart.js';
import type { ChartPoint } from '../charts/chart-data.js';
import { HeatMap } from '../charts/heat-map.js';
import { csvBytes } from '../export/csv.js';
import { monthlyPdf } from '../export/monthly-pdf.js';
import { toXlsx } from '../export/xlsx.js';
import { formatBytes, formatCount } from '../format.js';
import { periodFromQuery, periodQuery } from '../report-query.js';
import type { ReportTable } from '../tables.js';
import { MonthlyPrint } from '../views/monthly-print.js';
import { PeriodForm } from '../views/period-form.js';
import { REPORT_CSS } from '../views/report-css.js';
import { TableView } from '../views/table-view.js';
import {
  type AreaQuery,
  loadComparison,
  loadNotReporting,
  loadOverview,
  loadRegencyMonthly,
} from './regency-data.js';
import type { RegencyContext, RegencyDeps, RegencyEnv } from './regency-deps.js';
import { type RegencyMessages, regencyMessages } from './regency-messages.js';

export const SESSION_COOKIE = '__Host-wr_sesi';

const SHELL_CSS = `
body{margin:0;background:#f3f5f3}
header.top{background:#0b5d3b;color:#fff;padding:.4rem 1rem;display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:center;font-family:system-ui,sans-serif}
header.top .v{font-weight:700;flex:1 1 12rem}
header.top form{margin:0}
header.top a.lang{color:#fff}
header.top button{background:none;border:0;color:#fff;text-decoration:underline;font:inherit;cursor:pointer;padding:.3rem 0}
nav.main{background:#084a2f;font-family:system-ui,sans-serif}
nav.main ul{list-style:none;margin:0;padding:0 .5rem;display:flex;flex-wrap:wrap}
nav.main a{display:block;color:#fff;padding:.55rem .6rem;text-decoration:none}
nav.main a[aria-current=page]{background:#f3f5f3;color:#0b5d3b;font-weight:700}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem}
.reports .alert{border-left:4px solid #9b1c1c;background:#fff;padding:.5rem .8rem}
.reports form.signin{display:flex;flex-direction:column;gap:.6rem;max-width:22rem}
.reports form.signin input,.reports form.signin button{font:inherit;padding:.5rem;min-height:2.6rem}
@media print{header.top,nav.main{display:none}}`;

const NAV = [
  { href: '/ringkasan', key: 'overview' },
  { href: '/desa', key: 'villages' },
  { href: '/tidak-melapor', key: 'notReporting' },
  { href: '/bulanan', key: 'monthly' },
] as const;

function Page(props: { c: RegencyContext; m: RegencyMessages; title: string; children?: Child }) {
  const { c, m } = props;
  const reader = c.get('reader');
  const path = c.req.path;
  return (
    <html lang={m.report.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · ${m.regency}`}</title>
        <link rel="icon" href="data:," />
        <style nonce={c.get('nonce')}>{raw(REPORT_CSS + SHELL_CSS)}</style>
      </head>
      <body>
        <a class="skip" href="#isi">
          {m.skip}
        </a>
        <header class="top">
          <div class="v">
            {m.product} · {m.regency}
          </div>
          <a class="lang" href={otherLangHref(c, m)} lang={m.otherLang.code} hreflang={m.otherLang.code}>
            {m.otherLang.label}
          </a>
          {reader ? (
            <>
              <span>{reader.name}</span>
              <form method="post" action="/keluar">
                <button type="submit">{m.nav.signOut}</button>
              </form>
            </>
          ) : null}
        </header>
        {reader ? (
          <nav class="main" aria-label={m.nav.label}>
            <ul>
              {NAV.map((n) => (
                <li>
                  <a href={n.href} aria-current={path.startsWith(n.href) ? 'page' : undefined}>
                    {m.nav[n.key]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id="isi" class="reports">
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** The page itself in the other language (the choice is remembered in a cookie by the app). */
function otherLangHref(c: RegencyContext, m: RegencyMessages): string {
  const url = new URL(c.req.url);
  url.searchParams.set('lang', m.otherLang.code);
  return `${url.pathname}${url.search}`;
}

function scopeLine(c: RegencyContext, m: RegencyMessages, kecamatan: string | undefined): string {
  const area = c.get('reader')?.area;
  if (kecamatan) return m.scope.kecamatan(kecamatan);
  if (area?.scope === 'kecamatan') return m.scope.kecamatan(area.kecamatan);
  if (area?.scope === 'desa') return m.scope.desa(area.village);
  return m.scope.kabupaten;
}

/**
 * A bar per village or kecamatan of the reader's area; titled for its bytes down unless told otherwise (the
 * overview and the comparison draw the same chart).
 */
function AreaBars(props: {
  m: RegencyMessages;
  by: 'kecamatan' | 'village';
  title?: string;
  valueHead: string;
  points: readonly ChartPoint[];
}) {
  const { m, by } = props;
  return (
    <BarChart
      title={props.title ?? (by === 'kecamatan' ? m.title.chartKecamatan : m.title.chartVillage)}
      labelHead={m.col[by]}
      valueHead={props.valueHead}
      points={props.points}
      noData={m.report.chart.noData}
    />
  );
}

/** Forms post only from our own pages (with SameSite=Strict cookies this is belt and braces). */
function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  return !origin || origin === new URL(c.req.url).origin;
}

export function regencyPages(deps: RegencyDeps) {
  const pages = new Hono<RegencyEnv>();
  const catalogue = {
    id: regencyMessages(deps.regencyName, 'id'),
    en: regencyMessages(deps.regencyName, 'en'),
  };
  const words = (c: RegencyContext) => {
    const m = catalogue[c.get('lang')];
    return { m, rm: m.report };
  };

  const read = (c: RegencyContext) => {
    const today = deps.view.today();
    const period = periodFromQuery((n) => c.req.query(n), today);
    const kecamatan = c.req.query('kecamatan')?.trim() || undefined;
    return { period, kecamatan, today };
  };
  const extraQuery = (kecamatan: string | undefined) =>
    kecamatan ? `&kecamatan=${encodeURIComponent(kecamatan)}` : '';

  pages.get('/', (c) => c.redirect(c.get('reader') ? '/ringkasan' : '/masuk'));

  pages.get('/masuk', (c) => {
    const { m } = words(c);
    return c.html(
      <Page c={c} m={m} title={m.signIn.title}>
        <h1>{m.signIn.title}</h1>
        {c.req.query('gagal') ? (
          <div class="alert" role="alert">
            <p>{m.signIn.failed}</p>
          </div>
        ) : null}
        <p>{m.signIn.intro}</p>
        <form class="signin" method="post" action="/masuk">
          <label for="token">{m.signIn.token}</label>
          <input id="token" name="token" type="password" autocomplete="off" required />
          <button type="submit">{m.signIn.submit}</button>
        </form>
      </Page>,
    );
  });

  pages.post('/masuk', async (c) => {
    if (!sameOrigin(c)) return c.text('Forbidden', 403);
    const form = await c.req.parseBody();
    const out = await deps.access.signIn(String(form.token ?? '').slice(0, 200));
    if (!out) return c.redirect('/masuk?gagal=1', 303);
    setCookie(c, SESSION_COOKIE, out.sessionId, {
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
    return c.redirect('/ringkasan', 303);
  });

  pages.post('/keluar', async (c) => {
    if (!sameOrigin(c)) return c.text('Forbidden', 403);
    const id = getCookie(c, SESSION_COOKIE);
    if (id) await deps.access.signOut(id);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.redirect('/masuk', 303);
  });

  // Every page below is for a signed-in reader.
  pages.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    if (!c.get('reader')) return c.redirect('/masuk', 303);
    await next();
  });

  const bad = (c: RegencyContext) => {
    const { m } = words(c);
    return c.html(
      <Page c={c} m={m} title={m.badQuery}>
        <p class="alert">{m.badQuery}</p>
      </Page>,
      400,
    );
  };

  /**
   * The pages over a period by area (overview, comparison) share the reading of the query (period, kecamatan),
   * the 400 page for a bad period, the heading with the scope line, the period form and the export links' query.
   */
  const periodPage =
    <D,>(page: {
      path: '/ringkasan' | '/desa';
      title: (m: RegencyMessages) => string;
      load: (reader: Reader, area: AreaQuery, m: RegencyMessages) => Promise<D>;
      body: (d: D, exportHref: (format: string) => string, m: RegencyMessages) => Child;
    }) =>
    async (c: RegencyContext) => {
      const { m, rm } = words(c);
      const title = page.title(m);
      const q = read(c);
      if (!q.period) return bad(c);
      const d = await page.load(c.get('reader')!, { period: q.period, kecamatan: q.kecamatan }, m);
      const query = periodQuery(q.period) + extraQuery(q.kecamatan);
      return c.html(
        <Page c={c} m={m} title={title}>
          <h1>
            {title} · {scopeLine(c, m, q.kecamatan)}
          </h1>
          <PeriodForm action={page.path} period={q.period} m={rm} />
          {page.body(d, (f) => `/ekspor${page.path}.${f}${query}`, m)}
        </Page>,
      );
    };

  pages.get(
    '/ringkasan',
    periodPage({
      path: '/ringkasan',
      title: (m) => m.title.overview,
      load: (reader, area, m) => loadOverview(deps.view, reader, area, m),
      body: (d, exportHref, m, rm = m.report) => (
        <>
          <div class="cards">
            <div class="card">
              <b>{formatCount(d.villages.length, rm)}</b>
              <small>{m.cards.villages}</small>
            </div>
            <div class="card">
              <b>{formatCount(d.villages.filter((v) => v.reporting).length, rm)}</b>
              <small>{m.cards.reporting}</small>
            </div>
            <div class="card">
              <b>{formatBytes(d.usage.totals.bytesDown, rm)}</b>
              <small>{m.cards.download}</small>
            </div>
            <div class="card">
              <b>{formatCount(d.usage.totals.devices, rm)}</b>
              <small>{m.cards.devices}</small>
            </div>
            <div class="card">
              <b>{formatCount(d.coverage.totals.registered, rm)}</b>
              <small>{m.cards.residentsRegistered}</small>
            </div>
          </div>
          <p class="muted">{m.distinct[d.usage.distinct.totals]}</p>
          <AreaBars
            m={m}
            by={d.group === 'kecamatan' ? 'kecamatan' : 'village'}
            valueHead={rm.col.bytesDown}
            points={d.chart}
          />
          <TableView table={d.table} m={rm} exportHref={exportHref} />
          {d.heat ? (
            <HeatMap
              title={m.title.heat}
              weekdays={rm.weekdays}
              cells={d.heat}
              display={(b) => formatBytes(b, rm)}
              labels={{
                hour: rm.col.hour,
                value: rm.col.bytes,
                low: rm.chart.legendLow,
                high: rm.chart.legendHigh,
              }}
            />
          ) : (
            <p class="muted">{m.heatMonthOnly}</p>
          )}
          <p class="muted">{m.coverageNote}</p>
          <p class="muted">{rm.note.smallCell}</p>
        </>
      ),
    }),
  );

  pages.get(
    '/desa',
    periodPage({
      path: '/desa',
      title: (m) => m.title.byVillage,
      load: (reader, area, m) => loadComparison(deps.view, reader, area, m),
      body: (d, exportHref, m, rm = m.report) => (
        <>
          <p class="muted">{m.distinct[d.usage.distinct.rows]}</p>
          <AreaBars m={m} by="village" valueHead={rm.col.bytesDown} points={d.chart} />
          <AreaBars
            m={m}
            by="village"
            title={m.title.chartCoverage}
            valueHead={rm.col.registeredPct}
            points={d.coverageChart}
          />
          <TableView table={d.table} m={rm} exportHref={exportHref} />
          <p class="muted">{rm.note.smallCell}</p>
        </>
      ),
    }),
  );

  pages.get('/tidak-melapor', async (c) => {
    const { m, rm } = words(c);
    const q = read(c);
    const d = await loadNotReporting(
      deps.view,
      c.get('reader')!,
      { kecamatan: q.kecamatan },
      m,
      deps.timeZone,
    );
    return c.html(
      <Page c={c} m={m} title={m.title.notReporting}>
        <h1>
          {m.title.notReporting} · {scopeLine(c, m, q.kecamatan)}
        </h1>
        <p>{m.notReportingNote}</p>
        {d.villages.length === 0 ? (
          <p>{m.allReporting}</p>
        ) : (
          <TableView
            table={d.table}
            m={rm}
            exportHref={(f) => `/ekspor/tidak-melapor.${f}?${extraQuery(q.kecamatan).slice(1)}`}
          />
        )}
      </Page>,
    );
  });

  /** The month asked for (`?at=YYYY-MM`, this month by default) and its report: the print page and the PDF. */
  const monthly = async (c: RegencyContext, m: RegencyMessages) => {
    const q = read(c);
    const period = parsePeriod('month', c.req.query('at') ?? q.today.slice(0, 7));
    if (!period) return undefined;
    const area = { period, kecamatan: q.kecamatan };
    const report = await loadRegencyMonthly(deps.view, c.get('reader')!, area, m, deps.timeZone);
    return { ...area, today: q.today, report };
  };

  pages.get('/bulanan', async (c) => {
    const { m, rm } = words(c);
    const q = await monthly(c, m);
    if (!q) return bad(c);
    const { report } = q;
    return c.html(
      <Page c={c} m={m} title={report.title}>
        <PeriodForm action="/bulanan" period={q.period} m={rm} />
        <MonthlyPrint
          report={report}
          m={rm}
          today={q.today}
          pdfHref={`/bulanan.pdf?at=${q.period.from.slice(0, 7)}${extraQuery(q.kecamatan)}`}
        />
      </Page>,
    );
  });

  pages.get('/bulanan.pdf', async (c) => {
    const { m, rm } = words(c);
    const q = await monthly(c, m);
    if (!q) return bad(c);
    const { report } = q;
    const generatedAt = new Intl.DateTimeFormat(rm.locale, {
      timeZone: deps.timeZone,
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(deps.now());
    const pdf = await monthlyPdf(report, rm, { today: q.today, generatedAt });
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="laporan-wifi-${report.month}.pdf"`,
    });
  });

  pages.get('/ekspor/:file', async (c) => {
    const { m } = words(c);
    const match = /^(ringkasan|desa|tidak-melapor)\.(csv|xlsx)$/.exec(c.req.param('file') ?? '');
    if (!match) return c.text(m.notFound, 404);
    const q = read(c);
    if (!q.period) return bad(c);
    const reader = c.get('reader')!;
    const area = { period: q.period, kecamatan: q.kecamatan };
    const table: ReportTable =
      match[1] === 'ringkasan'
        ? (await loadOverview(deps.view, reader, area, m)).table
        : match[1] === 'desa'
          ? (await loadComparison(deps.view, reader, area, m)).table
          : (await loadNotReporting(deps.view, reader, area, m, deps.timeZone)).table;
    const name = `${table.id}-${q.period.from}-${q.period.to}`;
    if (match[2] === 'csv') {
      return c.body(csvBytes(table), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}.csv"`,
      });
    }
    return c.body((await toXlsx(table)) as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${name}.xlsx"`,
    });
  });

  return pages;
}
