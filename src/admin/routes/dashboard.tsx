// The first page after signing in: the network now, refreshing itself (in place with script, by reload without).
import { Hono } from 'hono';
import { roleAtLeast } from '../../services/admins/admins.js';
import type { WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';
import type { AdminDeps } from '../admin-deps.js';
import { dashboardMessages } from '../messages/dashboard.js';
import { DashboardPage } from '../views/dashboard.js';
import { RegencyCard } from '../views/regency-card.js';

export function dashboardRoutes(kit: WebKit, deps: AdminDeps) {
  const app = new Hono<WebEnv>();
  app.get('/', async (c) => {
    const role = c.get('signedIn')?.operator.role;
    const [ctx, summary, firstSteps, regency, keyStatus] = await Promise.all([
      kit.pageContext(c),
      deps.services.dashboard.summary(),
      deps.services.dashboard.firstSteps(kit.portalUrlSet),
      // The card must not take the dashboard down with it (the link's store is the village's own database).
      deps.services.regency?.status().catch(() => 'unavailable' as const),
      // The old key after a rotation is the operators' to act on; an official is not shown it.
      role && roleAtLeast(role, 'operator')
        ? deps.services.keyStatus?.status().catch(() => undefined)
        : undefined,
    ]);
    const page = <DashboardPage ctx={ctx} summary={summary} firstSteps={firstSteps} keyStatus={keyStatus} />;
    const card = regency ? <RegencyCard ctx={ctx} status={regency} now={summary.at} /> : null;
    return kit.render(
      c,
      ctx,
      <>
        {page}
        {card}
      </>,
      {
        title: dashboardMessages[ctx.lang].heading,
        refresh: 30,
      },
    );
  });
  return app;
}
