// A short id for each request, in the `X-Request-Id` header, on every error page and error body, and in the log
// line of a fault, so an operator's screenshot leads to the log entry.

export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
