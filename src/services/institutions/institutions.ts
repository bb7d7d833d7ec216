// Institutions (public-service accounts): the school, the puskesmas, the balai desa kiosk. Their devices belong
// to the institution, not to a resident: they log in by MAC authentication with the institution's own plan and
// queue priority, and their traffic is counted under the institution. Input arrives as operators type it (CLI,
// form, API) and is checked here once.
import { normalizeMac } from '../../domain/mac.js';
import { auditDetail } from '../audit/audit.js';
import { invalidInput, ServiceError } from '../errors.js';
import {
  INSTITUTION_KINDS,
  type InstitutionFields,
  type InstitutionKind,
  type InstitutionRecord,
  type InstitutionStore,
  type InstitutionUsage,
} from './institution-ports.js';

export type { InstitutionDevice, InstitutionKind, InstitutionRecord } from './institution-ports.js';
export { INSTITUTION_KINDS } from './institution-ports.js';

/** An institution as typed; on `set` an absent field keeps its value and `none` clears an optional one. */
export interface InstitutionInput {
  readonly kind?: string | undefined;
  readonly dusun?: string | null | undefined;
  /** A plan name; `none` (or empty) follows the default plan. */
  readonly plan?: string | null | undefined;
  readonly priority?: string | number | null | undefined;
  readonly note?: string | null | undefined;
  readonly disabled?: boolean | undefined;
}

const NONE = /^(none|tanpa|-|)$/i;

function checkName(name: string): string {
  const n = name.trim();
  if (n.length === 0) throw invalidInput('nama lembaga wajib diisi', 'name');
  if (n.length > 80) throw invalidInput('nama lembaga paling panjang 80 karakter', 'name');
  if (/[\u0000-\u001f\u007f]/.test(n))
    throw invalidInput('nama lembaga berisi karakter yang tidak sah', 'name');
  return n;
}

function checkKind(kind: string): InstitutionKind {
  const k = kind.trim().toLowerCase();
  if (!(INSTITUTION_KINDS as readonly string[]).includes(k))
    throw invalidInput(`jenis lembaga harus salah satu dari ${INSTITUTION_KINDS.join(', ')}`, 'kind');
  return k as InstitutionKind;
}

function text(value: string | null | undefined, max: number, field: string): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || NONE.test(value.trim())) return null;
  const t = value.trim();
  if (t.length > max) throw invalidInput(`paling panjang ${max} karakter`, field);
  return t;
}

function checkMac(mac: string): string {
  const m = normalizeMac(mac.trim());
  if (!m) throw invalidInput(`alamat MAC tidak terbaca: "${mac.trim()}" (contoh: AA:BB:CC:DD:EE:FF)`, 'mac');
  return m;
}

