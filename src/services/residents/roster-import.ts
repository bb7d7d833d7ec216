// Imports the village roster (OpenSID penduduk export): validates every row, keys residents by the blind index
// of their NIK, and applies the difference in one transaction. A full import (the default) deactivates everyone
// missing from the file, so a move or a death in OpenSID ends Wi-Fi access at the next import.
import { maskKk } from '../../domain/kk.js';
import { maskNik } from '../../domain/nik.js';
import type { Keyring } from '../keyring.js';
import {
  DEACTIVATION_GUARD,
  type DeactivatedResident,
  describeDeactivated,
  refusalReason,
} from './roster-deactivation.js';
import { openRosterFile, RosterFileError, type RosterRecord } from './roster-file.js';
import type {
  KnownResident,
  ResidentData,
  ResidentReindex,
  ResidentWrite,
  RosterStore,
  RosterWriter,
} from './roster-ports.js';
import { parseRosterRow, ROW_WARNING_MESSAGES, type RosterEntry, type RowWarningCode } from './roster-row.js';

export type { DeactivatedResident };

export interface RosterImportDeps {
  readonly store: RosterStore;
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly villageCode: string;
  readonly timeZone: string;
  /**
   * Gives the event loop a turn (a macrotask), called between chunks of rows: a regency-size import is seconds
   * of work that must not hold the portal and RADIUS still. Defaults to a zero timer, which Node and Workers have.
   */
  readonly pause?: (() => Promise<void>) | undefined;
}

export type ImportStage = 'reading' | 'checking' | 'hashing' | 'saving';
type ProgressFn = (stage: ImportStage, done: number, total: number) => void;

export interface RosterImportRequest {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  /** Compute and report the outcome without writing anything. */
  readonly dryRun?: boolean;
  /** Only add and update: residents missing from the file stay as they are. */
  readonly partial?: boolean;
  /**
   * The operator's confirmation of a large deactivation: must equal the number the import would deactivate.
   * Without it, a full import deactivating more than `DEACTIVATION_GUARD` of the active residents is refused.
   */
  readonly confirmDeactivate?: number | undefined;
  readonly onProgress?: ProgressFn;
  /** Who runs it, for the history and the audit log: `cli` (the default) or `admin:<username>`. */
  readonly actor?: string | undefined;
}

/** Who a problem row is about, for the clerk: the name and the NIK masked, never in clear. */
interface RowSubject {
  readonly row: number;
  readonly name: string;
  readonly nikMasked: string;
}

export interface RowWarning extends RowSubject {
  readonly code: RowWarningCode;
  readonly message: string;
}

export interface RowRejection extends RowSubject {
  readonly reason: string;
}

export interface ImportSummary {
  readonly added: number;
  readonly updated: number;
  readonly deactivated: number;
  readonly deactivatedResidents: DeactivatedResident[];
  /** Rows read whose status_dasar is not 1 (stored, but without access). */
  readonly inactiveInRoster: number;
  /** Active residents before the import. */
  readonly activeBefore: number;
  /**
   * Residents found under the key from before a rotation and moved to the current key's index (`warganet key
   * rotate`): the roster is where their NIK and KK can be read again.
   */
  readonly reindexed: number;
  /** A real import would be refused without `confirmDeactivate` (reported by a dry run). */
  readonly needsConfirmation: boolean;
  readonly warnings: RowWarning[];
  readonly rejected: RowRejection[];
  /** Data rows read from the file. */
  readonly rows: number;
  readonly sheet: string | undefined;
  readonly format: 'xlsx' | 'csv';
  readonly full: boolean;
  readonly dryRun: boolean;
  /** The import_batches row, or null for a dry run. */
  readonly batchId: number | null;
}

/** Why a large deactivation was refused, with the numbers the operator must confirm. */
export interface DeactivationRefusal {
  readonly deactivating: number;
  readonly active: number;
  /** The number the operator gave, when it did not match. */
  readonly confirmed: number | undefined;
  readonly summary: ImportSummary;
}

export type ImportResult =
  | { ok: true; summary: ImportSummary }
  /** Nothing was changed. `rejected` lists the rows when none of them could be used. */
  | { ok: false; reason: string; rejected: RowRejection[]; refusal?: DeactivationRefusal };

const HASH_BATCH = 64;
const WRITE_CHUNK = 250;
/** Residents read per page, and entries compared between two turns of the event loop. */
const READ_PAGE = 2_000;
const PLAN_CHUNK = 2_000;

