// Signing in to the admin web: a password checked against the stored hash (then, when the user has two-factor on,
// a code from their app or a recovery code) gives a session, a random token the browser keeps in a cookie and the
// database keeps only hashed. A session ends after a quiet spell (idle timeout), after a working day whatever
// happens (absolute timeout), on sign-out, when its user is disabled, and (the others) when the password changes.
// Failed tries are counted per user name and per address in the portal's attempt store with the same back-off
// rule (src/domain/attempt-limit.ts); a locked sign-in says until when.

import {
  ADMIN_ADDRESS_POLICY,
  ADMIN_NAME_POLICY,
  type BackoffPolicy,
  type Booking,
} from '../../domain/attempt-limit.js';
import type { AuditEntry } from '../audit/audit.js';
import { ServiceError } from '../errors.js';
import { createFormTokens } from '../form-tokens.js';
import { type Keyring, toBase64Url } from '../keyring.js';
import { hashSecret, verifySecret } from '../password-hash.js';
import { addressKey } from '../portal/portal-attempts.js';
import {
  ADMIN_ROLES,
  type AdminChangeEffects,
  type AdminFields,
  type AdminRecord,
  type AdminRole,
  checkNewPassword,
} from './admins.js';
import { createTwoFactor, type TwoFactorStore } from './two-factor.js';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** A session's last-seen time is written at most this often (not on every page view). */
const TOUCH_EVERY_MS = 60_000;
/** Time to type the code after the password. */
export const TWO_FACTOR_CHALLENGE_MS = 5 * 60_000;

/** Who is signed in, as every admin route and API call sees them. */
export interface Operator {
  readonly id: number;
  readonly username: string;
  readonly role: AdminRole;
  /** Two-factor is on for this user. */
  readonly twoFactor?: boolean | undefined;
  /** Two-factor is required for this user and not on yet: only the enrolment page answers. */
  readonly mustEnrol?: boolean | undefined;
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
  /** Inserts and audits the sign-in in one transaction (and keeps it as the user's last sign-in). */
  create(row: AdminSessionRow, audit: AuditEntry): Promise<void>;
  find(tokenHash: string): Promise<{ session: AdminSessionRow; admin: AdminRecord } | undefined>;
  touch(tokenHash: string, at: number): Promise<void>;
  /** Removes and audits the sign-out in one transaction. */
  remove(tokenHash: string, audit: AuditEntry): Promise<void>;
  /** Sessions idle or past their end before `at`. */
  prune(at: number): Promise<number>;
}

/** The portal's attempt counters (db/stores/attempt-store.ts), used with the admin policies. */
export interface SignInAttempts {
  bookAttempt(key: string, policy: BackoffPolicy, now: number): Promise<Booking>;
  refundAttempt(key: string, policy: BackoffPolicy, now: number): Promise<void>;
  clearAttempt(key: string): Promise<void>;
}

export interface AdminSessionDeps {
  readonly stores: {
    readonly admins: TwoFactorStore & {
      findByUsername(username: string): Promise<AdminRecord | undefined>;
      update(id: number, fields: AdminFields, audit: AuditEntry, effects?: AdminChangeEffects): Promise<void>;
    };
    readonly adminSessions: AdminSessionStore;
    readonly attempts: SignInAttempts;
  };
  readonly keyring: Keyring;
  readonly now: () => number;
  /** For the time a lock-out ends, as the operator reads it. */
  readonly timeZone: string;
  /** `WARGANET_ADMIN_2FA=required`: users of the admin role must turn two-factor on before anything else. */
  readonly twoFactorRequired?: boolean | undefined;
}

/** Too many failed tries: refused until `until` (the HTTP layer says 429 with Retry-After). */
export class SignInLockedError extends ServiceError {
  constructor(
    message: string,
    readonly until: number,
  ) {
    // Not a field's fault: shown above the form.
    super('locked', message);
  }
}

const enc = new TextEncoder();

export async function hashToken(token: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(token))));
}

export const isAdminRole = (role: string): role is AdminRole =>
  (ADMIN_ROLES as readonly string[]).includes(role);

/** The operator a stored user is, or undefined when it may not sign in (disabled, or an unknown role). */
export function operatorOf(admin: AdminRecord, twoFactorRequired = false): Operator | undefined {
  if (admin.disabled_at !== null || !isAdminRole(admin.role)) return undefined;
  const twoFactor = admin.totp_enabled_at != null;
  return {
    id: admin.id,
    username: admin.username,
    role: admin.role,
    twoFactor,
    mustEnrol: twoFactorRequired && admin.role === 'admin' && !twoFactor,
  };
}

/** "pukul 10.15 (dalam 5 menit)" in the village's time zone. */
export function lockedMessage(until: number, now: number, timeZone: string): string {
  const clock = new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', timeZone }).format(
    until,
  );
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return `terlalu banyak percobaan gagal; coba lagi pukul ${clock} (dalam ${minutes} menit)`;
}

// Checked when the user does not exist, so that a wrong name costs the same time as a wrong password.
let decoyHash: Promise<string> | undefined;

const WRONG = 'nama pengguna atau kata sandi salah';

