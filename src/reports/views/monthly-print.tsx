// The monthly report as a print page (A4 through the print stylesheet): the village letterhead, the summary in
// sentences, the main charts, the tables and the kepala desa's signature block. The PDF draws the same report.
import { raw } from 'hono/html';
import { BarChart } from '../charts/bar-chart.js';
import { ColumnChart } from '../charts/column-chart.js';
import { formatBytes, formatCount, formatDay, formatShare } from '../format.js';
import type { ReportMessages } from '../messages/id.js';
import type { MonthlyReport } from '../monthly-report.js';
import { TableView } from './table-view.js';

// The village mark when no logo is configured: a Wi-Fi sign in the product's green.
export const VILLAGE_MARK =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="12" fill="#0b5d3b"/><path fill="#fff" d="M12 18.2a1.6 1.6 0 1 1 0-3.2 1.6 1.6 0 0 1 0 3.2zm-3.5-4.1-1.2-1.2a6.6 6.6 0 0 1 9.4 0l-1.2 1.2a4.9 4.9 0 0 0-7 0zM5.2 10.8 4 9.6a11.3 11.3 0 0 1 16 0l-1.2 1.2a9.6 9.6 0 0 0-13.6 0z"/></svg>';

export function MonthlyPrint(props: {
  report: MonthlyReport;
  m: ReportMessages;
  /** Where the village logo is served, if there is one. */
  logoHref?: string | undefined;
  /** Today, YYYY-MM-DD: the date beside the signature. */
  today: string;
  pdfHref?: string | undefined;
}) {
  const { report, m } = props;
  return (
    <article class="monthly">
      <div class="letterhead">
        {props.logoHref ? <img src={props.logoHref} alt="" /> : raw(VILLAGE_MARK)}
        <div>
          <div class="org">{m.header(report.village)}</div>
          <div>{report.title}</div>
        </div>
      </div>
      {props.pdfHref ? (
        <p class="exports no-print">
          <a href={props.pdfHref}>{m.export.pdf}</a>
        </p>
      ) : null}
      <section class="summary">
        {report.sentences.map((s) => (
          <p>{s}</p>
        ))}
      </section>
      <ColumnChart
        title={m.title.usageChart}
        labelHead={m.col.day}
        valueHead={m.col.bytesDown}
        points={report.daily.map((d) => ({
          label: d.day.slice(8),
          value: d.bytesDown,
          display: formatBytes(d.bytesDown, m),
        }))}
        noData={m.chart.noData}
        tick={(v) => formatBytes(v, m)}
      />
      <BarChart
        title={`${m.col.registered} ${m.by.dusun}`}
        labelHead={m.col.dusun}
        valueHead={m.col.registered}
        points={report.dusun.map((d) => ({
          label: d.key,
          value: typeof d.registered === 'number' ? d.registered : 0,
          display: `${formatCount(d.registered, m)} (${formatShare(d.registered, d.residents, m)})`,
        }))}
        noData={m.chart.noData}
      />
      {report.tables.map((t) => (
        <TableView table={t} m={m} />
      ))}
      <p class="muted">{m.note.smallCell}</p>
      <div class="signature">
        <div>{m.signature.place(report.village, formatDay(props.today, m))}</div>
        <div>{m.signature.role}</div>
        <div class="space" />
        <div>{m.signature.name}</div>
      </div>
    </article>
  );
}
