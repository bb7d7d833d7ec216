// Residents and import batches on Kysely (SQLite, PostgreSQL, D1). Implements the roster ports: rows are keyed
// by the blind index of the NIK, and writes go in multi-row statements so a 5,000-row roster is a few dozen
// statements, not thousands of round trips.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type {
  ImportBatchOutcome,
  KnownResident,
  ResidentReindex,
  ResidentWrite,
  RosterStore,
  RosterWriter,
} from '../../src/services/residents/roster-ports.js';
import type { Database, ResidentTable } from '../schema.js';

export interface ResidentStoreOptions {
  /**
   * Bound parameters allowed in one statement. SQLite allows 32,766 and PostgreSQL 65,535; D1 allows only 100,
   * so a D1 composition root passes 100.
   */
  readonly maxParams?: number;
}

const RESIDENT_COLUMNS = 19;

export function createResidentStore(db: Kysely<Database>, opts: ResidentStoreOptions = {}) {
  const maxParams = opts.maxParams ?? 9_000;
  const rowsPerInsert = Math.max(1, Math.floor(maxParams / RESIDENT_COLUMNS));
  const idsPerUpdate = Math.max(1, maxParams - 4);

  const listResidents = async (q: Kysely<Database>): Promise<KnownResident[]> =>
    (await q.selectFrom('residents').selectAll().orderBy('id').execute()).map(toKnown);

  const residentsAfter = async (q: Kysely<Database>, afterId: number, limit: number) =>
    (
      await q
        .selectFrom('residents')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute()
    ).map(toKnown);

  const residentsWithWifi = async (q: Kysely<Database>, ids: readonly number[]) => {
    const out = new Set<number>();
    for (let i = 0; i < ids.length; i += idsPerUpdate) {
      const rows = await q
        .selectFrom('accounts')
        .select('resident_id')
        .where('status', '=', 'active')
        .where('resident_id', 'in', ids.slice(i, i + idsPerUpdate))
        .execute();
      for (const r of rows) out.add(r.resident_id);
    }
    return out;
  };

  const writer = (tx: Transaction<Database>): RosterWriter => ({
    listResidents: () => listResidents(tx),
    residentsAfter: (afterId, limit) => residentsAfter(tx, afterId, limit),

    async createBatch(batch) {
      const row = await tx
        .insertInto('import_batches')
        .values({
          file_name: batch.fileName,
          full: batch.full ? 1 : 0,
          started_at: batch.startedAt,
          actor: batch.actor,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async upsertResidents(rows: readonly ResidentWrite[], batchId: number, at: number) {
      for (let i = 0; i < rows.length; i += rowsPerInsert) {
        const values = rows.slice(i, i + rowsPerInsert).map((r) => ({
          ...toColumns(r),
          import_batch_id: batchId,
          created_at: at,
          updated_at: at,
        }));
        await tx
          .insertInto('residents')
          .values(values)
          .onConflict((oc) =>
            oc.column('nik_index').doUpdateSet((eb) => ({
              nik_masked: eb.ref('excluded.nik_masked'),
              kk_index: eb.ref('excluded.kk_index'),
              kk_masked: eb.ref('excluded.kk_masked'),
              name: eb.ref('excluded.name'),
              sex: eb.ref('excluded.sex'),
              birth_date: eb.ref('excluded.birth_date'),
              dusun: eb.ref('excluded.dusun'),
              rw: eb.ref('excluded.rw'),
              rt: eb.ref('excluded.rt'),
              kk_level: eb.ref('excluded.kk_level'),
              status_dasar: eb.ref('excluded.status_dasar'),
              active: eb.ref('excluded.active'),
              warnings: eb.ref('excluded.warnings'),
              deactivated_at: eb.ref('excluded.deactivated_at'),
              index_key_id: eb.ref('excluded.index_key_id'),
              import_batch_id: eb.ref('excluded.import_batch_id'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    },

    async deactivateResidents(ids: readonly number[], batchId: number, at: number) {
      for (let i = 0; i < ids.length; i += idsPerUpdate) {
        await tx
          .updateTable('residents')
          .set({ active: 0, deactivated_at: at, updated_at: at, import_batch_id: batchId })
          .where('id', 'in', ids.slice(i, i + idsPerUpdate))
          .execute();
      }
    },

    async reindexResidents(moves: readonly ResidentReindex[], at: number) {
      for (const m of moves)
        await tx
          .updateTable('residents')
          .set({ nik_index: m.nikIndex, kk_index: m.kkIndex, index_key_id: m.indexKeyId, updated_at: at })
          .where('id', '=', m.id)
          .execute();
    },

    async finishBatch(batchId: number, outcome: ImportBatchOutcome, actor: string) {
      const { finishedAt: at, ...counts } = outcome;
      await tx
        .insertInto('audit_log')
        .values({
          at,
          actor,
          action: 'roster.import',
          target: `import:${batchId}`,
          detail: JSON.stringify(counts),
        })
        .execute();
      await tx
        .updateTable('import_batches')
        .set({
          finished_at: outcome.finishedAt,
          added: outcome.added,
          updated: outcome.updated,
          deactivated: outcome.deactivated,
          rejected: outcome.rejected,
          warnings: outcome.warnings,
        })
        .where('id', '=', batchId)
        .execute();
    },

    residentsWithWifi: (ids) => residentsWithWifi(tx, ids),
  });

  const store: RosterStore = {
    listResidents: () => listResidents(db),
    residentsAfter: (afterId, limit) => residentsAfter(db, afterId, limit),
    residentsWithWifi: (ids) => residentsWithWifi(db, ids),

    async findByNikIndex(nikIndex: string) {
      const row = await db
        .selectFrom('residents')
        .selectAll()
        .where('nik_index', '=', nikIndex)
        .executeTakeFirst();
      return row ? toKnown(row) : undefined;
    },

    transaction: (work) => db.transaction().execute((tx) => work(writer(tx))),
  };
  return store;
}

export type ResidentStore = ReturnType<typeof createResidentStore>;

function toColumns(r: ResidentWrite) {
  return {
    nik_index: r.nikIndex,
    nik_masked: r.nikMasked,
    kk_index: r.kkIndex,
    kk_masked: r.kkMasked,
    name: r.name,
    sex: r.sex,
    birth_date: r.birthDate,
    dusun: r.dusun,
    rw: r.rw,
    rt: r.rt,
    kk_level: r.kkLevel,
    status_dasar: r.statusDasar,
    active: r.active ? 1 : 0,
    warnings: r.warnings,
    deactivated_at: r.deactivatedAt,
    index_key_id: r.indexKeyId ?? null,
  };
}

function toKnown(row: Selectable<ResidentTable>): KnownResident {
  return {
    id: row.id,
    nikIndex: row.nik_index,
    nikMasked: row.nik_masked,
    kkIndex: row.kk_index,
    kkMasked: row.kk_masked,
    name: row.name,
    sex: row.sex,
    birthDate: row.birth_date,
    dusun: row.dusun,
    rw: row.rw,
    rt: row.rt,
    kkLevel: row.kk_level,
    statusDasar: row.status_dasar,
    active: row.active === 1,
    warnings: row.warnings,
    deactivatedAt: row.deactivated_at,
    indexKeyId: row.index_key_id,
  };
}
