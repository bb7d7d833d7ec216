// /api/v1/plans: the plan pages' actions for scripts, on the plan service `warganet plan …` calls. Input is in the
// CLI's units (`5M`, `2GB`, `4h`; `null` clears an optional setting on PATCH); output in bits/s, bytes, seconds.
import { z } from '@hono/zod-openapi';
import { ServiceError } from '../../services/errors.js';
import type { PlanPush, PushCounts } from '../../services/plans/plan-pushes.js';
import type { PlanChangeResult, PlanInput, PlanView } from '../../services/plans/plans.js';
import { apiRoute, newApi } from '../../web/api-kit.js';
import type { AdminServices } from '../admin-deps.js';
import { actor, Id, json, problem } from './openapi-parts.js';

const Counts = z.object({ pending: z.number().int(), done: z.number().int(), failed: z.number().int() });

export const Plan = z
  .object({
    id: z.number().int(),
    name: z.string(),
    profileName: z.string(),
    downRate: z.number().int().openapi({ description: 'bits/s' }),
    upRate: z.number().int(),
    rateLimit: z.string().openapi({ description: 'The Mikrotik-Rate-Limit value' }),
    burstDownRate: z.number().int().nullable(),
    burstUpRate: z.number().int().nullable(),
    burstThresholdDown: z.number().int().nullable(),
    burstThresholdUp: z.number().int().nullable(),
    burstTimeS: z.number().int().nullable(),
    priority: z.number().int().nullable(),
    dailyQuotaBytes: z.number().nullable(),
    monthlyQuotaBytes: z.number().nullable(),
    devicesAllowed: z.number().int(),
    sessionTimeoutS: z.number().int().nullable(),
    idleTimeoutS: z.number().int().nullable(),
    atQuota: z.enum(['cut', 'throttle']),
    throttleDownRate: z.number().int().nullable(),
    throttleUpRate: z.number().int().nullable(),
    timeWindow: z
      .string()
      .nullable()
      .openapi({ description: 'When the plan is on, in WARGANET_TZ (e.g. "Sen-Jum 07:00-14:00")' }),
    stepDownBytes: z.number().nullable().openapi({ description: 'Full speed for this many bytes a day' }),
    stepDownDownRate: z.number().int().nullable(),
    stepDownUpRate: z.number().int().nullable(),
    isDefault: z.boolean(),
    accounts: z.number().int().openapi({ description: 'Accounts on it (with those following the default)' }),
    pushes: Counts.openapi({ description: "Routers by the state of this plan's latest push" }),
  })
  .openapi('Plan');

