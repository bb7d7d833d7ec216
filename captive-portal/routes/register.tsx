// Registration: the form, and every outcome of NIK + KK + consent + PIN.
import { Hono } from 'hono';
import { ADULT_AGE } from '../../src/domain/account-rules.js';
import { formatUnlock, formatWait } from '../format.js';
import type { PortalKit } from '../kit.js';
import type { PortalDeps, PortalEnv } from '../portal-deps.js';
import { type RegisterFormState, RegisterPage } from '../views/register.js';

export function registerRoutes(kit: PortalKit, deps: PortalDeps) {
  const { registration } = deps.services;
  // The rule for minors is shown only when the village lets them register at all.
  const showGuardian = deps.minAge < ADULT_AGE;

  return new Hono<PortalEnv>()
    .get('/daftar', async (c) => {
      const ctx = kit.pageContext(c, kit.queryContext(c), await kit.csrfFor(c), '/daftar');
      return kit.html(
        c,
        <RegisterPage
          ctx={ctx}
          notice={kit.noticeFor(ctx.lang)}
          showGuardian={showGuardian}
          state={(await kit.institutionNotice(ctx)) ?? {}}
        />,
      );
    })
    .post('/daftar', async (c) => {
      // A full PIN-check gate answers before the form is even read: a flood of posts costs next to nothing.
      const busy = deps.services.pins.busyNow();
      if (busy) return kit.busy(c, kit.pageContext(c, {}, '', '/daftar'), busy.retryAfterS);
      const { get, hs } = await kit.formBody(c);
      const refused = await kit.checkCsrf(c, get('csrf'), hs, '/daftar');
      if (refused) return refused;
      const ctx = kit.pageContext(c, hs, await kit.csrfFor(c), '/daftar');
      const { m } = ctx;
      const notice = kit.noticeFor(ctx.lang);
      const label = get('label').trim();
      const outcome = await registration.register({
        nik: get('nik'),
        kk: get('kk'),
        pin: get('pin'),
        pinRepeat: get('pin2'),
        consent: get('consent') === '1',
        guardianConsent: get('guardian') === '1',
        // The notice the page showed, if it is one we know; the one we would show now otherwise.
        noticeVersion: kit.noticeVersions().includes(get('notice')) ? get('notice') : notice.version,
        // Only a key for the attempt limiter; the device the login binds is the one the router reports.
        label,
        address: deps.clientAddress?.(c),
      });
      const kept = { label, consent: get('consent') === '1', guardian: get('guardian') === '1' };
      const form = (state: RegisterFormState, status: number) =>
        kit.html(
          c,
          <RegisterPage
            ctx={ctx}
            notice={notice}
            showGuardian={showGuardian}
            state={{ ...kept, ...state }}
          />,
          { status },
        );
      switch (outcome.kind) {
        case 'invalid':
          return form({ errors: outcome.errors }, 400);
        case 'locked': {
          const time = formatUnlock(outcome.until, kit.now(), deps.timeZone, m);
          const wait = formatWait(outcome.until, kit.now(), m);
          kit.retryAfter(c, outcome.until);
          return form({ generalTitle: m.form.lockedTitle, general: [m.errors.locked(wait, time)] }, 429);
        }
        case 'busy':
          return kit.busy(c, ctx, outcome.retryAfterS);
        case 'not-verified':
          return form(
            {
              errors: { nik: { code: 'notVerified' }, kk: { code: 'notVerified' } },
              general: [m.errors.notVerified, m.errors.notVerifiedHelp(ctx.contact)],
            },
            400,
          );
        case 'inactive':
          return kit.message(c, ctx, m.outcome.inactiveTitle, m.outcome.inactive(ctx.contact), {
            status: 403,
          });
        case 'too-young':
          return kit.message(c, ctx, m.outcome.inactiveTitle, m.outcome.tooYoung(outcome.minAge), {
            status: 403,
          });
        case 'already-registered':
          return kit.message(c, ctx, m.outcome.alreadyTitle, m.outcome.already, {
            status: 409,
            links: [{ href: `/perangkat${ctx.q}`, text: m.device.heading, primary: true }, kit.home(ctx)],
          });
        case 'pending': {
          const text =
            outcome.reason === 'guardian'
              ? m.outcome.pendingGuardian(ctx.contact)
              : m.outcome.pendingUnverified(ctx.contact);
          return kit.message(c, ctx, m.outcome.pendingTitle, text, { status: 202, ok: true });
        }
        case 'active':
          await kit.startSession(c, outcome.accountId);
          return kit.afterProof(c, ctx, outcome.accountId, label, 'registered');
      }
    });
}
