// What can go wrong talking to a router, as a closed set of kinds with a message an operator can act on
// (Indonesian, never a password). Services map the kinds to their own errors; nothing here is fatal to the process.

export type RouterOsErrorKind =
  /** No TCP/TLS connection: refused, no route, name unknown, handshake failed. */
  | 'unreachable'
  /** The router refused the API user or password. */
  | 'login'
  /** Connected, but no answer in time. */
  | 'timeout'
  /** The connection broke while a command was waiting (closed, reset, `!fatal`). */
  | 'connection-lost'
  /** The router answered `!trap`: it refused the command and changed nothing. */
  | 'trap'
  /** The router sent something that is not the RouterOS API. */
  | 'protocol'
  /** We closed the client ourselves. */
  | 'closed';

export class RouterOsError extends Error {
  override name = 'RouterOsError';
  constructor(
    readonly kind: RouterOsErrorKind,
    message: string,
    /** When a new connection attempt is allowed again (epoch ms), after repeated failures. */
    readonly retryAt?: number,
  ) {
    super(message);
  }
}

export class RouterOsTrapError extends RouterOsError {
  override name = 'RouterOsTrapError';
  constructor(
    readonly command: string,
    readonly trapMessage: string,
    /** 0 missing item or command, 1 bad argument, 2 interrupted, 3 scripting, 4 general, 5 API, 6 TTY, 7 :return. */
    readonly category: number | undefined,
  ) {
    super('trap', `router menolak ${command}: ${trapMessage}`);
  }
}

/** Whether trying again later may succeed (the router was away), as opposed to a refusal that will repeat. */
export function isTransient(err: unknown): boolean {
  return err instanceof RouterOsError && ['unreachable', 'timeout', 'connection-lost'].includes(err.kind);
}
