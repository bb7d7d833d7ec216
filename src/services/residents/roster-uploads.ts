// The roster import as the admin web runs it: the uploaded file is kept server side (bounded, expiring), its dry
// run and then its apply run as background jobs that a page follows, and each step claims its state first so a
// double click or a second tab never loads the file twice. The import itself is the same service the CLI calls
// (`importRoster`), so it stays all or nothing inside its transaction.
import { ServiceError } from '../errors.js';
import type { DeactivatedResident } from './roster-deactivation.js';
import type { ImportStage, ImportSummary, RosterImport, RowRejection, RowWarning } from './roster-import.js';

export type UploadState = 'checking' | 'checked' | 'applying' | 'applied' | 'failed';

/** The report kept with an upload: the counts, and the first rows of each list (the page shows no more). */
export interface UploadReport {
  readonly rows: number;
  readonly added: number;
  readonly updated: number;
  readonly deactivated: number;
  readonly inactiveInRoster: number;
  readonly activeBefore: number;
  readonly needsConfirmation: boolean;
  readonly full: boolean;
  readonly format: 'xlsx' | 'csv';
  readonly sheet: string | null;
  readonly rejectedTotal: number;
  readonly warningsTotal: number;
  readonly deactivatedTotal: number;
  readonly rejected: RowRejection[];
  readonly warnings: RowWarning[];
  readonly deactivatedResidents: DeactivatedResident[];
  /** Warnings grouped by kind, over all of them. */
  readonly warningKinds: { code: string; message: string; count: number }[];
}

/** An upload as stored (the file's bytes are read only by the job). */
export interface RosterUploadRecord {
  readonly id: number;
  readonly fileName: string;
  readonly size: number;
  readonly partial: boolean;
  readonly state: UploadState;
  readonly stage: ImportStage | null;
  readonly done: number;
  readonly total: number;
  /** JSON of an UploadReport. */
  readonly report: string | null;
  readonly error: string | null;
  readonly batchId: number | null;
  readonly createdBy: string;
  readonly appliedBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly expiresAt: number;
  readonly hasContent: boolean;
}

export interface ImportHistoryEntry {
  readonly id: number;
  readonly fileName: string;
  readonly full: boolean;
  readonly actor: string | null;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly added: number;
  readonly updated: number;
  readonly deactivated: number;
  readonly rejected: number;
  readonly warnings: number;
}

export interface RosterUploadStore {
  create(u: {
    fileName: string;
    content: Uint8Array;
    partial: boolean;
    createdBy: string;
    at: number;
    expiresAt: number;
  }): Promise<number>;
  find(id: number): Promise<RosterUploadRecord | undefined>;
  content(id: number): Promise<Uint8Array | undefined>;
  /** Moves the upload from `from` to `to`; false when it was not in `from` (another request got there first). */
  claim(
    id: number,
    from: UploadState,
    to: UploadState,
    set: { appliedBy?: string; at: number },
  ): Promise<boolean>;
  /** Is some upload being applied (and not stalled since `since`)? */
  applyingSince(since: number): Promise<boolean>;
  progress(id: number, p: { stage: ImportStage; done: number; total: number; at: number }): Promise<void>;
  finish(
    id: number,
    f: {
      state: UploadState;
      report?: string | null;
      error?: string | null;
      batchId?: number | null;
      dropContent: boolean;
      at: number;
    },
  ): Promise<void>;
  recent(limit: number): Promise<RosterUploadRecord[]>;
  /** Deletes uploads past their time that are not running. */
  purgeExpired(at: number): Promise<void>;
  history(opts: { limit: number; offset: number }): Promise<ImportHistoryEntry[]>;
}

export interface RosterUploadDeps {
  readonly store: RosterUploadStore;
  readonly roster: Pick<RosterImport, 'importRoster'>;
  readonly now: () => number;
  /** A fault in a job (not a bad file): for the log. */
  readonly onError?: ((error: unknown, uploadId: number) => void) | undefined;
}

/** The largest file accepted: a regency-size OpenSID export (300,000 rows) is about 30 MB as CSV. */
export const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;
/** How long an uploaded file waits for its apply; it holds NIKs in clear, so not long. */
export const UPLOAD_TTL_MS = 24 * 3_600_000;
/** A job that has not moved for this long died with its process (a restart): it is shown as failed. */
export const STALLED_MS = 15 * 60_000;
/** Rows of each list kept in the report. */
export const REPORT_LIST_LIMIT = 1_000;
const PROGRESS_EVERY_MS = 1_000;

export interface UploadView extends Omit<RosterUploadRecord, 'report'> {
  readonly report: UploadReport | null;
  /** Running in this process, or recently enough to still be running elsewhere. */
  readonly running: boolean;
}

