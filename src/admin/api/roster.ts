// /api/v1/roster/imports: the roster pages' actions for scripts. POST a file (multipart) → its upload id and, when
// the dry run finishes within a few seconds, its report (else 202: poll GET /{id}); POST /{id}/apply → the import
// runs (all or nothing); GET → the history. Same service, same jobs as the pages.
import { z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { ServiceError } from '../../services/errors.js';
import { MAX_UPLOAD_BYTES, type UploadView } from '../../services/residents/roster-uploads.js';
import { apiRoute, errorJson, newApi } from '../../web/api-kit.js';
import type { AdminServices } from '../admin-deps.js';
import { actor, Id, json } from './openapi-parts.js';

/** How long a request waits for its job before answering 202 (a small village's file is done by then). */
const WAIT_MS = 20_000;

const Rejection = z.object({
  row: z.number().int(),
  name: z.string(),
  nikMasked: z.string(),
  reason: z.string(),
});
const Warning = z.object({
  row: z.number().int(),
  name: z.string(),
  nikMasked: z.string(),
  code: z.string(),
  message: z.string(),
});
const Deactivated = z.object({
  name: z.string(),
  nikMasked: z.string(),
  dusun: z.string(),
  why: z.enum(['missing', 'status']),
  hadWifi: z.boolean(),
});

export const RosterReport = z
  .object({
    rows: z.number().int(),
    added: z.number().int(),
    updated: z.number().int(),
    deactivated: z.number().int(),
    inactiveInRoster: z.number().int(),
    activeBefore: z.number().int(),
    needsConfirmation: z.boolean().openapi({
      description: 'The deactivation guard holds: apply needs `confirmDeactivate` = `deactivated`.',
    }),
    full: z.boolean(),
    format: z.enum(['xlsx', 'csv']),
    sheet: z.string().nullable(),
    rejectedTotal: z.number().int(),
    warningsTotal: z.number().int(),
    deactivatedTotal: z.number().int(),
    rejected: z.array(Rejection).openapi({ description: 'The first 1,000; `row` is the spreadsheet row.' }),
    warnings: z.array(Warning),
    deactivatedResidents: z.array(Deactivated),
    warningKinds: z.array(z.object({ code: z.string(), message: z.string(), count: z.number().int() })),
  })
  .openapi('RosterReport');

export const RosterUpload = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    size: z.number().int(),
    partial: z.boolean(),
    state: z.enum(['checking', 'checked', 'applying', 'applied', 'failed']),
    running: z.boolean(),
    stage: z.enum(['reading', 'checking', 'hashing', 'saving']).nullable(),
    done: z.number().int(),
    total: z.number().int(),
    error: z.string().nullable(),
    batchId: z.number().int().nullable(),
    createdBy: z.string(),
    appliedBy: z.string().nullable(),
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
    report: RosterReport.nullable(),
  })
  .openapi('RosterUpload');

export const ImportHistory = z
  .object({
    imports: z.array(
      z.object({
        id: z.number().int(),
        fileName: z.string(),
        full: z.boolean(),
        actor: z.string().nullable(),
        startedAt: z.number().int(),
        finishedAt: z.number().int().nullable(),
        added: z.number().int(),
        updated: z.number().int(),
        deactivated: z.number().int(),
        rejected: z.number().int(),
        warnings: z.number().int(),
      }),
    ),
    nextPage: z.number().int().nullable(),
    uploads: z.array(RosterUpload.omit({ report: true })),
  })
  .openapi('ImportHistory');

const errors = {
  404: json(z.object({}).passthrough(), 'No such upload, or it expired.'),
  409: json(z.object({}).passthrough(), 'Not in a state to apply (checking, applying, applied, failed).'),
};

function uploadJson(u: UploadView) {
  return {
    id: u.id,
    fileName: u.fileName,
    size: u.size,
    partial: u.partial,
    state: u.state,
    running: u.running,
    stage: u.stage,
    done: u.done,
    total: u.total,
    error: u.error,
    batchId: u.batchId,
    createdBy: u.createdBy,
    appliedBy: u.appliedBy,
    createdAt: u.createdAt,
    expiresAt: u.expiresAt,
    report: u.report,
  };
}

