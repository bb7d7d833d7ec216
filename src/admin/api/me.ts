// `GET /api/v1/me`: who the token or session stands for, so a script can check its credentials.
import { z } from '@hono/zod-openapi';
import { ADMIN_ROLES } from '../../services/admins/admins.js';
import { apiRoute, newApi } from '../../web/api-kit.js';

const Me = z.object({ username: z.string(), role: z.enum(ADMIN_ROLES) }).openapi('Me');

export function meApi() {
  return newApi().openapi(
    apiRoute('official', {
      method: 'get',
      path: '/me',
      summary: 'The signed-in user',
      tags: ['users'],
      responses: { 200: { description: 'Who is calling', content: { 'application/json': { schema: Me } } } },
    }),
    (c) => {
      const { operator } = c.get('signedIn')!;
      return c.json({ username: operator.username, role: operator.role }, 200);
    },
  );
}
