// The resident's Wi-Fi at a glance: plan, speed, today's and this month's quota used and left with when each
// resets (and which one is used up), devices, and disconnecting. The device list (names, last use) is shown
// only to a browser that proved NIK + PIN.

import type { Child } from 'hono/jsx';
import type { StatusView } from '../../src/services/portal/portal-status.js';
import { formatBytes, formatDate, formatDateTime, formatSpeed, formatTime } from '../format.js';
import { routerLogoutUrl } from '../hotspot-context.js';
import type { Messages } from '../messages/id.js';
import { HiddenFields } from './fields.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** One quota (the day's or the month's): a bar, used of total, what is left, when it starts afresh. */
function QuotaDetail(p: {
  m: Messages;
  quota: number;
  used: number;
  left: number;
  resets: string;
  note?: Child;
}) {
  const { m } = p;
  return (
    <dd>
      <meter min={0} max={p.quota} value={Math.min(p.used, p.quota)} aria-hidden="true" />
      <br />
      {m.status.used(formatBytes(p.used, m), formatBytes(p.quota, m))}
      <br />
      <b>{m.status.left(formatBytes(p.left, m))}</b>
      {p.note}
      <br />
      <span class="muted">{p.resets}</span>
    </dd>
  );
}

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
  const tz = ctx.timeZone;
  const monthResets = () => [formatTime(v.monthResetsAt, tz, m), formatDate(v.monthResetsAt, tz, m)] as const;
  // The month's reset is the one that brings access back when both are used up, so it is named first.
  const usedUp =
    v.leftThisMonth === 0
      ? m.status.monthUsedUp(...monthResets())
      : v.leftToday === 0
        ? m.status.dayUsedUp(formatTime(v.resetsAt, tz, m))
        : undefined;
  const alert = problem ?? usedUp;
  const logout = routerLogoutUrl(ctx.hs);
  return (
    <Layout ctx={ctx} title={m.status.heading}>
      <h1>{m.status.heading}</h1>
      {alert ? (
        <div class="alert" role="alert">
          <p>{alert}</p>
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
            <QuotaDetail
              m={m}
              quota={v.dailyQuota}
              used={v.usedToday}
              left={v.leftToday}
              resets={m.status.resets(formatTime(v.resetsAt, tz, m))}
              note={
                // When less is left of the month than of the day, the month is what limits today.
                v.leftThisMonth !== null && v.leftThisMonth < v.leftToday ? (
                  <>
                    <br />
                    <b>{m.status.limitedByMonth(formatBytes(v.leftThisMonth, m))}</b>
                  </>
                ) : null
              }
            />
          ) : (
            <dd>
              {v.monthlyQuota === null ? m.status.unlimited : m.status.noDailyLimit}
              <br />
              <span class="muted">{m.status.usedOnly(formatBytes(v.usedToday, m))}</span>
            </dd>
          )}
          {v.monthlyQuota !== null && v.usedThisMonth !== null && v.leftThisMonth !== null ? (
            <>
              <dt>{m.status.monthQuota}</dt>
              <QuotaDetail
                m={m}
                quota={v.monthlyQuota}
                used={v.usedThisMonth}
                left={v.leftThisMonth}
                resets={m.status.monthResets(...monthResets())}
              />
            </>
          ) : null}
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
