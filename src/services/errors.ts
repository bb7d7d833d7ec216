// The one error type services throw for expected failures: a closed set of codes, an Indonesian message that is
// safe to show as is (never a NIK, KK, PIN or secret), and the input field it concerns when there is one.
// Transports translate it in one place each: the CLI to one stderr line, HTTP to a status from SERVICE_ERROR_STATUS.

export const SERVICE_ERROR_CODES = [
  /** The input is malformed or out of range. */
  'invalid-input',
  /** The thing named does not exist. */
  'not-found',
  /** It would clash with something that exists (a name, an address, an account). */
  'conflict',
  /** The person may not have this (not in the roster, no longer active, account suspended). */
  'not-eligible',
  /** A count limit is reached (devices per plan). */
  'limit-reached',
  /** Credentials (PIN, password) do not verify. */
  'unauthorized',
  /** Too many failed attempts; try again later. */
  'locked',
  /** A peer the service needs (a router, the database) cannot be reached now. */
  'unavailable',
] as const;

export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number];

export const SERVICE_ERROR_STATUS: Readonly<Record<ServiceErrorCode, number>> = {
  'invalid-input': 400,
  'not-found': 404,
  conflict: 409,
  'not-eligible': 403,
  'limit-reached': 409,
  unauthorized: 401,
  locked: 429,
  unavailable: 503,
};

export class ServiceError extends Error {
  override name = 'ServiceError';
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    /** The input field at fault (camelCase, as in the service's input type), for showing beside a form field. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const invalidInput = (message: string, field?: string) =>
  new ServiceError('invalid-input', message, field);
