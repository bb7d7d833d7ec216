// `warganet restore FILE`: checks everything it can before touching the live files, keeps the database (and key)
// it replaces in data/before-restore-<time>/, then swaps. Refuses while a server runs on the data directory
// (its pid file; see server-lock.ts): a running server would keep writing to the file it has open.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { INDEX_KEY_FILE, readKeyFile, SECRET_KEY_FILE } from '../secret-key-file.js';
import { Keyring } from '../services/keyring.js';
import { type BackupManifest, extractBackup, inspectDatabase, removeDatabaseFile } from './backup-file.js';
import { openSealedKey } from './key-seal.js';
import { runningServerPid } from './server-lock.js';

export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

export interface RestoreOutcome {
  readonly manifest: BackupManifest;
  /** Where the replaced database (and key) now are; undefined when there was none. */
  readonly keptAside: string | undefined;
  readonly keyRestored: boolean;
}

export async function restoreBackup(opts: {
  dataDir: string;
  file: string;
  /** Migrations this version of Warganet knows: a backup from a newer one is refused. */
  knownMigrations: readonly string[];
  /** WARGANET_SECRET_KEY, when the key is given that way rather than in data/secret.key. */
  envKeyHex: string | undefined;
  /** Asked only when the backup carries a sealed key. */
  passphrase: () => Promise<string>;
  now?: Date;
}): Promise<RestoreOutcome> {
  const pid = runningServerPid(opts.dataDir);
  if (pid !== undefined)
    throw new RestoreRefused(
      `server Warganet sedang berjalan (pid ${pid}, ${join(opts.dataDir, 'warganet.pid')}). Hentikan dulu ` +
        '(sudo systemctl stop warganet), lalu ulangi.',
    );
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const live = join(opts.dataDir, 'warganet.db');
  const incoming = join(opts.dataDir, 'warganet.db.restoring');
  removeDatabaseFile(incoming);
  try {
    const manifest = await extractBackup(opts.file, incoming).catch((err: Error) => {
      throw new RestoreRefused(`berkas cadangan tidak bisa dipakai: ${err.message}`);
    });
    const facts = inspectDatabase(incoming);
    if (facts.integrity !== 'ok')
      throw new RestoreRefused(`basis data di cadangan rusak (integrity_check: ${facts.integrity})`);
    const unknown = facts.migrations.filter((m) => !opts.knownMigrations.includes(m));
    if (unknown.length > 0)
      throw new RestoreRefused(
        `cadangan dibuat oleh Warganet yang lebih baru (migrasi ${unknown.join(', ')} tidak dikenal versi ini). ` +
          'Pasang versi itu dulu, lalu pulihkan.',
      );
    for (const [table, n] of Object.entries(manifest.counts))
      if (facts.counts[table] !== n)
        throw new RestoreRefused(
          `isi cadangan tidak cocok dengan manifesnya (${table}: ${facts.counts[table]} ≠ ${n})`,
        );
    if (facts.usageBytes !== manifest.usageBytes)
      throw new RestoreRefused('total pemakaian di cadangan tidak cocok dengan manifesnya');

    const keyFile = join(opts.dataDir, SECRET_KEY_FILE);
    const fileKey = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : undefined;
    let key = opts.envKeyHex ?? fileKey;
    let keyRestored = false;
    let indexKey: string | undefined;
    if (manifest.key) {
      const sealed = await openSealedKey(manifest.key, await opts.passphrase());
      if (!sealed) throw new RestoreRefused('frasa sandi salah: kunci di cadangan tidak bisa dibuka');
      const [sealedKey = '', sealedIndexKey] = sealed.split(':');
      indexKey = sealedIndexKey;
      if (opts.envKeyHex && opts.envKeyHex.toLowerCase() !== sealedKey.toLowerCase())
        throw new RestoreRefused(
          'kunci di cadangan berbeda dengan WARGANET_SECRET_KEY. Kosongkan WARGANET_SECRET_KEY (kunci lalu disimpan ' +
            'di data/secret.key) atau isi dengan kunci cadangan, lalu ulangi.',
        );
      keyRestored = fileKey?.toLowerCase() !== sealedKey.toLowerCase() && !opts.envKeyHex;
      key = sealedKey;
    }
    if (!key)
      throw new RestoreRefused(
        `tidak ada kunci rahasia (${keyFile} atau WARGANET_SECRET_KEY) dan cadangan ini tidak membawa kunci. ` +
          'Salin secret.key yang disimpan bersama cadangan ke folder data, lalu ulangi.',
      );
    if (!(await keyOpens(incoming, key)))
      throw new RestoreRefused(
        'kunci rahasia yang ada tidak cocok dengan cadangan ini (rahasia router/perangkat tidak bisa dibuka). ' +
          'Pakai secret.key dari saat cadangan dibuat.',
      );

    // Everything checked: keep the old aside, then swap.
    let keptAside: string | undefined;
    const aside = join(
      opts.dataDir,
      `before-restore-${(opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`,
    );
    for (const suffix of ['', '-wal', '-shm']) {
      if (!existsSync(live + suffix)) continue;
      mkdirSync(aside, { recursive: true, mode: 0o700 });
      renameSync(live + suffix, join(aside, `warganet.db${suffix}`));
      keptAside = aside;
    }
    if (keyRestored) {
      if (fileKey) {
        mkdirSync(aside, { recursive: true, mode: 0o700 });
        renameSync(keyFile, join(aside, SECRET_KEY_FILE));
        keptAside = aside;
      }
      writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
    }
    // The key from before a key rotation, which the NIK index and PINs still use (src/ops/key-rotation.ts).
    const indexFile = join(opts.dataDir, INDEX_KEY_FILE);
    if (indexKey && readKeyFile(indexFile)?.toLowerCase() !== indexKey.toLowerCase()) {
      if (existsSync(indexFile)) {
        mkdirSync(aside, { recursive: true, mode: 0o700 });
        renameSync(indexFile, join(aside, INDEX_KEY_FILE));
        keptAside = aside;
      }
      writeFileSync(indexFile, `${indexKey}\n`, { mode: 0o600 });
    }
    renameSync(incoming, live);
    return { manifest, keptAside, keyRestored };
  } finally {
    removeDatabaseFile(incoming);
  }
}

/** Does the key open the first stored secret? True when there is none to try. */
async function keyOpens(file: string, keyHex: string): Promise<boolean> {
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  let sample: string | undefined;
  try {
    for (const q of [
      'select radius_secret_enc as s from routers limit 1',
      'select secret_enc as s from devices limit 1',
    ]) {
      try {
        sample = (db.prepare(q).get() as { s: string } | undefined)?.s;
      } catch {
        // table absent in a very old schema
      }
      if (sample) break;
    }
  } finally {
    db.close();
  }
  if (!sample) return true;
  const keyring = await Keyring.fromHex(keyHex);
  return keyring.decrypt(sample).then(
    () => true,
    () => false,
  );
}
