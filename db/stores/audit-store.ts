// The audit log: written inside the transaction of the change it records (see `withAudit`), read by operators.
import { type Kysely, sql } from 'kysely';
import type { AuditEntry } from '../../src/services/audit/audit.js';
import type { AuditFilter, AuditRow } from '../../src/services/audit/audit-log.js';
import type { Database } from '../schema.js';

/** Runs `write` and records `audit` in one transaction; joins the caller's transaction when there is one. */
export async function withAudit<T>(
  db: Kysely<Database>,
  audit: AuditEntry | ((result: T) => AuditEntry),
  write: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const run = async (trx: Kysely<Database>) => {
    const result = await write(trx);
    const entry = typeof audit === 'function' ? audit(result) : audit;
    await trx
      .insertInto('audit_log')
      .values({
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        detail: entry.detail ?? null,
      })
      .execute();
    return result;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export interface AuditRecord extends AuditEntry {
  readonly id: number;
}

export function createAuditStore(db: Kysely<Database>) {
  return {
    /** The latest entries, newest first. */
    async recent(limit = 100): Promise<AuditRecord[]> {
      const rows = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({ ...r, target: r.target ?? '', detail: r.detail ?? undefined }));
    },

    /** Newest first, filtered; the audit page's rows. */
    async queryAudit(filter: AuditFilter, offset: number, limit: number): Promise<AuditRow[]> {
      let q = db.selectFrom('audit_log').selectAll();
      if (filter.actor) q = q.where('actor', '=', filter.actor);
      if (filter.action?.endsWith('.')) {
        // A prefix: escape LIKE's wildcards in what the user typed.
        const prefix = filter.action.replace(/[\\%_]/g, (ch) => `\\${ch}`);
        q = q.where(sql<boolean>`action like ${`${prefix}%`} escape '\\'`);
      } else if (filter.action) q = q.where('action', '=', filter.action);
      if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
      if (filter.to !== undefined) q = q.where('at', '<', filter.to);
      const rows = await q.orderBy('id', 'desc').limit(limit).offset(offset).execute();
      return rows.map((r) => ({
        id: Number(r.id),
        at: Number(r.at),
        actor: r.actor,
        action: r.action,
        target: r.target ?? '',
        detail: r.detail ?? undefined,
      }));
    },
  };
}
