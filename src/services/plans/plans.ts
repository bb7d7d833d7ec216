// Bandwidth plans: what a resident's devices get (rates, burst, quotas, device count, timeouts). Input arrives as
// operators write it (`5M`, `2GB`, `4h`), from the CLI or a form, and is checked here, once, for every transport.
// Exactly one plan is the default; the first plan added becomes it.

import { rateLimitString } from '../../domain/rate-limit.js';
import { type AuditEntry, auditDetail } from '../audit/audit.js';
import { invalidInput, ServiceError } from '../errors.js';
import { parsePlanChanges } from './plan-input.js';
import type { PlanFields, PlanInput } from './plan-record.js';

export type { AtQuota, PlanFields, PlanInput } from './plan-record.js';

export interface PlanRecord extends PlanFields {
  readonly id: number;
  readonly is_default: boolean;
  readonly created_at: number;
  readonly updated_at: number;
}

export interface PlanView extends PlanRecord {
  /** The Mikrotik-Rate-Limit / hotspot profile `rate-limit` value. */
  readonly rate_limit: string;
}

export interface PlanWriteOptions {
  /** Make this plan the default (and no other). */
  readonly makeDefault: boolean;
  readonly at: number;
}

/** The storage a plan service needs. */
export interface PlanStore {
  list(): Promise<PlanRecord[]>;
  findById(id: number): Promise<PlanRecord | undefined>;
  findByName(name: string): Promise<PlanRecord | undefined>;
  findByProfileName(profileName: string): Promise<PlanRecord | undefined>;
  findDefault(): Promise<PlanRecord | undefined>;
  /** Inserts and audits in one transaction. The plan becomes the default when asked to, or when no plan is. */
  create(fields: PlanFields, opts: PlanWriteOptions, audit: AuditEntry): Promise<PlanRecord>;
  /** Replaces every field and audits in one transaction; `makeDefault` takes the flag from whichever plan had it. */
  update(id: number, fields: PlanFields, opts: PlanWriteOptions, audit: AuditEntry): Promise<PlanRecord>;
  /** Accounts on the plan, counting those that follow it as the default. */
  accountsOn(planId: number): Promise<number>;
  /** Institutions on the plan (their own plan, not the default). */
  institutionsOn?(planId: number): Promise<number>;
  /** Deletes and audits in one transaction. */
  remove(id: number, audit: AuditEntry): Promise<void>;
}

export interface PlanServiceDeps {
  readonly stores: { readonly plans: PlanStore };
  readonly now: () => number;
  /** Called after a plan is added or changed and committed, e.g. to push the profile to every router. */
  readonly onPlanChanged?: ((planId: number) => Promise<void>) | undefined;
}

export interface PlanChangeResult {
  readonly plan: PlanView;
  /** The plan that stopped being the default because this one became it. */
  readonly previousDefault?: string | undefined;
  /** The change is saved, but `onPlanChanged` failed (its message). */
  readonly followUpError?: string | undefined;
}

