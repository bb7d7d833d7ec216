// Hour × weekday: 24 columns of hours, 7 rows of days, darker for more traffic, so a kepala desa sees at a
// glance when the Wi-Fi is busy. Shades come in five steps with a legend (colour is not the only cue: the
// data table holds every value).
import type { HeatCell } from '../../services/reports/report-ports.js';
import type { ChartPoint } from './chart-data.js';
import { ChartTable } from './chart-table.js';

// Drawn 320 wide: a phone's content column, so the text stays near its stated size at 360 px.
const W = 320;
const LEFT = 30;
const TOP = 14;
const CELL_H = 18;
const SHADES = ['#eef5f0', '#bfe0cb', '#7cc19a', '#2f8f5d', '#0b5d3b'];

export function HeatMap(props: {
  title: string;
  weekdays: readonly string[];
  cells: readonly HeatCell[];
  display: (bytes: number) => string;
  labels: { hour: string; value: string; low: string; high: string };
}) {
  const max = Math.max(0, ...props.cells.map((c) => c.bytes));
  const cw = (W - LEFT) / 24;
  const shade = (v: number) =>
    SHADES[v <= 0 || max === 0 ? 0 : Math.min(4, 1 + Math.floor((v / max) * 3.999))];
  const h = TOP + 7 * CELL_H + 26;
  const points: ChartPoint[] = props.cells
    .filter((c) => c.bytes > 0)
    .map((c) => ({
      label: `${props.weekdays[c.weekday]} ${String(c.hour).padStart(2, '0')}.00`,
      value: c.bytes,
      display: props.display(c.bytes),
    }));
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} width="100%" aria-hidden="true" focusable="false">
        {[0, 6, 12, 18].map((hr) => (
          <text x={(LEFT + cw * hr).toFixed(1)} y="10" class="tick">
            {String(hr).padStart(2, '0')}
          </text>
        ))}
        {props.weekdays.map((d, w) => (
          <text x="0" y={TOP + w * CELL_H + 13} class="tick">
            {d}
          </text>
        ))}
        {props.cells.map((c) => (
          <rect
            x={(LEFT + c.hour * cw).toFixed(1)}
            y={TOP + c.weekday * CELL_H}
            width={(cw - 1).toFixed(1)}
            height={CELL_H - 1}
            fill={shade(c.bytes)}
          />
        ))}
        <text x={LEFT} y={h - 6} class="tick">
          {props.labels.low}
        </text>
        {SHADES.map((s, i) => (
          <rect x={LEFT + 40 + i * 22} y={h - 16} width="20" height="12" fill={s} />
        ))}
        <text x={LEFT + 40 + 5 * 22 + 4} y={h - 6} class="tick">
          {props.labels.high}
        </text>
      </svg>
      <ChartTable
        caption={props.title}
        labelHead={props.labels.hour}
        valueHead={props.labels.value}
        points={points}
      />
    </figure>
  );
}
