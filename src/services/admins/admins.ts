// People who run the system: admins, operators and village officials. Passwords are stored only as PBKDF2
// hashes; a generated one is returned once, for the person who creates the user to hand over. The CLI
// (`warganet admin …`), the users page and /api/v1/admins all call this service.
import { PASSWORD_ALPHABET, randomString } from '../../domain/device-credentials.js';
import type { AuditEntry } from '../audit/audit.js';
import { auditDetail } from '../audit/audit.js';
import { invalidInput, ServiceError } from '../errors.js';
import { hashSecret } from '../password-hash.js';

export const ADMIN_ROLES = ['admin', 'operator', 'official'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

// Each role can do what the ones below it can: an official reads reports, an operator also runs the village's
// Wi-Fi, an admin also manages users, router secrets and settings.
const ROLE_RANK: Readonly<Record<AdminRole, number>> = { official: 0, operator: 1, admin: 2 };

export const roleAtLeast = (role: AdminRole, least: AdminRole): boolean =>
  ROLE_RANK[role] >= ROLE_RANK[least];

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
export const GENERATED_PASSWORD_LENGTH = 16;

export interface AdminRecord {
  readonly id: number;
  readonly username: string;
  readonly role: string;
  readonly password_hash: string;
  readonly created_at: number;
  readonly disabled_at: number | null;
  /** Sealed TOTP key (set at enrolment, before it is confirmed). */
  readonly totp_secret?: string | null | undefined;
  /** When two-factor was confirmed; null while off. */
  readonly totp_enabled_at?: number | null | undefined;
  readonly totp_last_step?: number | null | undefined;
  readonly last_sign_in_at?: number | null | undefined;
}

/** What a change to a user also ends or replaces, in the same transaction as the change and its audit. */
export interface AdminChangeEffects {
  /** Ends the user's browser sessions (all, or all but this one). */
  readonly endSessions?: { readonly except?: string | undefined } | undefined;
  /** Revokes the user's bearer tokens. */
  readonly revokeTokens?: boolean | undefined;
  /** Replaces the recovery codes (hashes); an empty list removes them. */
  readonly recoveryCodes?: readonly string[] | undefined;
}

export type AdminFields = Partial<{
  role: AdminRole;
  password_hash: string;
  disabled_at: number | null;
  totp_secret: string | null;
  totp_enabled_at: number | null;
  totp_last_step: number | null;
}>;

export interface AdminStore {
  findByUsername(username: string): Promise<AdminRecord | undefined>;
  findById(id: number): Promise<AdminRecord | undefined>;
  /** Every user, by name (a village has a handful). */
  list(): Promise<AdminRecord[]>;
  /** Users of the admin role that are not disabled. */
  countActiveAdmins(): Promise<number>;
  /** Inserts and audits in one transaction. */
  create(
    fields: { username: string; role: AdminRole; password_hash: string; created_at: number },
    audit: AuditEntry,
  ): Promise<AdminRecord>;
  /** Changes a user, with its effects and audit, in one transaction. */
  update(id: number, fields: AdminFields, audit: AuditEntry, effects?: AdminChangeEffects): Promise<void>;
}

export interface AdminServiceDeps {
  readonly stores: { readonly admins: AdminStore };
  readonly now: () => number;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

/** A user as the users page, the API and `admin list` show them: no hash, no secret. */
export interface AdminSummary {
  readonly id: number;
  readonly username: string;
  readonly role: string;
  readonly disabled: boolean;
  readonly twoFactor: boolean;
  readonly createdAt: number;
  readonly lastSignInAt: number | null;
}

export const summaryOf = (a: AdminRecord): AdminSummary => ({
  id: a.id,
  username: a.username,
  role: a.role,
  disabled: a.disabled_at !== null,
  twoFactor: a.totp_enabled_at != null,
  createdAt: a.created_at,
  lastSignInAt: a.last_sign_in_at ?? null,
});

export function checkNewPassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw invalidInput(`kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter`, field);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw invalidInput(`kata sandi paling panjang ${MAX_PASSWORD_LENGTH} karakter`, field);
}

export function checkUsername(raw: string): string {
  const username = raw.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw invalidInput(
      'nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah, tanda hubung',
      'username',
    );
  }
  return username;
}

export function checkRole(raw: string): AdminRole {
  const role = raw.trim().toLowerCase();
  if (!(ADMIN_ROLES as readonly string[]).includes(role)) {
    throw invalidInput(`peran harus salah satu dari: ${ADMIN_ROLES.join(', ')}`, 'role');
  }
  return role as AdminRole;
}

