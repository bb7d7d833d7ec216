// What a CLI command may touch of the outside world, passed in so tests can run commands in-process.
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { readHidden } from './read-secret.js';

export interface CliIO {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  /** The whole of standard input, or undefined when it is a terminal (nothing piped). */
  readStdin(): Promise<string | undefined>;
  /** One line typed at the terminal; absent when input is piped (then `readStdin` has it). */
  readLine?: (() => Promise<string>) | undefined;
  /** A secret typed at the terminal, not shown as it is typed; absent when input is piped. */
  readSecret?: ((prompt: string) => Promise<string>) | undefined;
}

/** An expected failure: printed as one line on stderr, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function processIO(env: Readonly<Record<string, string | undefined>>): CliIO {
  return {
    env,
    stdout: process.stdout,
    stderr: process.stderr,
    async readStdin() {
      if (process.stdin.isTTY) return undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    readLine: process.stdin.isTTY
      ? async () => {
          const rl = createInterface({ input: process.stdin, terminal: false });
          try {
            for await (const line of rl) return line;
            return '';
          } finally {
            rl.close();
          }
        }
      : undefined,
    readSecret: process.stdin.isTTY
      ? (prompt) => readHidden(process.stdin, process.stderr, prompt)
      : undefined,
  };
}