const zeroTimer = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

type ResidentReader = Pick<RosterWriter, 'residentsAfter' | 'residentsWithWifi'>;

export function createRosterImport(deps: RosterImportDeps) {
  const pause = deps.pause ?? zeroTimer;

  /** Every stored resident, a page at a time with a turn of the event loop between pages. */
  async function readKnown(reader: ResidentReader): Promise<KnownResident[]> {
    const known: KnownResident[] = [];
    let after = 0;
    while (true) {
      const page = await reader.residentsAfter(after, READ_PAGE);
      for (const r of page) known.push(r);
      if (page.length < READ_PAGE) return known;
      after = page[page.length - 1]!.id;
      await pause();
    }
  }

  return {
    async importRoster(req: RosterImportRequest): Promise<ImportResult> {
      const progress = req.onProgress ?? (() => {});
      progress('reading', 0, 1);
      const file = await openRosterFile(req.bytes);
      if (!file.ok) return { ok: false, reason: file.reason, rejected: [] };
      const today = villageToday(deps.now(), deps.timeZone);

      // Read and check a chunk at a time, with a turn of the event loop between: only the usable entries stay.
      const checker = rowChecker({ today, villageCode: deps.villageCode });
      let rows = 0;
      try {
        for await (const chunk of file.chunks) {
          for (const record of chunk.records) checker.add(record);
          rows += chunk.records.length;
          progress('checking', rows, Math.max(rows, Math.round(rows / Math.max(chunk.fraction, 1e-6))));
          await pause();
        }
      } catch (err) {
        if (err instanceof RosterFileError) return { ok: false, reason: err.reason, rejected: [] };
        throw err;
      }
      const { entries, rejected, firstRow, presentOnlyAsRejected } = checker;
      if (entries.length === 0)
        return {
          ok: false,
          reason: 'tidak ada satu pun baris yang bisa dipakai; tidak ada yang diubah',
          rejected,
        };

      const nikIndex = await blindIndexes(deps.keyring, 'nik', [...firstRow.keys()], progress);
      const kkIndex = await blindIndexes(
        deps.keyring,
        'kk',
        [...new Set(entries.map((e) => e.kk))],
        () => {},
      );
      // After a key rotation, residents not yet re-indexed are found under the old key's index and moved.
      const legacyNikIndex = deps.keyring.legacyKeyId
        ? await legacyIndexes(deps.keyring, [...firstRow.keys()])
        : undefined;
      const warnings = entries.flatMap((e) =>
        e.warnings.map((code) => ({
          row: e.row,
          name: e.name,
          nikMasked: maskNik(e.nik),
          code,
          message: ROW_WARNING_MESSAGES[code],
        })),
      );
      const full = !req.partial;
      const at = deps.now();
      const dryRun = req.dryRun === true;

      const plan = (stored: KnownResident[]) => {
        const { known, moves } = adoptLegacy(stored, entries, {
          nikIndex,
          kkIndex,
          legacyNikIndex,
          keyId: deps.keyring.keyId,
        });
        return planChanges(known, entries, pause, {
          nikIndex,
          kkIndex,
          present: new Set(presentOnlyAsRejected.map((n) => nikIndex.get(n)!)),
          full,
          at,
          keyId: deps.keyring.keyId,
        }).then((p) => ({ ...p, known, moves }));
      };
      const summary = async (
        p: Plan & { moves: ResidentReindex[] },
        known: KnownResident[],
        tx: ResidentReader,
        batchId: number | null,
      ): Promise<ImportSummary> => {
        const activeBefore = known.filter((r) => r.active).length;
        return {
          reindexed: p.moves.length,
          added: p.added,
          updated: p.updated,
          deactivated: p.deactivated,
          deactivatedResidents: await describeDeactivated(p.missing, p.writes, known, tx),
          inactiveInRoster: entries.filter((e) => e.statusDasar !== 1).length,
          activeBefore,
          needsConfirmation: full && p.deactivated > activeBefore * DEACTIVATION_GUARD,
          warnings,
          rejected,
          rows,
          sheet: file.sheet,
          format: file.format,
          full,
          dryRun,
          batchId,
        };
      };

      // A dry run reads outside a transaction, so it never holds the database (one connection on SQLite) while
      // it compares; the apply compares again inside its transaction, and a refused import has written nothing.
      if (dryRun) {
        const p = await plan(await readKnown(deps.store));
        return { ok: true, summary: await summary(p, p.known, deps.store, null) };
      }
      return deps.store.transaction(async (tx): Promise<ImportResult> => {
        const p = await plan(await readKnown(tx));
        const known = p.known;
        const confirmed = req.confirmDeactivate;
        const preview = await summary(p, known, tx, null);
        // A confirmation is checked even when not needed: a number that does not match means the operator
        // expected another file.
        if ((preview.needsConfirmation || confirmed !== undefined) && confirmed !== p.deactivated)
          return {
            ok: false,
            reason: refusalReason(p.deactivated, preview.activeBefore, confirmed),
            rejected,
            refusal: {
              deactivating: p.deactivated,
              active: preview.activeBefore,
              confirmed,
              summary: preview,
            },
          };
        const actor = req.actor ?? 'cli';
        const batchId = await tx.createBatch({ fileName: req.fileName, full, startedAt: at, actor });
        for (let i = 0; i < p.moves.length; i += WRITE_CHUNK) {
          await tx.reindexResidents(p.moves.slice(i, i + WRITE_CHUNK), at);
          await pause();
        }
        const total = p.writes.length + p.missing.length;
        for (let i = 0; i < p.writes.length; i += WRITE_CHUNK) {
          await tx.upsertResidents(p.writes.slice(i, i + WRITE_CHUNK), batchId, at);
          progress('saving', Math.min(i + WRITE_CHUNK, p.writes.length), total);
          await pause();
        }
        for (let i = 0; i < p.missing.length; i += WRITE_CHUNK) {
          await tx.deactivateResidents(p.missing.slice(i, i + WRITE_CHUNK), batchId, at);
          progress('saving', p.writes.length + Math.min(i + WRITE_CHUNK, p.missing.length), total);
          await pause();
        }
        await tx.finishBatch(
          batchId,
          {
            finishedAt: deps.now(),
            added: p.added,
            updated: p.updated,
            deactivated: p.deactivated,
            rejected: rejected.length,
            warnings: warnings.length,
          },
          actor,
        );
        return { ok: true, summary: { ...preview, batchId } };
      });
    },
  };
}

