// What a resident does on the captive portal: registers with NIK + KK number (consent recorded, PIN chosen),
// adds a phone with NIK + PIN, removes one when the plan's device count is full. Every outcome is a value the
// portal turns into words; nothing here carries a NIK, KK or PIN beyond the keyed hash and the PIN's hash.
// Whether a NIK is in the roster is never told to someone who lacks its KK number (or its PIN).
import { ADULT_AGE, ageOn, labelAcceptable } from '../domain/account-rules.js';
import { MAC_POLICY, NIK_POLICY, PIN_POLICY } from '../domain/attempt-limit.js';
import { newDevicePassword, newDeviceUsername } from '../domain/device-credentials.js';
import { checkKk, maskKk } from '../domain/kk.js';
import { normalizeMac } from '../domain/mac.js';
import { checkNik, maskNik } from '../domain/nik.js';
import { type AuditEntry, auditDetail } from './audit.js';
import type { DeviceRecord, DeviceStore } from './devices.js';
import type { Keyring } from './keyring.js';
import { hashSecret, verifySecret } from './password-hash.js';
import type { PlanStore } from './plans.js';
import { type AttemptStore, createAttemptLimiter, macKey, nikKey } from './portal-attempts.js';

export const PORTAL_ACTOR = 'portal';

export interface PortalResident {
  readonly id: number;
  readonly kk_index: string;
  readonly birth_date: string | null;
  readonly active: boolean;
}

export interface PortalAccount {
  readonly id: number;
  readonly resident_id: number;
  readonly status: string;
  readonly plan_id: number | null;
  readonly pin_hash: string | null;
  readonly pin_locked_until: number | null;
  readonly approved_by: string | null;
  readonly consent_channel: string | null;
  readonly resident_active: boolean;
}

export interface PortalDevice {
  readonly id: number;
  readonly mac: string;
  readonly label: string | null;
  readonly created_at: number;
  /** The latest accounting update of any of its sessions, else when it was added. */
  readonly last_seen_at: number;
}

export interface NewRegistration {
  readonly status: 'active' | 'pending';
  readonly pin_hash: string;
  readonly consent_at: number;
  readonly consent_notice_version: string;
  /** 'portal', or 'portal-guardian' when a minor ticked that a parent or guardian agrees. */
  readonly consent_channel: string;
  /** Why the roster did not confirm it (shown to operators); absent when it did. */
  readonly unverified_reason?: UnverifiedReason | undefined;
  readonly at: number;
}

export type UnverifiedReason = 'kk-mismatch' | 'not-in-roster' | 'resident-inactive';

/** A roster row for a NIK the roster lacks, held inactive so a later import can fill it in. */
export interface PlaceholderResident {
  readonly nik_index: string;
  readonly nik_masked: string;
  readonly kk_index: string;
  readonly kk_masked: string;
}

/** The storage the portal's use cases need (db/stores/portal-store.ts). */
export interface RegistrationStore {
  findResident(nikIndex: string): Promise<PortalResident | undefined>;
  findAccountByResident(residentId: number): Promise<PortalAccount | undefined>;
  findAccount(accountId: number): Promise<PortalAccount | undefined>;
  /**
   * In one transaction with its audit: creates the account, or overwrites `replaceAccountId` (a portal
   * registration still waiting, never approved); with `placeholder`, first adds that inactive roster row.
   * Undefined when a parallel registration of the same NIK got there first (nothing written).
   */
  saveRegistration(
    target: { residentId: number; replaceAccountId?: number } | { placeholder: PlaceholderResident },
    fields: NewRegistration,
    audit: (accountId: number) => AuditEntry,
  ): Promise<number | undefined>;
  /** Adds one wrong PIN and returns the count now stored. */
  bumpPinFailures(accountId: number, at: number): Promise<number>;
  lockPin(accountId: number, until: number, at: number): Promise<void>;
  clearPinFailures(accountId: number, at: number): Promise<void>;
  liveDevices(accountId: number): Promise<PortalDevice[]>;
  /** Revokes one of the account's live devices, with its audit; false when there is no such device. */
  revokeDevice(accountId: number, deviceId: number, audit: AuditEntry): Promise<boolean>;
}

