// `warganet key rotate`, for the day the key leaks. What it can do and what it cannot:
//
// - Every secret stored encrypted (devices' CHAP secrets, routers' RADIUS and API secrets, admins' TOTP secrets,
//   vouchers' codes and passwords) is decrypted with the old key and encrypted again with a new one. Login
//   tickets live seconds; they are dropped.
// - Voucher code indexes are recomputed from the (re-encrypted) codes under the new key.
// - The NIK/KK lookup index and the PIN hashes are HMACs of NIKs and PINs, which Warganet never stores: they
//   cannot be recomputed from the database alone. The old key is kept in data/secret.index.key, lookups try the
//   new index then the old one, and key-reindex.ts moves them: residents from the roster file, PINs at each
//   resident's next sign-in. When nothing needs the old key any more, its file is deleted; until then a copy of
//   the database can still be tested against guessed NIKs with the leaked key, as before the rotation.
// - A new rotation waits until the previous one's old key is gone: one old key at a time.
//
// Resumable: the new key is written to data/secret.key.next before anything changes, each batch is re-encrypted
// in one transaction together with its progress row (key_rotation), and a row that already opens under the new
// key is left alone. Only when every table is done does secret.key.next replace secret.key. Until then the server
// refuses to start (app-context.ts), since half the secrets are under each key.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { INDEX_KEY_FILE, NEXT_KEY_FILE, readKeyFile, SECRET_KEY_FILE } from '../secret-key-file.js';
import { DecryptError, Keyring } from '../services/keyring.js';
import { reindexVouchers } from './key-reindex.js';

/** Every table with columns sealed by Keyring.encrypt. A new encrypted column must be added here. */
export const ENCRYPTED_COLUMNS = [
  { table: 'devices', columns: ['secret_enc'] },
  { table: 'routers', columns: ['radius_secret_enc', 'api_password_enc'] },
  { table: 'admin_users', columns: ['totp_secret'] },
  { table: 'vouchers', columns: ['code_enc', 'password_enc'] },
  { table: 'regency_link', columns: ['token_enc'] },
] as const;

/** A rotation cannot start: the previous one's old key is still needed. */
export class RotationRefused extends Error {
  override name = 'RotationRefused';
}

export interface RotationOutcome {
  /** Values re-encrypted per table (over all runs of this rotation). */
  readonly rewritten: Record<string, number>;
  /** True when this run continued a rotation cut short. */
  readonly resumed: boolean;
}

function writeKeyFile(file: string, hex: string): void {
  writeFileSync(file, `${hex}\n`, { mode: 0o600, flag: 'wx' });
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function rotateKey(opts: {
  db: Kysely<Database>;
  dataDir: string;
  batchSize?: number;
  now?: () => number;
  /** Called after each committed batch (tests cut the rotation short here). */
  afterBatch?: (table: string, lastId: number) => void | Promise<void>;
}): Promise<RotationOutcome> {
  const { db, dataDir } = opts;
  const now = opts.now ?? Date.now;
  const batchSize = opts.batchSize ?? 200;
  const keyFile = join(dataDir, SECRET_KEY_FILE);
  const nextFile = join(dataDir, NEXT_KEY_FILE);
  const indexFile = join(dataDir, INDEX_KEY_FILE);
  const oldHex = readKeyFile(keyFile);
  if (!oldHex) throw new Error(`${keyFile} is missing`);
  let nextHex = readKeyFile(nextFile);
  const resumed = nextHex !== undefined;
  // With a second old key the residents not yet moved would be under one of two keys, and PINs of three.
  if (!resumed && existsSync(indexFile))
    throw new RotationRefused(
      `kunci lama dari penggantian sebelumnya (${INDEX_KEY_FILE}) masih dipakai sebagian indeks NIK/KK atau PIN`,
    );
  if (!nextHex) {
    nextHex = randomBytes(32).toString('hex');
    writeKeyFile(nextFile, nextHex);
  }
  // NIK/KK indexes and PINs stay under the old key until they are moved (key-reindex.ts).
  if (!existsSync(indexFile)) writeKeyFile(indexFile, oldHex);
  const older = await Keyring.fromHex(oldHex);
  const newer = await Keyring.fromHex(nextHex);

  const rewritten: Record<string, number> = {};
  for (const { table, columns } of ENCRYPTED_COLUMNS) {
    // Kysely's types cannot follow a table chosen at run time; the names come from the constant above.
    const q = db as unknown as Kysely<Record<string, Record<string, string | number | null>>>;
    const progress = await db
      .selectFrom('key_rotation')
      .selectAll()
      .where('step', '=', table)
      .executeTakeFirst();
    rewritten[table] = Number(progress?.rewritten ?? 0);
    if (progress?.done) continue;
    let lastId = Number(progress?.last_id ?? 0);
    for (;;) {
      const rows = await q
        .selectFrom(table)
        .select(['id', ...columns])
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(batchSize)
        .execute();
      if (rows.length === 0) break;
      const updates: Array<{ id: number; values: Record<string, string> }> = [];
      for (const row of rows) {
        const values: Record<string, string> = {};
        for (const column of columns) {
          const sealed = row[column];
          if (typeof sealed !== 'string' || sealed === '') continue;
          if (await opens(newer, sealed)) continue; // rewritten by a run that was cut short after its commit
          let plain: string;
          try {
            plain = await older.decrypt(sealed);
          } catch (err) {
            if (err instanceof DecryptError)
              throw new Error(`${table} ${row.id} ${column} opens with neither the old nor the new key`);
            throw err;
          }
          values[column] = await newer.encrypt(plain);
        }
        if (Object.keys(values).length > 0) updates.push({ id: Number(row.id), values });
      }
      lastId = Number(rows.at(-1)?.id);
      const count = updates.reduce((n, u) => n + Object.keys(u.values).length, 0);
      rewritten[table] = (rewritten[table] ?? 0) + count;
      await db.transaction().execute(async (trx) => {
        const t = trx as unknown as Kysely<Record<string, Record<string, string | number | null>>>;
        for (const u of updates) await t.updateTable(table).set(u.values).where('id', '=', u.id).execute();
        await trx
          .insertInto('key_rotation')
          .values({
            step: table,
            last_id: lastId,
            rewritten: rewritten[table] ?? 0,
            done: 0,
            updated_at: now(),
          })
          .onConflict((oc) =>
            oc
              .column('step')
              .doUpdateSet({ last_id: lastId, rewritten: rewritten[table] ?? 0, updated_at: now() }),
          )
          .execute();
      });
      await opts.afterBatch?.(table, lastId);
    }
    await db
      .insertInto('key_rotation')
      .values({ step: table, last_id: lastId, rewritten: rewritten[table] ?? 0, done: 1, updated_at: now() })
      .onConflict((oc) => oc.column('step').doUpdateSet({ done: 1, updated_at: now() }))
      .execute();
  }
  // A ticket lives seconds; one sealed under the old key would only fail its sign-in.
  await db.deleteFrom('login_tickets').execute();
  await reindexVouchers(db, newer);
  renameSync(nextFile, keyFile);
  const dir = openSync(dataDir, 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
  await db.deleteFrom('key_rotation').execute();
  return { rewritten, resumed };
}

async function opens(keyring: Keyring, sealed: string): Promise<boolean> {
  try {
    await keyring.decrypt(sealed);
    return true;
  } catch {
    return false;
  }
}
