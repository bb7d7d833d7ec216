// /admin/pengguna (admin only): the users, adding one (password generated, shown once), changing a role,
// disabling and enabling (sessions and tokens end), resetting a password (shown once) or two-factor. Every change
// goes through the admin service the CLI uses, asks first, and is audited in its transaction.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { SERVICE_ERROR_STATUS, ServiceError } from '../../services/errors.js';
import { commonMessages } from '../../web/messages/common.js';
import type { WebEnv } from '../../web/web-env.js';
import type { WebKit } from '../../web/web-kit.js';
import type { AdminServices } from '../admin-deps.js';
import { usersMessages } from '../messages/users.js';
import { PasswordOncePage, UserPage, UsersPage } from '../views/users.js';

type Ctx = Context<WebEnv>;

const roleName = (c: Ctx, role: string) => commonMessages[c.get('lang')].roles[role] ?? role;

export function usersRoutes(kit: WebKit, services: Pick<AdminServices, 'admins' | 'apiTokens'>) {
  const app = new Hono<WebEnv>();
  const { admins, apiTokens } = services;
  const actor = (c: Ctx) => `admin:${c.get('signedIn')!.operator.username}`;
  const words = (c: Ctx) => usersMessages[c.get('lang')].users;
  app.use('/pengguna', kit.requireRole('admin'));
  app.use('/pengguna/*', kit.requireRole('admin'));

  app.get('/pengguna', async (c) => {
    const ctx = await kit.pageContext(c);
    return kit.render(c, ctx, <UsersPage ctx={ctx} users={await admins.list()} />, { title: words(c).title });
  });

  app.post('/pengguna', async (c) => {
    const form = await kit.form(c);
    const input = { username: form.get('username').slice(0, 64), role: form.get('role').slice(0, 16) };
    try {
      const r = await admins.add(input, actor(c));
      const ctx = await kit.pageContext(c);
      return kit.render(
        c,
        ctx,
        <PasswordOncePage ctx={ctx} title={words(c).added(r.username)} password={r.generatedPassword!} />,
        { title: words(c).added(r.username), narrow: true },
      );
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      const ctx = await kit.pageContext(c);
      return kit.render(
        c,
        ctx,
        <UsersPage
          ctx={ctx}
          users={await admins.list()}
          form={input}
          errors={{ [error.field ?? 'form']: error.message }}
        />,
        { title: words(c).title, status: SERVICE_ERROR_STATUS[error.code] },
      );
    }
  });

  app.get('/pengguna/:name', async (c) => {
    const user = await admins.get(c.req.param('name'));
    const ctx = await kit.pageContext(c);
    const tokens = await apiTokens.list(user.username);
    return kit.render(c, ctx, <UserPage ctx={ctx} user={user} tokens={tokens} />, { title: user.username });
  });

  // Bearer tokens, as `warganet admin token USER` / `token revoke ID`: made here and shown once.
  app.post('/pengguna/:name/token', async (c) => {
    const form = await kit.form(c);
    const user = await admins.get(c.req.param('name'));
    const label = form.get('label').slice(0, 200);
    try {
      const made = await apiTokens.create({ username: user.username, label }, actor(c));
      const ctx = await kit.pageContext(c);
      const title = words(c).tokenMade(made.username);
      return kit.render(
        c,
        ctx,
        <PasswordOncePage ctx={ctx} title={title} password={made.token} lead={words(c).tokenOnce} />,
        { title, narrow: true },
      );
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      const ctx = await kit.pageContext(c);
      const tokens = await apiTokens.list(user.username);
      const errors = { [error.field === 'label' ? 'label' : 'form']: error.message };
      return kit.render(
        c,
        ctx,
        <UserPage ctx={ctx} user={user} tokens={tokens} errors={errors} label={label} />,
        {
          title: user.username,
          status: SERVICE_ERROR_STATUS[error.code],
        },
      );
    }
  });

  app.post('/pengguna/:name/token/:id/cabut', async (c) => {
    const form = await kit.form(c);
    const user = await admins.get(c.req.param('name'));
    const id = c.req.param('id');
    const token = (await apiTokens.list(user.username)).find((t) => t.id === id);
    if (!token) throw new ServiceError('not-found', usersMessages[c.get('lang')].users.tokenNone, 'id');
    const name = token.label ? `${token.label} (${token.id})` : token.id;
    const asking = await kit.confirmed(c, form, {
      title: words(c).tokenRevoke,
      text: words(c).confirmTokenRevoke(name),
      danger: true,
    });
    if (asking) return asking;
    await apiTokens.revoke(token.id, actor(c));
    return kit.redirect(
      c,
      `/admin/pengguna/${encodeURIComponent(user.username)}`,
      words(c).tokenRevokedDone(name),
    );
  });

  /** A change on one user's page: asked first, then done; a refusal is shown on that page. */
  async function change(
    c: Ctx,
    ask: (name: string, form: { get(n: string): string }) => string,
    run: (
      name: string,
      form: { get(n: string): string },
    ) => Promise<string | { title: string; password: string }>,
    fields: (form: { get(n: string): string }) => Record<string, string> = () => ({}),
  ) {
    const form = await kit.form(c);
    const current = await admins.get(c.req.param('name')!);
    const name = current.username;
    const asking = await kit.confirmed(c, form, {
      title: usersMessages[c.get('lang')].users.actions,
      text: ask(name, form),
      fields: fields(form),
    });
    if (asking) return asking;
    try {
      const done = await run(name, form);
      if (typeof done === 'string')
        return kit.redirect(c, `/admin/pengguna/${encodeURIComponent(name)}`, done);
      const ctx = await kit.pageContext(c);
      return kit.render(c, ctx, <PasswordOncePage ctx={ctx} title={done.title} password={done.password} />, {
        title: done.title,
        narrow: true,
      });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      const ctx = await kit.pageContext(c);
      return kit.render(
        c,
        ctx,
        <UserPage
          ctx={ctx}
          user={current}
          errors={{ [error.field === 'role' ? 'role' : 'form']: error.message }}
        />,
        {
          title: name,
          status: SERVICE_ERROR_STATUS[error.code],
        },
      );
    }
  }

  app.post('/pengguna/:name/peran', (c) =>
    change(
      c,
      (name, form) => words(c).confirmRole(name, roleName(c, form.get('role'))),
      async (name, form) => {
        const r = await admins.setRole(name, form.get('role').slice(0, 16), actor(c));
        return words(c).roleChanged(name, roleName(c, r.role));
      },
      (form) => ({ role: form.get('role').slice(0, 16) }),
    ),
  );

  app.post('/pengguna/:name/nonaktifkan', (c) =>
    change(
      c,
      (name) => words(c).confirmDisable(name),
      async (name) => {
        await admins.disable(name, actor(c));
        return words(c).disabledDone(name);
      },
    ),
  );

  app.post('/pengguna/:name/aktifkan', (c) =>
    change(
      c,
      (name) => words(c).confirmEnable(name),
      async (name) => {
        await admins.enable(name, actor(c));
        return words(c).enabledDone(name);
      },
    ),
  );

  app.post('/pengguna/:name/reset-sandi', (c) =>
    change(
      c,
      (name) => words(c).confirmResetPassword(name),
      async (name) => {
        const r = await admins.resetPassword(name, actor(c));
        return { title: words(c).newPassword(name), password: r.password };
      },
    ),
  );

  app.post('/pengguna/:name/reset-2fa', (c) =>
    change(
      c,
      (name) => words(c).confirmResetTwoFactor(name),
      async (name) => {
        await admins.resetTwoFactor(name, actor(c));
        return words(c).twoFactorReset(name);
      },
    ),
  );

  return app;
}
