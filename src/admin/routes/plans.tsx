// /admin/paket: list, create, edit and remove plans (the plan service `warganet plan …` calls), and each plan's
// push to the routers with a retry for a failed one. Operators and admins only.
import { Hono } from 'hono';
import { SERVICE_ERROR_STATUS, ServiceError } from '../../services/errors.js';
import type { PlanInput, PlanView } from '../../services/plans/plans.js';
import type { WebContext, WebEnv } from '../../web/web-env.js';
import type { FormBody, WebKit } from '../../web/web-kit.js';
import type { AdminServices } from '../admin-deps.js';
import { planMessages } from '../messages/plans.js';
import { PlanForm, type PlanFormValues, planValues } from '../views/plan-form.js';
import { PlansList } from '../views/plans-list.js';

/** Optional settings: empty on a new plan means "none"; emptied on an edit, it clears the setting. */
const OPTIONAL = [
  'dailyQuota',
  'monthlyQuota',
  'sessionTimeout',
  'idleTimeout',
  'throttleDown',
  'throttleUp',
  'burstDown',
  'burstUp',
  'burstThresholdDown',
  'burstThresholdUp',
  'burstTime',
  'priority',
  'window',
  'stepDownAfter',
  'stepDownDown',
  'stepDownUp',
] as const;
const FIELDS = ['name', 'down', 'up', 'devices', 'atQuota', 'profile', 'default', ...OPTIONAL] as const;

export function formValues(form: FormBody): PlanFormValues {
  return Object.fromEntries(FIELDS.map((k) => [k, form.get(k).trim().slice(0, 100)]));
}

/** The plan service's input from a form: the same words the CLI's options carry. */
export function planInput(v: PlanFormValues, editing: boolean): PlanInput {
  const given = (k: string) => (v[k] ? v[k] : undefined);
  const input: Record<string, string | boolean | null | undefined> = {
    down: given('down'),
    up: given('up'),
    devices: given('devices'),
    atQuota: given('atQuota'),
    profile: given('profile'),
    default: v.default === '1' ? true : undefined,
  };
  for (const k of OPTIONAL) input[k] = v[k] ? v[k] : editing ? null : undefined;
  return input as PlanInput;
}

