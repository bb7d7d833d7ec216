// What the report pages and their API are built from: the reports service (createServices builds it once).
import type { ReportService } from '../services/reports/reports.js';
import type { VoucherService } from '../services/vouchers/vouchers.js';
import type { Deflate } from './export/zip.js';

export interface ReportsDeps {
  readonly services: {
    readonly reports: ReportService;
    /** The voucher report (/reports/vouchers); without it that page says it is not available. */
    readonly vouchers?: Pick<VoucherService, 'report'> | undefined;
  };
  /** The village's name on the monthly report's letterhead. */
  readonly villageName: string;
  /** How XLSX exports are compressed; CompressionStream (zip.ts) without it, as on Workers. */
  readonly deflate?: Deflate | undefined;
}
