// A Warganet backup file (SQLite): one line of magic, one line of JSON manifest, then the database gzipped.
// One file, so an operator cannot copy the database and forget what describes it; the manifest is readable with
// `head -2`. The copy comes from SQLite's online backup API, so it is consistent while the server writes.
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import Sqlite from 'better-sqlite3';
import type { SealedKey } from './key-seal.js';

const MAGIC = 'WARGANET-BACKUP/1';
const MAX_HEADER = 64 * 1024;

/** Tables counted in the manifest (and compared after a restore): the ones an operator would miss. */
export const COUNTED_TABLES = [
  'residents',
  'accounts',
  'devices',
  'routers',
  'plans',
  'sessions',
  'usage_daily',
  'vouchers',
  'admin_users',
] as const;

export interface BackupManifest {
  readonly format: 'warganet-backup';
  readonly version: 1;
  readonly createdAt: string;
  readonly warganetVersion: string;
  readonly database: 'sqlite';
  /** The newest migration in the copy, and how many were applied. */
  readonly schema: string;
  readonly migrations: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
  /** Bytes in and out over all daily usage: the accounting total, compared after a restore. */
  readonly usageBytes: number;
  /** SHA-256 (hex) and size of the database file inside. */
  readonly sha256: string;
  readonly bytes: number;
  /** The server key sealed with the operator's passphrase, or null: then keep data/secret.key as well. */
  readonly key: SealedKey | null;
}

export interface DatabaseFacts {
  readonly migrations: string[];
  readonly counts: Record<string, number>;
  readonly usageBytes: number;
  readonly integrity: string;
}

/** What a SQLite file holds, read on its own connection. */
export function inspectDatabase(file: string): DatabaseFacts {
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check', { simple: false }) as Array<Record<string, string>>)
      .map((r) => Object.values(r)[0])
      .join('; ');
    const tables = new Set(
      (
        db.prepare(`select name from sqlite_master where type = 'table'`).all() as Array<{ name: string }>
      ).map((r) => r.name),
    );
    const migrations = tables.has('kysely_migration')
      ? (db.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map(
          (r) => r.name,
        )
      : [];
    const counts: Record<string, number> = {};
    for (const t of COUNTED_TABLES)
      if (tables.has(t))
        counts[t] = (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n;
    const usageBytes = tables.has('usage_daily')
      ? Number(
          (
            db.prepare('select coalesce(sum(bytes_in + bytes_out), 0) as n from usage_daily').get() as {
              n: number;
            }
          ).n,
        )
      : 0;
    return { migrations, counts, usageBytes, integrity };
  } finally {
    db.close();
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a backup of the SQLite database `sqliteFile` to `out` (written beside it first, then renamed, so a
 * power cut leaves either no file or a whole one).
 */
export async function writeBackup(opts: {
  sqliteFile: string;
  out: string;
  warganetVersion: string;
  key: SealedKey | null;
  now?: Date;
}): Promise<BackupManifest> {
  await mkdir(dirname(opts.out), { recursive: true, mode: 0o700 });
  const copy = `${opts.out}.db-partial`;
  const partial = `${opts.out}.partial`;
  // A backup cut short (power cut, kill -9) leaves these behind: never reuse a half-written copy or its journal.
  removeDatabaseFile(copy);
  rmSync(partial, { force: true });
  try {
    const source = new Sqlite(opts.sqliteFile, { readonly: true, fileMustExist: true });
    try {
      await source.backup(copy);
    } finally {
      source.close();
    }
    const facts = inspectDatabase(copy);
    if (facts.integrity !== 'ok')
      throw new Error(`the copy does not pass integrity_check: ${facts.integrity}`);
    const manifest: BackupManifest = {
      format: 'warganet-backup',
      version: 1,
      createdAt: (opts.now ?? new Date()).toISOString(),
      warganetVersion: opts.warganetVersion,
      database: 'sqlite',
      schema: facts.migrations.at(-1) ?? '',
      migrations: facts.migrations,
      counts: facts.counts,
      usageBytes: facts.usageBytes,
      sha256: await sha256File(copy),
      bytes: statSync(copy).size,
      key: opts.key,
    };
    const out = createWriteStream(partial, { mode: 0o600 });
    out.write(`${MAGIC}\n${JSON.stringify(manifest)}\n`);
    await pipeline(createReadStream(copy), createGzip({ level: 6 }), out);
    fsyncFile(partial);
    renameSync(partial, opts.out);
    fsyncFile(dirname(opts.out));
    return manifest;
  } finally {
    removeDatabaseFile(copy);
    rmSync(partial, { force: true });
  }
}

/**
 * Removes a private database copy and the `-wal`/`-shm` files that opening it (read-only, in WAL mode, as the
 * online backup leaves it) created beside it; SQLite does not delete those for a read-only connection.
 */
export function removeDatabaseFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

export class BackupFormatError extends Error {
  override name = 'BackupFormatError';
}

/** The manifest and where the gzipped database starts. */
export function readBackupManifest(file: string): { manifest: BackupManifest; bodyOffset: number } {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(MAX_HEADER);
  let n: number;
  try {
    n = readSync(fd, buf, 0, MAX_HEADER, 0);
  } finally {
    closeSync(fd);
  }
  const head = buf.subarray(0, n);
  const first = head.indexOf(0x0a);
  if (first < 0 || head.subarray(0, first).toString('utf8') !== MAGIC)
    throw new BackupFormatError('not a Warganet backup file');
  const second = head.indexOf(0x0a, first + 1);
  if (second < 0) throw new BackupFormatError('the manifest is cut short');
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(head.subarray(first + 1, second).toString('utf8')) as BackupManifest;
  } catch {
    throw new BackupFormatError('the manifest is not valid JSON');
  }
  if (
    manifest.format !== 'warganet-backup' ||
    manifest.version !== 1 ||
    !/^[0-9a-f]{64}$/.test(manifest.sha256)
  )
    throw new BackupFormatError('unknown manifest');
  return { manifest, bodyOffset: second + 1 };
}

/** Unpacks the database to `to`, checking its size and checksum against the manifest. */
export async function extractBackup(file: string, to: string): Promise<BackupManifest> {
  const { manifest, bodyOffset } = readBackupManifest(file);
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      createReadStream(file, { start: bodyOffset }),
      createGunzip(),
      tap,
      createWriteStream(to, { mode: 0o600 }),
    );
  } catch (err) {
    rmSync(to, { force: true });
    throw new BackupFormatError(`the database inside is damaged (${(err as Error).message})`);
  }
  if (bytes !== manifest.bytes || hash.digest('hex') !== manifest.sha256) {
    rmSync(to, { force: true });
    throw new BackupFormatError('the database inside does not match the manifest checksum');
  }
  fsyncFile(to);
  return manifest;
}
