// The data behind a chart as a table, for screen readers (and anyone who wants the numbers): visually hidden on
// screen, since the table of the report sits just below. Hidden by a wrapper: a table sizes itself to its cells
// whatever width it is given, and a hidden table wider than the phone widened the page.
import type { ChartPoint } from './chart-data.js';

export function ChartTable(props: {
  caption: string;
  labelHead: string;
  valueHead: string;
  points: readonly ChartPoint[];
}) {
  return (
    <div class="sr-only">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.labelHead}</th>
            <th scope="col">{props.valueHead}</th>
          </tr>
        </thead>
        <tbody>
          {props.points.map((p) => (
            <tr>
              <th scope="row">{p.label}</th>
              <td>{p.display}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
