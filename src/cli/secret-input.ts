// Secrets (and NIKs) given to a command without leaving them in shell history: `--x -` reads one line from stdin, and
// `--x-env VAR` reads an environment variable. Only one option per command may read stdin.
import type { CliContext } from './context.js';
import { CliError } from './io.js';

export interface SecretOption {
  /** The option as typed, e.g. `--secret`, and its value (`-` for stdin). */
  readonly flag: string;
  readonly value: string | undefined;
  /** The `-env` twin, e.g. `--secret-env`, and the variable it names. */
  readonly envFlag: string;
  readonly envName: string | undefined;
}

/** Resolves each secret option; undefined for one given in neither form. */
export async function readSecrets(
  ctx: CliContext,
  options: readonly SecretOption[],
): Promise<(string | undefined)[]> {
  const fromStdin = options.filter((o) => o.value === '-');
  if (fromStdin.length > 1) {
    throw new CliError(
      `hanya satu dari ${fromStdin.map((o) => o.flag).join(', ')} yang boleh dibaca dari stdin (-)`,
    );
  }
  let stdinLine: string | undefined;
  if (fromStdin.length === 1) {
    const text = await ctx.io.readStdin();
    stdinLine = text?.split(/\r?\n/)[0];
    if (!stdinLine) {
      throw new CliError(
        `${fromStdin[0]!.flag} -: tidak ada masukan di stdin (salurkan lewat pipa, atau pakai ${fromStdin[0]!.envFlag})`,
      );
    }
  }
  return options.map((o) => {
    if (o.value !== undefined && o.envName !== undefined) {
      throw new CliError(`pilih salah satu: ${o.flag} atau ${o.envFlag}`);
    }
    if (o.value === '-') return stdinLine;
    if (o.envName !== undefined) {
      const v = ctx.io.env[o.envName];
      if (v === undefined || v === '')
        throw new CliError(`${o.envFlag}: variabel lingkungan ${o.envName} kosong atau tidak ada`);
      return v;
    }
    return o.value;
  });
}

/** The first line piped to stdin, or undefined when nothing (or only an empty line) was piped. */
export async function readPipedLine(ctx: CliContext): Promise<string | undefined> {
  const text = await ctx.io.readStdin();
  const line = text?.split(/\r?\n/)[0];
  return line ? line : undefined;
}

/** A NIK argument; `-` reads it from stdin, so it stays out of shell history like a secret. */
export async function nikArgument(ctx: CliContext, arg: string): Promise<string> {
  if (arg !== '-') return arg;
  const line = await readPipedLine(ctx);
  if (!line) throw new CliError('NIK -: tidak ada masukan di stdin (salurkan NIK lewat pipa)');
  return line;
}
