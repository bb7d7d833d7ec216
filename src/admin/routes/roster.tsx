// /admin/roster: upload the OpenSID export (kept server side), follow its dry run, read the report, apply it,
// and the history of imports. Operators and admins only; the work runs as jobs of the roster upload service.
import { Hono } from 'hono';
import { SERVICE_ERROR_STATUS, ServiceError } from '../../services/errors.js';
import { MAX_UPLOAD_BYTES } from '../../services/residents/roster-uploads.js';
import type { WebContext, WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';
import type { AdminServices } from '../admin-deps.js';
import { rosterMessages } from '../messages/roster.js';
import { RosterJobPage } from '../views/roster-job.js';
import { RosterPage } from '../views/roster-page.js';

const PER_PAGE = 50;
/** Multipart framing around the file, beyond the file's own limit. */
const FORM_OVERHEAD = 64 * 1024;

export function rosterRoutes(kit: WebKit, services: Pick<AdminServices, 'rosterUploads'>) {
  const uploads = services.rosterUploads;
  const app = new Hono<WebEnv>();
  kit.uploadLimit('/admin/roster', MAX_UPLOAD_BYTES + FORM_OVERHEAD);
  app.use('/roster', kit.requireRole('operator'));
  app.use('/roster/*', kit.requireRole('operator'));

  const actor = (c: WebContext) => `admin:${c.get('signedIn')!.operator.username}`;

  async function listPage(
    c: WebContext,
    opts: { errors?: Record<string, string>; partial?: boolean; status?: number } = {},
  ) {
    const ctx = await kit.pageContext(c);
    const page = pageNumber(c.req.query('hal'));
    const [recent, history] = await Promise.all([
      uploads.recent(),
      uploads.history({ page, perPage: PER_PAGE }),
    ]);
    const body = (
      <RosterPage
        ctx={ctx}
        errors={opts.errors ?? {}}
        partial={opts.partial ?? false}
        uploads={recent}
        history={history.slice(0, PER_PAGE)}
        page={page}
        hasNext={history.length > PER_PAGE}
      />
    );
    // Follows a running job in the list as well, so its state changes without a reload.
    const refresh = recent.some((u) => u.running) ? 5 : undefined;
    return kit.render(c, ctx, body, { title: rosterMessages[ctx.lang].title, status: opts.status, refresh });
  }

  async function jobPage(
    c: WebContext,
    id: number,
    opts: { errors?: Record<string, string>; value?: string; status?: number } = {},
  ) {
    const ctx = await kit.pageContext(c);
    const upload = await uploads.get(id);
    const body = (
      <RosterJobPage ctx={ctx} upload={upload} errors={opts.errors ?? {}} confirmValue={opts.value} />
    );
    return kit.render(c, ctx, body, {
      title: rosterMessages[ctx.lang].job.title(id),
      status: opts.status,
      refresh: upload.running ? 5 : undefined,
    });
  }

  app.get('/roster', (c) => listPage(c));

  app.post('/roster', async (c) => {
    const form = await kit.form(c);
    const t = rosterMessages[c.get('lang')];
    const partial = form.get('partial') === '1';
    const file = form.file('file');
    if (!file || file.size === 0)
      return listPage(c, { errors: { file: t.upload.noFile }, partial, status: 400 });
    try {
      const id = await uploads.upload({
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        partial,
        actor: actor(c),
      });
      return kit.redirect(c, `/admin/roster/${id}`, t.apply.uploaded);
    } catch (err) {
      if (!(err instanceof ServiceError)) throw err;
      return listPage(c, {
        errors: { [err.field ?? 'file']: err.message },
        partial,
        status: SERVICE_ERROR_STATUS[err.code],
      });
    }
  });

  app.get('/roster/:id{[0-9]{1,9}}', (c) => jobPage(c, Number(c.req.param('id'))));

  app.post('/roster/:id{[0-9]{1,9}}/terapkan', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await kit.form(c);
    const t = rosterMessages[c.get('lang')];
    const typed = form.get('confirmDeactivate').trim();
    const confirmDeactivate = /^\d{1,9}$/.test(typed) ? Number(typed) : undefined;
    if (typed !== '' && confirmDeactivate === undefined)
      return jobPage(c, id, {
        errors: { confirmDeactivate: t.guard.notNumber },
        value: typed,
        status: 400,
      });
    const upload = await uploads.get(id);
    if (upload.report) {
      const r = upload.report;
      const asked = await kit.confirmed(c, form, {
        title: t.apply.confirmTitle,
        text: t.apply.confirm(r.added, r.updated, r.deactivated),
        fields: typed ? { confirmDeactivate: typed } : {},
        danger: r.deactivated > 0,
      });
      if (asked) return asked;
    }
    try {
      await uploads.apply(id, { actor: actor(c), confirmDeactivate });
      return kit.redirect(c, `/admin/roster/${id}`, t.apply.started);
    } catch (err) {
      if (!(err instanceof ServiceError) || err.code === 'not-found') throw err;
      return jobPage(c, id, {
        errors: { [err.field ?? 'form']: err.message },
        value: typed,
        status: SERVICE_ERROR_STATUS[err.code],
      });
    }
  });

  return app;
}

function pageNumber(text: string | undefined): number {
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
