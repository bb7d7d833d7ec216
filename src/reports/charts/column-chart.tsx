// Vertical columns over time (days, weeks, months) with round gridlines, and a line for the series' running
// total when one is given (registrations).
import { type ChartPoint, labelEvery, niceStep } from './chart-data.js';
import { ChartTable } from './chart-table.js';

// Drawn 320 wide: a phone's content column, so the text stays near its stated size at 360 px.
const W = 320;
const H = 200;
const LEFT = 44;
const BOTTOM = 22;
const TOP = 8;

export function ColumnChart(props: {
  title: string;
  labelHead: string;
  valueHead: string;
  points: readonly ChartPoint[];
  noData: string;
  /** How a gridline value is written (bytes, counts). */
  tick: (v: number) => string;
  /** Draw a line through the points instead of columns. */
  line?: boolean;
}) {
  const { points } = props;
  const max = Math.max(0, ...points.map((p) => p.value));
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const plotW = W - LEFT - 4;
  const plotH = H - TOP - BOTTOM;
  const slot = points.length > 0 ? plotW / points.length : plotW;
  const yOf = (v: number) => TOP + plotH - (v / top) * plotH;
  const every = labelEvery(points.length);
  const grid = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);
  const path = points
    .map(
      (p, i) => `${i === 0 ? 'M' : 'L'}${(LEFT + slot * i + slot / 2).toFixed(1)} ${yOf(p.value).toFixed(1)}`,
    )
    .join(' ');
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      {points.length === 0 ? (
        <p class="muted">{props.noData}</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${H}`} width="100%" aria-hidden="true" focusable="false">
          {grid.map((v) => (
            <g>
              <line x1={LEFT} x2={W} y1={yOf(v).toFixed(1)} y2={yOf(v).toFixed(1)} class="grid" />
              <text x={LEFT - 4} y={(yOf(v) + 4).toFixed(1)} class="tick" text-anchor="end">
                {props.tick(v)}
              </text>
            </g>
          ))}
          {props.line ? (
            points.length === 1 ? (
              // One point draws no line: a dot shows it (a village's first day of registrations).
              <circle
                cx={(LEFT + slot / 2).toFixed(1)}
                cy={yOf(points[0]!.value).toFixed(1)}
                r="5"
                class="dot"
              />
            ) : (
              <path d={path} class="line" />
            )
          ) : (
            points.map((p, i) => (
              <rect
                x={(LEFT + slot * i + slot * 0.15).toFixed(1)}
                y={yOf(p.value).toFixed(1)}
                width={(slot * 0.7).toFixed(1)}
                height={(TOP + plotH - yOf(p.value)).toFixed(1)}
                class="bar"
              />
            ))
          )}
          {points.map((p, i) =>
            i % every === 0 ? (
              <text x={(LEFT + slot * i + slot / 2).toFixed(1)} y={H - 6} class="tick" text-anchor="middle">
                {p.label}
              </text>
            ) : null,
          )}
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
