// After `warganet key rotate`: moving the NIK/KK indexes and PIN hashes, which are HMACs of values Warganet never
// stores, from the old key (data/secret.index.key) to the new one, and deleting the old key when nothing needs it.
//
// - NIK/KK: the village roster (OpenSID export) is where the plain numbers are. `reindexFromRoster` reads a file
//   the operator gives (`warganet key reindex --roster FILE`, or `key rotate --roster FILE`) or the last upload the
//   admin pages still keep; for each row it computes the NIK's index under both keys and moves the resident found
//   under the old one to the new one (NIK and KK, residents.index_key_id set). A full roster import does the same
//   for every resident it reads (roster-import.ts). Meanwhile lookups try the new index, then the old one.
// - Resumable: the file's fingerprint and the rows done are kept in key_rotation with each batch, in the batch's
//   transaction; a move only matches a resident still under the old index, so running it again changes nothing.
// - PINs: a PIN under the old key is verified with it at the resident's next sign-in and hashed again under the
//   new key (pin-hash.ts). The rest get a new PIN from an operator, or all at once with `forgetLegacyPins`.
// - Vouchers keep their codes encrypted, so their index is recomputed from them (`reindexVouchers`).
// - Residents not in the roster any more (inactive) are not needed: once every active resident and every PIN is
//   on the new key, the old key file is deleted. Their stored index then matches no NIK anyone can compute: a
//   portal NIK lookup cannot find them, and if they come back the next import adds them as a new resident.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { INDEX_KEY_FILE, NEXT_KEY_FILE } from '../secret-key-file.js';
import { pinHashPrefix } from '../services/accounts/pin-hash.js';
import type { Keyring } from '../services/keyring.js';
import type { IndexKeyStatus } from '../services/keys/key-status.js';
import { openRosterFile, RosterFileError } from '../services/residents/roster-file.js';
import { parseRosterRow } from '../services/residents/roster-row.js';

const STEP = 'reindex:';

/** The roster file cannot be read (its reason in Indonesian, for the operator). */
export class RosterUnreadable extends Error {
  override name = 'RosterUnreadable';
}

// The status itself (what is still under the old key) is the key-status service's (src/services/keys/), read
// through its store: `warganet key status`, the server's start and the dashboard share it (keyStatusOf in
// src/app-context.ts).
export type { IndexKeyStatus } from '../services/keys/key-status.js';

