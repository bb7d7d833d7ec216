// The resident's Wi-Fi at a glance: plan, speed, today's quota used and left with when it resets, devices,
// and disconnecting. The device list (names, last use) is shown only to a browser that proved NIK + PIN.

import type { StatusView } from '../../src/services/portal-status.js';
import { formatBytes, formatDateTime, formatSpeed, formatTime } from '../format.js';
import { routerLogoutUrl } from '../hotspot-context.js';
import { HiddenFields } from './fields.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

export function StatusPage(p: {
  ctx: PageContext;
  view: StatusView;
  showDevices: boolean;
  currentMac?: string;
}) {
  const { ctx, view: v } = p;
  const { m } = ctx;
  const q = ctx.q;
  const problem = !v.residentActive
    ? m.status.notResident
    : v.accountStatus === 'pending'
      ? m.status.accountPending
      : v.accountStatus !== 'active'
        ? m.status.accountSuspended
        : undefined;
  const logout = routerLogoutUrl(ctx.hs);
  return (
    <Layout ctx={ctx} title={m.status.heading}>
      <h1>{m.status.heading}</h1>
      {problem ? (
        <div class="alert" role="alert">
          <p>{problem}</p>
        </div>
      ) : null}
      <section class="card">
        <dl>
          <dt>{m.status.plan}</dt>
          <dd>{v.planName ?? '–'}</dd>
          {v.downRate !== null && v.upRate !== null ? (
            <>
              <dt>{m.status.speed}</dt>
              <dd>{m.status.speedValue(formatSpeed(v.downRate, m), formatSpeed(v.upRate, m))}</dd>
            </>
          ) : null}
          <dt>{m.status.quota}</dt>
          {v.dailyQuota !== null && v.leftToday !== null ? (
            <dd>
              <meter
                min={0}
                max={v.dailyQuota}
                value={Math.min(v.usedToday, v.dailyQuota)}
                aria-hidden="true"
              />
              <br />
              {m.status.used(formatBytes(v.usedToday, m), formatBytes(v.dailyQuota, m))}
              <br />
              <b>{m.status.left(formatBytes(v.leftToday, m))}</b>
              <br />
              <span class="muted">{m.status.resets(formatTime(v.resetsAt, ctx.timeZone, m))}</span>
            </dd>
          ) : (
            <dd>
              {m.status.unlimited}
              <br />
              <span class="muted">{m.status.usedOnly(formatBytes(v.usedToday, m))}</span>
            </dd>
          )}
          <dt>{m.status.devices}</dt>
          <dd>{m.status.deviceCount(v.devices.length, v.devicesAllowed ?? v.devices.length)}</dd>
        </dl>
        {p.showDevices ? (
          <ul class="d">
            {v.devices.map((d) => (
              <li>
                <b>{d.label ?? m.full.unnamed}</b>
                {d.mac === p.currentMac ? ` (${m.status.thisDevice})` : ''}
                <br />
                <span class="muted">{`${m.full.lastSeen}: ${formatDateTime(d.last_seen_at, ctx.timeZone, m)}`}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <a class="btn s" href={`/perangkat${q}`}>
        {m.status.manage}
      </a>
      {logout ? (
        <form method="post" action="/keluar">
          <HiddenFields ctx={ctx} />
          <button class="btn s" type="submit">
            {m.status.logout}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