export function createPlanService(deps: PlanServiceDeps) {
  const { plans } = deps.stores;

  const view = (p: PlanRecord): PlanView => ({ ...p, rate_limit: rateLimitString(p) });

  async function afterCommit(plan: PlanRecord, previousDefault?: PlanRecord): Promise<PlanChangeResult> {
    let followUpError: string | undefined;
    try {
      await deps.onPlanChanged?.(plan.id);
    } catch (err) {
      followUpError = err instanceof Error ? err.message : String(err);
    }
    const moved = previousDefault && previousDefault.id !== plan.id && plan.is_default;
    return { plan: view(plan), previousDefault: moved ? previousDefault.name : undefined, followUpError };
  }

  async function requireProfileFree(profileName: string, ownId?: number): Promise<void> {
    const holder = await plans.findByProfileName(profileName);
    if (holder && holder.id !== ownId) {
      throw new ServiceError(
        'conflict',
        `nama profil ${profileName} sudah dipakai paket ${holder.name}; pilih nama profil lain`,
        'profile',
      );
    }
  }

  return {
    async list(): Promise<PlanView[]> {
      return (await plans.list()).map(view);
    },

    async get(id: number): Promise<PlanView | undefined> {
      const p = await plans.findById(id);
      return p && view(p);
    },

    async getByName(name: string): Promise<PlanView | undefined> {
      const p = await plans.findByName(name.trim());
      return p && view(p);
    },

    /** Accounts on each plan, counting those that follow the default one. */
    async usage(): Promise<Map<number, number>> {
      const all = await plans.list();
      const counts = await Promise.all(all.map((p) => plans.accountsOn(p.id)));
      return new Map(all.map((p, i) => [p.id, counts[i]!]));
    },

    async accountsOn(id: number): Promise<number> {
      return plans.accountsOn(id);
    },

    async getDefault(): Promise<PlanView | undefined> {
      const p = await plans.findDefault();
      return p && view(p);
    },

    async add(name: string, input: PlanInput, actor: string): Promise<PlanChangeResult> {
      const planName = checkPlanName(name);
      if (input.down === undefined) throw invalidInput('laju unduh wajib diisi (contoh: 5M)', 'down');
      if (input.up === undefined) throw invalidInput('laju unggah wajib diisi (contoh: 2M)', 'up');
      const fields = parsePlanChanges(input, undefined, planName);
      if (await plans.findByName(planName)) {
        throw new ServiceError('conflict', `paket ${planName} sudah ada; ubah dengan "plan set"`, 'name');
      }
      await requireProfileFree(fields.profile_name);
      const at = deps.now();
      const previousDefault = await plans.findDefault();
      const plan = await plans.create(
        fields,
        { makeDefault: input.default === true, at },
        {
          at,
          actor,
          action: 'plan.add',
          target: `plan:${planName}`,
          detail: auditDetail({ ...fields, default: input.default }),
        },
      );
      return afterCommit(plan, previousDefault);
    },

    async set(name: string, input: PlanInput, actor: string): Promise<PlanChangeResult> {
      const current = await plans.findByName(name.trim());
      if (!current) throw new ServiceError('not-found', `paket ${name.trim()} tidak ada`, 'name');
      const given = Object.entries(input).filter(([, v]) => v !== undefined && v !== false);
      if (given.length === 0)
        throw invalidInput('tidak ada yang diubah: sebutkan setidaknya satu pengaturan');
      const fields = parsePlanChanges(input, current, current.name);
      if (fields.profile_name !== current.profile_name)
        await requireProfileFree(fields.profile_name, current.id);
      const at = deps.now();
      const previousDefault = await plans.findDefault();
      const changed = Object.fromEntries(
        Object.entries(fields).filter(([k, v]) => current[k as keyof PlanFields] !== v),
      );
      const plan = await plans.update(
        current.id,
        fields,
        { makeDefault: input.default === true, at },
        {
          at,
          actor,
          action: 'plan.set',
          target: `plan:${current.name}`,
          detail: auditDetail({ ...changed, default: input.default }),
        },
      );
      return afterCommit(plan, previousDefault);
    },

    /** Deletes a plan no account uses (nor follows as the default). */
    async remove(name: string, actor: string): Promise<{ name: string }> {
      const plan = await plans.findByName(name.trim());
      if (!plan) throw new ServiceError('not-found', `paket ${name.trim()} tidak ada`, 'name');
      const users = await plans.accountsOn(plan.id);
      if (users > 0) {
        throw new ServiceError(
          'conflict',
          `paket ${plan.name} masih dipakai ${users} akun${plan.is_default ? ' (termasuk yang mengikuti paket bawaan)' : ''}; pindahkan dulu dengan "account set NIK --plan NAMA"`,
          'name',
        );
      }
      const institutions = (await plans.institutionsOn?.(plan.id)) ?? 0;
      if (institutions > 0) {
        throw new ServiceError(
          'conflict',
          `paket ${plan.name} masih dipakai ${institutions} lembaga; pindahkan dulu dengan "institution set NAMA --plan PAKET"`,
          'name',
        );
      }
      const at = deps.now();
      await plans.remove(plan.id, {
        at,
        actor,
        action: 'plan.remove',
        target: `plan:${plan.name}`,
        detail: auditDetail({ profile_name: plan.profile_name, default: plan.is_default }),
      });
      return { name: plan.name };
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;

function checkPlanName(name: string): string {
  const n = name.trim();
  if (n.length === 0) throw invalidInput('nama paket wajib diisi', 'name');
  if (n.length > 64) throw invalidInput('nama paket paling panjang 64 karakter', 'name');
  if (/[\u0000-\u001f\u007f]/.test(n))
    throw invalidInput('nama paket berisi karakter yang tidak sah', 'name');
  return n;
}