export interface RegistrationDeps {
  readonly stores: {
    readonly portal: RegistrationStore;
    readonly attempts: AttemptStore;
    readonly devices: Pick<DeviceStore, 'findLiveByMac' | 'createWithinLimit'>;
    readonly plans: Pick<PlanStore, 'findById' | 'findDefault'>;
  };
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly villageCode: string;
  readonly minAge: number;
  readonly unverifiedPolicy: 'refuse' | 'pending';
  /** Ends the live sessions of a removed device (RADIUS Disconnect); best effort, a failure changes nothing. */
  readonly disconnectDevice?: ((deviceId: number) => Promise<void>) | undefined;
}

export type FieldName = 'nik' | 'kk' | 'pin' | 'pinRepeat' | 'consent' | 'guardianConsent' | 'label';

/** A field problem as a catalogue key; `detail` is the domain's Indonesian reason where it has one. */
export interface FieldError {
  readonly code: string;
  readonly detail?: string | undefined;
}

export type FieldErrors = Partial<Record<FieldName, FieldError>>;

export interface RegisterInput {
  readonly nik: string;
  readonly kk: string;
  readonly pin: string;
  readonly pinRepeat: string;
  readonly consent: boolean;
  readonly guardianConsent: boolean;
  readonly noticeVersion: string;
  /** The device's MAC as the hotspot reported it; absent when the portal was opened directly. */
  readonly mac?: string | undefined;
  readonly label?: string | undefined;
}

export type DeviceBinding =
  | { readonly kind: 'bound'; readonly device: DeviceRecord; readonly added: boolean }
  | { readonly kind: 'no-mac' }
  | { readonly kind: 'no-plan' }
  | { readonly kind: 'mac-elsewhere' }
  | {
      readonly kind: 'full';
      readonly planName: string;
      readonly devices: readonly PortalDevice[];
      readonly devicesAllowed: number;
    };

export type RegisterOutcome =
  | { readonly kind: 'invalid'; readonly errors: FieldErrors }
  | { readonly kind: 'locked'; readonly until: number }
  /** NIK unknown, or the KK number does not match it: one answer for both. */
  | { readonly kind: 'not-verified' }
  /** NIK and KK match, but the roster no longer lists the resident as living here. */
  | { readonly kind: 'inactive' }
  | { readonly kind: 'too-young'; readonly minAge: number }
  | { readonly kind: 'already-registered' }
  | { readonly kind: 'pending'; readonly reason: 'unverified' | 'guardian'; readonly accountId?: number }
  | { readonly kind: 'active'; readonly accountId: number; readonly binding: DeviceBinding };

export interface AddDeviceInput {
  readonly nik: string;
  readonly pin: string;
  readonly mac?: string | undefined;
  readonly label?: string | undefined;
}

export type AddDeviceOutcome =
  | { readonly kind: 'invalid'; readonly errors: FieldErrors }
  | { readonly kind: 'locked'; readonly until: number }
  /** Wrong PIN, or a NIK without an account: one answer for both. */
  | { readonly kind: 'wrong-pin'; readonly triesLeft: number }
  | { readonly kind: 'pending'; readonly accountId: number }
  | { readonly kind: 'suspended'; readonly accountId: number }
  | { readonly kind: 'inactive'; readonly accountId: number }
  | { readonly kind: 'ok'; readonly accountId: number; readonly binding: DeviceBinding };

const SIX_DIGITS = /^\d{6}$/;
/** PIN tries for a NIK that has no account: counted apart from registration's KK misses, locked alike. */
const pinKey = (nikIndex: string) => `pin:${nikIndex}`;

/** Six digits, and not one a stranger tries first: all alike, or a straight run up or down. */
export function pinProblem(pin: string): FieldError | undefined {
  if (!SIX_DIGITS.test(pin)) return { code: 'pin-format' };
  const d = [...pin].map(Number);
  const steps = new Set(d.slice(1).map((v, i) => v - d[i]!));
  if (steps.size === 1 && [0, 1, -1].includes([...steps][0]!)) return { code: 'pin-weak' };
  return undefined;
}

function labelProblem(label: string | undefined): FieldError | undefined {
  return label && !labelAcceptable(label) ? { code: 'label-invalid' } : undefined;
}

