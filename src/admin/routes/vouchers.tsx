// /admin/voucher: create a batch, list batches and vouchers (filters, pages), one voucher, revoke a voucher or a
// batch (confirmed), and print cards (A4 sheet or 58 mm roll) for a batch or a selection — on the voucher
// service `warganet voucher …` calls. Operators and admins only. Every page that shows full codes (a voucher's
// page, the print sheets) is never cached and leaves an audit row (the service's `reveal`).
import { Hono } from 'hono';
import { SERVICE_ERROR_STATUS, ServiceError } from '../../services/errors.js';
import type { VoucherStatus } from '../../services/vouchers/vouchers.js';
import { formatDateTime } from '../../web/format.js';
import { contentSecurityPolicy } from '../../web/security.js';
import type { WebContext, WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';
import type { AdminServices } from '../admin-deps.js';
import { voucherMessages } from '../messages/vouchers.js';
import {
  VOUCHER_FORM_FIELDS,
  VoucherForm,
  type VoucherFormValues,
  VoucherPage,
} from '../views/voucher-pages.js';
import { type PrintLayout, VoucherPrintDocument } from '../views/voucher-print.js';
import { maskedCode, VouchersPage } from '../views/vouchers-list.js';

const PAGE = 50;
const BATCHES = 20;
const STATUSES: readonly string[] = ['unused', 'active', 'throttled', 'expired', 'revoked'];
/** At most this many cards on one print page (40 A4 sheets). */
const MAX_PRINT = 1000;

export function voucherRoutes(kit: WebKit, services: Pick<AdminServices, 'vouchers' | 'plans'>) {
  const { vouchers, plans } = services;
  const app = new Hono<WebEnv>();
  app.use('/voucher', kit.requireRole('operator'));
  app.use('/voucher/*', kit.requireRole('operator'));
  const actor = (c: WebContext) => `admin:${c.get('signedIn')!.operator.username}`;

  app.get('/voucher', async (c) => {
    const ctx = await kit.pageContext(c);
    const batch = (c.req.query('batch') ?? '').trim().slice(0, 40);
    const statusQ = c.req.query('status') ?? '';
    const status = STATUSES.includes(statusQ) ? (statusQ as VoucherStatus) : undefined;
    const pageOf = (name: string) =>
      Math.max(1, Math.min(10_000, Number.parseInt(c.req.query(name) ?? '1', 10) || 1));
    const page = pageOf('page');
    const batchPage = pageOf('bpage');
    const [batches, list] = await Promise.all([
      vouchers.batches({ limit: BATCHES + 1, offset: (batchPage - 1) * BATCHES }),
      vouchers.list({
        batch: batch || undefined,
        status,
        limit: PAGE + 1,
        offset: (page - 1) * PAGE,
        newestFirst: true,
      }),
    ]);
    // Each pager keeps the other's page and the filter.
    const href = (p: number, bp: number) => {
      const q = new URLSearchParams();
      if (batch) q.set('batch', batch);
      if (status) q.set('status', status);
      if (p > 1) q.set('page', String(p));
      if (bp > 1) q.set('bpage', String(bp));
      return `/admin/voucher?${q}`;
    };
    return kit.render(
      c,
      ctx,
      <VouchersPage
        ctx={ctx}
        batches={batches.slice(0, BATCHES)}
        vouchers={list.slice(0, PAGE)}
        filter={{ batch, status: status ?? '', page, batchPage }}
        hasNext={list.length > PAGE}
        hrefFor={(p) => href(p, batchPage)}
        batchesHasNext={batches.length > BATCHES}
        batchHrefFor={(bp) => href(page, bp)}
      />,
      { title: voucherMessages[ctx.lang].title },
    );
  });

  async function formPage(
    c: WebContext,
    values: VoucherFormValues,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const ctx = await kit.pageContext(c);
    const names = (await plans.list()).map((p) => p.name);
    return kit.render(c, ctx, <VoucherForm ctx={ctx} plans={names} values={values} errors={errors} />, {
      title: voucherMessages[ctx.lang].form.title,
      status,
    });
  }

  app.get('/voucher/baru', async (c) => {
    const list = await plans.list();
    // A plan named like a guest plan is the likely choice; else the first.
    const guest = list.find((p) => /tamu|guest|voucher/i.test(p.name)) ?? list[0];
    return formPage(c, { plan: guest?.name, count: '10', validity: '1d', devices: '1' });
  });

  app.post('/voucher/baru', async (c) => {
    const form = await kit.form(c);
    const values: VoucherFormValues = Object.fromEntries(
      VOUCHER_FORM_FIELDS.map((k) => [
        k,
        form
          .get(k)
          .trim()
          .slice(0, k === 'note' ? 200 : 40),
      ]),
    );
    const t = voucherMessages[c.get('lang')];
    const missing: Record<string, string> = {};
    for (const k of ['plan', 'count', 'validity'] as const) if (!values[k]) missing[k] = t.form.required;
    if (Object.keys(missing).length > 0) return formPage(c, values, missing, 400);
    try {
      const made = await vouchers.create(
        {
          plan: values.plan ?? '',
          count: values.count ?? '',
          validity: values.validity,
          quota: values.quota,
          devices: values.devices,
          prefix: values.prefix,
          length: values.length,
          price: values.price,
          note: values.note,
          fromCreation: values.validityFrom === 'creation',
        },
        actor(c),
      );
      const batch = made[0]?.batch ?? '';
      return kit.redirect(c, `/admin/voucher?batch=${encodeURIComponent(batch)}`, t.made(made.length, batch));
    } catch (err) {
      if (!(err instanceof ServiceError)) throw err;
      return formPage(c, values, { [err.field ?? 'form']: err.message }, SERVICE_ERROR_STATUS[err.code]);
    }
  });

  app.get('/voucher/cetak', async (c) => {
    const layout: PrintLayout = c.req.query('format') === '58mm' ? '58mm' : 'a4';
    const batch = (c.req.query('batch') ?? '').trim().slice(0, 40);
    const ids = c.req
      .queries('id')
      ?.map((s) => Number(s))
      .filter((n) => Number.isSafeInteger(n) && n > 0)
      .slice(0, MAX_PRINT);
    const lang = c.get('lang');
    const t = voucherMessages[lang];
    if (!batch && !ids?.length) return kit.redirect(c, '/admin/voucher');
    const list = await vouchers.reveal(
      { ...(ids?.length ? { ids } : { batch }), live: true, limit: MAX_PRINT },
      actor(c),
      layout === 'a4' ? 'print-a4' : 'print-58mm',
    );
    const nonce = c.get('nonce');
    c.header('Content-Security-Policy', contentSecurityPolicy({ nonce, script: true }));
    // Codes are secrets: no copy in any cache, the browser's included.
    c.header('Cache-Control', 'no-store');
    const ctx = await kit.pageContext(c);
    const doc = (
      <VoucherPrintDocument
        lang={lang}
        title={batch && !ids?.length ? t.print.title(batch) : t.print.titleSelection}
        layout={layout}
        vouchers={list}
        village={ctx.village}
        portalUrl={kit.portalUrl(c)}
        portalUrlSet={kit.portalUrlSet}
        nonce={nonce}
        until={(ms) => formatDateTime(ms, ctx.timeZone, lang)}
      />
    );
    return c.html(`<!DOCTYPE html>${await doc.toString()}`);
  });

  app.get('/voucher/:id{[0-9]{1,9}}', async (c) => {
    const id = Number(c.req.param('id'));
    const [v] = await vouchers.reveal({ ids: [id] }, actor(c), 'show');
    if (!v) throw new ServiceError('not-found', `voucher #${id} tidak ada`);
    const ctx = await kit.pageContext(c);
    return kit.render(c, ctx, <VoucherPage ctx={ctx} v={v} />, {
      title: voucherMessages[ctx.lang].title,
    });
  });

  app.post('/voucher/:id{[0-9]{1,9}}/batalkan', async (c) => {
    const v = await vouchers.get(Number(c.req.param('id')));
    const form = await kit.form(c);
    const t = voucherMessages[c.get('lang')];
    const asked = await kit.confirmed(c, form, {
      title: t.revoke.title,
      text: t.revoke.confirmOne(maskedCode(v.code)),
    });
    if (asked) return asked;
    const n = await vouchers.revoke({ id: v.id }, actor(c));
    return kit.redirect(c, `/admin/voucher/${v.id}`, t.revoke.done(n));
  });

  app.post('/voucher/batch/:batch{[0-9a-z-]{1,40}}/batalkan', async (c) => {
    const batch = c.req.param('batch');
    const form = await kit.form(c);
    const t = voucherMessages[c.get('lang')];
    const live = await vouchers.list({ batch, live: true });
    const asked = await kit.confirmed(c, form, {
      title: t.revoke.title,
      text: t.revoke.confirmBatch(batch, live.length),
    });
    if (asked) return asked;
    const n = await vouchers.revoke({ batch }, actor(c));
    return kit.redirect(c, `/admin/voucher?batch=${encodeURIComponent(batch)}`, t.revoke.done(n));
  });

  return app;
}
