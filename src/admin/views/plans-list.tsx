// /admin/paket: every plan with its rates, quotas, devices, whether it is the default, how many accounts use it,
// and where its latest change stands on the routers.

import { formatRate } from '../../domain/units.js';
import type { PushCounts } from '../../services/plans/plan-pushes.js';
import type { PlanView } from '../../services/plans/plans.js';
import { formatBytes } from '../../web/format.js';
import { TableBox } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import { planMessages } from '../messages/plans.js';

export function PlansList(props: {
  ctx: WebPageContext;
  plans: readonly PlanView[];
  usage: ReadonlyMap<number, number>;
  pushes: ReadonlyMap<number, PushCounts>;
}) {
  const { ctx } = props;
  const t = planMessages[ctx.lang];
  const quota = (b: number | null) => (b === null ? t.unlimited : formatBytes(b, ctx.lang));
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <p>
        <a class="btn" href="/admin/paket/baru">
          {t.add}
        </a>
      </p>
      {props.plans.length === 0 ? (
        <p class="card">{t.none}</p>
      ) : (
        <TableBox>
          <table class="stack">
            <thead>
              <tr>
                <th>{t.col.name}</th>
                <th>{t.col.rates}</th>
                <th>{t.col.daily}</th>
                <th>{t.col.monthly}</th>
                <th class="n">{t.col.devices}</th>
                <th class="n">{t.col.accounts}</th>
                <th>{t.col.push}</th>
              </tr>
            </thead>
            <tbody>
              {props.plans.map((p) => {
                const c = props.pushes.get(p.id);
                return (
                  <tr>
                    <td data-label={t.col.name}>
                      <a href={`/admin/paket/${p.id}`}>{p.name}</a>{' '}
                      {p.is_default ? <span class="badge ok">{t.isDefault}</span> : null}
                    </td>
                    <td data-label={t.col.rates}>
                      {formatRate(p.down_rate)} / {formatRate(p.up_rate)}
                    </td>
                    <td data-label={t.col.daily}>{quota(p.daily_quota_bytes)}</td>
                    <td data-label={t.col.monthly}>{quota(p.monthly_quota_bytes)}</td>
                    <td class="n" data-label={t.col.devices}>
                      {p.devices_allowed}
                    </td>
                    <td class="n" data-label={t.col.accounts}>
                      {props.usage.get(p.id) ?? 0}
                    </td>
                    <td data-label={t.col.push}>
                      {c && c.failed > 0 ? <span class="badge bad">{t.push.states.failed}</span> : null}{' '}
                      {c ? t.pushCounts(c.done, c.pending, c.failed) : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableBox>
      )}
    </>
  );
}
