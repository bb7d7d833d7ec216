// /api/v1/vouchers: the voucher pages' actions for scripts, on the voucher service `warganet voucher …` calls.
// Input is in the CLI's words (`1d`, `1GB`); output carries each voucher's `code` (the hotspot user name and
// password), so every answer that holds codes leaves an audit row, as the print pages do.
import { z } from '@hono/zod-openapi';
import type { VoucherBatchSummary, VoucherStatus, VoucherView } from '../../services/vouchers/vouchers.js';
import { apiRoute, newApi } from '../../web/api-kit.js';
import type { AdminServices } from '../admin-deps.js';
import { actor, Id, json, problem } from './openapi-parts.js';

const PAGE = 50;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const Status = z.enum(['unused', 'active', 'throttled', 'expired', 'revoked']);

export const VoucherBody = z
  .object({
    id: z.number().int(),
    code: z
      .string()
      .openapi({ description: 'The hotspot user name, and its password unless `password` is set' }),
    password: z.string().optional(),
    batch: z.string(),
    plan: z.string(),
    status: Status,
    validityS: z.number().int(),
    validityFrom: z.enum(['first-login', 'creation']),
    expiresAt: z.string().nullable(),
    quotaBytes: z.number().nullable(),
    usedBytes: z.number(),
    usedSeconds: z.number(),
    devicesAllowed: z.number().int(),
    boundMacs: z.array(z.string()),
    price: z.number().int().nullable().openapi({ description: 'Rupiah' }),
    note: z.string().nullable(),
    firstLoginAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Voucher');

export const VouchersBody = z
  .object({ vouchers: z.array(VoucherBody), page: z.number().int(), hasNext: z.boolean() })
  .openapi('Vouchers');

export const VoucherBatchBody = z
  .object({
    batch: z.string(),
    plan: z.string(),
    createdAt: z.string(),
    validityS: z.number().int(),
    validityFrom: z.enum(['first-login', 'creation']),
    quotaBytes: z.number().nullable(),
    devicesAllowed: z.number().int(),
    price: z.number().int().nullable(),
    note: z.string().nullable(),
    counts: z.object({
      unused: z.number().int(),
      active: z.number().int(),
      expired: z.number().int(),
      revoked: z.number().int(),
    }),
  })
  .openapi('VoucherBatch');

export const VoucherCreate = z
  .object({
    plan: z.string().min(1).max(64),
    count: z.number().int().min(1).max(1000),
    validity: z.string().max(12).optional().openapi({ example: '1d' }),
    quota: z.string().max(12).optional().openapi({ example: '1GB' }),
    devices: z.number().int().min(1).max(10).optional(),
    prefix: z.string().max(8).optional(),
    length: z.number().int().min(6).max(16).optional(),
    price: z.number().int().min(0).max(10_000_000).optional().openapi({ description: 'Rupiah' }),
    note: z.string().max(200).optional(),
    fromCreation: z.boolean().optional().openapi({ description: 'Validity counts from creation' }),
    separatePassword: z.boolean().optional(),
  })
  .openapi('VoucherCreate');

export const RevokedBody = z.object({ revoked: z.number().int() }).openapi('VouchersRevoked');

export function voucherJson(v: VoucherView): z.infer<typeof VoucherBody> {
  return {
    id: v.id,
    code: v.code,
    ...(v.password === undefined ? {} : { password: v.password }),
    batch: v.batch,
    plan: v.plan,
    status: v.status,
    validityS: v.validityS,
    validityFrom: v.validityFrom,
    expiresAt: iso(v.expiresAt),
    quotaBytes: v.quotaBytes,
    usedBytes: v.usedBytes,
    usedSeconds: v.usedSeconds,
    devicesAllowed: v.devicesAllowed,
    boundMacs: [...v.boundMacs],
    price: v.price,
    note: v.note,
    firstLoginAt: iso(v.firstLoginAt),
    revokedAt: iso(v.revokedAt),
    createdAt: iso(v.createdAt)!,
  };
}

const batchJson = (b: VoucherBatchSummary): z.infer<typeof VoucherBatchBody> => ({
  batch: b.batch,
  plan: b.planName,
  createdAt: iso(b.createdAt)!,
  validityS: b.validityS,
  validityFrom: b.validityFrom,
  quotaBytes: b.quotaBytes,
  devicesAllowed: b.devicesAllowed,
  price: b.price,
  note: b.note,
  counts: { ...b.counts },
});

const Batch = z.object({
  batch: z
    .string()
    .regex(/^[0-9a-z-]{1,40}$/)
    .openapi({ param: { name: 'batch', in: 'path' } }),
});

export function vouchersApi(services: Pick<AdminServices, 'vouchers'>) {
  const { vouchers } = services;
  const api = newApi();

  api.openapi(
    apiRoute('operator', {
      method: 'get',
      path: '/vouchers',
      summary: 'Vouchers with their codes, newest first, 50 a page (as `warganet voucher list --json`)',
      tags: ['vouchers'],
      request: {
        query: z.object({
          batch: z.string().max(40).optional(),
          status: Status.optional(),
          page: z.coerce.number().int().min(1).max(10_000).optional(),
        }),
      },
      responses: { 200: json(VouchersBody, 'A page of vouchers') },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = q.page ?? 1;
      const list = await vouchers.reveal(
        {
          batch: q.batch,
          status: q.status as VoucherStatus | undefined,
          limit: PAGE + 1,
          offset: (page - 1) * PAGE,
          newestFirst: true,
        },
        actor(c),
        'api',
      );
      return c.json(
        { vouchers: list.slice(0, PAGE).map(voucherJson), page, hasNext: list.length > PAGE },
        200,
      );
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'post',
      path: '/vouchers',
      summary: 'Create a batch of vouchers (as `warganet voucher create`)',
      tags: ['vouchers'],
      request: { body: { required: true, content: { 'application/json': { schema: VoucherCreate } } } },
      responses: {
        201: json(z.object({ batch: z.string(), vouchers: z.array(VoucherBody) }), 'Created'),
        404: problem('No such plan'),
      },
    }),
    async (c) => {
      const made = await vouchers.create(c.req.valid('json'), actor(c));
      return c.json({ batch: made[0]?.batch ?? '', vouchers: made.map(voucherJson) }, 201);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'get',
      path: '/vouchers/batches',
      summary: 'Batches, newest first, with how many vouchers of each stand where',
      tags: ['vouchers'],
      request: {
        query: z.object({ page: z.coerce.number().int().min(1).max(10_000).optional() }),
      },
      responses: {
        200: json(
          z.object({ batches: z.array(VoucherBatchBody), page: z.number().int(), hasNext: z.boolean() }),
          'A page of batches',
        ),
      },
    }),
    async (c) => {
      const page = c.req.valid('query').page ?? 1;
      const list = await vouchers.batches({ limit: PAGE + 1, offset: (page - 1) * PAGE });
      return c.json({ batches: list.slice(0, PAGE).map(batchJson), page, hasNext: list.length > PAGE }, 200);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'get',
      path: '/vouchers/{id}',
      summary: 'One voucher with its code',
      tags: ['vouchers'],
      request: { params: Id },
      responses: {
        200: json(z.object({ voucher: VoucherBody }), 'The voucher'),
        404: problem('No such voucher'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await vouchers.get(id);
      const [v] = await vouchers.reveal({ ids: [id] }, actor(c), 'api');
      return c.json({ voucher: voucherJson(v!) }, 200);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'post',
      path: '/vouchers/{id}/revoke',
      summary: 'Revoke one voucher (as `warganet voucher revoke CODE`)',
      tags: ['vouchers'],
      request: { params: Id },
      responses: {
        200: json(RevokedBody, 'Revoked (0 when it already was)'),
        404: problem('No such voucher'),
      },
    }),
    async (c) => {
      const revoked = await vouchers.revoke({ id: c.req.valid('param').id }, actor(c));
      return c.json({ revoked }, 200);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'post',
      path: '/vouchers/batches/{batch}/revoke',
      summary: 'Revoke every voucher of a batch still valid (as `warganet voucher revoke --batch`)',
      tags: ['vouchers'],
      request: { params: Batch },
      responses: { 200: json(RevokedBody, 'How many were revoked'), 404: problem('No such batch') },
    }),
    async (c) => {
      const revoked = await vouchers.revoke({ batch: c.req.valid('param').batch }, actor(c));
      return c.json({ revoked }, 200);
    },
  );

  return api;
}
