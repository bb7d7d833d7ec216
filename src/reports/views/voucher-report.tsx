// /reports/vouchers: the period picker, the totals as cards, then the tables per batch and per day, each with
// its CSV and XLSX.
import type { Period } from '../../domain/report-period.js';
import type { VoucherReport } from '../../services/vouchers/voucher-report.js';
import type { ReportMessages } from '../messages/id.js';
import type { VoucherReportMessages } from '../messages/vouchers.js';
import { voucherTables } from '../voucher-tables.js';
import { PeriodForm } from './period-form.js';
import { formatCell, TableView } from './table-view.js';

export function VoucherReportContent(props: {
  report: VoucherReport;
  period: Period;
  m: ReportMessages;
  w: VoucherReportMessages;
  base: string;
  query: string;
}) {
  const { report, m, w } = props;
  const tables = voucherTables(report, w);
  const t = report.totals;
  const cards: Array<[number, string]> = [
    [t.created, w.col.created],
    [t.used, w.col.used],
    [t.throttled, w.col.throttled],
    [t.expired, w.col.expired],
    [t.revoked, w.col.revoked],
    [t.revenueRp, w.col.revenue],
  ];
  return (
    <>
      <h1>{w.title}</h1>
      <p class="muted">{w.intro}</p>
      <PeriodForm action={props.base} period={props.period} m={m} />
      <div class="cards">
        {cards.map(([value, label]) => (
          <div class="card">
            <b>{formatCell(value, 'count', m)}</b>
            <small>{label}</small>
          </div>
        ))}
      </div>
      {report.byBatch.length === 0 ? <p class="muted">{w.none}</p> : null}
      {[...tables].reverse().map((table) => (
        <TableView table={table} m={m} exportHref={(f) => `${props.base}/${table.id}.${f}${props.query}`} />
      ))}
    </>
  );
}
