// Runs a command's action and turns a service's expected failure into the CLI's one line and exit code, naming
// the option at fault (`--down: …`) when the service says which input field it was. The exit codes are one
// table, so scripts can tell "no such resident" from "already exists" from "the router is unreachable".
import type { Command } from 'commander';
import { ServiceError, type ServiceErrorCode } from '../services/errors.js';
import { CliError } from './io.js';

/** Exit codes by service error; 1 stays "you typed something wrong", as for commander's own parse errors. */
export const SERVICE_ERROR_EXIT: Readonly<Record<ServiceErrorCode, number>> = {
  'invalid-input': 1,
  'not-found': 3,
  conflict: 4,
  'limit-reached': 4,
  'not-eligible': 5,
  unauthorized: 6,
  locked: 6,
  unavailable: 7,
};

/** The operator declined a confirmation: nothing was changed. */
export const DECLINED_EXIT = 8;

// biome-ignore lint/suspicious/noExplicitAny: commander passes positional arguments, options and the command
type Action = (...args: any[]) => Promise<void>;

export function serviceAction<A extends Action>(action: A): A {
  return (async (...args: unknown[]) => {
    try {
      await action(...args);
    } catch (err) {
      if (!(err instanceof ServiceError)) throw err;
      const command = args.at(-1) as Command;
      const option = err.field && command.options.find((o) => o.attributeName() === err.field);
      const message = option ? `${option.long}: ${err.message}` : err.message;
      throw new CliError(message, SERVICE_ERROR_EXIT[err.code]);
    }
  }) as A;
}