export function createAdminSessions(deps: AdminSessionDeps) {
  const { admins, adminSessions, attempts } = deps.stores;
  const twoFactor = createTwoFactor(deps);
  const challenges = createFormTokens({ keyring: deps.keyring, purpose: 'admin' });
  const required = deps.twoFactorRequired === true;

  /**
   * Books one try on the name and on the address, before the check runs (parallel tries cannot overtake the
   * count). Refused while either waits; the booked tries are returned for handing back on success.
   */
  async function book(username: string, address: string | undefined) {
    const at = deps.now();
    const keys: Array<[string, BackoffPolicy]> = [];
    const addr = addressKey(address);
    if (addr) keys.push([`admin-${addr}`, ADMIN_ADDRESS_POLICY]);
    keys.push([`admin-name:${username}`, ADMIN_NAME_POLICY]);
    const booked: Array<[string, BackoffPolicy]> = [];
    for (const [key, policy] of keys) {
      const r = await attempts.bookAttempt(key, policy, at);
      if (!r.admitted) {
        for (const [k, p] of booked) await attempts.refundAttempt(k, p, at);
        throw new SignInLockedError(lockedMessage(r.lockedUntil, at, deps.timeZone), r.lockedUntil);
      }
      booked.push([key, policy]);
    }
    return {
      /** The check proved right: the address gets its try back, the name starts afresh. */
      async succeeded() {
        for (const [key, policy] of booked) {
          if (policy === ADMIN_NAME_POLICY) await attempts.clearAttempt(key);
          else await attempts.refundAttempt(key, policy, deps.now());
        }
      },
    };
  }

  async function openSession(admin: AdminRecord, address: string | undefined) {
    const operator = operatorOf(admin, required)!;
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
        address: address ?? null,
      },
      {
        at,
        actor: `admin:${operator.username}`,
        action: 'admin.sign-in',
        target: `admin:${operator.username}`,
      },
    );
    return { kind: 'session' as const, token, operator, expiresAt };
  }

  return {
    /**
     * Checks the password and opens a session, or (two-factor on) returns a challenge for the second step. The
     * same error for an unknown user, a disabled one and a wrong password, so the answer does not tell which
     * names exist.
     */
    async signIn(input: { username: string; password: string; address?: string | undefined }) {
      const username = input.username.trim().toLowerCase().slice(0, 64);
      const tries = await book(username, input.address);
      const admin = username ? await admins.findByUsername(username) : undefined;
      decoyHash ??= hashSecret('decoy password');
      const ok = await verifySecret(input.password.slice(0, 256), admin?.password_hash ?? (await decoyHash));
      if (!ok || !admin || !operatorOf(admin)) throw new ServiceError('unauthorized', WRONG, 'password');
      await tries.succeeded();
      if (admin.totp_enabled_at != null) {
        const until = deps.now() + TWO_FACTOR_CHALLENGE_MS;
        const challenge = await challenges.sign('admin-2fa', `${admin.id}.${until}`);
        return { kind: 'two-factor' as const, challenge, username: admin.username };
      }
      return openSession(admin, input.address);
    },

    /** The second step: the challenge from `signIn` and a code from the app (or a recovery code). */
    async signInWithCode(input: { challenge: string; code: string; address?: string | undefined }) {
      const m = /^(\d+)\.(\d+)$/.exec((await challenges.unsign('admin-2fa', input.challenge)) ?? '');
      const expired = new ServiceError('unauthorized', 'waktu habis: masukkan kata sandi lagi', 'form');
      if (!m || Number(m[2]) <= deps.now()) throw expired;
      const admin = await admins.findById(Number(m[1]));
      if (!admin || !operatorOf(admin) || admin.totp_enabled_at == null) throw expired;
      const tries = await book(admin.username, input.address);
      const used = await twoFactor.verify(admin, input.code.slice(0, 32));
      if (!used) throw new ServiceError('unauthorized', 'kode salah atau sudah dipakai', 'code');
      await tries.succeeded();
      return { ...(await openSession(admin, input.address)), used };
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
      const operator = operatorOf(admin, required);
      if (!operator) return undefined;
      // Bookkeeping only: a session that cannot be touched (disk full, read-only database) still opens the pages
      // that say what is wrong; it idles out at the last touch that worked.
      if (at - session.last_seen_at >= TOUCH_EVERY_MS)
        await adminSessions.touch(tokenHash, at).catch(() => {});
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

    /**
     * The user's own password change: the current one first (counted like a sign-in), the new one twice. The
     * user's other sessions end; this one stays.
     */
    async changePassword(input: {
      operator: Operator;
      tokenHash?: string | undefined;
      current: string;
      password: string;
      repeat: string;
      address?: string | undefined;
    }) {
      const admin = await admins.findById(input.operator.id);
      if (!admin) throw new ServiceError('not-found', 'pengguna tidak ada');
      const tries = await book(admin.username, input.address);
      if (!(await verifySecret(input.current.slice(0, 256), admin.password_hash)))
        throw new ServiceError('unauthorized', 'kata sandi sekarang salah', 'current');
      await tries.succeeded();
      checkNewPassword(input.password);
      if (input.password !== input.repeat)
        throw new ServiceError('invalid-input', 'kedua kata sandi baru tidak sama', 'repeat');
      if (input.password === input.current)
        throw new ServiceError('invalid-input', 'kata sandi baru harus berbeda', 'password');
      const actor = `admin:${admin.username}`;
      await admins.update(
        admin.id,
        { password_hash: await hashSecret(input.password) },
        { at: deps.now(), actor, action: 'admin.password', target: actor },
        { endSessions: { except: input.tokenHash } },
      );
    },

    twoFactor,

    prune: () => adminSessions.prune(deps.now() - SESSION_IDLE_MS),
  };
}

export type AdminSessions = ReturnType<typeof createAdminSessions>;
