// Another phone on an existing account (NIK + PIN), and removing one when the plan's count is full.
import { Hono } from 'hono';
import { formatUnlock, formatWait } from '../format.js';
import type { PortalKit } from '../kit.js';
import type { PortalDeps, PortalEnv } from '../portal-deps.js';
import { type DeviceFormState, DevicePage } from '../views/device.js';

export function deviceRoutes(kit: PortalKit, deps: PortalDeps) {
  const { registration } = deps.services;
  return new Hono<PortalEnv>()
    .get('/perangkat', async (c) => {
      const ctx = kit.pageContext(c, kit.queryContext(c), await kit.csrfFor(c), '/perangkat');
      return kit.html(c, <DevicePage ctx={ctx} state={(await kit.institutionNotice(ctx)) ?? {}} />);
    })
    .post('/perangkat', async (c) => {
      // A full PIN-check gate answers before the form is even read: a flood of posts costs next to nothing.
      const busy = deps.services.pins.busyNow();
      if (busy) return kit.busy(c, kit.pageContext(c, {}, '', '/perangkat'), busy.retryAfterS);
      const { get, hs } = await kit.formBody(c);
      const refused = await kit.checkCsrf(c, get('csrf'), hs, '/perangkat');
      if (refused) return refused;
      const ctx = kit.pageContext(c, hs, await kit.csrfFor(c), '/perangkat');
      const { m } = ctx;
      const label = get('label').trim();
      const outcome = await registration.addDevice({
        nik: get('nik'),
        pin: get('pin'),
        label,
        address: deps.clientAddress?.(c),
      });
      const form = (state: DeviceFormState, status: number) =>
        kit.html(c, <DevicePage ctx={ctx} state={{ label, ...state }} />, { status });
      switch (outcome.kind) {
        case 'invalid':
          return form({ errors: outcome.errors }, 400);
        case 'locked': {
          const time = formatUnlock(outcome.until, kit.now(), deps.timeZone, m);
          const wait = formatWait(outcome.until, kit.now(), m);
          const general = [m.errors.locked(wait, time)];
          kit.retryAfter(c, outcome.until);
          return form({ pinError: m.errors.pinLocked(wait), generalTitle: m.form.lockedTitle, general }, 429);
        }
        case 'busy':
          return kit.busy(c, ctx, outcome.retryAfterS);
        case 'wrong-pin':
          return form({ pinError: m.errors.wrongPin(outcome.triesLeft) }, 401);
        case 'pending':
          return kit.message(c, ctx, m.outcome.pendingTitle, m.outcome.pendingAccount, { status: 403 });
        case 'suspended':
          return kit.message(c, ctx, m.outcome.suspendedTitle, m.outcome.suspended(ctx.contact), {
            status: 403,
          });
        case 'inactive':
          return kit.message(c, ctx, m.outcome.inactiveTitle, m.outcome.inactive(ctx.contact), {
            status: 403,
          });
        case 'ok':
          await kit.startSession(c, outcome.accountId);
          return kit.afterProof(c, ctx, outcome.accountId, label, 'connected');
      }
    })
    .post('/perangkat/hapus', async (c) => {
      const { get, hs } = await kit.formBody(c);
      const refused = await kit.checkCsrf(c, get('csrf'), hs, '/perangkat');
      if (refused) return refused;
      const ctx = kit.pageContext(c, hs, await kit.csrfFor(c), '/perangkat');
      const { m } = ctx;
      // Removing needs the NIK + PIN this browser proved a moment ago.
      const session = await kit.readSession(c);
      if (!session) {
        const state = { generalTitle: m.form.notice, general: [m.outcome.sessionGone] };
        return kit.html(c, <DevicePage ctx={ctx} state={state} />, { status: 401 });
      }
      const deviceId = Number(get('device'));
      if (Number.isSafeInteger(deviceId) && deviceId > 0) {
        await registration.removeDevice(session.accountId, deviceId);
      }
      if (!hs.loginUrl) {
        return kit.message(c, ctx, m.outcome.removedTitle, m.outcome.registeredNoMac, { ok: true });
      }
      return kit.afterProof(c, ctx, session.accountId, get('label').trim(), 'connected');
    });
}
