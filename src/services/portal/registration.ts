// What a resident does on the captive portal: registers with NIK + KK number (consent recorded, PIN chosen),
// adds a phone with NIK + PIN, removes one when the plan's device count is full. Every outcome is a value the
// portal turns into words; nothing here carries a NIK, KK or PIN beyond the keyed hash and the PIN's hash.
// Whether a NIK is in the roster is never told to someone who lacks its KK number (or its PIN).
import { ADULT_AGE, ageOn, labelAcceptable } from '../../domain/account-rules.js';
import { checkKk, maskKk } from '../../domain/kk.js';
import { checkNik, maskNik } from '../../domain/nik.js';
import { pinProblem } from '../../domain/pin.js';
import type { PinCheck } from '../accounts/pin-check.js';
import { type AuditEntry, auditDetail } from '../audit/audit.js';
import { PORTAL_ACTOR } from '../devices/device-binding.js';
import { findByBlindIndex, type Keyring } from '../keyring.js';

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
  /** Keyring.keyId of the key the indexes are under. */
  readonly index_key_id: string;
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
  /** Replaces the PIN hash (an old, unpeppered one upgraded after a right PIN). */
  setPinHash(accountId: number, pinHash: string, at: number): Promise<void>;
  liveDevices(accountId: number): Promise<PortalDevice[]>;
  /** The name of the institution whose device has this MAC, if any. */
  institutionOfMac(mac: string): Promise<string | undefined>;
  /** Revokes one of the account's live devices, with its audit; false when there is no such device. */
  revokeDevice(accountId: number, deviceId: number, audit: AuditEntry): Promise<boolean>;
}

export interface RegistrationDeps {
  readonly stores: {
    readonly portal: RegistrationStore;
  };
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly villageCode: string;
  readonly minAge: number;
  readonly unverifiedPolicy: 'refuse' | 'pending';
  /** Attempt limits and the gated PIN hash (src/services/accounts/pin-check.ts). */
  readonly pins: PinCheck;
  /** Ends the live sessions of a removed device (RADIUS Disconnect); best effort, a failure changes nothing. */
  readonly disconnectDevice?: ((deviceId: number) => Promise<void>) | undefined;
  /**
   * Told after a PIN under the key from before a rotation was hashed again under the current key and stored: the
   * last one lets the old key go (src/services/keys/key-status.ts). Best effort: a failure keeps the key, and the
   * next start or `warganet key status` retries.
   */
  readonly afterPinUpgrade?: (() => Promise<void>) | undefined;
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
  readonly label?: string | undefined;
  /** The client's address as the transport saw it (never a form field): what attempt limits key on. */
  readonly address?: string | undefined;
}

export type RegisterOutcome =
  | { readonly kind: 'invalid'; readonly errors: FieldErrors }
  | { readonly kind: 'locked'; readonly until: number }
  /** Too many PIN checks at once: nothing was done; come back in a few seconds. */
  | { readonly kind: 'busy'; readonly retryAfterS: number }
  /** NIK unknown, or the KK number does not match it: one answer for both. */
  | { readonly kind: 'not-verified' }
  /** NIK and KK match, but the roster no longer lists the resident as living here. */
  | { readonly kind: 'inactive' }
  | { readonly kind: 'too-young'; readonly minAge: number }
  | { readonly kind: 'already-registered' }
  | { readonly kind: 'pending'; readonly reason: 'unverified' | 'guardian'; readonly accountId?: number }
  | { readonly kind: 'active'; readonly accountId: number };

export interface AddDeviceInput {
  readonly nik: string;
  readonly pin: string;
  readonly label?: string | undefined;
  /** The client's address as the transport saw it (never a form field): what attempt limits key on. */
  readonly address?: string | undefined;
}

export type AddDeviceOutcome =
  | { readonly kind: 'invalid'; readonly errors: FieldErrors }
  | { readonly kind: 'locked'; readonly until: number }
  | { readonly kind: 'busy'; readonly retryAfterS: number }
  /** Wrong PIN, or a NIK without an account: one answer for both. */
  | { readonly kind: 'wrong-pin'; readonly triesLeft: number }
  | { readonly kind: 'pending'; readonly accountId: number }
  | { readonly kind: 'suspended'; readonly accountId: number }
  | { readonly kind: 'inactive'; readonly accountId: number }
  | { readonly kind: 'ok'; readonly accountId: number };

const SIX_DIGITS = /^\d{6}$/;

function labelProblem(label: string | undefined): FieldError | undefined {
  return label && !labelAcceptable(label) ? { code: 'label-invalid' } : undefined;
}

