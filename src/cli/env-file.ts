// Reads ./.env (if present) beneath the real environment: a variable set in the environment wins.
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export function withEnvFile(
  env: Readonly<Record<string, string | undefined>>,
  file = '.env',
): Record<string, string | undefined> {
  if (!existsSync(file)) return { ...env };
  return { ...parseEnv(readFileSync(file, 'utf8')), ...env };
}