export function createRosterUploads(deps: RosterUploadDeps) {
  const { store } = deps;
  /** Jobs of this process: their live progress (the database copy lags while a transaction holds SQLite). */
  const live = new Map<number, { stage: ImportStage; done: number; total: number }>();
  const tasks = new Map<number, Promise<void>>();

  function view(u: RosterUploadRecord): UploadView {
    const busy = u.state === 'checking' || u.state === 'applying';
    const here = live.get(u.id);
    const stalled = busy && !here && deps.now() - u.updatedAt > STALLED_MS;
    return {
      ...u,
      ...(here ?? {}),
      ...(stalled
        ? {
            state: 'failed' as const,
            error: 'pekerjaan terhenti (server dimulai ulang?); tidak ada yang diubah',
          }
        : {}),
      running: busy && !stalled,
      report: u.report ? (JSON.parse(u.report) as UploadReport) : null,
    };
  }

  /** Runs a job in the background; its writes go one after another, the last one its outcome. */
  function start(
    id: number,
    work: (progress: (s: ImportStage, d: number, t: number) => void) => Promise<Outcome>,
  ) {
    live.set(id, { stage: 'reading', done: 0, total: 1 });
    let writes: Promise<unknown> = Promise.resolve();
    let lastWrite = 0;
    let lastStage: ImportStage | undefined;
    const progress = (stage: ImportStage, done: number, total: number) => {
      live.set(id, { stage, done, total });
      const at = deps.now();
      if (stage === lastStage && at - lastWrite < PROGRESS_EVERY_MS) return;
      lastStage = stage;
      lastWrite = at;
      // Not awaited: inside the import's transaction on SQLite this write waits for the commit, so the page
      // reads the live figures from memory meanwhile.
      writes = writes.then(() => store.progress(id, { stage, done, total, at }).catch(() => {}));
    };
    const task = (async () => {
      let outcome: Outcome;
      try {
        outcome = await work(progress);
      } catch (err) {
        deps.onError?.(err, id);
        outcome = { state: 'failed', error: 'kesalahan server; tidak ada yang diubah', dropContent: true };
      }
      await writes;
      await store.finish(id, { ...outcome, at: deps.now() }).catch((err) => deps.onError?.(err, id));
    })().finally(() => {
      live.delete(id);
      tasks.delete(id);
    });
    tasks.set(id, task);
  }

  async function find(id: number): Promise<RosterUploadRecord> {
    const u = Number.isSafeInteger(id) && id > 0 ? await store.find(id) : undefined;
    if (!u || u.expiresAt <= deps.now())
      throw new ServiceError('not-found', `unggahan #${id} tidak ada atau sudah kedaluwarsa; unggah lagi`);
    return u;
  }

  return {
    /** Keeps the file and starts its dry run; the page (or a script) follows it by id. */
    async upload(req: { fileName: string; bytes: Uint8Array; partial: boolean; actor: string }) {
      if (req.bytes.length === 0) throw new ServiceError('invalid-input', 'berkas kosong', 'file');
      if (req.bytes.length > MAX_UPLOAD_BYTES)
        throw new ServiceError('invalid-input', 'berkas lebih besar dari 30 MB', 'file');
      const at = deps.now();
      await store.purgeExpired(at);
      const fileName = cleanFileName(req.fileName);
      const id = await store.create({
        fileName,
        content: req.bytes,
        partial: req.partial,
        createdBy: req.actor,
        at,
        expiresAt: at + UPLOAD_TTL_MS,
      });
      start(id, async (onProgress) => {
        const bytes = await store.content(id);
        if (!bytes) return { state: 'failed', error: 'berkas sudah tidak ada', dropContent: true };
        const result = await deps.roster.importRoster({
          fileName,
          bytes,
          dryRun: true,
          partial: req.partial,
          onProgress,
        });
        if (!result.ok)
          return {
            state: 'failed',
            error: result.reason,
            report: JSON.stringify(rejectionsOnly(result.rejected)),
            dropContent: true,
          };
        return { state: 'checked', report: JSON.stringify(toReport(result.summary)), dropContent: false };
      });
      return id;
    },

    /**
     * Applies a checked upload. `confirmDeactivate` is the operator's count when the deactivation guard holds
     * the import back (the CLI's --confirm-deactivate); the import checks it again in its transaction.
     */
    async apply(id: number, req: { actor: string; confirmDeactivate?: number | undefined }) {
      const u = await find(id);
      const current = view(u);
      if (current.state !== 'checked') throw new ServiceError('conflict', notApplicable(current.state));
      const report = current.report!;
      if (report.needsConfirmation && req.confirmDeactivate !== report.deactivated)
        throw new ServiceError(
          'invalid-input',
          req.confirmDeactivate === undefined
            ? `impor ini akan menonaktifkan ${report.deactivated} dari ${report.activeBefore} penduduk aktif; ketik jumlah itu untuk menyetujui`
            : `jumlah tidak cocok: impor ini akan menonaktifkan ${report.deactivated} penduduk`,
          'confirmDeactivate',
        );
      const at = deps.now();
      if (await store.applyingSince(at - STALLED_MS))
        throw new ServiceError('conflict', 'impor lain sedang diterapkan; tunggu sampai selesai');
      if (!(await store.claim(id, 'checked', 'applying', { appliedBy: req.actor, at })))
        throw new ServiceError('conflict', 'unggahan ini sudah sedang diterapkan');
      start(id, async (onProgress) => {
        const bytes = await store.content(id);
        if (!bytes) return { state: 'failed', error: 'berkas sudah tidak ada', dropContent: true };
        const result = await deps.roster.importRoster({
          fileName: u.fileName,
          bytes,
          partial: u.partial,
          confirmDeactivate: report.needsConfirmation ? req.confirmDeactivate : undefined,
          actor: req.actor,
          onProgress,
        });
        if (result.ok)
          return {
            state: 'applied',
            report: JSON.stringify(toReport(result.summary)),
            batchId: result.summary.batchId,
            dropContent: true,
          };
        // The roster changed since the dry run (another import): back to checked, with today's numbers.
        if (result.refusal)
          return {
            state: 'checked',
            report: JSON.stringify(toReport(result.refusal.summary)),
            error: 'jumlah yang dinonaktifkan berubah sejak uji coba; periksa laporan lalu setujui lagi',
            dropContent: false,
          };
        return { state: 'failed', error: result.reason, dropContent: true };
      });
    },

    async get(id: number): Promise<UploadView> {
      return view(await find(id));
    },

    /** Uploads still kept (newest first): ones waiting for their apply, running, or just done. */
    async recent(limit = 20): Promise<UploadView[]> {
      const at = deps.now();
      return (await store.recent(limit)).filter((u) => u.expiresAt > at).map(view);
    },

    history: (opts: { page: number; perPage: number }) =>
      store.history({ limit: opts.perPage + 1, offset: (opts.page - 1) * opts.perPage }),

    /** Resolves when this upload's job (in this process) has finished, or after `ms`, whichever comes first. */
    async settled(id: number, ms: number): Promise<void> {
      const task = tasks.get(id);
      if (!task) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([task, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
    },

    /** Resolves when every job of this process has finished (tests; a graceful stop). */
    async idle(): Promise<void> {
      while (tasks.size > 0) await Promise.all([...tasks.values()]);
    },
  };
}

export type RosterUploads = ReturnType<typeof createRosterUploads>;

type Outcome = {
  state: UploadState;
  report?: string | null;
  error?: string | null;
  batchId?: number | null;
  dropContent: boolean;
};

function notApplicable(state: UploadState): string {
  switch (state) {
    case 'checking':
      return 'uji coba belum selesai; tunggu laporannya';
    case 'applying':
      return 'unggahan ini sedang diterapkan';
    case 'applied':
      return 'unggahan ini sudah diterapkan';
    default:
      return 'unggahan ini gagal diperiksa; perbaiki berkasnya lalu unggah lagi';
  }
}

/** A name to show: no folders, no control characters, not endless. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  return clean || 'data-penduduk';
}

const cap = <T>(list: readonly T[]) => list.slice(0, REPORT_LIST_LIMIT);

export function toReport(s: ImportSummary): UploadReport {
  const kinds = new Map<string, { code: string; message: string; count: number }>();
  for (const w of s.warnings) {
    const k = kinds.get(w.code) ?? { code: w.code, message: w.message, count: 0 };
    k.count++;
    kinds.set(w.code, k);
  }
  return {
    rows: s.rows,
    added: s.added,
    updated: s.updated,
    deactivated: s.deactivated,
    inactiveInRoster: s.inactiveInRoster,
    activeBefore: s.activeBefore,
    needsConfirmation: s.needsConfirmation,
    full: s.full,
    format: s.format,
    sheet: s.sheet ?? null,
    rejectedTotal: s.rejected.length,
    warningsTotal: s.warnings.length,
    deactivatedTotal: s.deactivatedResidents.length,
    rejected: cap(s.rejected),
    warnings: cap(s.warnings),
    deactivatedResidents: cap(s.deactivatedResidents),
    warningKinds: [...kinds.values()],
  };
}

/** A file none of whose rows could be used: only its rejections. */
function rejectionsOnly(rejected: readonly RowRejection[]): UploadReport {
  return {
    rows: rejected.length,
    added: 0,
    updated: 0,
    deactivated: 0,
    inactiveInRoster: 0,
    activeBefore: 0,
    needsConfirmation: false,
    full: true,
    format: 'csv',
    sheet: null,
    rejectedTotal: rejected.length,
    warningsTotal: 0,
    deactivatedTotal: 0,
    rejected: cap(rejected),
    warnings: [],
    deactivatedResidents: [],
    warningKinds: [],
  };
}
