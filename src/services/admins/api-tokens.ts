// Scripts' bearer tokens (`warganet admin token USERNAME`): a random token shown once, kept only as its SHA-256
// (a token is 256 random bits, so a fast hash is enough: nothing to guess), standing for its user with that user's
// role. Revoked one by one, all at once when the user is disabled; its last use is kept (written at most once a
// minute, not on every call).
import type { AuditEntry } from '../audit/audit.js';
import { auditDetail } from '../audit/audit.js';
import { invalidInput, ServiceError } from '../errors.js';
import { toBase64Url } from '../keyring.js';
import { hashToken, type Operator, operatorOf } from './admin-sessions.js';
import type { AdminRecord } from './admins.js';

const TOUCH_EVERY_MS = 60_000;

export interface ApiTokenRow {
  readonly id: string;
  readonly admin_id: number;
  readonly token_hash: string;
  readonly label: string | null;
  readonly created_at: number;
  readonly last_used_at: number | null;
  readonly revoked_at: number | null;
}

export interface ApiTokenStore {
  createToken(row: ApiTokenRow, audit: AuditEntry): Promise<void>;
  findToken(tokenHash: string): Promise<{ token: ApiTokenRow; admin: AdminRecord } | undefined>;
  listTokens(adminId?: number): Promise<Array<ApiTokenRow & { username: string }>>;
  /** False when there is no such token or it was revoked already. */
  revokeToken(id: string, audit: AuditEntry): Promise<boolean>;
  touchToken(id: string, at: number): Promise<void>;
}

export interface ApiTokenDeps {
  readonly stores: {
    readonly apiTokens: ApiTokenStore;
    readonly admins: { findByUsername(username: string): Promise<AdminRecord | undefined> };
  };
  readonly now: () => number;
  /** WARGANET_ADMIN_2FA=required: an admin's token works once the admin has two-factor on. */
  readonly twoFactorRequired?: boolean | undefined;
}

/** A token as `admin token list` shows it: never the token itself. */
export interface ApiTokenSummary {
  readonly id: string;
  readonly username: string;
  readonly label: string | null;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

export function createApiTokens(deps: ApiTokenDeps) {
  const { apiTokens, admins } = deps.stores;

  async function user(username: string) {
    const admin = await admins.findByUsername(username.trim().toLowerCase());
    if (!admin) throw new ServiceError('not-found', `pengguna ${username.trim()} tidak ada`, 'username');
    return admin;
  }

  return {
    /** A new token for the user, returned once. */
    async create(input: { username: string; label?: string | undefined }, actor: string) {
      const admin = await user(input.username);
      if (admin.disabled_at !== null)
        throw new ServiceError('not-eligible', `pengguna ${admin.username} dinonaktifkan`, 'username');
      const label = input.label?.trim() || null;
      if (label && label.length > 64) throw invalidInput('label paling panjang 64 karakter', 'label');
      const token = `wn_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
      const id = toBase64Url(crypto.getRandomValues(new Uint8Array(6)));
      const at = deps.now();
      await apiTokens.createToken(
        {
          id,
          admin_id: admin.id,
          token_hash: await hashToken(token),
          label,
          created_at: at,
          last_used_at: null,
          revoked_at: null,
        },
        {
          at,
          actor,
          action: 'token.add',
          target: `token:${id}`,
          detail: auditDetail({ user: admin.username, label }),
        },
      );
      return { id, token, username: admin.username, role: admin.role };
    },

    async list(username?: string | undefined): Promise<ApiTokenSummary[]> {
      const adminId = username ? (await user(username)).id : undefined;
      return (await apiTokens.listTokens(adminId)).map((t) => ({
        id: t.id,
        username: t.username,
        label: t.label,
        createdAt: t.created_at,
        lastUsedAt: t.last_used_at,
        revokedAt: t.revoked_at,
      }));
    },

    async revoke(id: string, actor: string): Promise<void> {
      const ok = /^[\w-]{1,32}$/.test(id)
        ? await apiTokens.revokeToken(id, {
            at: deps.now(),
            actor,
            action: 'token.revoke',
            target: `token:${id}`,
          })
        : false;
      if (!ok) throw new ServiceError('not-found', `token ${id} tidak ada atau sudah dicabut`, 'id');
    },

    /** The operator a bearer token stands for: unknown, revoked, or a disabled user's token gives none. */
    async authenticate(token: string): Promise<Operator | undefined> {
      if (!/^wn_[\w-]{43}$/.test(token)) return undefined;
      const found = await apiTokens.findToken(await hashToken(token));
      if (!found || found.token.revoked_at !== null) return undefined;
      const operator = operatorOf(found.admin, deps.twoFactorRequired === true);
      if (!operator) return undefined;
      const at = deps.now();
      // Bookkeeping only: on a full disk or a read-only database the token still works (the dashboard must be
      // able to say what is wrong; test/drill-full-disk.test.ts).
      if (found.token.last_used_at === null || at - found.token.last_used_at >= TOUCH_EVERY_MS)
        await apiTokens.touchToken(found.token.id, at).catch(() => {});
      return operator;
    },
  };
}

export type ApiTokens = ReturnType<typeof createApiTokens>;
