// Runs a command's action and turns a service's expected failure into the CLI's one line, naming the option
// at fault (`--down: …`) when the service says which input field it was.
import type { Command } from 'commander';
import { ServiceError } from '../services/errors.js';
import { CliError } from './io.js';

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
      throw new CliError(option ? `${option.long}: ${err.message}` : err.message);
    }
  }) as A;
}
