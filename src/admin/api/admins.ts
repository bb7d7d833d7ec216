// /api/v1/admins (admin only): the users page's actions for scripts, through the same admin service.
import { z } from '@hono/zod-openapi';
import { ADMIN_ROLES } from '../../services/admins/admins.js';
import { apiRoute, ErrorBody, newApi } from '../../web/api-kit.js';
import type { AdminServices } from '../admin-deps.js';
import { actor, json } from './openapi-parts.js';

export const AdminUser = z
  .object({
    id: z.number().int(),
    username: z.string(),
    role: z.string(),
    disabled: z.boolean(),
    twoFactor: z.boolean(),
    createdAt: z.number().int().openapi({ description: 'Epoch milliseconds.' }),
    lastSignInAt: z.number().int().nullable(),
  })
  .openapi('AdminUser');

export const AdminUserList = z.object({ users: z.array(AdminUser) }).openapi('AdminUserList');
export const NewPassword = z
  .object({ username: z.string(), role: z.string().optional(), password: z.string() })
  .openapi('NewPassword');

export const ApiToken = z
  .object({
    id: z.string(),
    username: z.string(),
    label: z.string().nullable(),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int().nullable(),
    revokedAt: z.number().int().nullable(),
  })
  .openapi('ApiToken');
export const NewApiToken = z
  .object({ id: z.string(), username: z.string(), role: z.string(), token: z.string() })
  .openapi('NewApiToken');

const Name = z.object({
  username: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'username', in: 'path' }, example: 'budi' }),
});
const errors = {
  404: json(ErrorBody, 'No such user.'),
  409: json(ErrorBody, 'Refused (e.g. the last admin).'),
};

export function adminsApi(services: Pick<AdminServices, 'admins' | 'apiTokens'>) {
  const { admins, apiTokens } = services;
  const api = newApi();

  api.openapi(
    apiRoute('admin', {
      method: 'get',
      path: '/admins',
      summary: 'Users of the admin web, with role, status, two-factor and last sign-in',
      tags: ['users'],
      responses: { 200: json(AdminUserList, 'Every user') },
    }),
    async (c) => c.json({ users: await admins.list() }, 200),
  );

  api.openapi(
    apiRoute('admin', {
      method: 'post',
      path: '/admins',
      summary: 'Add a user; the generated password is in the answer, once',
      tags: ['users'],
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({ username: z.string().max(64), role: z.enum(ADMIN_ROLES) }),
            },
          },
        },
      },
      responses: { 201: json(NewPassword, 'Created'), 409: json(ErrorBody, 'The name is taken.') },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const r = await admins.add({ username: body.username, role: body.role }, actor(c));
      return c.json({ username: r.username, role: r.role, password: r.generatedPassword! }, 201);
    },
  );

  api.openapi(
    apiRoute('admin', {
      method: 'patch',
      path: '/admins/{username}',
      summary: 'Change role, or disable / enable (disabling ends sessions and revokes tokens)',
      tags: ['users'],
      request: {
        params: Name,
        body: {
          content: {
            'application/json': {
              schema: z.object({ role: z.enum(ADMIN_ROLES).optional(), disabled: z.boolean().optional() }),
            },
          },
        },
      },
      responses: { 200: json(AdminUser, 'The user after the change'), ...errors },
    }),
    async (c) => {
      const { username } = c.req.valid('param');
      const body = c.req.valid('json');
      if (body.role !== undefined) await admins.setRole(username, body.role, actor(c));
      if (body.disabled === true) await admins.disable(username, actor(c));
      if (body.disabled === false) await admins.enable(username, actor(c));
      return c.json(await admins.get(username), 200);
    },
  );

  api.openapi(
    apiRoute('admin', {
      method: 'post',
      path: '/admins/{username}/reset-password',
      summary: 'A new generated password (in the answer, once); the user’s sessions end',
      tags: ['users'],
      request: { params: Name },
      responses: { 200: json(NewPassword, 'The new password'), ...errors },
    }),
    async (c) => {
      const r = await admins.resetPassword(c.req.valid('param').username, actor(c));
      return c.json({ username: r.username, password: r.password }, 200);
    },
  );

  api.openapi(
    apiRoute('admin', {
      method: 'post',
      path: '/admins/{username}/reset-2fa',
      summary: 'Turn two-factor off for a user (a lost phone); their sessions end',
      tags: ['users'],
      request: { params: Name },
      responses: { 200: json(AdminUser, 'The user after the change'), ...errors },
    }),
    async (c) => c.json(await admins.resetTwoFactor(c.req.valid('param').username, actor(c)), 200),
  );

  api.openapi(
    apiRoute('admin', {
      method: 'get',
      path: '/admins/{username}/tokens',
      summary: 'A user’s API tokens (never the token itself), as `admin token list`',
      tags: ['users'],
      request: { params: Name },
      responses: { 200: json(z.object({ tokens: z.array(ApiToken) }), 'The tokens'), ...errors },
    }),
    async (c) => c.json({ tokens: await apiTokens.list(c.req.valid('param').username) }, 200),
  );

  api.openapi(
    apiRoute('admin', {
      method: 'post',
      path: '/admins/{username}/tokens',
      summary: 'A new API token for the user, in the answer once (as `admin token USER --json`)',
      tags: ['users'],
      request: {
        params: Name,
        body: {
          required: false,
          content: { 'application/json': { schema: z.object({ label: z.string().max(64).optional() }) } },
        },
      },
      responses: { 201: json(NewApiToken, 'Created'), ...errors },
    }),
    async (c) => {
      const body = c.req.valid('json') ?? {};
      const made = await apiTokens.create(
        { username: c.req.valid('param').username, label: body.label },
        actor(c),
      );
      return c.json({ id: made.id, username: made.username, role: made.role, token: made.token }, 201);
    },
  );

  api.openapi(
    apiRoute('admin', {
      method: 'post',
      path: '/tokens/{id}/revoke',
      summary: 'Revoke an API token (as `admin token revoke ID`)',
      tags: ['users'],
      request: {
        params: z.object({
          id: z
            .string()
            .min(1)
            .max(32)
            .openapi({ param: { name: 'id', in: 'path' } }),
        }),
      },
      responses: {
        204: { description: 'Revoked' },
        404: json(ErrorBody, 'No such token, or revoked already.'),
      },
    }),
    async (c) => {
      await apiTokens.revoke(c.req.valid('param').id, actor(c));
      return c.body(null, 204);
    },
  );

  return api;
}