export function createAdminService(deps: AdminServiceDeps) {
  const { admins } = deps.stores;

  async function find(username: string): Promise<AdminRecord> {
    const admin = await admins.findByUsername(username.trim().toLowerCase());
    if (!admin) throw new ServiceError('not-found', `pengguna ${username.trim()} tidak ada`, 'username');
    return admin;
  }

  /** The last active admin may not be demoted or disabled: nobody could manage users any more. */
  async function keepOneAdmin(admin: AdminRecord): Promise<void> {
    if (admin.role === 'admin' && admin.disabled_at === null && (await admins.countActiveAdmins()) <= 1) {
      throw new ServiceError('conflict', `${admin.username} adalah satu-satunya admin aktif`, 'username');
    }
  }

  const target = (a: AdminRecord) => `admin:${a.username}`;

  return {
    /**
     * Creates a user. Without a password one is generated and returned (`generatedPassword`); it is not
     * stored anywhere in clear and cannot be shown again.
     */
    async add(input: { username: string; role: string; password?: string | undefined }, actor: string) {
      const username = checkUsername(input.username);
      const role = checkRole(input.role);
      const generated =
        input.password === undefined ? randomString(PASSWORD_ALPHABET, GENERATED_PASSWORD_LENGTH) : undefined;
      const password = input.password ?? generated!;
      checkNewPassword(password);
      if (await admins.findByUsername(username)) {
        throw new ServiceError('conflict', `pengguna ${username} sudah ada`, 'username');
      }
      const at = deps.now();
      const admin = await admins.create(
        { username, role, password_hash: await hashSecret(password), created_at: at },
        { at, actor, action: 'admin.add', target: `admin:${username}`, detail: JSON.stringify({ role }) },
      );
      return { username: admin.username, role: admin.role, generatedPassword: generated };
    },

    async list(): Promise<AdminSummary[]> {
      return (await admins.list()).map(summaryOf);
    },

    async get(username: string): Promise<AdminSummary> {
      return summaryOf(await find(username));
    },

    async setRole(username: string, rawRole: string, actor: string): Promise<AdminSummary> {
      const admin = await find(username);
      const role = checkRole(rawRole);
      if (role === admin.role) return summaryOf(admin);
      if (role !== 'admin') await keepOneAdmin(admin);
      await admins.update(
        admin.id,
        { role },
        {
          at: deps.now(),
          actor,
          action: 'admin.role',
          target: target(admin),
          detail: auditDetail({ from: admin.role, to: role }),
        },
      );
      return { ...summaryOf(admin), role };
    },

    /** Disables a user: their sessions end and their tokens stop working, in the same transaction. */
    async disable(username: string, actor: string): Promise<AdminSummary> {
      const admin = await find(username);
      if (admin.disabled_at !== null) return summaryOf(admin);
      await keepOneAdmin(admin);
      const at = deps.now();
      await admins.update(
        admin.id,
        { disabled_at: at },
        { at, actor, action: 'admin.disable', target: target(admin) },
        { endSessions: {}, revokeTokens: true },
      );
      return { ...summaryOf(admin), disabled: true };
    },

    async enable(username: string, actor: string): Promise<AdminSummary> {
      const admin = await find(username);
      if (admin.disabled_at === null) return summaryOf(admin);
      await admins.update(
        admin.id,
        { disabled_at: null },
        { at: deps.now(), actor, action: 'admin.enable', target: target(admin) },
      );
      return { ...summaryOf(admin), disabled: false };
    },

    /** A new generated password, returned once; the user's sessions end. */
    async resetPassword(username: string, actor: string): Promise<{ username: string; password: string }> {
      const admin = await find(username);
      const password = randomString(PASSWORD_ALPHABET, GENERATED_PASSWORD_LENGTH);
      await admins.update(
        admin.id,
        { password_hash: await hashSecret(password) },
        { at: deps.now(), actor, action: 'admin.reset-password', target: target(admin) },
        { endSessions: {} },
      );
      return { username: admin.username, password };
    },

    /** Turns two-factor off (a lost phone); the user enrols again at their next sign-in or from their account. */
    async resetTwoFactor(username: string, actor: string): Promise<AdminSummary> {
      const admin = await find(username);
      await admins.update(
        admin.id,
        { totp_secret: null, totp_enabled_at: null, totp_last_step: null },
        { at: deps.now(), actor, action: 'admin.reset-2fa', target: target(admin) },
        { endSessions: {}, recoveryCodes: [] },
      );
      return { ...summaryOf(admin), twoFactor: false };
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
