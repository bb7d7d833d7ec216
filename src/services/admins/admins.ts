// People who run the system: admins, operators and village officials. Passwords are stored only as PBKDF2
// hashes; a generated one is returned once, for the person who creates the user to hand over.
import { PASSWORD_ALPHABET, randomString } from '../../domain/device-credentials.js';
import type { AuditEntry } from '../audit/audit.js';
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
export const GENERATED_PASSWORD_LENGTH = 16;

export interface AdminRecord {
  readonly id: number;
  readonly username: string;
  readonly role: string;
  readonly password_hash: string;
  readonly created_at: number;
  readonly disabled_at: number | null;
}

export interface AdminStore {
  findByUsername(username: string): Promise<AdminRecord | undefined>;
  /** Inserts and audits in one transaction. */
  create(
    fields: { username: string; role: AdminRole; password_hash: string; created_at: number },
    audit: AuditEntry,
  ): Promise<AdminRecord>;
}

export interface AdminServiceDeps {
  readonly stores: { readonly admins: AdminStore };
  readonly now: () => number;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export function createAdminService(deps: AdminServiceDeps) {
  const { admins } = deps.stores;

  return {
    /**
     * Creates a user. Without a password one is generated and returned (`generatedPassword`); it is not
     * stored anywhere in clear and cannot be shown again.
     */
    async add(input: { username: string; role: string; password?: string | undefined }, actor: string) {
      const username = input.username.trim().toLowerCase();
      if (!USERNAME.test(username)) {
        throw invalidInput(
          'nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah, tanda hubung',
          'username',
        );
      }
      const role = input.role.trim().toLowerCase();
      if (!(ADMIN_ROLES as readonly string[]).includes(role)) {
        throw invalidInput(`peran harus salah satu dari: ${ADMIN_ROLES.join(', ')}`, 'role');
      }
      const generated =
        input.password === undefined ? randomString(PASSWORD_ALPHABET, GENERATED_PASSWORD_LENGTH) : undefined;
      const password = input.password ?? generated!;
      if (password.length < MIN_PASSWORD_LENGTH) {
        throw invalidInput(`kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter`, 'password');
      }
      if (password.length > 256) throw invalidInput('kata sandi paling panjang 256 karakter', 'password');
      if (await admins.findByUsername(username)) {
        throw new ServiceError('conflict', `pengguna ${username} sudah ada`, 'username');
      }
      const at = deps.now();
      const admin = await admins.create(
        { username, role: role as AdminRole, password_hash: await hashSecret(password), created_at: at },
        { at, actor, action: 'admin.add', target: `admin:${username}`, detail: JSON.stringify({ role }) },
      );
      return { username: admin.username, role: admin.role, generatedPassword: generated };
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
