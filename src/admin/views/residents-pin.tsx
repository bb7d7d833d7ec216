// The page that shows a PIN once: the answer to the POST that made it (never a redirect to a page that could
// be reloaded or cached), with what the resident must do with it.
import type { WebPageContext } from '../../web/views/page-context.js';
import type { ResidentsMessages } from '../messages/residents.js';

export function PinShownOncePage(props: {
  ctx: WebPageContext;
  t: ResidentsMessages;
  intro: string;
  pin: string;
  residentId: number;
  warning?: string | undefined;
}) {
  const { t } = props;
  return (
    <>
      <h1>{t.newPinTitle}</h1>
      <div class="card">
        <p>{props.intro}</p>
        <p>
          <span class="secret">{props.pin}</span>
        </p>
        {props.warning ? <p class="alert">{props.warning}</p> : null}
        <p class="alert info">{t.pinOnce}</p>
        <p>{t.pinKeep}</p>
        <p class="noprint">
          <a class="btn s" href={`/admin/warga/${props.residentId}/slip`}>
            {t.slip}
          </a>
          <a class="btn" href={`/admin/warga/${props.residentId}`}>
            {t.openCard}
          </a>
        </p>
      </div>
    </>
  );
}