/** Deletes the old key file when the status says nothing needs it; true when it did (or there was none). */
export function retireLegacyKeyIfDone(dataDir: string, status: IndexKeyStatus): boolean {
  const file = join(dataDir, INDEX_KEY_FILE);
  if (!existsSync(file)) return true;
  if (existsSync(join(dataDir, NEXT_KEY_FILE))) return false;
  if (status.residentsPending > 0 || status.pinsPending > 0) return false;
  unlinkSync(file);
  const dir = openSync(dataDir, 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
  return true;
}

export interface ReindexOutcome {
  /** Residents moved to the new key (over all runs with this file). */
  readonly moved: number;
  /** Usable rows read from the file. */
  readonly rows: number;
  /** True when this run continued one cut short. */
  readonly resumed: boolean;
}

/** Moves every resident of the roster file still under the old key to the new one. */
export async function reindexFromRoster(opts: {
  db: Kysely<Database>;
  keyring: Keyring;
  bytes: Uint8Array;
  today: Date;
  villageCode: string;
  batchSize?: number;
  now?: () => number;
  /** Called after each committed batch (tests cut the re-index short here). */
  afterBatch?: (rowsDone: number) => void | Promise<void>;
}): Promise<ReindexOutcome> {
  const { db, keyring } = opts;
  const now = opts.now ?? Date.now;
  const batchSize = opts.batchSize ?? 500;
  if (!keyring.legacyKeyId) return { moved: 0, rows: 0, resumed: false };
  const step = STEP + createHash('sha256').update(opts.bytes).digest('hex').slice(0, 32);
  // Another file's progress says nothing about this one.
  await db.deleteFrom('key_rotation').where('step', 'like', `${STEP}%`).where('step', '!=', step).execute();
  const progress = await db
    .selectFrom('key_rotation')
    .selectAll()
    .where('step', '=', step)
    .executeTakeFirst();
  const skip = Number(progress?.last_id ?? 0);
  let moved = Number(progress?.rewritten ?? 0);

  const file = await openRosterFile(opts.bytes);
  if (!file.ok) throw new RosterUnreadable(file.reason);
  const pairs: Array<{ nik: string; kk: string }> = [];
  try {
    for await (const chunk of file.chunks)
      for (const record of chunk.records) {
        const row = parseRosterRow(record, { today: opts.today, villageCode: opts.villageCode });
        if (row.ok) pairs.push({ nik: row.entry.nik, kk: row.entry.kk });
      }
  } catch (err) {
    if (err instanceof RosterFileError) throw new RosterUnreadable(err.reason);
    throw err;
  }

  for (let i = skip; i < pairs.length; i += batchSize) {
    const batch = pairs.slice(i, i + batchSize);
    const keyed = await Promise.all(
      batch.map(async (p) => ({
        legacy: (await keyring.legacyBlindIndex('nik', p.nik))!,
        nik: await keyring.blindIndex('nik', p.nik),
        kk: await keyring.blindIndex('kk', p.kk),
      })),
    );
    const done = Math.min(i + batchSize, pairs.length);
    await db.transaction().execute(async (trx) => {
      const found = await trx
        .selectFrom('residents')
        .select(['id', 'nik_index'])
        .where(
          'nik_index',
          'in',
          keyed.flatMap((k) => [k.legacy, k.nik]),
        )
        .execute();
      const byIndex = new Map(found.map((r) => [r.nik_index, r.id]));
      for (const k of keyed) {
        const id = byIndex.get(k.legacy);
        // Already under the new index (a run cut short after its commit, or an import): nothing to move. A
        // second row under the new index would be the same person added twice; the older one is left as is.
        if (id === undefined || byIndex.has(k.nik)) continue;
        await trx
          .updateTable('residents')
          .set({ nik_index: k.nik, kk_index: k.kk, index_key_id: keyring.keyId, updated_at: now() })
          .where('id', '=', id)
          .execute();
        moved++;
      }
      await trx
        .insertInto('key_rotation')
        .values({ step, last_id: done, rewritten: moved, done: 0, updated_at: now() })
        .onConflict((oc) =>
          oc.column('step').doUpdateSet({ last_id: done, rewritten: moved, updated_at: now() }),
        )
        .execute();
    });
    await opts.afterBatch?.(done);
  }
  await db.deleteFrom('key_rotation').where('step', '=', step).execute();
  return { moved, rows: pairs.length, resumed: progress !== undefined };
}

/** The newest roster upload the admin pages still keep (it expires within a day), or undefined. */
export async function keptRosterUpload(
  db: Kysely<Database>,
  at: number,
): Promise<{ id: number; fileName: string; bytes: Uint8Array } | undefined> {
  const row = await db
    .selectFrom('roster_uploads as u')
    .innerJoin('roster_upload_contents as c', 'c.upload_id', 'u.id')
    .select(['u.id', 'u.file_name', 'c.content'])
    .where('u.expires_at', '>', at)
    .orderBy('u.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, fileName: row.file_name, bytes: new Uint8Array(row.content as Uint8Array) };
}

/** Recomputes every voucher's code index under the key from its encrypted code; returns how many changed. */
export async function reindexVouchers(
  db: Kysely<Database>,
  keyring: Keyring,
  batchSize = 500,
): Promise<number> {
  let changed = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('vouchers')
      .select(['id', 'code_enc', 'code_index'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return changed;
    lastId = Number(rows.at(-1)?.id);
    const updates: Array<{ id: number; index: string }> = [];
    for (const v of rows) {
      const index = await keyring.blindIndex('voucher', await keyring.decrypt(v.code_enc));
      if (index !== v.code_index) updates.push({ id: v.id, index });
    }
    if (updates.length === 0) continue;
    await db.transaction().execute(async (trx) => {
      for (const u of updates)
        await trx.updateTable('vouchers').set({ code_index: u.index }).where('id', '=', u.id).execute();
    });
    changed += updates.length;
  }
}

/**
 * Clears PIN hashes still under the old key: those residents sign in again after an operator gives them a new
 * PIN ("PIN baru"). For the day the old key must go before everyone has signed in once.
 */
export async function forgetLegacyPins(db: Kysely<Database>, keyring: Keyring, at: number): Promise<number> {
  const prefix = pinHashPrefix(keyring.keyId);
  const result = await db
    .updateTable('accounts')
    .set({ pin_hash: null, updated_at: at })
    .where('pin_hash', 'is not', null)
    .where(sql<boolean>`substr(pin_hash, 1, 5) in ('hmac-', 'hmac.')`)
    .where(sql<boolean>`substr(pin_hash, 1, ${prefix.length}) <> ${prefix}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
