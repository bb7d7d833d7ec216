// What the roster use cases need from storage. A resident is known only by the keyed hash of their NIK
// (`nikIndex`); nothing here ever carries a NIK or KK number in clear.

/** The imported facts about a resident, as stored. */
export interface ResidentData {
  readonly nikMasked: string;
  readonly kkIndex: string;
  readonly kkMasked: string;
  readonly name: string;
  readonly sex: number | null;
  readonly birthDate: string | null;
  readonly dusun: string;
  readonly rw: string;
  readonly rt: string;
  readonly kkLevel: number | null;
  readonly statusDasar: number;
  /** In the latest roster with status_dasar = 1. */
  readonly active: boolean;
  /** JSON list of warning codes, or null. */
  readonly warnings: string | null;
  readonly deactivatedAt: number | null;
}

export interface ResidentWrite extends ResidentData {
  readonly nikIndex: string;
  /** Keyring.keyId of the key `nikIndex` and `kkIndex` are under (null: from before it was recorded). */
  readonly indexKeyId?: string | null | undefined;
}

/** A resident found under the key from before a rotation, moved to the index under the current key. */
export interface ResidentReindex {
  readonly id: number;
  readonly nikIndex: string;
  readonly kkIndex: string;
  readonly indexKeyId: string;
}

export interface KnownResident extends ResidentWrite {
  readonly id: number;
}

export interface ImportBatchOutcome {
  readonly finishedAt: number;
  readonly added: number;
  readonly updated: number;
  readonly deactivated: number;
  readonly rejected: number;
  readonly warnings: number;
}

/** Writes of one import; every call made through it belongs to one transaction. */
export interface RosterWriter {
  listResidents(): Promise<KnownResident[]>;
  /** One page of residents by id (`afterId` exclusive), so a regency-size list is read with breaks between. */
  residentsAfter(afterId: number, limit: number): Promise<KnownResident[]>;
  /** `actor`: who ran it (`cli`, `admin:<username>`), kept for the history of imports. */
  createBatch(batch: { fileName: string; full: boolean; startedAt: number; actor: string }): Promise<number>;
  /** Inserts new residents and overwrites changed ones (matched by `nikIndex`); keeps `created_at`. */
  upsertResidents(rows: readonly ResidentWrite[], batchId: number, at: number): Promise<void>;
  deactivateResidents(ids: readonly number[], batchId: number, at: number): Promise<void>;
  /** Moves residents found under the old key to their index under the current one (after a key rotation). */
  reindexResidents(moves: readonly ResidentReindex[], at: number): Promise<void>;
  /** Records the outcome, and the import in the audit log, in the import's transaction. */
  finishBatch(batchId: number, outcome: ImportBatchOutcome, actor: string): Promise<void>;
  /** Of these residents, the ones with an active Wi-Fi account. */
  residentsWithWifi(ids: readonly number[]): Promise<Set<number>>;
}

export interface RosterStore {
  listResidents(): Promise<KnownResident[]>;
  residentsAfter(afterId: number, limit: number): Promise<KnownResident[]>;
  /** Of these residents, the ones with an active Wi-Fi account (a dry run's report, outside a transaction). */
  residentsWithWifi(ids: readonly number[]): Promise<Set<number>>;
  findByNikIndex(nikIndex: string): Promise<KnownResident | undefined>;
  /** Runs `work` atomically: all of its writes land, or none do. */
  transaction<T>(work: (writer: RosterWriter) => Promise<T>): Promise<T>;
}
