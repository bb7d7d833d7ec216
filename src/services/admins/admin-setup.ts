// The first admin of a fresh install. No default password exists anywhere: while no admin user exists, each start
// of the server makes a one-time setup link (random, stored hashed, replacing any earlier one) that it prints to
// stdout and the log; the setup page creates the first admin with it, and the link dies in that transaction.
// Until then only the setup page answers (the admin web and /api/v1 say "setup needed"; the portal is unaffected).
import type { AuditEntry } from '../audit/audit.js';
import { ServiceError } from '../errors.js';
import { toBase64Url } from '../keyring.js';
import { hashSecret } from '../password-hash.js';
import { hashToken } from './admin-sessions.js';
import { type AdminRecord, checkNewPassword, checkUsername } from './admins.js';

export interface AdminSetupStore {
  /** Users of the admin role that are not disabled. */
  countActiveAdmins(): Promise<number>;
  /** Makes this the only valid setup token. */
  replaceSetupToken(tokenHash: string, at: number): Promise<void>;
  setupTokenExists(tokenHash: string): Promise<boolean>;
  /**
   * In one transaction: uses up the token (undefined when it is unknown or used), checks no admin exists yet,
   * creates the admin and writes the audit row.
   */
  createFirstAdmin(
    tokenHash: string,
    fields: { username: string; password_hash: string; created_at: number },
    audit: AuditEntry,
  ): Promise<AdminRecord | undefined>;
}

export interface AdminSetupDeps {
  readonly stores: { readonly adminSetup: AdminSetupStore };
  readonly now: () => number;
}

export const SETUP_PATH = '/admin/setup';

export function createAdminSetup(deps: AdminSetupDeps) {
  const store = deps.stores.adminSetup;
  // Once an admin exists the answer never goes back (the last admin cannot be disabled): no query per request.
  let done = false;

  async function needed(): Promise<boolean> {
    if (done) return false;
    done = (await store.countActiveAdmins()) > 0;
    return !done;
  }

  const dead = () =>
    new ServiceError('not-found', 'tautan penyiapan tidak berlaku (sudah dipakai atau diganti)');

  return {
    needed,

    /** A new one-time token while no admin exists (the old one stops working), else undefined. */
    async issueToken(): Promise<string | undefined> {
      if (!(await needed())) return undefined;
      const token = toBase64Url(crypto.getRandomValues(new Uint8Array(24)));
      await store.replaceSetupToken(await hashToken(token), deps.now());
      return token;
    },

    /** The link `<public url>/admin/setup?token=…`. */
    link: (publicUrl: string, token: string) =>
      `${publicUrl.replace(/\/+$/, '')}${SETUP_PATH}?token=${encodeURIComponent(token)}`,

    async tokenValid(token: string | undefined): Promise<boolean> {
      if (!token || !/^[\w-]{20,64}$/.test(token) || !(await needed())) return false;
      return store.setupTokenExists(await hashToken(token));
    },

    async createFirstAdmin(input: { token: string; username: string; password: string; repeat: string }) {
      if (!(await this.tokenValid(input.token))) throw dead();
      const username = checkUsername(input.username);
      checkNewPassword(input.password);
      if (input.password !== input.repeat)
        throw new ServiceError('invalid-input', 'kedua kata sandi tidak sama', 'repeat');
      const at = deps.now();
      const admin = await store.createFirstAdmin(
        await hashToken(input.token),
        { username, password_hash: await hashSecret(input.password), created_at: at },
        { at, actor: 'setup', action: 'admin.setup', target: `admin:${username}` },
      );
      if (!admin) throw dead();
      done = true;
      return { username: admin.username };
    },
  };
}

export type AdminSetup = ReturnType<typeof createAdminSetup>;
