// /admin/lembaga: institutions (public-service accounts) and their devices, through the same institution service
// `warganet institution …` calls. Operators and admins only.
import { Hono } from 'hono';
import { dayOf } from '../../domain/quota-day.js';
import { SERVICE_ERROR_STATUS, ServiceError } from '../../services/errors.js';
import type { InstitutionInput, InstitutionRecord } from '../../services/institutions/institutions.js';
import type { WebContext, WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';
import type { AdminServices } from '../admin-deps.js';
import { institutionMessages } from '../messages/institutions.js';
import {
  type InstitutionFormValues,
  InstitutionPage,
  InstitutionsPage,
  institutionValues,
} from '../views/institutions.js';

const FIELDS = ['name', 'kind', 'dusun', 'plan', 'priority', 'note', 'disabled'] as const;

function inputOf(v: InstitutionFormValues, editing: boolean): InstitutionInput {
  return {
    kind: v.kind || undefined,
    dusun: v.dusun || (editing ? null : undefined),
    plan: v.plan || (editing ? null : undefined),
    priority: v.priority || (editing ? null : undefined),
    note: v.note || (editing ? null : undefined),
    disabled: editing ? v.disabled === '1' : undefined,
  };
}

export function institutionRoutes(
  kit: WebKit,
  services: Pick<AdminServices, 'institutions' | 'plans'> & { timeZone?: string },
) {
  const { institutions, plans } = services;
  const app = new Hono<WebEnv>();
  app.use('/lembaga', kit.requireRole('operator'));
  app.use('/lembaga/*', kit.requireRole('operator'));
  const actor = (c: WebContext) => `admin:${c.get('signedIn')!.operator.username}`;
  const planNames = async () => (await plans.list()).map((p) => p.name);

  async function find(id: string): Promise<InstitutionRecord> {
    const found = (await institutions.list()).find((i) => i.id === Number(id));
    if (!found) throw new ServiceError('not-found', `lembaga #${id} tidak ada`);
    return found;
  }
  const asErrors = (err: unknown) => {
    if (!(err instanceof ServiceError)) throw err;
    return { errors: { [err.field ?? 'form']: err.message }, status: SERVICE_ERROR_STATUS[err.code] };
  };

  async function listPage(c: WebContext, values: InstitutionFormValues, errors = {}, status?: number) {
    const ctx = await kit.pageContext(c);
    const now = Date.now();
    const tz = services.timeZone ?? 'Asia/Jakarta';
    const [list, usage, names] = await Promise.all([
      institutions.list(),
      institutions.usage(dayOf(now - 29 * 86_400_000, tz), dayOf(now, tz)),
      planNames(),
    ]);
    const body = (
      <InstitutionsPage ctx={ctx} list={list} usage={usage} plans={names} values={values} errors={errors} />
    );
    return kit.render(c, ctx, body, { title: institutionMessages[ctx.lang].title, status });
  }

  async function onePage(
    c: WebContext,
    i: InstitutionRecord,
    opts: {
      values?: InstitutionFormValues;
      device?: InstitutionFormValues;
      errors?: Record<string, string>;
      status?: number;
    } = {},
  ) {
    const ctx = await kit.pageContext(c);
    const body = (
      <InstitutionPage
        ctx={ctx}
        institution={i}
        plans={await planNames()}
        values={opts.values ?? institutionValues(i)}
        device={opts.device ?? {}}
        errors={opts.errors ?? {}}
      />
    );
    return kit.render(c, ctx, body, { title: i.name, status: opts.status });
  }

  app.get('/lembaga', (c) => listPage(c, { kind: 'sekolah' }));

  app.post('/lembaga', async (c) => {
    const form = await kit.form(c);
    const values = Object.fromEntries(FIELDS.map((k) => [k, form.get(k).trim().slice(0, 200)]));
    try {
      const made = await institutions.add(values.name ?? '', inputOf(values, false), actor(c));
      const t = institutionMessages[c.get('lang')];
      return kit.redirect(c, `/admin/lembaga/${made.id}`, t.saved(made.name));
    } catch (err) {
      const { errors, status } = asErrors(err);
      return listPage(c, values, errors, status);
    }
  });

  app.get('/lembaga/:id{[0-9]{1,9}}', async (c) => onePage(c, await find(c.req.param('id'))));

  app.post('/lembaga/:id{[0-9]{1,9}}', async (c) => {
    const i = await find(c.req.param('id'));
    const form = await kit.form(c);
    const values = {
      ...Object.fromEntries(FIELDS.map((k) => [k, form.get(k).trim().slice(0, 200)])),
      name: i.name,
    };
    try {
      await institutions.set(i.name, inputOf(values, true), actor(c));
      return kit.redirect(c, `/admin/lembaga/${i.id}`, institutionMessages[c.get('lang')].saved(i.name));
    } catch (err) {
      return onePage(c, i, { values, ...asErrors(err) });
    }
  });

  app.post('/lembaga/:id{[0-9]{1,9}}/perangkat', async (c) => {
    const i = await find(c.req.param('id'));
    const form = await kit.form(c);
    const device = { mac: form.get('mac').trim().slice(0, 40), label: form.get('label').trim().slice(0, 60) };
    try {
      const r = await institutions.addDevice(i.name, device.mac, device.label || undefined, actor(c));
      return kit.redirect(c, `/admin/lembaga/${i.id}`, institutionMessages[c.get('lang')].deviceAdded(r.mac));
    } catch (err) {
      return onePage(c, i, { device, ...asErrors(err) });
    }
  });

  app.post('/lembaga/:id{[0-9]{1,9}}/perangkat/hapus', async (c) => {
    const i = await find(c.req.param('id'));
    const form = await kit.form(c);
    const t = institutionMessages[c.get('lang')];
    const mac = form.get('mac');
    const asked = await kit.confirmed(c, form, {
      title: t.removeDevice,
      text: t.removeDeviceConfirm(mac),
      fields: { mac },
    });
    if (asked) return asked;
    try {
      const r = await institutions.removeDevice(mac, actor(c), i.name);
      return kit.redirect(c, `/admin/lembaga/${i.id}`, t.deviceRemoved(r.mac));
    } catch (err) {
      return onePage(c, i, asErrors(err));
    }
  });

  app.post('/lembaga/:id{[0-9]{1,9}}/hapus', async (c) => {
    const i = await find(c.req.param('id'));
    const form = await kit.form(c);
    const t = institutionMessages[c.get('lang')];
    const asked = await kit.confirmed(c, form, {
      title: t.remove,
      text: t.removeConfirm(i.name),
      danger: true,
    });
    if (asked) return asked;
    const r = await institutions.remove(i.name, actor(c));
    return kit.redirect(c, '/admin/lembaga', t.removed(r.name));
  });

  return app;
}