export function planRoutes(kit: WebKit, services: Pick<AdminServices, 'plans' | 'planPushes'>) {
  const { plans, planPushes } = services;
  const app = new Hono<WebEnv>();
  app.use('/paket', kit.requireRole('operator'));
  app.use('/paket/*', kit.requireRole('operator'));
  const actor = (c: WebContext) => `admin:${c.get('signedIn')!.operator.username}`;

  async function findPlan(id: string): Promise<PlanView> {
    const plan = await plans.get(Number(id));
    if (!plan) throw new ServiceError('not-found', `paket #${id} tidak ada`);
    return plan;
  }

  async function formPage(
    c: WebContext,
    opts: { plan?: PlanView; values: PlanFormValues; errors?: Record<string, string>; status?: number },
  ) {
    const ctx = await kit.pageContext(c);
    const t = planMessages[ctx.lang];
    const [accounts, pushes] = opts.plan
      ? await Promise.all([plans.accountsOn(opts.plan.id), planPushes.forPlan(opts.plan.id)])
      : [undefined, undefined];
    const body = (
      <PlanForm
        ctx={ctx}
        plan={opts.plan}
        values={opts.values}
        errors={opts.errors ?? {}}
        accounts={accounts}
        pushes={pushes}
      />
    );
    const title = opts.plan ? t.form.editTitle(opts.plan.name) : t.form.newTitle;
    return kit.render(c, ctx, body, { title, status: opts.status });
  }

  /** A missing speed, beside its field, before the service sees the form. */
  function requiredMissing(
    c: WebContext,
    v: PlanFormValues,
    isNew = false,
  ): Record<string, string> | undefined {
    const t = planMessages[c.get('lang')];
    const errors: Record<string, string> = {};
    for (const k of isNew ? (['name', 'down', 'up'] as const) : (['down', 'up'] as const))
      if (!v[k]) errors[k] = t.form.required;
    return Object.keys(errors).length > 0 ? errors : undefined;
  }

  function savedText(c: WebContext, result: Awaited<ReturnType<typeof plans.add>>): string {
    const t = planMessages[c.get('lang')];
    const name = result.plan.name;
    const main = result.followUpError ? t.savedNoPush(name, result.followUpError) : t.saved(name);
    return result.previousDefault ? `${main} ${t.defaultMoved(result.previousDefault, name)}` : main;
  }

  const asFormError = (err: unknown) => {
    if (!(err instanceof ServiceError)) throw err;
    return { errors: { [err.field ?? 'form']: err.message }, status: SERVICE_ERROR_STATUS[err.code] };
  };

  app.get('/paket', async (c) => {
    const ctx = await kit.pageContext(c);
    const [list, usage, pushes] = await Promise.all([plans.list(), plans.usage(), planPushes.counts()]);
    return kit.render(c, ctx, <PlansList ctx={ctx} plans={list} usage={usage} pushes={pushes} />, {
      title: planMessages[ctx.lang].title,
    });
  });

  app.get('/paket/baru', (c) => formPage(c, { values: { devices: '3', atQuota: 'cut' } }));

  app.post('/paket/baru', async (c) => {
    const values = formValues(await kit.form(c));
    const missing = requiredMissing(c, values, true);
    if (missing) return formPage(c, { values, errors: missing, status: 400 });
    try {
      const result = await plans.add(values.name ?? '', planInput(values, false), actor(c));
      return kit.redirect(c, `/admin/paket/${result.plan.id}`, savedText(c, result));
    } catch (err) {
      return formPage(c, { values, ...asFormError(err) });
    }
  });

  app.get('/paket/:id{[0-9]{1,9}}', async (c) => {
    const plan = await findPlan(c.req.param('id'));
    return formPage(c, { plan, values: planValues(plan) });
  });

  app.post('/paket/:id{[0-9]{1,9}}', async (c) => {
    const plan = await findPlan(c.req.param('id'));
    const values = { ...formValues(await kit.form(c)), name: plan.name };
    const missing = requiredMissing(c, values);
    if (missing) return formPage(c, { plan, values, errors: missing, status: 400 });
    try {
      const result = await plans.set(plan.name, planInput(values, true), actor(c));
      return kit.redirect(c, `/admin/paket/${plan.id}`, savedText(c, result));
    } catch (err) {
      return formPage(c, { plan, values, ...asFormError(err) });
    }
  });

  app.post('/paket/:id{[0-9]{1,9}}/hapus', async (c) => {
    const plan = await findPlan(c.req.param('id'));
    const form = await kit.form(c);
    const t = planMessages[c.get('lang')];
    const asked = await kit.confirmed(c, form, { title: t.remove.title, text: t.remove.confirm(plan.name) });
    if (asked) return asked;
    try {
      const removed = await plans.remove(plan.name, actor(c));
      return kit.redirect(c, '/admin/paket', t.remove.done(removed.name));
    } catch (err) {
      const { errors, status } = asFormError(err);
      return formPage(c, {
        plan,
        values: planValues(plan),
        errors: { form: Object.values(errors)[0]! },
        status,
      });
    }
  });

  app.post('/paket/:id{[0-9]{1,9}}/kirim/:job{[0-9]{1,9}}', async (c) => {
    const plan = await findPlan(c.req.param('id'));
    await kit.form(c);
    const push = await planPushes.retry(plan.id, Number(c.req.param('job')), actor(c));
    return kit.redirect(
      c,
      `/admin/paket/${plan.id}`,
      planMessages[c.get('lang')].push.retried(push.routerName),
    );
  });

  return app;
}
