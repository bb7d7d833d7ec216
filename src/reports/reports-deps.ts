// What the report pages and their API are built from: the reports service (createServices builds it once).
import type { ReportService } from '../services/reports/reports.js';

export interface ReportsDeps {
  readonly services: { readonly reports: ReportService };
  /** The village's name on the monthly report's letterhead. */
  readonly villageName: string;
}
