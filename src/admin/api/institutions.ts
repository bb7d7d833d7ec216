// /api/v1/institutions: public-service accounts and their devices for scripts, through the same institution
// service as /admin/lembaga and `warganet institution …`.
import { z } from '@hono/zod-openapi';
import { ServiceError } from '../../services/errors.js';
import { INSTITUTION_KINDS, type InstitutionRecord } from '../../services/institutions/institutions.js';
import { apiRoute, newApi } from '../../web/api-kit.js';
import type { AdminServices } from '../admin-deps.js';
import { actor, Id, json, problem } from './openapi-parts.js';

export const Institution = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.enum(INSTITUTION_KINDS),
    dusun: z.string().nullable(),
    plan: z.string().nullable().openapi({ description: 'Null: the default plan' }),
    priority: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Queue priority 1 (highest) – 8 over the plan' }),
    note: z.string().nullable(),
    disabled: z.boolean(),
    devices: z.array(z.object({ mac: z.string(), label: z.string().nullable() })),
  })
  .openapi('Institution');

const clearable = z.string().max(200).nullable().optional();
const Settings = z.object({
  kind: z.enum(INSTITUTION_KINDS).optional(),
  dusun: clearable,
  plan: clearable.openapi({ description: 'A plan name; null: the default plan' }),
  priority: z
    .union([z.number().int(), z.string().max(4)])
    .nullable()
    .optional(),
  note: clearable,
  disabled: z.boolean().optional(),
});
export const InstitutionCreate = Settings.extend({ name: z.string().min(1).max(80) }).openapi(
  'InstitutionCreate',
);
export const InstitutionUpdate = Settings.openapi('InstitutionUpdate');
export const InstitutionDeviceAdd = z
  .object({ mac: z.string().max(40), label: z.string().max(60).optional() })
  .openapi('InstitutionDeviceAdd');

const DeviceParams = Id.extend({
  mac: z
    .string()
    .max(40)
    .openapi({ param: { name: 'mac', in: 'path' } }),
});

export const institutionJson = (i: InstitutionRecord): z.infer<typeof Institution> => ({
  id: i.id,
  name: i.name,
  kind: i.kind,
  dusun: i.dusun,
  plan: i.planName,
  priority: i.priority,
  note: i.note,
  disabled: i.disabledAt !== null,
  devices: i.devices.map((d) => ({ mac: d.mac, label: d.label })),
});

export function institutionsApi(services: Pick<AdminServices, 'institutions'>) {
  const { institutions } = services;
  const api = newApi();
  async function find(id: number): Promise<InstitutionRecord> {
    const found = (await institutions.list()).find((i) => i.id === id);
    if (!found) throw new ServiceError('not-found', `lembaga #${id} tidak ada`);
    return found;
  }
  const body = <T extends z.ZodType>(schema: T) => ({
    required: true,
    content: { 'application/json': { schema } },
  });

  api.openapi(
    apiRoute('operator', {
      method: 'get',
      path: '/institutions',
      summary: 'Every institution with its devices',
      tags: ['institutions'],
      responses: { 200: json(z.object({ institutions: z.array(Institution) }), 'By name') },
    }),
    async (c) => c.json({ institutions: (await institutions.list()).map(institutionJson) }, 200),
  );

  api.openapi(
    apiRoute('operator', {
      method: 'post',
      path: '/institutions',
      summary: 'Add an institution (as `warganet institution add`)',
      tags: ['institutions'],
      request: { body: body(InstitutionCreate) },
      responses: { 201: json(Institution, 'Added'), 409: problem('Name taken') },
    }),
    async (c) => {
      const { name, ...input } = c.req.valid('json');
      return c.json(institutionJson(await institutions.add(name, input, actor(c))), 201);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'patch',
      path: '/institutions/{id}',
      summary: 'Change an institution (as `warganet institution set`)',
      tags: ['institutions'],
      request: { params: Id, body: body(InstitutionUpdate) },
      responses: { 200: json(Institution, 'Changed'), 404: problem('No such institution') },
    }),
    async (c) => {
      const i = await find(c.req.valid('param').id);
      return c.json(institutionJson(await institutions.set(i.name, c.req.valid('json'), actor(c))), 200);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'delete',
      path: '/institutions/{id}',
      summary: 'Remove an institution and its devices (its usage stays in the reports)',
      tags: ['institutions'],
      request: { params: Id },
      responses: {
        200: json(z.object({ removed: z.string(), devices: z.number().int() }), 'Removed'),
        404: problem('No such institution'),
      },
    }),
    async (c) => {
      const i = await find(c.req.valid('param').id);
      const r = await institutions.remove(i.name, actor(c));
      return c.json({ removed: r.name, devices: r.devices }, 200);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'post',
      path: '/institutions/{id}/devices',
      summary: 'Add a device (as `warganet institution device add`)',
      tags: ['institutions'],
      request: { params: Id, body: body(InstitutionDeviceAdd) },
      responses: { 201: json(Institution, 'Added'), 409: problem('MAC taken') },
    }),
    async (c) => {
      const i = await find(c.req.valid('param').id);
      const { mac, label } = c.req.valid('json');
      await institutions.addDevice(i.name, mac, label, actor(c));
      return c.json(institutionJson(await find(i.id)), 201);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'delete',
      path: '/institutions/{id}/devices/{mac}',
      summary: 'Remove a device (as `warganet institution device remove`)',
      tags: ['institutions'],
      request: { params: DeviceParams },
      responses: { 200: json(Institution, 'Removed'), 404: problem('No such device') },
    }),
    async (c) => {
      const { id, mac } = c.req.valid('param');
      const i = await find(id);
      await institutions.removeDevice(mac, actor(c), i.name);
      return c.json(institutionJson(await find(i.id)), 200);
    },
  );

  return api;
}
