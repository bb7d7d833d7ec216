// The period picker: day, month, year or a custom range, as a plain GET form (works without script), with the
// grouping when the page has one.
import type { Period } from '../../domain/report-period.js';
import type { ReportMessages } from '../messages/id.js';

export function PeriodForm(props: {
  action: string;
  period: Period;
  m: ReportMessages;
  by?: { value: string; options: readonly string[]; labels: Record<string, string> } | undefined;
}) {
  const { period, m } = props;
  const value =
    period.kind === 'day'
      ? period.from
      : period.kind === 'month'
        ? period.from.slice(0, 7)
        : period.from.slice(0, 4);
  return (
    <form class="period" method="get" action={props.action}>
      <label>
        {m.period.kind}
        <select name="kind">
          {(['day', 'month', 'year', 'custom'] as const).map((k) => (
            <option value={k} selected={k === period.kind}>
              {m.period[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {m.period.from}
        <input name="at" value={period.kind === 'custom' ? period.from : value} size={10} />
      </label>
      <label>
        {m.period.to}
        <input name="to" value={period.kind === 'custom' ? period.to : ''} size={10} />
      </label>
      {props.by ? (
        <label>
          {m.col.key}
          <select name="by">
            {props.by.options.map((o) => (
              <option value={o} selected={o === props.by?.value}>
                {props.by?.labels[o] ?? o}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit">{m.period.show}</button>
    </form>
  );
}