export type RosterImport = ReturnType<typeof createRosterImport>;

/** Sorts rows, as they are read, into usable entries and rejections; a later row repeating a NIK is rejected. */
function rowChecker(ctx: { today: Date; villageCode: string }) {
  const entries: RosterEntry[] = [];
  const rejected: RowRejection[] = [];
  // NIKs seen in the file, with their first row. A valid NIK on a rejected row still counts as present, so a
  // typo elsewhere in a resident's row does not cut their access.
  const firstRow = new Map<string, number>();
  const presentOnlyAsRejected: string[] = [];
  return {
    entries,
    rejected,
    firstRow,
    presentOnlyAsRejected,
    add(record: RosterRecord) {
      const outcome = parseRosterRow(record, ctx);
      const nik = outcome.ok ? outcome.entry.nik : outcome.nik;
      const earlier = nik === undefined ? undefined : firstRow.get(nik);
      const who = outcome.ok
        ? { name: outcome.entry.name, nikMasked: maskNik(outcome.entry.nik) }
        : { name: outcome.name, nikMasked: outcome.nikMasked };
      if (earlier !== undefined)
        rejected.push({ row: record.row, ...who, reason: `NIK sama dengan baris ${earlier}` });
      else if (!outcome.ok) rejected.push({ row: outcome.row, ...who, reason: outcome.reason });
      else entries.push(outcome.entry);
      if (nik !== undefined && earlier === undefined) {
        firstRow.set(nik, record.row);
        if (!outcome.ok) presentOnlyAsRejected.push(nik);
      }
    },
  };
}

interface Plan {
  readonly writes: ResidentWrite[];
  /** Ids of active residents missing from a full import. */
  readonly missing: number[];
  readonly added: number;
  readonly updated: number;
  readonly deactivated: number;
}

