// Horizontal bars for categories (dusun, access points, plans): one row per category, its label above the bar
// and its value at the end, so long dusun names still fit 360 px.
import type { ChartPoint } from './chart-data.js';
import { ChartTable } from './chart-table.js';

// Drawn 320 wide: a phone's content column, so the text stays near its stated size at 360 px.
const W = 320;
const ROW = 34;
// The 12 px value text is about 7 units a character (digits and punctuation in a sans font): the bars leave room
// for the longest one (e.g. "179 / 583 (30,7%)"), so it is not cut off at the right edge.
const CHAR = 7;

export function BarChart(props: {
  title: string;
  labelHead: string;
  valueHead: string;
  points: readonly ChartPoint[];
  noData: string;
}) {
  const { points } = props;
  const max = Math.max(0, ...points.map((p) => p.value));
  const h = Math.max(ROW, points.length * ROW + 4);
  const room = Math.min(W / 2, Math.max(70, ...points.map((p) => p.display.length * CHAR + 6)));
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      {points.length === 0 ? (
        <p class="muted">{props.noData}</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${h}`} width="100%" aria-hidden="true" focusable="false">
          {points.map((p, i) => {
            const y = i * ROW;
            const bw = max > 0 ? Math.max(p.value > 0 ? 2 : 0, (p.value / max) * (W - room)) : 0;
            return (
              <g>
                <text x="0" y={y + 11} class="lbl">
                  {p.label}
                </text>
                <rect x="0" y={y + 15} width={bw.toFixed(1)} height="14" rx="2" class="bar" />
                <text x={(bw + 4).toFixed(1)} y={y + 26} class="val">
                  {p.display}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      <ChartTable
        caption={props.title}
        labelHead={props.labelHead}
        valueHead={props.valueHead}
        points={points}
      />
    </figure>
  );
}
