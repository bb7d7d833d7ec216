// Signing in to the admin web: a password checked against the stored hash gives a session, a random token the
// browser keeps in a cookie and the database keeps only hashed. A session ends after a quiet spell (idle timeout),
// after a working day whatever happens (absolute timeout), on sign-out, and when its user is disabled.

import type { AuditEntry } from '../audit/audit.js';
import { ServiceError } from '../errors.js';
import { toBase64Url } from '../keyring.js';
import { hashSecret, verifySecret } from '../password-hash.js';
import { ADMIN_ROLES, type AdminRecord, type AdminRole } from './admins.js';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** A session's last-seen time is written at most this often (not on every page view). */
const TOUCH_EVERY_MS = 60_000;

/** Who is signed in, as every admin route and API call sees them. */
export interface Operator {
  readonly id: number;
  readonly username: string;
  readonly role: AdminRole;
}

export interface AdminSessionRow {
  readonly token_hash: string;
  readonly admin_id: number;
  readonly created_at: number;
  readonly last_seen_at: number;
  readonly expires_at: number;
  readonly address: string | null;
}

export interface AdminSessionStore {
  /** Inserts and audits the sign-in in one transaction. */
  create(row: AdminSessionRow, audit: AuditEntry): Promise<void>;
  find(tokenHash: string): Promise<{ session: AdminSessionRow; admin: AdminRecord } | undefined>;
  touch(tokenHash: string, at: number): Promise<void>;
  /** Removes and audits the sign-out in one transaction. */
  remove(tokenHash: string, audit: AuditEntry): Promise<void>;
  /** Sessions idle or past their end before `at`. */
  prune(at: number): Promise<number>;
}

export interface AdminSessionDeps {
  readonly stores: {
    readonly admins: { findByUsername(username: string): Promise<AdminRecord | undefined> };
    readonly adminSessions: AdminSessionStore;
  };
  readonly now: () => number;
}

const enc = new TextEncoder();

export async function hashToken(token: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(token))));
}

export const isAdminRole = (role: string): role is AdminRole =>
  (ADMIN_ROLES as readonly string[]).includes(role);

/** The operator a stored user is, or undefined when it may not sign in (disabled, or an unknown role). */
export function operatorOf(admin: AdminRecord): Operator | undefined {
  if (admin.disabled_at !== null || !isAdminRole(admin.role)) return undefined;
  return { id: admin.id, username: admin.username, role: admin.role };
}

// Checked when the user does not exist, so that a wrong name costs the same time as a wrong password.
let decoyHash: Promise<string> | undefined;

export function createAdminSessions(deps: AdminSessionDeps) {
  const { admins, adminSessions } = deps.stores;

  return {
    /**
     * Checks the password and opens a session. The same error for an unknown user, a disabled one and a wrong
     * password, so the answer does not tell which names exist.
     */
    async signIn(input: { username: string; password: string; address?: string | undefined }) {
      const username = input.username.trim().toLowerCase();
      const admin = username && username.length <= 64 ? await admins.findByUsername(username) : undefined;
      decoyHash ??= hashSecret('decoy password');
      const ok = await verifySecret(input.password.slice(0, 256), admin?.password_hash ?? (await decoyHash));
      const operator = ok && admin ? operatorOf(admin) : undefined;
      if (!operator)
        throw new ServiceError('unauthorized', 'nama pengguna atau kata sandi salah', 'password');
      const token = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
      const at = deps.now();
      const expiresAt = at + SESSION_ABSOLUTE_MS;
      await adminSessions.create(
        {
          token_hash: await hashToken(token),
          admin_id: operator.id,
          created_at: at,
          last_seen_at: at,
          expires_at: expiresAt,
          address: input.address ?? null,
        },
        {
          at,
          actor: `admin:${operator.username}`,
          action: 'admin.sign-in',
          target: `admin:${operator.username}`,
        },
      );
      return { token, operator, expiresAt };
    },

    /** The operator a session cookie stands for, or undefined when it is unknown, idle too long or over. */
    async read(token: string | undefined): Promise<{ operator: Operator; tokenHash: string } | undefined> {
      if (!token || !/^[\w-]{40,64}$/.test(token)) return undefined;
      const tokenHash = await hashToken(token);
      const found = await adminSessions.find(tokenHash);
      if (!found) return undefined;
      const at = deps.now();
      const { session, admin } = found;
      if (session.expires_at <= at || session.last_seen_at + SESSION_IDLE_MS <= at) return undefined;
      const operator = operatorOf(admin);
      if (!operator) return undefined;
      if (at - session.last_seen_at >= TOUCH_EVERY_MS) await adminSessions.touch(tokenHash, at);
      return { operator, tokenHash };
    },

    async signOut(session: { operator: Operator; tokenHash: string }) {
      const at = deps.now();
      const actor = `admin:${session.operator.username}`;
      await adminSessions.remove(session.tokenHash, {
        at,
        actor,
        action: 'admin.sign-out',
        target: actor,
      });
    },

    prune: () => adminSessions.prune(deps.now() - SESSION_IDLE_MS),
  };
}

export type AdminSessions = ReturnType<typeof createAdminSessions>;