/** Compares the file with what is stored: only rows whose data changed are written. */
async function planChanges(
  known: KnownResident[],
  entries: RosterEntry[],
  pause: () => Promise<void>,
  opts: {
    nikIndex: Map<string, string>;
    kkIndex: Map<string, string>;
    present: Set<string>;
    full: boolean;
    at: number;
    keyId: string;
  },
): Promise<Plan> {
  const byIndex = new Map(known.map((r) => [r.nikIndex, r]));
  const writes: ResidentWrite[] = [];
  let added = 0;
  let updated = 0;
  let deactivated = 0;
  for (const [i, e] of entries.entries()) {
    if (i > 0 && i % PLAN_CHUNK === 0) await pause();
    const index = opts.nikIndex.get(e.nik)!;
    opts.present.add(index);
    const before = byIndex.get(index);
    const active = e.statusDasar === 1;
    const data: ResidentData = {
      nikMasked: maskNik(e.nik),
      kkIndex: opts.kkIndex.get(e.kk)!,
      kkMasked: maskKk(e.kk),
      name: e.name,
      sex: e.sex,
      birthDate: e.birthDate,
      dusun: e.dusun,
      rw: e.rw,
      rt: e.rt,
      kkLevel: e.kkLevel,
      statusDasar: e.statusDasar,
      active,
      warnings: e.warnings.length > 0 ? JSON.stringify(e.warnings) : null,
      // Keeps the moment a resident first lost access; cleared when they come back.
      deactivatedAt: active ? null : before && !before.active ? before.deactivatedAt : opts.at,
    };
    if (!before) added++;
    else if (sameData(before, data)) continue;
    else if (before.active && !active) deactivated++;
    else updated++;
    writes.push({ ...data, nikIndex: index, indexKeyId: opts.keyId });
  }
  const missing = opts.full
    ? known.filter((r) => r.active && !opts.present.has(r.nikIndex)).map((r) => r.id)
    : [];
  deactivated += missing.length;
  return { writes, missing, added, updated, deactivated };
}

/**
 * Residents stored under the old key's index whose NIK is in the file: moved to the current key's index (NIK and
 * KK), and from then on compared like everyone else. Returns the residents as they will be after the moves.
 */
function adoptLegacy(
  stored: KnownResident[],
  entries: RosterEntry[],
  opts: {
    nikIndex: Map<string, string>;
    kkIndex: Map<string, string>;
    legacyNikIndex: Map<string, string> | undefined;
    keyId: string;
  },
): { known: KnownResident[]; moves: ResidentReindex[] } {
  const legacy = opts.legacyNikIndex;
  if (!legacy) return { known: stored, moves: [] };
  const byIndex = new Map(stored.map((r, i) => [r.nikIndex, i]));
  const known = [...stored];
  const moves: ResidentReindex[] = [];
  for (const e of entries) {
    const index = opts.nikIndex.get(e.nik)!;
    if (byIndex.has(index)) continue;
    const at = byIndex.get(legacy.get(e.nik)!);
    if (at === undefined) continue;
    const move = {
      id: known[at]!.id,
      nikIndex: index,
      kkIndex: opts.kkIndex.get(e.kk)!,
      indexKeyId: opts.keyId,
    };
    moves.push(move);
    known[at] = { ...known[at]!, nikIndex: move.nikIndex, kkIndex: move.kkIndex, indexKeyId: opts.keyId };
  }
  return { known, moves };
}

async function legacyIndexes(keyring: Keyring, niks: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < niks.length; i += HASH_BATCH) {
    const batch = niks.slice(i, i + HASH_BATCH);
    const hashes = await Promise.all(batch.map((v) => keyring.legacyBlindIndex('nik', v)));
    for (const [j, v] of batch.entries()) out.set(v, hashes[j]!);
  }
  return out;
}

const COMPARED: readonly (keyof ResidentData)[] = [
  'nikMasked',
  'kkIndex',
  'kkMasked',
  'name',
  'sex',
  'birthDate',
  'dusun',
  'rw',
  'rt',
  'kkLevel',
  'statusDasar',
  'active',
  'warnings',
  'deactivatedAt',
];

function sameData(a: ResidentData, b: ResidentData): boolean {
  return COMPARED.every((k) => a[k] === b[k]);
}

async function blindIndexes(
  keyring: Keyring,
  purpose: 'nik' | 'kk',
  values: string[],
  progress: ProgressFn,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // Web Crypto runs HMACs off the main thread: batches keep many in flight without queuing thousands at once.
  for (let i = 0; i < values.length; i += HASH_BATCH) {
    const batch = values.slice(i, i + HASH_BATCH);
    const hashes = await Promise.all(batch.map((v) => keyring.blindIndex(purpose, v)));
    for (const [j, v] of batch.entries()) out.set(v, hashes[j]!);
    progress('hashing', Math.min(i + HASH_BATCH, values.length), values.length);
  }
  return out;
}

/** Today's date in the village, as UTC midnight: the domain compares calendar dates in UTC. */
export function villageToday(nowMs: number, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(nowMs));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
}
