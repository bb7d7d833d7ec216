// The auth log: every Access-Request decision with its reason, router and MAC. Written in batches off the hot
// path (a reply never waits for it). Repeated rejects of the same MAC/user for the same reason fold into one
// row with a count for up to an hour, and a router probing many unknown MACs folds into one row per minute
// beyond a cap, so a hotspot's MAC-login retry loop or a scan cannot flood the table.

import type { HistoryFilter } from './radius-history.js';

export interface AuthLogEntry {
  readonly at: number;
  readonly routerId: number | null;
  readonly mac: string | null;
  readonly username: string | null;
  /** 'drop': the packet got no answer (see radius/drop-reporter.ts). */
  readonly decision: 'accept' | 'reject' | 'drop';
  readonly reason: string;
  /** Source address of the packet; set for drops. */
  readonly source?: string | null;
  /** Events this entry stands for (a rate-limited reporter sends one entry for many drops); 1 by default. */
  readonly count?: number;
}

export interface NewAuthLogRow extends AuthLogEntry {
  readonly lastAt: number;
  readonly count: number;
}

export interface AuthLogView {
  readonly id: number;
  readonly at: number;
  readonly lastAt: number;
  readonly count: number;
  readonly router: string | null;
  readonly mac: string | null;
  readonly username: string | null;
  readonly decision: string;
  readonly reason: string;
  readonly source: string | null;
  /** The resident whose device this is, and the device's label, when known. */
  readonly resident: string | null;
  readonly device: string | null;
}

/** The port this service needs from storage. */
export interface AuthLogStore {
  /** Inserts `rows` and `folds` and applies `bumps`, in one transaction; returns the ids of `folds`, in order. */
  writeBatch(batch: {
    rows: readonly NewAuthLogRow[];
    folds: readonly NewAuthLogRow[];
    bumps: ReadonlyArray<{ id: number; count: number; lastAt: number }>;
  }): Promise<number[]>;
  /** Newest first (by last event). */
  list(filter: HistoryFilter): Promise<AuthLogView[]>;
  deleteBefore(at: number): Promise<number>;
}

export interface AuthLogService {
  record(entry: AuthLogEntry): void;
  /** Writes everything recorded so far. */
  flush(): Promise<void>;
  recent(limit: number): Promise<AuthLogView[]>;
  list(filter: HistoryFilter): Promise<AuthLogView[]>;
  /** Deletes rows whose last event is older than the retention period; returns how many. */
  prune(): Promise<number>;
}

const FOLD_WINDOW_MS = 60 * 60 * 1000;
const UNKNOWN_CAP_WINDOW_MS = 60 * 1000;
/** New unknown-device rows per router per minute before further MACs fold into one row. */
const UNKNOWN_CAP = 120;
const FLUSH_AFTER_MS = 200;
// Small enough that one write (a few ms, its fsync included) does not hold up the answers queued behind it.
const FLUSH_AT_ROWS = 500;

interface Fold {
  id: number | undefined;
  firstAt: number;
  count: number;
  lastAt: number;
  pending: number;
  row: NewAuthLogRow | undefined;
}

export function createAuthLogService(deps: {
  store: AuthLogStore;
  now: () => number;
  retentionDays: number;
  onWrite?: (rows: number) => void;
  onError?: (error: unknown) => void;
}): AuthLogService {
  let rows: NewAuthLogRow[] = [];
  const folds = new Map<string, Fold>();
  const dirty = new Set<string>();
  const unknownPerRouter = new Map<number | null, { since: number; n: number }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  // At most one write queued at a time: records that arrive meanwhile join it or the next one.
  let queued = false;
  const schedule = () => {
    if (queued) return;
    if (rows.length + dirty.size >= FLUSH_AT_ROWS) {
      queued = true;
      void flush();
    } else if (!timer) {
      timer = setTimeout(() => {
        queued = true;
        void flush();
      }, FLUSH_AFTER_MS);
    }
  };

  const foldKey = (e: AuthLogEntry): string => {
    if (e.reason === 'unknown_device') {
      const cap = unknownPerRouter.get(e.routerId);
      const k = `${e.routerId}\u0000${e.mac}\u0000${e.username}\u0000${e.reason}`;
      if (folds.has(k)) return k;
      if (!cap || e.at - cap.since > UNKNOWN_CAP_WINDOW_MS) {
        unknownPerRouter.set(e.routerId, { since: e.at, n: 1 });
        return k;
      }
      if (++cap.n <= UNKNOWN_CAP) return k;
      return `${e.routerId}\u0000*\u0000*\u0000${e.reason}`;
    }
    return `${e.routerId}\u0000${e.mac}\u0000${e.username}\u0000${e.reason}\u0000${e.source ?? ''}`;
  };

  const record = (e: AuthLogEntry) => {
    const n = e.count ?? 1;
    if (e.decision === 'accept') {
      rows.push({ ...e, lastAt: e.at, count: 1 });
      schedule();
      return;
    }
    const k = foldKey(e);
    const f = folds.get(k);
    if (f && e.at - f.firstAt < FOLD_WINDOW_MS) {
      f.pending += n;
      f.lastAt = Math.max(f.lastAt, e.at);
      dirty.add(k);
      schedule();
      return;
    }
    if (folds.size > 50_000) {
      for (const [key, old] of folds)
        if (e.at - old.lastAt > FOLD_WINDOW_MS && !dirty.has(key)) folds.delete(key);
    }
    const aggregate = k.includes('\u0000*\u0000');
    const row: NewAuthLogRow = {
      ...e,
      mac: aggregate ? null : e.mac,
      username: aggregate ? null : e.username,
      lastAt: e.at,
      count: n,
    };
    folds.set(k, { id: undefined, firstAt: e.at, count: 0, lastAt: e.at, pending: n, row });
    dirty.add(k);
    schedule();
  };

  const writeOnce = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    queued = false;
    const batchRows = rows;
    rows = [];
    const keys = [...dirty];
    dirty.clear();
    const folding: Array<{ key: string; fold: Fold; row: NewAuthLogRow }> = [];
    const bumps: Array<{ id: number; count: number; lastAt: number }> = [];
    const taken = new Set<string>();
    for (const key of keys) {
      const f = folds.get(key);
      if (!f || f.pending === 0) continue;
      taken.add(key);
      if (f.id === undefined)
        folding.push({ key, fold: f, row: { ...f.row!, count: f.pending, lastAt: f.lastAt } });
      else bumps.push({ id: f.id, count: f.pending, lastAt: f.lastAt });
      f.pending = 0;
    }
    if (batchRows.length === 0 && folding.length === 0 && bumps.length === 0) return;
    try {
      const ids = await deps.store.writeBatch({ rows: batchRows, folds: folding.map((f) => f.row), bumps });
      folding.forEach((f, i) => {
        f.fold.id = ids[i];
        f.fold.row = undefined;
      });
      deps.onWrite?.(batchRows.length + folding.length + bumps.length);
    } catch (error) {
      // The log is best effort: a failed write is reported, not retried forever.
      for (const key of taken) if (folds.get(key)?.id === undefined) folds.delete(key);
      deps.onError?.(error);
    }
  };

  const flush = () => {
    writing = writing.then(writeOnce);
    return writing;
  };

  return {
    record,
    flush,
    recent: (limit) => deps.store.list({ limit }),
    list: (filter) => deps.store.list(filter),
    prune: () => deps.store.deleteBefore(deps.now() - deps.retentionDays * 86_400_000),
  };
}
