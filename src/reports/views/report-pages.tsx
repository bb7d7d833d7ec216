// The report pages' content, as pure components of their data: coverage, usage and access points. A page
// shell (the admin layout, or ReportDocument) wraps them; `base` is where the page lives, for its forms and
// export links (`${base}/<table id>.csv`).
import type { Child } from 'hono/jsx';
import { COVERAGE_DIMENSIONS, USAGE_DIMENSIONS } from '../../services/reports/report-ports.js';
import { BarChart } from '../charts/bar-chart.js';
import type { ChartPoint } from '../charts/chart-data.js';
import { ColumnChart } from '../charts/column-chart.js';
import { HeatMap } from '../charts/heat-map.js';
import { dayLabeler, formatBytes, formatCount, formatDay, formatPercent, formatShare } from '../format.js';
import type { ReportMessages } from '../messages/id.js';
import { voucherReportMessages } from '../messages/vouchers.js';
import type { AccessPointsData, CoverageData, UsageData } from '../report-data.js';
import { accessPointTables, coverageTables, usageSideTables } from '../report-data.js';
import { usageKeyLabel, usageTable } from '../tables.js';
import { PAGE_TOP_ROWS, topRows } from '../top-rows.js';
import { PeriodForm } from './period-form.js';
import { TableView } from './table-view.js';

export type ReportPageName = 'coverage' | 'usage' | 'access-points' | 'monthly' | 'vouchers';

