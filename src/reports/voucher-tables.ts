// The voucher report as report tables (page, CSV and XLSX show the same rows): per day of the period and per
// batch, with the totals. Revenue is whole rupiah, a count-like number.
import type { VoucherFigures, VoucherReport } from '../services/vouchers/voucher-report.js';
import type { VoucherReportMessages } from './messages/vouchers.js';
import type { CellValue, Column, ReportTable } from './tables.js';

const figures = (f: VoucherFigures): CellValue[] => [
  f.created,
  f.used,
  f.throttled,
  f.expired,
  f.revoked,
  f.revenueRp,
];

function figureColumns(w: VoucherReportMessages): Column[] {
  return [
    { id: 'created', label: w.col.created, kind: 'count' },
    { id: 'used', label: w.col.used, kind: 'count' },
    { id: 'throttled', label: w.col.throttled, kind: 'count' },
    { id: 'expired', label: w.col.expired, kind: 'count' },
    { id: 'revoked', label: w.col.revoked, kind: 'count' },
    { id: 'revenueRp', label: w.col.revenue, kind: 'count' },
  ];
}

export function voucherTables(report: VoucherReport, w: VoucherReportMessages): ReportTable[] {
  return [
    {
      id: 'voucher-harian',
      title: w.byDay,
      columns: [{ id: 'day', label: w.col.day, kind: 'text' }, ...figureColumns(w)],
      rows: report.byDay.map((r) => [r.day, ...figures(r)]),
      totals: [w.col.total, ...figures(report.totals)],
    },
    {
      id: 'voucher-batch',
      title: w.byBatch,
      columns: [
        { id: 'batch', label: w.col.batch, kind: 'text' },
        { id: 'plan', label: w.col.plan, kind: 'text' },
        { id: 'price', label: w.col.price, kind: 'count' },
        ...figureColumns(w),
      ],
      rows: report.byBatch.map((r) => [r.batch, r.plan, r.price, ...figures(r)]),
      totals: [w.col.total, '', null, ...figures(report.totals)],
    },
  ];
}
