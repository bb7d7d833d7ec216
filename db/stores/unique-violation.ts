// Whether a write failed on a UNIQUE constraint, on every database we run on: the race a read-then-insert loses
// to a parallel request is an expected outcome ("already there"), not a fault.

export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  // PostgreSQL SQLSTATE unique_violation; better-sqlite3's extended result codes.
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return true;
  }
  // D1 reports SQLite's message text without a code.
  return typeof message === 'string' && message.includes('UNIQUE constraint failed');
}
