// Can the node still write what it must keep? Every write that matters (accounting commits, auth-log flushes)
// reports here; the last outcome says whether storage works, and a failure is named in an operator's terms
// (disk full, database read-only, database unreachable) for /healthz and the dashboard. It recovers by itself:
// the routers resend unanswered accounting, so the first write that succeeds again clears the problem.

export type StorageProblem = 'disk_full' | 'read_only' | 'unreachable' | 'write_failed';

export interface StorageStatus {
  readonly ok: boolean;
  /** What is wrong, when not ok. */
  readonly problem?: StorageProblem | undefined;
  /** When the problem began (epoch ms). */
  readonly since?: number | undefined;
  /** The database's own words for the last failure (for the log and /healthz; never personal data). */
  readonly detail?: string | undefined;
}

export interface StorageHealth {
  failed(error: unknown): void;
  succeeded(): void;
  status(): StorageStatus;
}

const codeOf = (error: unknown): string => {
  const e = error as { code?: unknown } | null;
  return typeof e?.code === 'string' ? e.code : '';
};

/** SQLite's (better-sqlite3) and PostgreSQL's (pg) error codes, and the socket errors of a database gone away. */
export function classifyStorageError(error: unknown): StorageProblem {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_FULL' || code === '53100' || /ENOSPC|disk is full|No space left/i.test(message))
    return 'disk_full';
  if (code.startsWith('SQLITE_READONLY') || code === '25006' || /EROFS|read-only|readonly/i.test(message))
    return 'read_only';
  if (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      'ENOTFOUND',
      '57P01',
      '57P02',
      '57P03',
      '08006',
      '08001',
    ].includes(code) ||
    /Connection terminated|connect ECONNREFUSED|the database system is (starting up|shutting down)/i.test(
      message,
    )
  )
    return 'unreachable';
  return 'write_failed';
}

export function createStorageHealth(deps: {
  now: () => number;
  /** Told once when a problem begins and once when it ends (not at every failed write). */
  onChange?: ((status: StorageStatus) => void) | undefined;
  /**
   * Names a failure the error alone cannot (SQLite says only "disk I/O error" when its file system turned
   * read-only under it; the runtime can look at the file). Called only for 'write_failed'.
   */
  refine?: (() => StorageProblem | undefined) | undefined;
}): StorageHealth {
  let current: StorageStatus = { ok: true };
  return {
    failed(error) {
      const classified = classifyStorageError(error);
      const problem = classified === 'write_failed' ? (deps.refine?.() ?? classified) : classified;
      const detail = (error instanceof Error ? error.message : String(error)).slice(0, 200);
      const changed = current.ok || current.problem !== problem;
      current = { ok: false, problem, since: changed ? deps.now() : current.since, detail };
      if (changed) deps.onChange?.(current);
    },
    succeeded() {
      if (current.ok) return;
      current = { ok: true };
      deps.onChange?.(current);
    },
    status: () => current,
  };
}
