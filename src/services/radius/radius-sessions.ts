// Hotspot sessions as accounting recorded them, for operators: listing, and kicking one off its router.
// Kicking goes through the live-session controls given (RADIUS Disconnect-Request first; the RouterOS API can
// follow), tried in order until one ends the session.
import type { Keyring } from '../keyring.js';
import type { KickOutcome, LiveSessionControl, LiveSessionTarget } from './live-sessions.js';
import type { HistoryFilter } from './radius-history.js';

export type { KickOutcome, LiveSessionControl } from './live-sessions.js';

export interface SessionView {
  readonly id: number;
  readonly username: string;
  readonly mac: string | null;
  readonly ip: string | null;
  readonly routerId: number;
  readonly router: string;
  readonly acctSessionId: string;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly stoppedAt: number | null;
  /** 64-bit totals from the client's side: in = its upload, out = its download. */
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly sessionTimeS: number;
  readonly terminateCause: string | null;
  /** 'active' | 'stopped' | 'closed' */
  readonly state: string;
  /** Whose device it was, and its label, when the session belongs to a known device. */
  readonly resident: string | null;
  readonly device: string | null;
}

export interface KickTargetRow {
  readonly session: SessionView;
  readonly nasIp: string;
  readonly radiusSecretEnc: string;
}

/** The port this service needs from storage. */
export interface SessionStore {
  listSessions(opts: HistoryFilter & { activeOnly: boolean }): Promise<SessionView[]>;
  findKickTarget(sessionId: number): Promise<KickTargetRow | undefined>;
}

export type KickResult =
  | { readonly ok: true; readonly outcome: KickOutcome; readonly attempts: readonly KickOutcome[] }
  | {
      readonly ok: false;
      readonly error: 'not_found' | 'not_active' | 'failed';
      readonly attempts: readonly KickOutcome[];
    };

export interface SessionService {
  list(opts?: Partial<HistoryFilter> & { activeOnly?: boolean }): Promise<SessionView[]>;
  kick(sessionId: number, disconnectors: readonly LiveSessionControl[]): Promise<KickResult>;
}

export function createSessionService(deps: { store: SessionStore; keyring: Keyring }): SessionService {
  return {
    list: (opts = {}) =>
      deps.store.listSessions({ ...opts, activeOnly: opts.activeOnly ?? false, limit: opts.limit ?? 50 }),
    async kick(sessionId, disconnectors) {
      const row = await deps.store.findKickTarget(sessionId);
      if (!row) return { ok: false, error: 'not_found', attempts: [] };
      if (row.session.state !== 'active') return { ok: false, error: 'not_active', attempts: [] };
      const target: LiveSessionTarget = {
        session: row.session,
        nasIp: row.nasIp,
        radiusSecret: await deps.keyring.decrypt(row.radiusSecretEnc),
      };
      const attempts: KickOutcome[] = [];
      for (const d of disconnectors) {
        const outcome = await d.end(target).catch(
          (error: unknown): KickOutcome => ({
            ok: false,
            via: d.name,
            detail: error instanceof Error ? error.message : String(error),
          }),
        );
        attempts.push(outcome);
        if (outcome.ok) return { ok: true, outcome, attempts };
      }
      return { ok: false, error: 'failed', attempts };
    },
  };
}