export function rosterApi(services: Pick<AdminServices, 'rosterUploads'>) {
  const uploads = services.rosterUploads;
  const api = newApi();
  api.use('/roster/imports', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    return bodyLimit({
      maxSize: MAX_UPLOAD_BYTES + 64 * 1024,
      onError: (cc) => errorJson(cc, 413, 'invalid-input', 'berkas lebih besar dari 64 MB', 'file'),
    })(c, next);
  });

  api.openapi(
    apiRoute('operator', {
      method: 'post',
      path: '/roster/imports',
      summary: 'Upload an OpenSID export and dry-run it',
      description:
        'Keeps the file server side and checks it (nothing changes). Answers 200 with the report when the dry run ends within 20 s, else 202: follow `GET /roster/imports/{id}`.',
      tags: ['roster'],
      request: {
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z
                  .any()
                  .openapi({ type: 'string', format: 'binary', description: '.xlsx or .csv, ≤ 64 MB' }),
                partial: z.enum(['true', 'false', '1', '0']).optional().openapi({
                  description: 'Only add and update: nobody missing from the file is deactivated.',
                }),
              }),
            },
          },
        },
      },
      responses: {
        200: json(RosterUpload, 'Checked: the report is ready.'),
        202: json(RosterUpload, 'Still being checked.'),
      },
    }),
    async (c) => {
      const form = c.req.valid('form');
      const file = form.file as unknown;
      if (!(file instanceof File) || file.size === 0)
        throw new ServiceError('invalid-input', 'berkas .xlsx atau .csv wajib dikirim', 'file');
      const id = await uploads.upload({
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        partial: form.partial === 'true' || form.partial === '1',
        actor: actor(c),
      });
      await uploads.settled(id, WAIT_MS);
      const u = await uploads.get(id);
      return c.json(uploadJson(u), u.running ? 202 : 200);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'get',
      path: '/roster/imports',
      summary: 'The history of roster imports, and the uploads still kept',
      tags: ['roster'],
      request: { query: z.object({ page: z.coerce.number().int().min(1).max(100_000).optional() }) },
      responses: { 200: json(ImportHistory, 'Newest first, 50 a page.') },
    }),
    async (c) => {
      const page = c.req.valid('query').page ?? 1;
      const [history, recent] = await Promise.all([uploads.history({ page, perPage: 50 }), uploads.recent()]);
      return c.json(
        {
          imports: history.slice(0, 50),
          nextPage: history.length > 50 ? page + 1 : null,
          uploads: recent.map((u) => {
            const { report: _report, ...rest } = uploadJson(u);
            return rest;
          }),
        },
        200,
      );
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'get',
      path: '/roster/imports/{id}',
      summary: "An upload's state, progress and report",
      tags: ['roster'],
      request: { params: Id },
      responses: { 200: json(RosterUpload, 'The upload.'), 404: errors[404] },
    }),
    async (c) => c.json(uploadJson(await uploads.get(c.req.valid('param').id)), 200),
  );

  api.openapi(
    apiRoute('operator', {
      method: 'post',
      path: '/roster/imports/{id}/apply',
      summary: 'Apply a checked upload (all or nothing)',
      description:
        "When the report says `needsConfirmation`, `confirmDeactivate` must equal `report.deactivated` (the CLI's --confirm-deactivate). Answers 200 when the import ends within 20 s, else 202.",
      tags: ['roster'],
      request: {
        params: Id,
        body: {
          required: false,
          content: {
            'application/json': {
              schema: z
                .object({ confirmDeactivate: z.number().int().min(0).optional() })
                .openapi('RosterApply'),
            },
          },
        },
      },
      responses: {
        200: json(RosterUpload, 'Applied (or failed: see `state` and `error`).'),
        202: json(RosterUpload, 'Being applied.'),
        404: errors[404],
        409: errors[409],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {};
      await uploads.apply(id, { actor: actor(c), confirmDeactivate: body.confirmDeactivate });
      await uploads.settled(id, WAIT_MS);
      const u = await uploads.get(id);
      return c.json(uploadJson(u), u.running ? 202 : 200);
    },
  );

  return api;
}
