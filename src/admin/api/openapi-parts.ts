// What every admin API file declares the same way for its OpenAPI routes: a JSON body of a schema, a problem
// answer, the `{id}` path parameter, and who the audit log names for a call.
import { z } from '@hono/zod-openapi';
import type { WebContext } from '../../web/web-env.js';

/** A JSON request or response body of `schema`, described. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** An error answer (a problem document), described. */
export const problem = (description: string) => json(z.object({}).passthrough(), description);

/** The `{id}` path parameter: a positive whole number. */
export const Id = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** The audit log's actor for a call: the signed-in user. */
export const actor = (c: WebContext) => `admin:${c.get('signedIn')!.operator.username}`;
