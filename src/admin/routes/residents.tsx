// Residents and accounts (/admin/warga), for operators: the list with its filters, a NIK search that goes in a
// POST body and opens the match, the resident's card and every action on the account (the CLI's `account …`
// commands, through the same services), registration at the office, the slip, the data export and erasure.
import { Hono } from 'hono';
import { SERVICE_ERROR_STATUS, ServiceError } from '../../services/errors.js';
import { NOT_IN_ROSTER } from '../../services/residents/resident-lookup.js';
import type { FieldErrors } from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { WebContext, WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';
import type { AdminDeps } from '../admin-deps.js';
import { residentsMessages } from '../messages/residents.js';
import { sessionEndingLifecycle } from '../session-enders.js';
import { ResidentCardPage } from '../views/residents-card.js';
import { DeviceAddedPage, DeviceAddPage } from '../views/residents-device-add.js';
import { ExportPage, SlipPage } from '../views/residents-documents.js';
import { ResidentsListPage } from '../views/residents-list.js';
import { PinShownOncePage } from '../views/residents-pin.js';
import { RegisterPage } from '../views/residents-register.js';

const FILTERS = ['name', 'dusun', 'rt', 'status'] as const;

/** `bawaan` (the form's "follow the default") is what the lifecycle service takes for it too. */
const planChoice = (value: string) => (value === 'bawaan' || value === '' ? undefined : value);

export function residentsRoutes(kit: WebKit, deps: AdminDeps) {
  const s = deps.services;
  const app = new Hono<WebEnv>();
  app.use('/warga', kit.requireRole('operator'));
  app.use('/warga/*', kit.requireRole('operator'));

  const op = (c: WebContext) => ({
    actor: `admin:${c.get('signedIn')!.operator.username}`,
  });
  // Sessions of access taken away end the one way the sessions page and the CLI end them.
  const lifecycle = sessionEndingLifecycle(deps);
  const words = (ctx: WebPageContext) => residentsMessages[ctx.lang];
  /** The error beside its field when the page has that field, else at the top of the page. */
  const fieldErrors = (error: ServiceError, fields: readonly string[]): FieldErrors => ({
    [error.field && fields.includes(error.field) ? error.field : 'form']: error.message,
  });
  const LIST_FIELDS = ['nik', 'name', 'dusun', 'rt', 'status'];
  const REGISTER_FIELDS = ['nik', 'plan'];
  const CARD_FIELDS = ['reason', 'plan'];

  async function listPage(c: WebContext, errors: FieldErrors = {}, status = 200) {
    const ctx = await kit.pageContext(c);
    const t = words(ctx);
    const form = Object.fromEntries(FILTERS.map((f) => [f, (c.req.query(f) ?? '').slice(0, 64)])) as Record<
      (typeof FILTERS)[number],
      string
    >;
    const query = new URLSearchParams(FILTERS.flatMap((f) => (form[f] ? [[f, form[f]]] : []))).toString();
    let result: Awaited<ReturnType<typeof s.residentSearch.find>> | undefined;
    let shownErrors = errors;
    let code = status;
    try {
      result = await s.residentSearch.find(
        { name: form.name, dusun: form.dusun, rt: form.rt, status: form.status },
        { after: c.req.query('after') },
      );
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      shownErrors = { ...errors, ...fieldErrors(error, LIST_FIELDS) };
      code = SERVICE_ERROR_STATUS[error.code];
    }
    return kit.render(
      c,
      ctx,
      <ResidentsListPage
        ctx={ctx}
        t={t}
        form={form}
        errors={shownErrors}
        result={result}
        query={query}
        later={Boolean(c.req.query('after'))}
      />,
      { title: t.title, status: code },
    );
  }

  app.get('/warga', (c) => listPage(c));

  app.post('/warga/cari-nik', async (c) => {
    const form = await kit.form(c);
    try {
      const found = await s.residentSearch.find({ nik: form.get('nik') }, { perPage: 1 });
      const match = found.residents[0];
      if (match) return kit.redirect(c, `/admin/warga/${match.id}`);
      return listPage(c, { nik: NOT_IN_ROSTER }, 404);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return listPage(c, fieldErrors(error, LIST_FIELDS), SERVICE_ERROR_STATUS[error.code]);
    }
  });

  async function registerPage(
    c: WebContext,
    errors: FieldErrors,
    residentId: string,
    plan?: string,
    status = 200,
  ) {
    const ctx = await kit.pageContext(c);
    const t = words(ctx);
    let resident: { id: number; name: string } | undefined;
    if (/^[1-9]\d{0,15}$/.test(residentId)) {
      const card = await s.residentRecords.card(Number(residentId));
      resident = { id: card.resident.id, name: card.resident.name };
    }
    const plans = await s.plans.list();
    return kit.render(
      c,
      ctx,
      <RegisterPage ctx={ctx} t={t} plans={plans} errors={errors} resident={resident} plan={plan} />,
      { title: t.registerTitle, status, narrow: true },
    );
  }

  app.get('/warga/daftar', (c) => registerPage(c, {}, c.req.query('warga') ?? ''));

  app.post('/warga/daftar', async (c) => {
    const form = await kit.form(c);
    const ctx = await kit.pageContext(c);
    const t = words(ctx);
    const residentId = form.get('warga');
    const plan = form.get('plan');
    if (form.get('consent') !== '1')
      return registerPage(c, { consent: t.consentRequired }, residentId, plan, 400);
    try {
      // Chosen on a card: the NIK typed from the ID card must be that resident's.
      if (residentId) {
        const found = await s.residentSearch.find({ nik: form.get('nik') }, { perPage: 1 });
        if (found.residents[0]?.id !== Number(residentId)) {
          return registerPage(c, { nik: t.registerNikMismatch }, residentId, plan, 409);
        }
      }
      const r = await s.accounts.addByOperator(form.get('nik'), { plan: planChoice(plan) }, op(c).actor);
      return kit.render(
        c,
        ctx,
        <PinShownOncePage
          ctx={ctx}
          t={t}
          intro={t.firstPinIntro(r.name)}
          pin={r.pin}
          residentId={r.account.resident_id}
          warning={r.under_age ? t.underAge : undefined}
        />,
        { title: t.newPinTitle, narrow: true },
      );
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return registerPage(
        c,
        fieldErrors(error, REGISTER_FIELDS),
        residentId,
        plan,
        SERVICE_ERROR_STATUS[error.code],
      );
    }
  });

  const residentId = (c: WebContext) => Number(c.req.param('id'));

  async function cardPage(c: WebContext, errors: FieldErrors = {}, status = 200, reason?: string) {
    const ctx = await kit.pageContext(c);
    const t = words(ctx);
    const [card, plans] = await Promise.all([s.residentRecords.card(residentId(c)), s.plans.list()]);
    return kit.render(
      c,
      ctx,
      <ResidentCardPage ctx={ctx} t={t} card={card} plans={plans} errors={errors} reason={reason} />,
      { title: t.cardTitle(card.resident.name), status },
    );
  }

  app.get('/warga/:id{[1-9][0-9]{0,15}}', (c) => cardPage(c));

  /** An action on the card: done and back to the card with a message, or the card again with the error. */
  async function act(c: WebContext, run: () => Promise<string | Response>, reason?: string) {
    try {
      const done = await run();
      if (done instanceof Response) return done;
      return kit.redirect(c, `/admin/warga/${residentId(c)}`, done);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return cardPage(c, fieldErrors(error, CARD_FIELDS), SERVICE_ERROR_STATUS[error.code], reason);
    }
  }

  const ref = (c: WebContext) => ({ residentId: residentId(c) });

  app.post('/warga/:id{[1-9][0-9]{0,15}}/setujui', async (c) => {
    const form = await kit.form(c);
    const t = words(await kit.pageContext(c));
    const ask = await kit.confirmed(c, form, { title: t.approve, text: t.approveConfirm, danger: false });
    if (ask) return ask;
    return act(c, async () => {
      await lifecycle.approve(ref(c), op(c));
      return t.approved;
    });
  });

  app.post('/warga/:id{[1-9][0-9]{0,15}}/tangguhkan', async (c) => {
    const form = await kit.form(c);
    const t = words(await kit.pageContext(c));
    const reason = form.get('reason').slice(0, 300);
    // An empty reason comes back beside its field before anyone is asked to confirm.
    if (reason.trim()) {
      const ask = await kit.confirmed(c, form, {
        title: t.suspendTitle,
        text: t.suspendConfirm,
        fields: { reason },
      });
      if (ask) return ask;
    }
    return act(
      c,
      async () => {
        await lifecycle.suspend(ref(c), reason, op(c));
        return t.suspended;
      },
      reason,
    );
  });

  app.post('/warga/:id{[1-9][0-9]{0,15}}/aktifkan', async (c) => {
    await kit.form(c);
    const t = words(await kit.pageContext(c));
    return act(c, async () => {
      await lifecycle.resume(ref(c), op(c));
      return t.resumed;
    });
  });

  app.post('/warga/:id{[1-9][0-9]{0,15}}/paket', async (c) => {
    const form = await kit.form(c);
    const t = words(await kit.pageContext(c));
    return act(c, async () => {
      const r = await lifecycle.setPlan(ref(c), form.get('plan') || 'bawaan', op(c));
      return t.planChanged(r.plan_name ?? t.planDefault);
    });
  });

  app.post('/warga/:id{[1-9][0-9]{0,15}}/pin', async (c) => {
    const form = await kit.form(c);
    const ctx = await kit.pageContext(c);
    const t = words(ctx);
    const ask = await kit.confirmed(c, form, { title: t.newPin, text: t.newPinConfirm, danger: false });
    if (ask) return ask;
    return act(c, async () => {
      const r = await lifecycle.resetPin(ref(c), op(c));
      // Shown in this answer only: no redirect to a page that could be reloaded, cached or kept in history.
      return kit.render(
        c,
        ctx,
        <PinShownOncePage
          ctx={ctx}
          t={t}
          intro={t.pinIntro(r.name)}
          pin={r.pin}
          residentId={residentId(c)}
        />,
        { title: t.newPinTitle, narrow: true },
      );
    });
  });

  // A device without a browser (TV, printer), as `warganet device add`: its login is shown on this answer only.
  async function deviceAddPage(
    c: WebContext,
    values: { mac?: string; label?: string } = {},
    errors: FieldErrors = {},
    status = 200,
  ) {
    const ctx = await kit.pageContext(c);
    const t = words(ctx);
    const card = await s.residentRecords.card(residentId(c));
    return kit.render(
      c,
      ctx,
      <DeviceAddPage
        ctx={ctx}
        t={t}
        residentId={residentId(c)}
        name={card.resident.name}
        values={values}
        errors={errors}
      />,
      { title: t.deviceAddTitle, narrow: true, status },
    );
  }

  app.get('/warga/:id{[1-9][0-9]{0,15}}/perangkat/tambah', (c) => deviceAddPage(c));

  app.post('/warga/:id{[1-9][0-9]{0,15}}/perangkat/tambah', async (c) => {
    const form = await kit.form(c);
    const values = { mac: form.get('mac').slice(0, 32), label: form.get('label').slice(0, 80) };
    try {
      const r = await s.devices.addByOperator({ residentId: residentId(c) }, values, op(c).actor);
      const ctx = await kit.pageContext(c);
      const t = words(ctx);
      return kit.render(
        c,
        ctx,
        <DeviceAddedPage
          ctx={ctx}
          t={t}
          residentId={residentId(c)}
          mac={r.device.mac}
          username={r.device.username}
          password={r.password}
          note={r.randomised ? t.deviceAddedRandomised : undefined}
        />,
        { title: t.deviceAddedTitle, narrow: true },
      );
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return deviceAddPage(c, values, fieldErrors(error, ['mac', 'label']), SERVICE_ERROR_STATUS[error.code]);
    }
  });

  // A resident whose NIK someone else registered, checked at the office: as `warganet account reclaim`.
  app.post('/warga/:id{[1-9][0-9]{0,15}}/ambil-alih', async (c) => {
    const form = await kit.form(c);
    const ctx = await kit.pageContext(c);
    const t = words(ctx);
    const ask = await kit.confirmed(c, form, { title: t.reclaim, text: t.reclaimConfirm });
    if (ask) return ask;
    return act(c, async () => {
      const r = await lifecycle.reclaim(ref(c), op(c));
      return kit.render(
        c,
        ctx,
        <PinShownOncePage
          ctx={ctx}
          t={t}
          intro={t.reclaimIntro(r.name, r.devices_revoked)}
          pin={r.pin}
          residentId={residentId(c)}
        />,
        { title: t.reclaimTitle, narrow: true },
      );
    });
  });

  app.post('/warga/:id{[1-9][0-9]{0,15}}/perangkat/:device{[1-9][0-9]{0,15}}/cabut', async (c) => {
    const form = await kit.form(c);
    const t = words(await kit.pageContext(c));
    const deviceId = Number(c.req.param('device'));
    const card = await s.residentRecords.card(residentId(c));
    const device = card.account?.devices.find((d) => d.id === deviceId);
    if (!device) return kit.notFound(c);
    const label = device.label ?? device.mac;
    const ask = await kit.confirmed(c, form, {
      title: t.removeDeviceTitle,
      text: t.removeDeviceConfirm(label),
    });
    if (ask) return ask;
    return act(c, async () => {
      await lifecycle.removeDeviceById(deviceId, op(c));
      return t.deviceRemoved(label);
    });
  });

  app.post('/warga/:id{[1-9][0-9]{0,15}}/hapus-data', async (c) => {
    const form = await kit.form(c);
    const t = words(await kit.pageContext(c));
    const ask = await kit.confirmed(c, form, { title: t.eraseTitle, text: t.eraseText });
    if (ask) return ask;
    return act(c, async () => {
      const r = await lifecycle.erase(ref(c), op(c));
      return kit.redirect(c, `/admin/warga/${residentId(c)}`, t.erased(r.name));
    });
  });

  app.get('/warga/:id{[1-9][0-9]{0,15}}/slip', async (c) => {
    const ctx = await kit.pageContext(c);
    const t = words(ctx);
    const card = await s.residentRecords.card(residentId(c));
    return kit.render(c, ctx, <SlipPage ctx={ctx} t={t} card={card} />, { title: t.slipTitle, narrow: true });
  });

  app.get('/warga/:id{[1-9][0-9]{0,15}}/data', async (c) => {
    const ctx = await kit.pageContext(c);
    const t = words(ctx);
    const data = await s.residentRecords.export(residentId(c));
    return kit.render(c, ctx, <ExportPage ctx={ctx} t={t} data={data} />, {
      title: t.exportTitle(data.resident.name),
    });
  });

  app.get('/warga/:id{[1-9][0-9]{0,15}}/data.json', async (c) => {
    const data = await s.residentRecords.export(residentId(c));
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `attachment; filename="warga-${data.resident.id}.json"`);
    return c.json(data);
  });

  return app;
}
