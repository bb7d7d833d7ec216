// The audit log: written inside the transaction of the change it records (see `withAudit`), read by operators.
import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../src/services/audit/audit.js';
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
  };
}
