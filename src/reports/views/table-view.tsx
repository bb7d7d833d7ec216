// A report table as HTML: formatted cells, a totals row, and links to the same table as CSV and XLSX. At 360 px a
// table is a block per row, each cell on its own line with its column's name (`stack`, report-css.ts); a grid
// (the heat map's hours × weekdays) scrolls sideways inside its box instead of widening the page.
import { formatBytes, formatCount, formatHour, formatPercent } from '../format.js';
import type { ReportMessages } from '../messages/id.js';
import type { CellValue, ColumnKind, ReportTable } from '../tables.js';

export function formatCell(v: CellValue, kind: ColumnKind, m: ReportMessages): string {
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  if (kind === 'bytes') return formatBytes(v, m);
  if (kind === 'ratio') return formatPercent(v, m);
  if (kind === 'count') return formatCount(v, m);
  if (kind === 'hours') return formatHour(v);
  return String(v);
}

export function TableView(props: {
  table: ReportTable;
  m: ReportMessages;
  /** Where the table's CSV and XLSX are; none on the print page. */
  exportHref?: ((format: 'csv' | 'xlsx') => string) | undefined;
}) {
  const { table, m } = props;
  const numeric = (k: ColumnKind) => k !== 'text';
  return (
    <section class="report-table" id={table.id}>
      <h2>{table.title}</h2>
      {props.exportHref ? (
        <p class="exports">
          <a href={props.exportHref('csv')} download>
            {m.export.csv}
          </a>
          <a href={props.exportHref('xlsx')} download>
            {m.export.xlsx}
          </a>
        </p>
      ) : null}
      <section class="scroll" tabindex={0} aria-label={table.title}>
        <table class={table.grid ? undefined : 'stack'}>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th scope="col" class={numeric(c.kind) ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr>
                {r.map((v, i) => {
                  const c = table.columns[i];
                  const text = formatCell(v, c?.kind ?? 'text', m);
                  return i === 0 ? (
                    <th scope="row">{text}</th>
                  ) : (
                    <td class={c && numeric(c.kind) ? 'num' : undefined} data-label={c?.label}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          {table.totals ? (
            <tfoot>
              <tr>
                {table.totals.map((v, i) => {
                  const c = table.columns[i];
                  const text = formatCell(v, c?.kind ?? 'text', m);
                  return i === 0 ? (
                    <th scope="row">{text}</th>
                  ) : (
                    <td class="num" data-label={table.columns[i]?.label}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </section>
    </section>
  );
}
