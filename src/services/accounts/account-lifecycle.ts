// What an operator does to an existing account: approve a pending one, suspend and resume it, move it to
// another plan, give the resident a new PIN, hand a NIK taken over by a stranger back to its resident
// (reclaim), and erase an account. Every change is audited in its own transaction; taking access away ends
// the account's live sessions through the disconnectors the caller passes (they need sockets this layer lacks).
import { normalizeMac } from '../../domain/mac.js';
import { checkNik } from '../../domain/nik.js';
import { newAcceptablePin } from '../../domain/pin.js';
import { type AuditEntry, auditDetail } from '../audit/audit.js';
import { invalidInput, ServiceError } from '../errors.js';
import type { Keyring } from '../keyring.js';
import type { PlanStore } from '../plans/plans.js';
import { type AttemptStore, nikKey } from '../portal/portal-attempts.js';
import type { LiveSessionControl, SessionService } from '../radius/radius-sessions.js';
import { endSessions, type LiveSessionFinder, type SessionEndReport } from '../radius/session-ending.js';
import {
  findRosterResident,
  NOT_IN_ROSTER,
  type ResidentFinder,
  type ResidentSummary,
} from '../residents/resident-lookup.js';
import { ACCOUNT_STATUS_LABELS, OPERATOR_CONSENT_NOTICE_VERSION } from './accounts.js';
import { hashPin } from './pin-hash.js';

export interface ManagedAccount {
  readonly id: number;
  readonly resident_id: number;
  readonly status: string;
  readonly plan_id: number | null;
  readonly unverified_reason: string | null;
  readonly suspended_reason: string | null;
}

/** The account columns an operator's action may change. */
export interface AccountPatch {
  readonly status?: string;
  readonly plan_id?: number | null;
  readonly pin_hash?: string;
  readonly unverified_reason?: null;
  readonly suspended_reason?: string | null;
  readonly approved_by?: string;
  readonly approved_at?: number;
  readonly consent_at?: number;
  readonly consent_notice_version?: string;
  readonly consent_channel?: string;
}

/**
 * Whom an action is for: a NIK typed by the operator (CLI), or a resident the admin web found by id (it never
 * holds a NIK in clear).
 */
export type ResidentRef = string | { readonly residentId: number } | { readonly accountId: number };

/** A roster resident by id, with the NIK's keyed hash (the portal's wrong-PIN counters are kept under it). */
export interface ResidentById extends ResidentSummary {
  readonly nik_index: string;
}

export interface AccountLifecycleStore extends ResidentFinder, LiveSessionFinder {
  findResidentById(residentId: number): Promise<ResidentById | undefined>;
  /** The resident whose account this is. */
  accountOwner(accountId: number): Promise<{ resident_id: number } | undefined>;
  /** The resident whose account holds this live device. */
  deviceOwner(deviceId: number): Promise<{ resident_id: number } | undefined>;
  findManaged(residentId: number): Promise<ManagedAccount | undefined>;
  liveDeviceIds(accountId: number): Promise<number[]>;
  /**
   * In one transaction with its audit: applies the patch (clearing PIN failures and lock when a PIN is set) and,
   * with `revokeDevices`, revokes every live device of the account. Returns the ids revoked.
   */
  updateAccount(
    accountId: number,
    patch: AccountPatch,
    opts: { at: number; revokeDevices: boolean },
    audit: AuditEntry,
  ): Promise<number[]>;
  /**
   * In one transaction with its audit: deletes the account and its devices. Sessions keep their totals with no
   * device; daily usage stays for the reports (it never named the account). Returns the devices deleted.
   */
  removeAccount(accountId: number, audit: AuditEntry): Promise<number>;
  /**
   * The same, for a subject's erasure request: also strips the sessions and auth log of what could point back at
   * the person, and the portal's counters under the NIK's keyed hash. Daily usage (aggregates) stays.
   */
  eraseAccount(accountId: number, audit: AuditEntry): Promise<ErasureCounts>;
  liveDevices(accountId: number): Promise<ManagedDevice[]>;
  /** Revokes one live device of the account with its audit; false when it was not live (changed nothing). */
  revokeDevice(accountId: number, deviceId: number, audit: AuditEntry): Promise<boolean>;
}

export interface ErasureCounts {
  readonly devices: number;
  readonly sessions_scrubbed: number;
  readonly auth_log_scrubbed: number;
}

export interface ManagedDevice {
  readonly id: number;
  readonly mac: string;
  readonly label: string | null;
}

export interface AccountLifecycleDeps {
  readonly stores: {
    readonly accountAdmin: AccountLifecycleStore;
    readonly plans: Pick<PlanStore, 'findByName'>;
  };
  readonly sessions: SessionService;
  /** The portal's attempt counters: a PIN set at the office starts without the old PIN's waits. */
  readonly attempts?: Pick<AttemptStore, 'clearAttempt'> | undefined;
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly villageCode: string;
}

