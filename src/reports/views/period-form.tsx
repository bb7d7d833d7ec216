// The period picker: day, month, year or a custom range, as a plain GET form (works without script), with the
// grouping when the page has one. Each kind has its own field (a date, a month, a year, or from–to), filled from
// the period shown, so changing only the kind still names a readable period (one shared field held "2026-11",
// which a day could not read: a 400 page). The stylesheet shows only the chosen kind's fields through CSS :has()
// on the selected option (no script); a browser without :has() shows them all, and the server reads only the
// chosen kind's field, so the form still works there. No field carries a constraint (required, min, pattern):
// a hidden field that failed one would stop the form without a word.
import type { Period } from '../../domain/report-period.js';
import type { ReportMessages } from '../messages/id.js';

export const PERIOD_KINDS = ['day', 'month', 'year', 'custom'] as const;

export function PeriodForm(props: {
  action: string;
  period: Period;
  m: ReportMessages;
  by?: { value: string; options: readonly string[]; labels: Record<string, string> } | undefined;
}) {
  const { period, m } = props;
  return (
    <form class="period" method="get" action={props.action}>
      <label>
        {m.period.kind}
        <select name="kind">
          {PERIOD_KINDS.map((k) => (
            <option value={k} selected={k === period.kind}>
              {m.period[k]}
            </option>
          ))}
        </select>
      </label>
      <label class="pk pk-day">
        {m.period.date}
        <input type="date" name="day" value={period.from} />
      </label>
      <label class="pk pk-month">
        {m.period.month}
        <input type="month" name="month" value={period.from.slice(0, 7)} placeholder="2026-12" size={8} />
      </label>
      <label class="pk pk-year">
        {m.period.year}
        <input name="year" value={period.from.slice(0, 4)} inputmode="numeric" maxlength={4} size={5} />
      </label>
      <label class="pk pk-custom">
        {m.period.from}
        <input type="date" name="from" value={period.from} />
      </label>
      <label class="pk pk-custom">
        {m.period.to}
        <input type="date" name="to" value={period.to} />
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
