// What the audit log records of a change. Stores write it in the same transaction as the change itself, so the
// log never claims a change that did not happen, nor misses one that did.

export interface AuditEntry {
  readonly at: number;
  /** Who: `cli`, or `admin:<username>` from the admin pages. */
  readonly actor: string;
  /** What, as `<thing>.<verb>`: `plan.add`, `router.add`, `device.add`. */
  readonly action: string;
  /** Which: `plan:Dasar`, `account:12`. Never a NIK, KK or secret. */
  readonly target: string;
  /** JSON of the fields changed, secrets left out. */
  readonly detail?: string | undefined;
}

/** A JSON detail without undefined fields; secrets and identity numbers must not be passed in. */
export function auditDetail(fields: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
}