export function createInstitutionService(deps: { store: InstitutionStore; now: () => number }) {
  const { store } = deps;

  async function find(name: string): Promise<InstitutionRecord> {
    const found = await store.findByName(name.trim());
    if (!found) throw new ServiceError('not-found', `lembaga ${name.trim()} tidak ada`, 'name');
    return found;
  }

  async function fieldsOf(
    input: InstitutionInput,
    current: InstitutionRecord | undefined,
    name: string,
  ): Promise<InstitutionFields> {
    let planId = current?.planId ?? null;
    if (input.plan !== undefined) {
      if (input.plan === null || NONE.test(input.plan.trim())) planId = null;
      else {
        const plan = await store.planIdByName(input.plan.trim());
        if (!plan) throw new ServiceError('not-found', `paket ${input.plan.trim()} tidak ada`, 'plan');
        planId = plan.id;
      }
    }
    let priority = current?.priority ?? null;
    if (input.priority !== undefined) {
      const p = input.priority === null ? '' : String(input.priority).trim();
      if (NONE.test(p)) priority = null;
      else if (/^[1-8]$/.test(p)) priority = Number(p);
      else throw invalidInput('prioritas harus bilangan bulat 1–8 (1 tertinggi)', 'priority');
    }
    const dusun = text(input.dusun, 60, 'dusun');
    const note = text(input.note, 200, 'note');
    return {
      name,
      kind: input.kind !== undefined ? checkKind(input.kind) : (current?.kind ?? 'lainnya'),
      dusun: dusun === undefined ? (current?.dusun ?? null) : dusun,
      planId,
      priority,
      note: note === undefined ? (current?.note ?? null) : note,
      disabled: input.disabled ?? current?.disabledAt != null,
    };
  }

  const audit = (actor: string, action: string, target: string, detail: Record<string, unknown>) => ({
    at: deps.now(),
    actor,
    action,
    target,
    detail: auditDetail(detail),
  });

  return {
    list: () => store.list(),
    get: find,

    async add(name: string, input: InstitutionInput, actor: string): Promise<InstitutionRecord> {
      const n = checkName(name);
      if (input.kind === undefined) throw invalidInput('jenis lembaga wajib diisi', 'kind');
      const fields = await fieldsOf(input, undefined, n);
      if (await store.findByName(n))
        throw new ServiceError('conflict', `lembaga ${n} sudah ada; ubah dengan "institution set"`, 'name');
      const at = deps.now();
      await store.create(fields, at, audit(actor, 'institution.add', `institution:${n}`, { ...fields }));
      return find(n);
    },

    async set(name: string, input: InstitutionInput, actor: string): Promise<InstitutionRecord> {
      const current = await find(name);
      const given = Object.values(input).filter((v) => v !== undefined);
      if (given.length === 0)
        throw invalidInput('tidak ada yang diubah: sebutkan setidaknya satu pengaturan');
      const fields = await fieldsOf(input, current, current.name);
      await store.update(
        current.id,
        fields,
        deps.now(),
        audit(actor, 'institution.set', `institution:${current.name}`, { ...fields }),
      );
      return find(current.name);
    },

    async remove(name: string, actor: string): Promise<{ name: string; devices: number }> {
      const current = await find(name);
      await store.remove(
        current.id,
        audit(actor, 'institution.remove', `institution:${current.name}`, {
          devices: current.devices.map((d) => d.mac),
        }),
      );
      return { name: current.name, devices: current.devices.length };
    },

    async addDevice(name: string, macText: string, label: string | undefined, actor: string) {
      const institution = await find(name);
      const mac = checkMac(macText);
      const holder = await store.holderOfMac(mac);
      if (holder)
        throw new ServiceError('conflict', `MAC ${mac} sudah milik lembaga ${holder.institution}`, 'mac');
      if (await store.residentHasMac(mac))
        throw new ServiceError(
          'conflict',
          `MAC ${mac} terdaftar sebagai perangkat warga; cabut dulu dari akun warga itu`,
          'mac',
        );
      const l = text(label, 60, 'label') ?? null;
      await store.addDevice(
        institution.id,
        mac,
        l,
        deps.now(),
        audit(actor, 'institution.device-add', `institution:${institution.name}`, { mac, label: l }),
      );
      return { institution: institution.name, mac, label: l };
    },

    /**
     * Removes a device by its MAC. The page and the API name the institution too (`of`): a device of another
     * institution is then "not found" there, so a form or a URL cannot take away another institution's device.
     */
    async removeDevice(macText: string, actor: string, of?: string) {
      const mac = checkMac(macText);
      const holder = await store.holderOfMac(mac);
      if (!holder) throw new ServiceError('not-found', `MAC ${mac} bukan perangkat lembaga mana pun`, 'mac');
      if (of !== undefined && holder.institution !== of)
        throw new ServiceError('not-found', `MAC ${mac} bukan perangkat lembaga ${of}`, 'mac');
      await store.removeDevice(
        holder.deviceId,
        audit(actor, 'institution.device-remove', `institution:${holder.institution}`, { mac }),
      );
      return { institution: holder.institution, mac };
    },

    /** Each institution's traffic over the local days `from`–`to` (YYYY-MM-DD, inclusive). */
    async usage(from: string, to: string): Promise<Map<number, InstitutionUsage>> {
      return new Map((await store.usage(from, to)).map((u) => [u.institutionId, u] as const));
    },
  };
}

export type InstitutionService = ReturnType<typeof createInstitutionService>;
