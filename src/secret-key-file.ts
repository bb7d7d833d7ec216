// The server key, when not given in WARGANET_SECRET_KEY: generated once into the data directory, readable by the
// owner only, and reused on every start. Losing it makes stored secrets unreadable and NIK lookups fail.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_KEY_FILE = 'secret.key';

export function loadOrCreateSecretKey(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SECRET_KEY_FILE);
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${file} does not hold a 64-digit hex key`);
  return hex;
}

/**
 * After `warganet key rotate`: the key from before the rotation, kept because the NIK/KK lookup index and the PIN
 * pepper are HMACs of values never stored, so they cannot be recomputed under the new key (src/ops/key-rotation.ts).
 */
export const INDEX_KEY_FILE = 'secret.index.key';
/** The new key while a rotation is under way; its presence means the rotation is not finished. */
export const NEXT_KEY_FILE = 'secret.key.next';

export function readKeyFile(file: string): string | undefined {
  let hex: string;
  try {
    hex = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${file} does not hold a 64-digit hex key`);
  return hex;
}