export const PlanPushJson = z
  .object({
    jobId: z.number().int(),
    routerId: z.number().int(),
    routerName: z.string(),
    state: z.enum(['pending', 'done', 'failed']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    updatedAt: z.number().int(),
  })
  .openapi('PlanPush');

const text = z.string().max(40);
const clearable = text.nullable().optional();
const PlanSettings = z.object({
  down: text.optional().openapi({ example: '5M' }),
  up: text.optional().openapi({ example: '2M' }),
  dailyQuota: clearable.openapi({ example: '2GB' }),
  monthlyQuota: clearable,
  devices: z.union([z.number().int(), text]).optional(),
  burstDown: clearable,
  burstUp: clearable,
  burstThresholdDown: clearable,
  burstThresholdUp: clearable,
  burstTime: z.union([z.number().int(), text]).nullable().optional(),
  priority: z.union([z.number().int(), text]).nullable().optional(),
  sessionTimeout: clearable.openapi({ example: '4h' }),
  idleTimeout: clearable,
  atQuota: z.enum(['cut', 'throttle']).optional(),
  throttleDown: clearable,
  throttleUp: clearable,
  window: z.string().max(200).nullable().optional().openapi({ example: 'Sen-Jum 07:00-14:00' }),
  stepDownAfter: clearable.openapi({ example: '1GB' }),
  stepDownDown: clearable.openapi({ example: '1M' }),
  stepDownUp: clearable.openapi({ example: '512k' }),
  profile: z.string().max(63).optional(),
  default: z.boolean().optional().openapi({ description: 'Make it the default plan' }),
});
export const PlanCreate = PlanSettings.extend({ name: z.string().min(1).max(64) }).openapi('PlanCreate');
export const PlanUpdate = PlanSettings.openapi('PlanUpdate');

export const PlanChange = z
  .object({
    plan: Plan,
    previousDefault: z.string().nullable(),
    warning: z
      .string()
      .nullable()
      .openapi({ description: 'Saved, but the push to the routers was not queued' }),
  })
  .openapi('PlanChange');

function planJson(p: PlanView, accounts: number, pushes: PushCounts | undefined): z.infer<typeof Plan> {
  return {
    id: p.id,
    name: p.name,
    profileName: p.profile_name,
    downRate: p.down_rate,
    upRate: p.up_rate,
    rateLimit: p.rate_limit,
    burstDownRate: p.burst_down_rate,
    burstUpRate: p.burst_up_rate,
    burstThresholdDown: p.burst_threshold_down,
    burstThresholdUp: p.burst_threshold_up,
    burstTimeS: p.burst_time_s,
    priority: p.priority,
    dailyQuotaBytes: p.daily_quota_bytes,
    monthlyQuotaBytes: p.monthly_quota_bytes,
    devicesAllowed: p.devices_allowed,
    sessionTimeoutS: p.session_timeout_s,
    idleTimeoutS: p.idle_timeout_s,
    atQuota: p.at_quota,
    throttleDownRate: p.throttle_down_rate,
    throttleUpRate: p.throttle_up_rate,
    timeWindow: p.time_window,
    stepDownBytes: p.step_down_bytes,
    stepDownDownRate: p.step_down_down_rate,
    stepDownUpRate: p.step_down_up_rate,
    isDefault: p.is_default,
    accounts,
    pushes: pushes ?? { pending: 0, done: 0, failed: 0 },
  };
}

const pushJson = (p: PlanPush) => ({
  jobId: p.jobId,
  routerId: p.routerId,
  routerName: p.routerName,
  state: p.state,
  attempts: p.attempts,
  lastError: p.lastError,
  updatedAt: p.updatedAt,
});

export function plansApi(services: Pick<AdminServices, 'plans' | 'planPushes'>) {
  const { plans, planPushes } = services;
  const api = newApi();

  async function find(id: number): Promise<PlanView> {
    const plan = await plans.get(id);
    if (!plan) throw new ServiceError('not-found', `paket #${id} tidak ada`);
    return plan;
  }

  async function one(p: PlanView) {
    const [accounts, counts] = await Promise.all([plans.accountsOn(p.id), planPushes.counts()]);
    return planJson(p, accounts, counts.get(p.id));
  }

  async function change(r: PlanChangeResult) {
    return {
      plan: await one(r.plan),
      previousDefault: r.previousDefault ?? null,
      warning: r.followUpError ?? null,
    };
  }

  api.openapi(
    apiRoute('operator', {
      method: 'get',
      path: '/plans',
      summary: 'Every plan, with its accounts and router pushes',
      tags: ['plans'],
      responses: { 200: json(z.object({ plans: z.array(Plan) }), 'By name') },
    }),
    async (c) => {
      const [list, usage, counts] = await Promise.all([plans.list(), plans.usage(), planPushes.counts()]);
      return c.json({ plans: list.map((p) => planJson(p, usage.get(p.id) ?? 0, counts.get(p.id))) }, 200);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'post',
      path: '/plans',
      summary: 'Add a plan (as `warganet plan add`)',
      tags: ['plans'],
      request: { body: { required: true, content: { 'application/json': { schema: PlanCreate } } } },
      responses: {
        201: json(PlanChange, 'Added; its push to the routers is queued'),
        409: problem('Name or profile taken'),
      },
    }),
    async (c) => {
      const { name, ...input } = c.req.valid('json');
      return c.json(await change(await plans.add(name, input as PlanInput, actor(c))), 201);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'get',
      path: '/plans/{id}',
      summary: 'A plan and its push to each router',
      tags: ['plans'],
      request: { params: Id },
      responses: {
        200: json(z.object({ plan: Plan, pushes: z.array(PlanPushJson) }), 'The plan'),
        404: problem('No such plan'),
      },
    }),
    async (c) => {
      const plan = await find(c.req.valid('param').id);
      const pushes = await planPushes.forPlan(plan.id);
      return c.json({ plan: await one(plan), pushes: pushes.map(pushJson) }, 200);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'patch',
      path: '/plans/{id}',
      summary: 'Change a plan (as `warganet plan set`): only the settings given change',
      tags: ['plans'],
      request: {
        params: Id,
        body: { required: true, content: { 'application/json': { schema: PlanUpdate } } },
      },
      responses: {
        200: json(PlanChange, 'Changed; its push is queued'),
        404: problem('No such plan'),
        409: problem('Profile taken'),
      },
    }),
    async (c) => {
      const plan = await find(c.req.valid('param').id);
      return c.json(
        await change(await plans.set(plan.name, c.req.valid('json') as PlanInput, actor(c))),
        200,
      );
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'delete',
      path: '/plans/{id}',
      summary: 'Remove a plan no account uses',
      tags: ['plans'],
      request: { params: Id },
      responses: {
        200: json(z.object({ removed: z.string() }), 'Removed'),
        404: problem('No such plan'),
        409: problem('Still used: the message says by how many accounts'),
      },
    }),
    async (c) => {
      const plan = await find(c.req.valid('param').id);
      const removed = await plans.remove(plan.name, actor(c));
      return c.json({ removed: removed.name }, 200);
    },
  );

  api.openapi(
    apiRoute('operator', {
      method: 'post',
      path: '/plans/{id}/pushes/{jobId}/retry',
      summary: "Queue a plan's failed push to a router again",
      tags: ['plans'],
      request: {
        params: Id.extend({
          jobId: z.coerce
            .number()
            .int()
            .positive()
            .openapi({ param: { name: 'jobId', in: 'path' } }),
        }),
      },
      responses: {
        200: json(z.object({ push: PlanPushJson }), 'Pending again; the router agent delivers it'),
        404: problem('No such plan or push'),
        409: problem('The push has not failed'),
      },
    }),
    async (c) => {
      const { id, jobId } = c.req.valid('param');
      const plan = await find(id);
      return c.json({ push: pushJson(await planPushes.retry(plan.id, jobId, actor(c))) }, 200);
    },
  );

  return api;
}
