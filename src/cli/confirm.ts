// Asking before an action that cannot be undone (erasing an account, reclaiming a NIK): `--yes` answers for
// scripts; otherwise one line is read (the terminal, or what is piped in) and only "ya"/"y"/"yes" goes ahead.
import type { CliContext } from './context.js';
import { CliError } from './io.js';
import { DECLINED_EXIT } from './service-errors.js';

export async function confirmOrStop(
  ctx: CliContext,
  question: string,
  yes: boolean | undefined,
): Promise<void> {
  if (yes) return;
  ctx.io.stderr.write(`${question} Ketik "ya" untuk melanjutkan: `);
  const line = ctx.io.readLine ? await ctx.io.readLine() : (await ctx.io.readStdin())?.split(/\r?\n/)[0];
  if (!/^(ya|y|yes)$/i.test(line?.trim() ?? '')) {
    throw new CliError('dibatalkan; tidak ada yang diubah (pakai --yes untuk skrip)', DECLINED_EXIT);
  }
}