export function createRegistrationService(deps: RegistrationDeps) {
  const { portal } = deps.stores;
  const { pins } = deps;

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
    async register(input: RegisterInput): Promise<RegisterOutcome> {
      const now = deps.now();
      const errors: FieldErrors = {};
      const nik = checkNik(input.nik, { today: new Date(now), villageCode: deps.villageCode });
      if (!nik.ok) errors.nik = { code: input.nik.trim() ? 'nik-invalid' : 'nik-empty', detail: nik.reason };
      const kk = checkKk(input.kk, { today: new Date(now) });
      if (!kk.ok) errors.kk = { code: input.kk.trim() ? 'kk-invalid' : 'kk-empty', detail: kk.reason };
      // What is printed on the KTP and the KK is what a neighbour tries first.
      const pin = pinProblem(input.pin, { nik: input.nik, kk: input.kk });
      if (pin) errors.pin = { code: pin };
      else if (input.pin !== input.pinRepeat) errors.pinRepeat = { code: 'pin-mismatch' };
      if (!input.consent) errors.consent = { code: 'consent-required' };
      const label = input.label?.trim() || undefined;
      const labelError = labelProblem(label);
      if (labelError) errors.label = labelError;
      if (!nik.ok || !kk.ok || Object.keys(errors).length > 0) return { kind: 'invalid', errors };

      // NIK + KK is a guess like NIK + PIN: booked before it is compared, unless a full gate turns it away first.
      const busy = pins.busyNow();
      if (busy) return busy;
      const nikIndex = await deps.keyring.blindIndex('nik', nik.nik);
      const kkIndex = await deps.keyring.blindIndex('kk', kk.kk);
      const admission = await pins.admit({ nikIndex, address: input.address });
      if (admission.kind === 'locked') return admission;

      // A resident not yet re-indexed after a key rotation is under the old key, NIK and KK alike.
      const resident = await findByBlindIndex(deps.keyring, 'nik', nik.nik, (i) => portal.findResident(i));
      const kkIndexes = await deps.keyring.blindIndexes('kk', kk.kk);
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
        index_key_id: deps.keyring.keyId,
      };

      if (!resident || !kkIndexes.includes(resident.kk_index)) {
        await admission.settle('wrong');
        if (deps.unverifiedPolicy === 'refuse') return { kind: 'not-verified' };
        const hashed = await pins.hash(input.pin);
        if (hashed.kind === 'busy') return hashed;
        const reason = resident ? 'kk-mismatch' : 'not-in-roster';
        return createPending(resident, placeholder, fields('pending', false, hashed.hash), reason);
      }
      await admission.settle('right');
      // The roster's birth date may differ from the NIK's; only someone who knows the KK number learns this.
      const birthPin = pinProblem(input.pin, { birthDate: resident.birth_date });
      if (birthPin) return { kind: 'invalid', errors: { pin: { code: birthPin } } };

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

      if (!resident.active && deps.unverifiedPolicy === 'refuse') return { kind: 'inactive' };
      const hashed = await pins.hash(input.pin);
      if (hashed.kind === 'busy') return hashed;
      if (!resident.active) {
        return createPending(
          resident,
          placeholder,
          fields('pending', false, hashed.hash),
          'resident-inactive',
        );
      }
      // A minor's account waits until an operator has the head of family's consent in hand.
      const status = minor ? 'pending' : 'active';
      const accountId = await portal.saveRegistration(
        existing ? { residentId: resident.id, replaceAccountId: existing.id } : { residentId: resident.id },
        fields(status, minor, hashed.hash),
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
      // No device is bound here: the phone logs in with a ticket, and RADIUS binds the MAC the router reports.
      return { kind: 'active', accountId };
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

      // A full gate turns the request away before it costs a hash or a write; else the try is booked before the
      // PIN is compared, so a burst of parallel guesses is counted one by one.
      const busy = pins.busyNow();
      if (busy) return busy;
      const nikIndex = await deps.keyring.blindIndex('nik', nik.nik);
      const admission = await pins.admit({ nikIndex, address: input.address });
      if (admission.kind === 'locked') return admission;
      const resident = await findByBlindIndex(deps.keyring, 'nik', nik.nik, (i) => portal.findResident(i));
      const account = resident ? await portal.findAccountByResident(resident.id) : undefined;
      // A NIK without an account is checked against a decoy: the same answer, after the same time.
      const verdict = await pins.verify(input.pin, account?.pin_hash);
      if (typeof verdict === 'object') {
        await admission.settle('void');
        return verdict;
      }
      if (verdict === 'wrong' || !account) {
        return { kind: 'wrong-pin', triesLeft: await admission.settle('wrong') };
      }
      await admission.settle('right');
      if (verdict === 'ok-upgrade') {
        const upgraded = await pins.hash(input.pin);
        if (upgraded.kind === 'hashed') {
          await portal.setPinHash(account.id, upgraded.hash, deps.now());
          if (deps.afterPinUpgrade) await deps.afterPinUpgrade().catch(() => undefined);
        }
      }

      if (!account.resident_active) return { kind: 'inactive', accountId: account.id };
      if (account.status === 'pending') return { kind: 'pending', accountId: account.id };
      if (account.status !== 'active') return { kind: 'suspended', accountId: account.id };
      return { kind: 'ok', accountId: account.id };
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
