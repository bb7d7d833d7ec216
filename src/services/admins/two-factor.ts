// TOTP two-factor for admin users: enrolment (a new key, sealed with the server key, shown as a QR code and as
// text), confirmation with a first code (then 10 recovery codes, shown once, stored hashed), and the check at
// sign-in (a code from the app, each usable once, or an unused recovery code).
import { randomString } from '../../domain/device-credentials.js';
import { base32Decode, base32Encode, matchTotp, otpauthUri, TOTP_KEY_BYTES } from '../../domain/totp.js';
import type { AuditEntry } from '../audit/audit.js';
import { ServiceError } from '../errors.js';
import { type Keyring, toBase64Url } from '../keyring.js';
import type { AdminChangeEffects, AdminFields, AdminRecord } from './admins.js';

export const RECOVERY_CODE_COUNT = 10;

export interface TwoFactorStore {
  findById(id: number): Promise<AdminRecord | undefined>;
  update(id: number, fields: AdminFields, audit: AuditEntry, effects?: AdminChangeEffects): Promise<void>;
  useTotpStep(id: number, step: number): Promise<boolean>;
  useRecoveryCode(id: number, codeHash: string, at: number): Promise<boolean>;
  unusedRecoveryCodes(id: number): Promise<number>;
}

export interface TwoFactorDeps {
  readonly stores: { readonly admins: TwoFactorStore };
  readonly keyring: Keyring;
  readonly now: () => number;
  /** The issuer shown in the authenticator app. */
  readonly issuer?: string | undefined;
}

const enc = new TextEncoder();

/** Recovery codes as people type them: case, spaces and dashes do not matter. */
const normalizeRecovery = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

async function recoveryHash(adminId: number, code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', enc.encode(`${adminId}:${normalizeRecovery(code)}`));
  return toBase64Url(new Uint8Array(digest));
}

// Unambiguous capitals and digits (no O/0, I/1), in two groups of five: 50 bits each, easy to read out.
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newRecoveryCode = () => `${randomString(RECOVERY_ALPHABET, 5)}-${randomString(RECOVERY_ALPHABET, 5)}`;

export function createTwoFactor(deps: TwoFactorDeps) {
  const { admins } = deps.stores;
  const issuer = deps.issuer ?? 'Warganet';

  async function user(id: number): Promise<AdminRecord> {
    const admin = await admins.findById(id);
    if (!admin) throw new ServiceError('not-found', 'pengguna tidak ada');
    return admin;
  }

  const keyOf = async (admin: AdminRecord) =>
    admin.totp_secret ? base32Decode(await deps.keyring.decrypt(admin.totp_secret)) : undefined;

  return {
    async status(adminId: number): Promise<{ enabled: boolean; recoveryCodesLeft: number }> {
      const admin = await user(adminId);
      const enabled = admin.totp_enabled_at != null;
      return { enabled, recoveryCodesLeft: enabled ? await admins.unusedRecoveryCodes(adminId) : 0 };
    },

    /**
     * The key to scan, kept (sealed) until it is confirmed. The same key while enrolment is unfinished, so a
     * reload does not make a scanned QR code useless.
     */
    async begin(adminId: number): Promise<{ secret: string; uri: string }> {
      const admin = await user(adminId);
      if (admin.totp_enabled_at != null)
        throw new ServiceError('conflict', 'verifikasi dua langkah sudah aktif');
      let secret = admin.totp_secret ? await deps.keyring.decrypt(admin.totp_secret) : undefined;
      if (!secret) {
        secret = base32Encode(crypto.getRandomValues(new Uint8Array(TOTP_KEY_BYTES)));
        // Nothing is on until the first code confirms it; the new key is still recorded, as every change is.
        await admins.update(
          adminId,
          { totp_secret: await deps.keyring.encrypt(secret) },
          {
            at: deps.now(),
            actor: `admin:${admin.username}`,
            action: 'admin.2fa-enrol',
            target: `admin:${admin.username}`,
          },
        );
      }
      return { secret, uri: otpauthUri({ issuer, account: admin.username, secret }) };
    },

    /** The first code from the app turns two-factor on; the recovery codes are returned once. */
    async confirm(adminId: number, code: string): Promise<{ recoveryCodes: string[] }> {
      const admin = await user(adminId);
      if (admin.totp_enabled_at != null)
        throw new ServiceError('conflict', 'verifikasi dua langkah sudah aktif');
      const key = await keyOf(admin);
      if (!key) throw new ServiceError('conflict', 'mulai pendaftaran dulu (pindai kode QR)');
      const at = deps.now();
      const step = matchTotp(key, code, at);
      if (step === undefined)
        throw new ServiceError(
          'unauthorized',
          'kode salah; periksa jam ponsel lalu coba kode berikutnya',
          'code',
        );
      const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await admins.update(
        adminId,
        { totp_enabled_at: at, totp_last_step: step },
        { at, actor: `admin:${admin.username}`, action: 'admin.2fa-on', target: `admin:${admin.username}` },
        { recoveryCodes: await Promise.all(recoveryCodes.map((c) => recoveryHash(adminId, c))) },
      );
      return { recoveryCodes };
    },

    /** True when the code (from the app, or an unused recovery code) is right; either is then used up. */
    async verify(admin: AdminRecord, code: string): Promise<'totp' | 'recovery' | undefined> {
      const typed = code.trim();
      if (/^\d{3}\s?\d{3}$/.test(typed)) {
        const key = await keyOf(admin);
        const step = key ? matchTotp(key, typed, deps.now(), admin.totp_last_step ?? null) : undefined;
        return step !== undefined && (await admins.useTotpStep(admin.id, step)) ? 'totp' : undefined;
      }
      if (normalizeRecovery(typed).length !== 10) return undefined;
      const used = await admins.useRecoveryCode(admin.id, await recoveryHash(admin.id, typed), deps.now());
      return used ? 'recovery' : undefined;
    },
  };
}

export type TwoFactor = ReturnType<typeof createTwoFactor>;
