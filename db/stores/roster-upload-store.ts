// Uploaded roster files and their jobs (`roster_uploads`), and the history of imports (`import_batches`).
// The file is read back only by the job; every list leaves it out.
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { ImportStage } from '../../src/services/residents/roster-import.js';
import type {
  RosterUploadRecord,
  RosterUploadStore,
  UploadState,
} from '../../src/services/residents/roster-uploads.js';
import type { Database, RosterUploadTable } from '../schema.js';

const LISTED = [
  'id',
  'file_name',
  'size',
  'partial',
  'state',
  'stage',
  'done',
  'total',
  'report',
  'error',
  'batch_id',
  'created_by',
  'applied_by',
  'created_at',
  'updated_at',
  'expires_at',
] as const;

type Listed = Pick<Selectable<RosterUploadTable>, (typeof LISTED)[number]> & { has_content: number | string };

export function createRosterUploadStore(db: Kysely<Database>): RosterUploadStore {
  const select = () =>
    db
      .selectFrom('roster_uploads')
      .select(LISTED)
      .select((eb) =>
        eb
          .case()
          .when(
            eb.exists(
              eb
                .selectFrom('roster_upload_contents as c')
                .select('c.upload_id')
                .whereRef('c.upload_id', '=', 'roster_uploads.id'),
            ),
          )
          .then(1)
          .else(0)
          .end()
          .as('has_content'),
      );

  return {
    create: (u) =>
      db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('roster_uploads')
          .values({
            file_name: u.fileName,
            size: u.content.length,
            partial: u.partial ? 1 : 0,
            state: 'checking',
            created_by: u.createdBy,
            created_at: u.at,
            updated_at: u.at,
            expires_at: u.expiresAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('roster_upload_contents')
          .values({ upload_id: row.id, content: u.content })
          .execute();
        return row.id;
      }),

    async find(id) {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async content(id) {
      const row = await db
        .selectFrom('roster_upload_contents')
        .select('content')
        .where('upload_id', '=', id)
        .executeTakeFirst();
      return row?.content ? new Uint8Array(row.content) : undefined;
    },

    async claim(id, from, to, set) {
      const r = await db
        .updateTable('roster_uploads')
        .set({
          state: to,
          updated_at: set.at,
          error: null,
          ...(set.appliedBy ? { applied_by: set.appliedBy } : {}),
        })
        .where('id', '=', id)
        .where('state', '=', from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async applyingSince(since) {
      const row = await db
        .selectFrom('roster_uploads')
        .select('id')
        .where('state', '=', 'applying')
        .where('updated_at', '>', since)
        .executeTakeFirst();
      return row !== undefined;
    },

    async progress(id, p) {
      await db
        .updateTable('roster_uploads')
        .set({ stage: p.stage, done: p.done, total: p.total, updated_at: p.at })
        .where('id', '=', id)
        .where('state', 'in', ['checking', 'applying'])
        .execute();
    },

    async finish(id, f) {
      if (f.dropContent) await db.deleteFrom('roster_upload_contents').where('upload_id', '=', id).execute();
      await db
        .updateTable('roster_uploads')
        .set({
          state: f.state,
          updated_at: f.at,
          ...(f.report !== undefined ? { report: f.report } : {}),
          error: f.error ?? null,
          ...(f.batchId !== undefined ? { batch_id: f.batchId } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    async recent(limit) {
      const rows = await select().orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toRecord);
    },

    async purgeExpired(at) {
      const expired = (eb: ExpressionBuilder<Database, 'roster_uploads'>) =>
        eb.and([eb('expires_at', '<=', at), eb('state', 'not in', ['checking', 'applying'])]);
      await db
        .deleteFrom('roster_upload_contents')
        .where('upload_id', 'in', db.selectFrom('roster_uploads').select('id').where(expired))
        .execute();
      await db
        .deleteFrom('roster_uploads')
        .where('expires_at', '<=', at)
        .where('state', 'not in', ['checking', 'applying'])
        .execute();
    },

    async history({ limit, offset }) {
      const rows = await db
        .selectFrom('import_batches')
        .selectAll()
        .where('finished_at', 'is not', null)
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        fileName: r.file_name,
        full: r.full === 1,
        actor: r.actor,
        startedAt: Number(r.started_at),
        finishedAt: r.finished_at === null ? null : Number(r.finished_at),
        added: r.added,
        updated: r.updated,
        deactivated: r.deactivated,
        rejected: r.rejected,
        warnings: r.warnings,
      }));
    },
  };
}

function toRecord(row: Listed): RosterUploadRecord {
  return {
    id: row.id,
    fileName: row.file_name,
    size: row.size,
    partial: row.partial === 1,
    state: row.state as UploadState,
    stage: row.stage as ImportStage | null,
    done: row.done,
    total: row.total,
    report: row.report,
    error: row.error,
    batchId: row.batch_id,
    createdBy: row.created_by,
    appliedBy: row.applied_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    expiresAt: Number(row.expires_at),
    hasContent: Number(row.has_content) === 1,
  };
}