export function createRegistrationService(deps: RegistrationDeps) {
  const { portal, devices, plans } = deps.stores;
  const limiter = createAttemptLimiter({ store: deps.stores.attempts, now: deps.now });
  // Checked against a PIN for a NIK without an account, so that answer takes as long as a real check.
  let decoyHash: Promise<string> | undefined;
  const decoy = () => {
    decoyHash ??= hashSecret('decoy-pin');
    return decoyHash;
  };

  async function planFor(account: PortalAccount) {
    return account.plan_id === null ? plans.findDefault() : plans.findById(account.plan_id);
  }

  /** Binds the device with this MAC to the account: a new device within the plan's count, or the one it has. */
  async function bindDevice(account: PortalAccount, macText: string | undefined, label: string | undefined) {
    const mac = macText ? normalizeMac(macText) : undefined;
    if (!mac) return { kind: 'no-mac' } as const;
    const existing = await devices.findLiveByMac(mac);
    if (existing) {
      return existing.account_id === account.id
        ? ({ kind: 'bound', device: existing, added: false } as const)
        : ({ kind: 'mac-elsewhere' } as const);
    }
    const plan = await planFor(account);
    if (!plan) return { kind: 'no-plan' } as const;
    const secret_enc = await deps.keyring.encrypt(newDevicePassword());
    const at = deps.now();
    for (let attempt = 0; attempt < 5; attempt++) {
      const username = newDeviceUsername();
      const outcome = await devices.createWithinLimit(
        { account_id: account.id, mac, username, secret_enc, label: label || null, created_at: at },
        plan.devices_allowed,
        (id) => ({
          at,
          actor: PORTAL_ACTOR,
          action: 'device.add',
          target: `device:${id}`,
          detail: auditDetail({ account_id: account.id, mac, username, label: label || undefined }),
        }),
      );
      if (outcome.ok) return { kind: 'bound', device: outcome.device, added: true } as const;
      if (outcome.reason === 'limit-reached') {
        return {
          kind: 'full',
          planName: plan.name,
          devices: await portal.liveDevices(account.id),
          devicesAllowed: plan.devices_allowed,
        } as const;
      }
      if (outcome.reason === 'mac-taken') return { kind: 'mac-elsewhere' } as const;
    }
    throw new Error('could not find a free device user name');
  }

  async function createPending(
    resident: PortalResident | undefined,
    placeholder: PlaceholderResident,
    unverified: NewRegistration,
    reason: UnverifiedReason,
  ): Promise<RegisterOutcome> {
    const fields: NewRegistration = { ...unverified, unverified_reason: reason };
    const audit = (id: number): AuditEntry => ({
      at: fields.at,
      actor: PORTAL_ACTOR,
      action: 'account.register',
      target: `account:${id}`,
      detail: auditDetail({
        status: 'pending',
        verified: false,
        unverified_reason: reason,
        consent_notice_version: fields.consent_notice_version,
      }),
    });
    if (!resident) {
      const accountId = await portal.saveRegistration({ placeholder }, fields, audit);
      return accountId === undefined
        ? { kind: 'pending', reason: 'unverified' }
        : { kind: 'pending', reason: 'unverified', accountId };
    }
    const account = await portal.findAccountByResident(resident.id);
    // Someone's account exists: say the same as for a new one, and change nothing.
    if (account) return { kind: 'pending', reason: 'unverified' };
    const accountId = await portal.saveRegistration({ residentId: resident.id }, fields, audit);
    return accountId === undefined
      ? { kind: 'pending', reason: 'unverified' }
      : { kind: 'pending', reason: 'unverified', accountId };
  }

  return {
    bindDevice,

    async register(input: RegisterInput): Promise<RegisterOutcome> {
      const now = deps.now();
      const errors: FieldErrors = {};
      const nik = checkNik(input.nik, { today: new Date(now), villageCode: deps.villageCode });
      if (!nik.ok) errors.nik = { code: input.nik.trim() ? 'nik-invalid' : 'nik-empty', detail: nik.reason };
      const kk = checkKk(input.kk, { today: new Date(now) });
      if (!kk.ok) errors.kk = { code: input.kk.trim() ? 'kk-invalid' : 'kk-empty', detail: kk.reason };
      const pin = pinProblem(input.pin);
      if (pin) errors.pin = pin;
      else if (input.pin !== input.pinRepeat) errors.pinRepeat = { code: 'pin-mismatch' };
      if (!input.consent) errors.consent = { code: 'consent-required' };
      const label = input.label?.trim() || undefined;
      const labelError = labelProblem(label);
      if (labelError) errors.label = labelError;
      if (!nik.ok || !kk.ok || Object.keys(errors).length > 0) return { kind: 'invalid', errors };

      const nikIndex = await deps.keyring.blindIndex('nik', nik.nik);
      const kkIndex = await deps.keyring.blindIndex('kk', kk.kk);
      const mac = input.mac ? normalizeMac(input.mac) : undefined;
      const keys = [
        { key: nikKey(nikIndex), policy: NIK_POLICY },
        ...(mac ? [{ key: macKey(mac), policy: MAC_POLICY }] : []),
      ];
      const locked = await limiter.lockedUntil(keys);
      if (locked !== undefined) return { kind: 'locked', until: locked };

      const resident = await portal.findResident(nikIndex);
      const fields = (status: 'active' | 'pending', guardian: boolean, pinHash: string): NewRegistration => ({
        status,
        pin_hash: pinHash,
        consent_at: now,
        consent_notice_version: input.noticeVersion,
        consent_channel: guardian ? 'portal-guardian' : 'portal',
        at: now,
      });
      const placeholder: PlaceholderResident = {
        nik_index: nikIndex,
        nik_masked: maskNik(nik.nik),
        kk_index: kkIndex,
        kk_masked: maskKk(kk.kk),
      };

      if (!resident || resident.kk_index !== kkIndex) {
        const until = await limiter.fail(keys);
        if (until !== undefined) return { kind: 'locked', until };
        if (deps.unverifiedPolicy === 'refuse') return { kind: 'not-verified' };
        const reason = resident ? 'kk-mismatch' : 'not-in-roster';
        return createPending(
          resident,
          placeholder,
          fields('pending', false, await hashSecret(input.pin)),
          reason,
        );
      }
      await limiter.clear(nikKey(nikIndex));

      const birth = resident.birth_date ?? nik.birthDate;
      const age = birth ? ageOn(birth, now) : undefined;
      if (age !== undefined && age < deps.minAge) return { kind: 'too-young', minAge: deps.minAge };
      const minor = age !== undefined && age < ADULT_AGE;
      if (minor && !input.guardianConsent) {
        return { kind: 'invalid', errors: { guardianConsent: { code: 'guardian-required' } } };
      }

      const existing = await portal.findAccountByResident(resident.id);
      const replaceable =
        existing?.status === 'pending' &&
        existing.approved_by === null &&
        existing.consent_channel !== 'operator';
      if (existing && !replaceable) return { kind: 'already-registered' };

      if (!resident.active) {
        if (deps.unverifiedPolicy === 'refuse') return { kind: 'inactive' };
        const pin = await hashSecret(input.pin);
        return createPending(resident, placeholder, fields('pending', false, pin), 'resident-inactive');
      }
      // A minor's account waits until an operator has the head of family's consent in hand.
      const status = minor ? 'pending' : 'active';
      const accountId = await portal.saveRegistration(
        existing ? { residentId: resident.id, replaceAccountId: existing.id } : { residentId: resident.id },
        fields(status, minor, await hashSecret(input.pin)),
        (id) => ({
          at: now,
          actor: PORTAL_ACTOR,
          action: 'account.register',
          target: `account:${id}`,
          detail: auditDetail({
            status,
            verified: true,
            consent_notice_version: input.noticeVersion,
            consent_channel: minor ? 'portal-guardian' : 'portal',
          }),
        }),
      );
      if (accountId === undefined) return { kind: 'already-registered' };
      if (minor) return { kind: 'pending', reason: 'guardian', accountId };
      const account = await portal.findAccount(accountId);
      return { kind: 'active', accountId, binding: await bindDevice(account!, mac, label) };
    },

    async addDevice(input: AddDeviceInput): Promise<AddDeviceOutcome> {
      const now = deps.now();
      const errors: FieldErrors = {};
      const nik = checkNik(input.nik, { today: new Date(now), villageCode: deps.villageCode });
      if (!nik.ok) errors.nik = { code: input.nik.trim() ? 'nik-invalid' : 'nik-empty', detail: nik.reason };
      if (!SIX_DIGITS.test(input.pin)) errors.pin = { code: 'pin-format' };
      const label = input.label?.trim() || undefined;
      const labelError = labelProblem(label);
      if (labelError) errors.label = labelError;
      if (!nik.ok || Object.keys(errors).length > 0) return { kind: 'invalid', errors };

      const mac = input.mac ? normalizeMac(input.mac) : undefined;
      const macKeys = mac ? [{ key: macKey(mac), policy: MAC_POLICY }] : [];
      const nikIndex = await deps.keyring.blindIndex('nik', nik.nik);
      const unknownKey = { key: pinKey(nikIndex), policy: PIN_POLICY };
      const resident = await portal.findResident(nikIndex);
      const account = resident ? await portal.findAccountByResident(resident.id) : undefined;

      if (!account?.pin_hash) {
        const locked = await limiter.lockedUntil([...macKeys, unknownKey]);
        if (locked !== undefined) return { kind: 'locked', until: locked };
        await verifySecret(input.pin, await decoy());
        const before = (await deps.stores.attempts.readAttempts([unknownKey.key])).get(unknownKey.key);
        const until = await limiter.fail([...macKeys, unknownKey]);
        if (until !== undefined) return { kind: 'locked', until };
        return { kind: 'wrong-pin', triesLeft: PIN_POLICY.maxFailures - 1 - (before?.failures ?? 0) };
      }

      const locked = Math.max(
        (await limiter.lockedUntil(macKeys)) ?? 0,
        account.pin_locked_until !== null && account.pin_locked_until > now ? account.pin_locked_until : 0,
      );
      if (locked > 0) return { kind: 'locked', until: locked };

      if (!(await verifySecret(input.pin, account.pin_hash))) {
        const failures = await portal.bumpPinFailures(account.id, now);
        const macUntil = await limiter.fail(macKeys);
        if (failures >= PIN_POLICY.maxFailures) {
          const until = now + PIN_POLICY.lockMs;
          await portal.lockPin(account.id, until, now);
          return { kind: 'locked', until };
        }
        if (macUntil !== undefined) return { kind: 'locked', until: macUntil };
        return { kind: 'wrong-pin', triesLeft: PIN_POLICY.maxFailures - failures };
      }
      await portal.clearPinFailures(account.id, now);

      if (!account.resident_active) return { kind: 'inactive', accountId: account.id };
      if (account.status === 'pending') return { kind: 'pending', accountId: account.id };
      if (account.status !== 'active') return { kind: 'suspended', accountId: account.id };
      return { kind: 'ok', accountId: account.id, binding: await bindDevice(account, mac, label) };
    },

    /** Binds this MAC to an account whose NIK + PIN this browser proved a moment ago (session cookie). */
    async bindForSession(
      accountId: number,
      mac: string | undefined,
      label?: string,
    ): Promise<DeviceBinding | undefined> {
      const account = await portal.findAccount(accountId);
      if (account?.status !== 'active' || !account.resident_active) return undefined;
      return bindDevice(account, mac, label?.trim() || undefined);
    },

    listDevices(accountId: number): Promise<PortalDevice[]> {
      return portal.liveDevices(accountId);
    },

    /** Revokes one of the account's devices and ends its live sessions; false when it is not theirs. */
    async removeDevice(accountId: number, deviceId: number): Promise<boolean> {
      const at = deps.now();
      const removed = await portal.revokeDevice(accountId, deviceId, {
        at,
        actor: PORTAL_ACTOR,
        action: 'device.revoke',
        target: `device:${deviceId}`,
        detail: auditDetail({ account_id: accountId }),
      });
      // The device is revoked either way; a session the router keeps ends at its next re-authentication.
      if (removed && deps.disconnectDevice) await deps.disconnectDevice(deviceId).catch(() => undefined);
      return removed;
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