export function ReportTabs(props: { m: ReportMessages; root: string; current: ReportPageName }) {
  const tabs: Array<[ReportPageName, string]> = [
    ['coverage', props.m.nav.coverage],
    ['usage', props.m.nav.usage],
    ['access-points', props.m.nav.accessPoints],
    ['monthly', props.m.nav.monthly],
    ['vouchers', voucherReportMessages(props.m.lang).tab],
  ];
  return (
    <nav class="tabs" aria-label={props.m.nav.reports}>
      {tabs.map(([name, label]) => (
        <a href={`${props.root}/${name}`} aria-current={name === props.current ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

function Card(props: { value: string; label: string; note?: string | undefined }) {
  return (
    <div class="card">
      <b>{props.value}</b>
      <small>{props.label}</small>
      {props.note && props.note !== '–' ? <small class="muted"> · {props.note}</small> : null}
    </div>
  );
}

const Note = (props: { children?: Child }) => <p class="muted">{props.children}</p>;

/** `/reports/usage/pemakaian-day.csv?kind=month&at=2026-12&by=day`: the table as the page shows it. */
const exportLink = (props: { base: string; query: string }, table: { id: string }) => (f: 'csv' | 'xlsx') =>
  `${props.base}/${table.id}.${f}${props.query}`;

const count = (v: number | string): number => (typeof v === 'number' ? v : 0);

export function CoverageContent(props: {
  data: CoverageData;
  m: ReportMessages;
  base: string;
  query: string;
}) {
  const { data, m } = props;
  const t = data.coverage.totals;
  const [table, growth] = coverageTables(data, m);
  const points: ChartPoint[] = data.coverage.rows.map((r) => ({
    label: r.key,
    value: count(r.registered),
    display: `${formatCount(r.registered, m)} / ${formatCount(r.residents, m)} (${formatShare(r.registered, r.residents, m)})`,
  }));
  const growthDay = dayLabeler(
    data.registrations.map((r) => r.day),
    m,
  );
  const growthPoints: ChartPoint[] = data.registrations.map((r) => ({
    label: growthDay(r.day),
    value: r.total,
    display: formatCount(r.total, m),
  }));
  return (
    <>
      <h1>{m.title.coverage}</h1>
      <PeriodForm
        action={props.base}
        period={data.period}
        m={m}
        by={{ value: data.by, options: COVERAGE_DIMENSIONS, labels: m.by }}
      />
      <div class="cards">
        <Card
          value={formatCount(t.registered, m)}
          label={m.col.registered}
          note={formatShare(t.registered, t.residents, m)}
        />
        <Card value={formatCount(t.residents, m)} label={m.col.residentsRoster} />
        <Card
          value={formatCount(t.householdsConnected, m)}
          label={m.col.householdsConnected}
          note={formatShare(t.householdsConnected, t.households, m)}
        />
        <Card value={formatCount(t.households, m)} label={m.col.households} />
      </div>
      <BarChart
        title={`${m.col.registered} ${m.by[data.by]}`}
        labelHead={m.col[data.by]}
        valueHead={m.col.registered}
        points={points}
        noData={m.chart.noData}
      />
      <TableView table={table!} m={m} exportHref={exportLink(props, table!)} />
      <ColumnChart
        title={m.title.coverageGrowth}
        labelHead={m.col.day}
        valueHead={m.col.total}
        points={growthPoints}
        noData={m.chart.noData}
        tick={(v) => formatCount(v, m)}
        line
      />
      <TableView table={growth!} m={m} exportHref={exportLink(props, growth!)} />
      <Note>{m.note.coverageBase}</Note>
      {data.viewer === 'official' ? <Note>{m.note.smallCell}</Note> : null}
    </>
  );
}

function change(now: number, before: number, m: ReportMessages): string | undefined {
  if (before <= 0) return undefined;
  const r = (now - before) / before;
  return `${r >= 0 ? '+' : '−'}${formatPercent(Math.abs(r), m)}`;
}

export function UsageContent(props: { data: UsageData; m: ReportMessages; base: string; query: string }) {
  const { data, m } = props;
  const t = data.usage.totals;
  const counting = data.usage.counting;
  const pending = counting?.state === 'pending';
  const computed = counting?.state === 'cached' ? counting.computed : null;
  const bytes = (v: number) => formatBytes(v, m);
  const timeSeries = ['day', 'week', 'month', 'year'].includes(data.by);
  // Routers, dusun, plans: the top groups by download and the rest as one row (the exports keep every row).
  const { top, rest } = timeSeries ? { top: data.usage.rows, rest: null } : topRows(data.usage.rows);
  const restLabel = rest ? m.col.otherRows(formatCount(rest.groups, m)) : '';
  // Day labels depend on the months among the rows: worked out only for day rows (not a regency's 9,000 routers).
  const dayLabel =
    data.by === 'day'
      ? dayLabeler(
          data.usage.rows.map((r) => r.key),
          m,
        )
      : null;
  const points: ChartPoint[] = top.map((r) => ({
    label: dayLabel ? dayLabel(r.key) : usageKeyLabel(data.by, r.key, m),
    value: r.bytesDown,
    display: bytes(r.bytesDown),
  }));
  // The whole usage table only when the page shows every row: its id (the export link) is the same either way.
  let shown = usageTable(rest ? { rows: top, totals: data.usage.totals, counting } : data.usage, data.by, m);
  if (rest) {
    points.push({ label: restLabel, value: rest.bytesDown, display: bytes(rest.bytesDown) });
    // Distinct devices and residents of the rest cannot be summed from its rows: left blank.
    const restCells = [restLabel, rest.bytesDown, rest.bytesUp, rest.sessions];
    shown = {
      ...shown,
      rows: [...shown.rows, pending ? restCells : [...restCells, null, null]],
    };
  }
  const previousLabel = `${m.period.previous}: ${formatDay(data.previous.from, m)} – ${formatDay(data.previous.to, m)}`;
  return (
    <>
      <h1>{m.title.usage}</h1>
      <PeriodForm
        action={props.base}
        period={data.period}
        m={m}
        by={{ value: data.by, options: USAGE_DIMENSIONS, labels: m.by }}
      />
      <div class="cards">
        <Card
          value={bytes(t.bytesDown)}
          label={m.col.bytesDown}
          note={change(t.bytesDown, data.before.bytesDown, m)}
        />
        <Card
          value={bytes(t.bytesUp)}
          label={m.col.bytesUp}
          note={change(t.bytesUp, data.before.bytesUp, m)}
        />
        <Card
          value={formatCount(t.sessions, m)}
          label={m.col.sessions}
          note={change(t.sessions, data.before.sessions, m)}
        />
        <Card value={formatCount(t.residents, m)} label={m.col.residents} />
        <Card value={formatCount(t.devices, m)} label={m.col.devices} />
      </div>
      <p class="muted">
        {previousLabel}: {bytes(data.before.bytesDown)}, {formatCount(data.before.sessions, m)}{' '}
        {m.col.sessions.toLowerCase()}
      </p>
      {timeSeries ? (
        <ColumnChart
          title={`${m.title.usageChart} ${m.by[data.by]}`}
          labelHead={m.col[data.by]}
          valueHead={m.col.bytesDown}
          points={points}
          noData={m.chart.noData}
          tick={bytes}
        />
      ) : (
        <BarChart
          title={`${m.title.usageChart} ${m.by[data.by]}`}
          labelHead={m.col[data.by]}
          valueHead={m.col.bytesDown}
          points={points}
          noData={m.chart.noData}
        />
      )}
      {pending ? (
        <div class="alert info" role="status">
          <p>
            <strong>{m.note.countingTitle}.</strong> {m.note.counting}
          </p>
        </div>
      ) : null}
      <TableView table={shown} m={m} exportHref={exportLink(props, shown)} />
      {computed ? (
        <Note>
          {m.note.countedAt(
            m.note.countedTime(computed.today ? null : formatDay(computed.day, m), computed.time),
          )}
        </Note>
      ) : null}
      {rest ? <Note>{m.note.topOnly(formatCount(PAGE_TOP_ROWS, m))}</Note> : null}
      <HeatMap
        title={m.title.heatMap}
        weekdays={m.weekdays}
        cells={data.heat}
        display={bytes}
        labels={{ hour: m.col.hour, value: m.col.bytes, low: m.chart.legendLow, high: m.chart.legendHigh }}
      />
      {usageSideTables(data, m).map((table) => (
        <TableView table={table} m={m} exportHref={exportLink(props, table)} />
      ))}
      <Note>{m.note.downloadIs}</Note>
      {data.viewer === 'official' ? <Note>{m.note.smallCell}</Note> : null}
    </>
  );
}

export function AccessPointsContent(props: {
  data: AccessPointsData;
  m: ReportMessages;
  base: string;
  query: string;
}) {
  const { data, m } = props;
  const [table] = accessPointTables(data, m);
  const uptime: ChartPoint[] = data.points.map((p) => ({
    label: p.name,
    value: p.uptime ?? 0,
    display: p.uptime === null ? '–' : formatPercent(p.uptime, m),
  }));
  const traffic: ChartPoint[] = data.points.map((p) => ({
    label: p.name,
    value: p.bytesDown,
    display: formatBytes(p.bytesDown, m),
  }));
  return (
    <>
      <h1>{m.title.accessPoints}</h1>
      <PeriodForm action={props.base} period={data.period} m={m} />
      <BarChart
        title={m.col.uptime}
        labelHead={m.col.router}
        valueHead={m.col.uptime}
        points={uptime}
        noData={m.chart.noData}
      />
      <BarChart
        title={m.col.bytesDown}
        labelHead={m.col.router}
        valueHead={m.col.bytesDown}
        points={traffic}
        noData={m.chart.noData}
      />
      <TableView table={table!} m={m} exportHref={exportLink(props, table!)} />
      {data.points.length < data.total ? (
        <Note>
          {m.note.accessPointsShown(formatCount(data.points.length, m), formatCount(data.total, m))}
        </Note>
      ) : null}
    </>
  );
}