/** Who acts, and how to reach routers when access is taken away. */
export interface OperatorContext {
  readonly actor: string;
  readonly disconnectors?: readonly LiveSessionControl[] | undefined;
}

export interface AccountChange {
  readonly accountId: number;
  readonly nik_masked: string;
  readonly name: string;
  readonly status: string;
  /** Sessions ended (or not) because access was taken away. */
  readonly sessions: SessionEndReport;
}

export interface PinChange extends AccountChange {
  /** In clear, this once: the operator hands it to the resident. */
  readonly pin: string;
  readonly devices_revoked: number;
}

const statusLabel = (status: string) => ACCOUNT_STATUS_LABELS[status] ?? status;

export function createAccountLifecycle(deps: AccountLifecycleDeps) {
  const store = deps.stores.accountAdmin;

  async function residentIdOf(ref: Exclude<ResidentRef, string>): Promise<number | undefined> {
    if ('residentId' in ref) return ref.residentId;
    const owner = await store.accountOwner(ref.accountId);
    if (!owner) throw new ServiceError('not-found', 'akun tidak ada', 'account');
    return owner.resident_id;
  }

  async function rosterResident(ref: ResidentRef): Promise<ResidentSummary> {
    if (typeof ref === 'string') return findRosterResident(deps, store, ref);
    const residentId = await residentIdOf(ref);
    const resident = residentId === undefined ? undefined : await store.findResidentById(residentId);
    if (!resident) throw new ServiceError('not-found', NOT_IN_ROSTER, 'resident');
    return resident;
  }

  async function locate(nik: ResidentRef): Promise<{ resident: ResidentSummary; account: ManagedAccount }> {
    const resident = await rosterResident(nik);
    const account = await store.findManaged(resident.id);
    if (!account) {
      throw new ServiceError(
        'not-found',
        `penduduk ${resident.nik_masked} belum punya akun Wi-Fi; buat dengan "account add"`,
        'nik',
      );
    }
    return { resident, account };
  }

  const audit = (actor: string, action: string, accountId: number, detail: Record<string, unknown>) =>
    ({
      at: deps.now(),
      actor,
      action,
      target: `account:${accountId}`,
      detail: auditDetail(detail),
    }) satisfies AuditEntry;

  async function change(
    nik: ResidentRef,
    op: OperatorContext,
    action: string,
    decide: (account: ManagedAccount, resident: ResidentSummary) => AccountPatch,
    opts: { endSessions?: boolean; detail?: Record<string, unknown> } = {},
  ): Promise<AccountChange> {
    const { resident, account } = await locate(nik);
    const patch = decide(account, resident);
    // Read before the change: once suspended, the sessions still run until kicked.
    const live = opts.endSessions
      ? await store.activeSessionIdsOf(await store.liveDeviceIds(account.id))
      : [];
    await store.updateAccount(
      account.id,
      patch,
      { at: deps.now(), revokeDevices: false },
      audit(op.actor, action, account.id, { ...opts.detail, from: account.status, to: patch.status }),
    );
    return {
      accountId: account.id,
      nik_masked: resident.nik_masked,
      name: resident.name,
      status: patch.status ?? account.status,
      sessions: await endSessions(deps.sessions, live, op.disconnectors ?? []),
    };
  }

  /**
   * A PIN that passes the portal's own rules (nothing derived from the NIK), hashed as the portal checks it; the
   * NIK's wrong-PIN waits are cleared, so the resident can use it at once.
   */
  async function newPinHash(nik: ResidentRef): Promise<{ pin: string; hash: string }> {
    if (typeof nik !== 'string') {
      // Without the NIK in clear the PIN cannot be compared with it; a random PIN rarely resembles it anyway.
      const residentId = await residentIdOf(nik);
      const resident = residentId === undefined ? undefined : await store.findResidentById(residentId);
      if (!resident) throw new ServiceError('not-found', NOT_IN_ROSTER, 'resident');
      const pin = newAcceptablePin({});
      await deps.attempts?.clearAttempt(nikKey(resident.nik_index));
      return { pin, hash: await hashPin(deps.keyring, pin) };
    }
    const check = checkNik(nik, { today: new Date(deps.now()), villageCode: deps.villageCode });
    const pin = newAcceptablePin(check.ok ? { nik: check.nik } : {});
    if (check.ok) await deps.attempts?.clearAttempt(nikKey(await deps.keyring.blindIndex('nik', check.nik)));
    return { pin, hash: await hashPin(deps.keyring, pin) };
  }

  async function revoke(
    resident: ResidentSummary,
    account: ManagedAccount,
    device: ManagedDevice,
    op: OperatorContext,
  ) {
    const live = await store.activeSessionIdsOf([device.id]);
    const removed = await store.revokeDevice(account.id, device.id, {
      at: deps.now(),
      actor: op.actor,
      action: 'device.revoke',
      target: `device:${device.id}`,
      detail: auditDetail({ account_id: account.id, mac: device.mac }),
    });
    if (!removed) throw new ServiceError('not-found', 'perangkat sudah dicabut', 'device');
    return {
      nik_masked: resident.nik_masked,
      name: resident.name,
      device,
      sessions: await endSessions(deps.sessions, live, op.disconnectors ?? []),
    };
  }

  return {
    /** A pending account becomes active: the operator has checked who registered it. */
    approve(nik: ResidentRef, op: OperatorContext): Promise<AccountChange> {
      return change(nik, op, 'account.approve', (account, resident) => {
        if (account.status !== 'pending') {
          throw new ServiceError(
            'conflict',
            `akun ${resident.nik_masked} tidak menunggu persetujuan (status: ${statusLabel(account.status)})`,
            'nik',
          );
        }
        if (!resident.active) {
          throw new ServiceError(
            'not-eligible',
            `penduduk ${resident.nik_masked} tidak aktif di data penduduk desa; impor data terbaru atau periksa KTP/KK dulu`,
            'nik',
          );
        }
        const at = deps.now();
        return { status: 'active', approved_by: op.actor, approved_at: at, unverified_reason: null };
      });
    },

    suspend(nik: ResidentRef, reason: string, op: OperatorContext): Promise<AccountChange> {
      const why = reason.trim();
      if (!why) throw invalidInput('alasan wajib diisi', 'reason');
      if (why.length > 200 || /[\u0000-\u001f\u007f]/.test(why)) {
        throw invalidInput('alasan paling panjang 200 karakter, satu baris', 'reason');
      }
      return change(
        nik,
        op,
        'account.suspend',
        (account, resident) => {
          if (account.status === 'suspended') {
            throw new ServiceError('conflict', `akun ${resident.nik_masked} sudah ditangguhkan`, 'nik');
          }
          // A pending account has no access to take away, and resuming must not skip its approval.
          if (account.status !== 'active') {
            throw new ServiceError(
              'conflict',
              `akun ${resident.nik_masked} belum aktif (status: ${statusLabel(account.status)}); hapus dengan "account remove" bila perlu`,
              'nik',
            );
          }
          return { status: 'suspended', suspended_reason: why };
        },
        { endSessions: true, detail: { reason: why } },
      );
    },

    /** A suspended account is active again (only active accounts are suspended). */
    resume(nik: ResidentRef, op: OperatorContext): Promise<AccountChange> {
      return change(nik, op, 'account.resume', (account, resident) => {
        if (account.status !== 'suspended') {
          throw new ServiceError(
            'conflict',
            `akun ${resident.nik_masked} tidak ditangguhkan (status: ${statusLabel(account.status)})`,
            'nik',
          );
        }
        return { status: 'active', suspended_reason: null };
      });
    },

    /** Moves the account to a named plan; "default" (or the default plan's own name given as such) follows it. */
    async setPlan(nik: ResidentRef, planName: string, op: OperatorContext) {
      const name = planName.trim();
      const followDefault = name.toLowerCase() === 'bawaan' || name.toLowerCase() === 'default';
      const plan = followDefault ? undefined : await deps.stores.plans.findByName(name);
      if (!followDefault && !plan) throw new ServiceError('not-found', `paket ${name} tidak ada`, 'plan');
      const result = await change(nik, op, 'account.set-plan', () => ({ plan_id: plan?.id ?? null }), {
        detail: { plan: plan?.name ?? null },
      });
      return { ...result, plan_name: plan?.name ?? null };
    },

    /** A new random PIN for the resident, printed once; wrong-PIN counts and locks are cleared. */
    async resetPin(nik: ResidentRef, op: OperatorContext): Promise<PinChange> {
      const { pin, hash } = await newPinHash(nik);
      const result = await change(nik, op, 'account.pin', () => ({ pin_hash: hash }));
      return { ...result, pin, devices_revoked: 0 };
    },

    /**
     * The resident, at the office with KTP and KK, takes their NIK back from whoever registered it: every
     * device goes and its sessions end, the old PIN stops working, a new one is set, and the resident's own
     * consent is recorded. A suspended account stays suspended; anything else becomes active.
     */
    async reclaim(nik: ResidentRef, op: OperatorContext): Promise<PinChange> {
      const { resident, account } = await locate(nik);
      if (!resident.active) {
        throw new ServiceError(
          'not-eligible',
          `penduduk ${resident.nik_masked} tidak aktif di data penduduk desa; impor data terbaru dulu`,
          'nik',
        );
      }
      const { pin, hash } = await newPinHash(nik);
      const at = deps.now();
      const live = await store.activeSessionIdsOf(await store.liveDeviceIds(account.id));
      const status = account.status === 'suspended' ? 'suspended' : 'active';
      const revoked = await store.updateAccount(
        account.id,
        {
          status,
          pin_hash: hash,
          unverified_reason: null,
          approved_by: op.actor,
          approved_at: at,
          consent_at: at,
          consent_notice_version: OPERATOR_CONSENT_NOTICE_VERSION,
          consent_channel: 'operator',
        },
        { at, revokeDevices: true },
        audit(op.actor, 'account.reclaim', account.id, {
          from: account.status,
          to: status,
          was_unverified: account.unverified_reason ?? undefined,
          consent_channel: 'operator',
          consent_notice_version: OPERATOR_CONSENT_NOTICE_VERSION,
        }),
      );
      return {
        accountId: account.id,
        nik_masked: resident.nik_masked,
        name: resident.name,
        status,
        pin,
        devices_revoked: revoked.length,
        sessions: await endSessions(deps.sessions, live, op.disconnectors ?? []),
      };
    },

    /** Revokes one device, named by its MAC or its label, and ends its sessions. */
    async removeDevice(nik: ResidentRef, macOrLabel: string, op: OperatorContext) {
      const { resident, account } = await locate(nik);
      const wanted = macOrLabel.trim();
      if (!wanted) throw invalidInput('sebutkan MAC atau label perangkat', 'device');
      const devices = await store.liveDevices(account.id);
      const mac = normalizeMac(wanted);
      let matches = mac ? devices.filter((d) => d.mac === mac) : [];
      if (matches.length === 0) {
        matches = devices.filter((d) => d.label?.toLowerCase() === wanted.toLowerCase());
      }
      if (matches.length === 0) {
        throw new ServiceError(
          'not-found',
          `akun ${resident.nik_masked} tidak punya perangkat dengan MAC atau label "${wanted}"`,
          'device',
        );
      }
      if (matches.length > 1) {
        throw new ServiceError(
          'conflict',
          `ada ${matches.length} perangkat berlabel "${wanted}"; sebutkan MAC-nya`,
          'device',
        );
      }
      return revoke(resident, account, matches[0]!, op);
    },

    /** The same, for a device the admin web names by its id (from the resident's card). */
    async removeDeviceById(deviceId: number, op: OperatorContext) {
      const owner = await store.deviceOwner(deviceId);
      if (!owner) throw new ServiceError('not-found', 'perangkat tidak ada atau sudah dicabut', 'device');
      const { resident, account } = await locate({ residentId: owner.resident_id });
      const device = (await store.liveDevices(account.id)).find((d) => d.id === deviceId);
      if (!device) throw new ServiceError('not-found', 'perangkat tidak ada atau sudah dicabut', 'device');
      return revoke(resident, account, device, op);
    },

    /** Erases the account and its devices (UU PDP: the right to erasure); aggregates stay. */
    async remove(nik: ResidentRef, op: OperatorContext) {
      const { resident, account } = await locate(nik);
      const live = await store.activeSessionIdsOf(await store.liveDeviceIds(account.id));
      // Kicked first: once the devices are gone the sessions no longer name them.
      const sessions = await endSessions(deps.sessions, live, op.disconnectors ?? []);
      const devices = await store.removeAccount(
        account.id,
        audit(op.actor, 'account.remove', account.id, { resident_id: resident.id, status: account.status }),
      );
      return { nik_masked: resident.nik_masked, name: resident.name, devices_removed: devices, sessions };
    },

    /**
     * A resident's erasure request (UU PDP Pasal 8 and 43): the account, its devices, its consent record and
     * every trace that names them go; only aggregates stay (daily usage by device number, session totals). The
     * roster entry is the village's register, not the Wi-Fi service's, and stays. Audited as `account.erase`.
     */
    async erase(nik: ResidentRef, op: OperatorContext) {
      const { resident, account } = await locate(nik);
      const live = await store.activeSessionIdsOf(await store.liveDeviceIds(account.id));
      const sessions = await endSessions(deps.sessions, live, op.disconnectors ?? []);
      const counts = await store.eraseAccount(
        account.id,
        audit(op.actor, 'account.erase', account.id, { resident_id: resident.id, status: account.status }),
      );
      return { nik_masked: resident.nik_masked, name: resident.name, ...counts, sessions };
    },
  };
}

export type AccountLifecycle = ReturnType<typeof createAccountLifecycle>;
