// /api/v1 for residents and accounts (operators and admins): the filtered list, a NIK search in a POST body (a
// NIK never goes in a URL), the resident's card and data export, registration at the office, and every action
// the pages offer, through the same services. Answers carry masked NIK/KK only; a PIN appears once, in the
// answer to the call that made it.
import { z } from '@hono/zod-openapi';
import { RESIDENT_STATUS_FILTERS } from '../../services/residents/resident-search.js';
import { apiRoute, newApi } from '../../web/api-kit.js';
import type { WebContext } from '../../web/web-env.js';
import type { AdminDeps } from '../admin-deps.js';
import { sessionEndingLifecycle } from '../session-enders.js';

const Id = z
  .string()
  .regex(/^[1-9]\d{0,15}$/)
  .openapi({ param: { name: 'id', in: 'path' }, example: '12' });

export const ResidentListing = z
  .object({
    id: z.number().int(),
    nik_masked: z.string(),
    name: z.string(),
    dusun: z.string(),
    rw: z.string(),
    rt: z.string(),
    active: z.boolean(),
    account_status: z.string().nullable(),
    unverified_reason: z.string().nullable(),
  })
  .openapi('ResidentListing');

export const ResidentPageBody = z
  .object({
    residents: z.array(ResidentListing),
    next: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `after` for the next page; null on the last.' }),
    total: z.object({ count: z.number().int(), capped: z.boolean() }),
  })
  .openapi('ResidentPage');

const Filters = {
  name: z.string().max(64).optional().openapi({ description: 'Start of the name, at least 2 letters.' }),
  dusun: z.string().max(64).optional(),
  rt: z.string().max(8).optional().openapi({ description: 'Needs `dusun`.' }),
  status: z.enum(RESIDENT_STATUS_FILTERS).optional(),
  after: z.string().max(16).optional(),
};

const Device = z.object({
  id: z.number().int(),
  label: z.string().nullable(),
  mac: z.string(),
  username: z.string(),
  created_at: z.number(),
  last_seen_at: z.number(),
  bytes_this_month: z.number(),
});

const Account = z
  .object({
    id: z.number().int(),
    status: z.string(),
    suspended_reason: z.string().nullable(),
    unverified_reason: z.string().nullable(),
    plan_name: z.string().nullable(),
    follows_default_plan: z.boolean(),
    consent_at: z.number().nullable(),
    consent_notice_version: z.string().nullable(),
    consent_channel: z.string().nullable(),
    approved_by: z.string().nullable(),
    approved_at: z.number().nullable(),
    created_at: z.number(),
    household_members: z.number().int(),
    devices: z.array(Device),
  })
  .openapi('Account');

export const ResidentCardBody = z
  .object({
    resident: z.object({
      id: z.number().int(),
      nik_masked: z.string(),
      kk_masked: z.string(),
      name: z.string(),
      sex: z.number().int().nullable(),
      birth_date: z.string().nullable(),
      dusun: z.string(),
      rw: z.string(),
      rt: z.string(),
      kk_level: z.number().int().nullable(),
      active: z.boolean(),
      deactivated_at: z.number().nullable(),
    }),
    household: z.array(
      z.object({
        id: z.number().int(),
        nik_masked: z.string(),
        name: z.string(),
        kk_level: z.number().int().nullable(),
        active: z.boolean(),
        account_status: z.string().nullable(),
      }),
    ),
    account: Account.nullable(),
  })
  .openapi('ResidentCard');

export const ResidentExportBody = ResidentCardBody.extend({
  generated_at: z.number(),
  sessions: z.array(
    z.object({
      router: z.string(),
      started_at: z.number(),
      stopped_at: z.number().nullable(),
      mac: z.string().nullable(),
      ip: z.string().nullable(),
      download_bytes: z.number(),
      upload_bytes: z.number(),
      seconds: z.number(),
    }),
  ),
  sessions_truncated: z.boolean(),
}).openapi('ResidentExport');

export const AccountChangeBody = z
  .object({
    accountId: z.number().int(),
    nik_masked: z.string(),
    name: z.string(),
    status: z.string(),
    plan_name: z.string().nullable().optional(),
  })
  .openapi('AccountChange');

export const PinBody = z
  .object({
    account_id: z.number().int(),
    resident_id: z.number().int().optional(),
    nik_masked: z.string(),
    name: z.string(),
    pin: z.string().openapi({ description: 'In clear this once: give it to the resident now.' }),
  })
  .openapi('NewPin');

export const ErasureBody = z
  .object({
    nik_masked: z.string(),
    name: z.string(),
    devices: z.number().int(),
    sessions_scrubbed: z.number().int(),
    auth_log_scrubbed: z.number().int(),
  })
  .openapi('Erasure');

export const DeviceRemovedBody = z
  .object({ id: z.number().int(), mac: z.string(), label: z.string().nullable(), nik_masked: z.string() })
  .openapi('DeviceRemoved');

export const DeviceAddedBody = z
  .object({
    device_id: z.number().int(),
    mac: z.string(),
    label: z.string().nullable(),
    username: z.string(),
    password: z.string().openapi({ description: 'Answered this once; it cannot be shown again.' }),
    randomised: z.boolean().openapi({ description: 'A locally administered (per-network random) MAC.' }),
  })
  .openapi('DeviceAdded');

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const errors = { 404: { description: 'No such resident, account or device' } };
const conflict = { 409: { description: 'Not in a state that allows this (e.g. not pending)' } };

export function residentsApi(deps: AdminDeps) {
  const s = deps.services;
  const op = (c: WebContext) => ({
    actor: `admin:${c.get('signedIn')!.operator.username}`,
  });
  // Sessions of access taken away end the one way the sessions page and the CLI end them.
  const lifecycle = sessionEndingLifecycle(deps);
  // The services answer read-only arrays; the JSON body is the same data.
  const listing = (p: Awaited<ReturnType<typeof s.residentSearch.find>>) => ({
    ...p,
    residents: [...p.residents],
  });
  const cardBody = <T extends Awaited<ReturnType<typeof s.residentRecords.card>>>(c: T) => ({
    ...c,
    household: [...c.household],
    account: c.account ? { ...c.account, devices: [...c.account.devices] } : null,
  });
  const card = async (residentId: number) => cardBody(await s.residentRecords.card(residentId));
  const change = (r: { accountId: number; nik_masked: string; name: string; status: string }) => ({
    accountId: r.accountId,
    nik_masked: r.nik_masked,
    name: r.name,
    status: r.status,
  });

  return newApi()
    .openapi(
      apiRoute('operator', {
        method: 'get',
        path: '/residents',
        summary: 'Residents in name order, filtered, 50 a page (keyset: pass `next` as `after`)',
        tags: ['residents'],
        request: { query: z.object(Filters) },
        responses: { 200: json(ResidentPageBody, 'A page of residents') },
      }),
      async (c) => {
        const { after, ...filter } = c.req.valid('query');
        return c.json(listing(await s.residentSearch.find(filter, { after })), 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/residents/search',
        summary: 'The same list, with a NIK (exact, through the keyed index) in the body instead of a URL',
        tags: ['residents'],
        request: body(z.object({ nik: z.string().max(32).optional(), ...Filters })),
        responses: { 200: json(ResidentPageBody, 'A page of residents (at most one for a NIK)') },
      }),
      async (c) => {
        const { after, ...filter } = c.req.valid('json');
        return c.json(listing(await s.residentSearch.find(filter, { after })), 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/residents',
        summary:
          "Register a resident's Wi-Fi account at the office (consent recorded); answers the first PIN once",
        tags: ['residents'],
        request: body(
          z.object({
            nik: z.string().max(32),
            plan: z.string().max(64).optional().openapi({ description: 'Omit to follow the default plan.' }),
            consent: z.literal(true).openapi({ description: 'The resident agreed to the privacy notice.' }),
          }),
        ),
        responses: { 201: json(PinBody, 'The account, with its first PIN'), ...errors, ...conflict },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const r = await s.accounts.addByOperator(input.nik, { plan: input.plan }, op(c).actor);
        c.header('Cache-Control', 'no-store');
        return c.json(
          {
            account_id: r.account.id,
            resident_id: r.account.resident_id,
            nik_masked: r.nik_masked,
            name: r.name,
            pin: r.pin,
          },
          201,
        );
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'get',
        path: '/residents/{id}',
        summary: "A resident's card: roster entry, household, account, devices, consent",
        tags: ['residents'],
        request: { params: z.object({ id: Id }) },
        responses: { 200: json(ResidentCardBody, 'The card'), ...errors },
      }),
      async (c) => c.json(await card(Number(c.req.valid('param').id)), 200),
    )
    .openapi(
      apiRoute('operator', {
        method: 'get',
        path: '/residents/{id}/export',
        summary: 'Everything held about the resident, for the resident (UU PDP: the right to a copy)',
        tags: ['residents'],
        request: { params: z.object({ id: Id }) },
        responses: { 200: json(ResidentExportBody, 'The export'), ...errors },
      }),
      async (c) => {
        const data = await s.residentRecords.export(Number(c.req.valid('param').id));
        c.header('Cache-Control', 'no-store');
        return c.json({ ...cardBody(data), sessions: [...data.sessions] }, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/residents/{id}/erase',
        summary: "Erase the resident's Wi-Fi data on their request; only aggregates stay",
        tags: ['residents'],
        request: { params: z.object({ id: Id }), ...body(z.object({ confirm: z.literal(true) })) },
        responses: { 200: json(ErasureBody, 'What was erased'), ...errors },
      }),
      async (c) => {
        const r = await lifecycle.erase({ residentId: Number(c.req.valid('param').id) }, op(c));
        return c.json(
          {
            nik_masked: r.nik_masked,
            name: r.name,
            devices: r.devices,
            sessions_scrubbed: r.sessions_scrubbed,
            auth_log_scrubbed: r.auth_log_scrubbed,
          },
          200,
        );
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/accounts/{id}/approve',
        summary: 'Approve a pending account (after checking the ID card and family card)',
        tags: ['accounts'],
        request: { params: z.object({ id: Id }) },
        responses: { 200: json(AccountChangeBody, 'Approved'), ...errors, ...conflict },
      }),
      async (c) =>
        c.json(change(await lifecycle.approve({ accountId: Number(c.req.valid('param').id) }, op(c))), 200),
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/accounts/{id}/suspend',
        summary: 'Suspend an active account and end its live sessions',
        tags: ['accounts'],
        request: { params: z.object({ id: Id }), ...body(z.object({ reason: z.string().max(200) })) },
        responses: { 200: json(AccountChangeBody, 'Suspended'), ...errors, ...conflict },
      }),
      async (c) =>
        c.json(
          change(
            await lifecycle.suspend(
              { accountId: Number(c.req.valid('param').id) },
              c.req.valid('json').reason,
              op(c),
            ),
          ),
          200,
        ),
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/accounts/{id}/resume',
        summary: 'Make a suspended account active again',
        tags: ['accounts'],
        request: { params: z.object({ id: Id }) },
        responses: { 200: json(AccountChangeBody, 'Active again'), ...errors, ...conflict },
      }),
      async (c) =>
        c.json(change(await lifecycle.resume({ accountId: Number(c.req.valid('param').id) }, op(c))), 200),
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/accounts/{id}/plan',
        summary: 'Move the account to a plan ("bawaan" or "default" follows the default plan)',
        tags: ['accounts'],
        request: { params: z.object({ id: Id }), ...body(z.object({ plan: z.string().min(1).max(64) })) },
        responses: { 200: json(AccountChangeBody, 'Plan changed'), ...errors },
      }),
      async (c) => {
        const r = await lifecycle.setPlan(
          { accountId: Number(c.req.valid('param').id) },
          c.req.valid('json').plan,
          op(c),
        );
        return c.json({ ...change(r), plan_name: r.plan_name }, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/accounts/{id}/pin',
        summary: 'A new random PIN for the resident, answered this once',
        tags: ['accounts'],
        request: { params: z.object({ id: Id }) },
        responses: { 200: json(PinBody, 'The new PIN'), ...errors },
      }),
      async (c) => {
        const r = await lifecycle.resetPin({ accountId: Number(c.req.valid('param').id) }, op(c));
        c.header('Cache-Control', 'no-store');
        return c.json({ account_id: r.accountId, nik_masked: r.nik_masked, name: r.name, pin: r.pin }, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/residents/{id}/devices',
        summary:
          "Add a device without a browser (TV, printer) to the resident's account; its login is answered once",
        tags: ['accounts'],
        request: {
          params: z.object({ id: Id }),
          ...body(z.object({ mac: z.string().max(32), label: z.string().max(80).optional() })),
        },
        responses: { 201: json(DeviceAddedBody, 'Added'), ...errors, ...conflict },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const r = await s.devices.addByOperator(
          { residentId: Number(c.req.valid('param').id) },
          input,
          op(c).actor,
        );
        c.header('Cache-Control', 'no-store');
        return c.json(
          {
            device_id: r.device.id,
            mac: r.device.mac,
            label: r.device.label,
            username: r.device.username,
            password: r.password,
            randomised: r.randomised,
          },
          201,
        );
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/accounts/{id}/reclaim',
        summary:
          'The resident takes back a NIK someone else registered (checked at the office): devices revoked, sessions ended, a new PIN answered once, consent recorded through the operator',
        tags: ['accounts'],
        request: { params: z.object({ id: Id }) },
        responses: { 200: json(PinBody, 'The new PIN'), ...errors },
      }),
      async (c) => {
        const r = await lifecycle.reclaim({ accountId: Number(c.req.valid('param').id) }, op(c));
        c.header('Cache-Control', 'no-store');
        return c.json({ account_id: r.accountId, nik_masked: r.nik_masked, name: r.name, pin: r.pin }, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'delete',
        path: '/devices/{id}',
        summary: "Remove a resident's device and end its live sessions",
        tags: ['accounts'],
        request: { params: z.object({ id: Id }) },
        responses: { 200: json(DeviceRemovedBody, 'Removed'), ...errors },
      }),
      async (c) => {
        const r = await lifecycle.removeDeviceById(Number(c.req.valid('param').id), op(c));
        return c.json(
          { id: r.device.id, mac: r.device.mac, label: r.device.label, nik_masked: r.nik_masked },
          200,
        );
      },
    );
}
