// The Node composition root's shared part: from a validated configuration to an open database, the key, the
// logger and the services. `main.ts` and the CLI both start here.
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrateToLatest } from '../db/migrate.js';
import { type OpenDatabase, openDatabase } from '../db/open-database.js';
import { createStores } from '../db/stores/index.js';
import { createKeyStatusStore } from '../db/stores/key-status-store.js';
import { coaLiveSessions } from '../radius/coa-live-sessions.js';
import { createRadiusMetrics, type RadiusMetrics } from '../radius/metrics.js';
import { radiusObserver } from '../radius/start-radius.js';
import { createServices, type Services } from './compose.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { reindexVouchers, retireLegacyKeyIfDone } from './ops/key-reindex.js';
import {
  INDEX_KEY_FILE,
  loadOrCreateSecretKey,
  NEXT_KEY_FILE,
  readKeyFile,
  SECRET_KEY_FILE,
} from './secret-key-file.js';
import { createCheckGate } from './services/accounts/check-gate.js';
import { createStorageHealth, type StorageHealth } from './services/health/storage-health.js';
import { Keyring } from './services/keyring.js';
import { createKeyStatus, type KeyStatusService } from './services/keys/key-status.js';

export interface AppContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: OpenDatabase;
  readonly keyring: Keyring;
  readonly services: Services;
  /** The radius role's counters, fed by the services createServices built and served on /metrics. */
  readonly metrics: RadiusMetrics;
  /** Whether what must be kept can still be written (disk full, read-only, unreachable); see /healthz. */
  readonly storage: StorageHealth;
  /** Migrations applied while opening (the database was behind). */
  readonly migrationsApplied: readonly string[];
  close(): Promise<void>;
}

export class StartupError extends Error {
  override name = 'StartupError';
}

/** No database (or no key) where the configuration points: nothing was created. Indonesian, for operators. */
export class NoDatabaseError extends StartupError {
  override name = 'NoDatabaseError';
}

export interface OpenOptions {
  /**
   * Create the data directory, the key and the database when missing (`start`, `migrate`, `init`). Other CLI
   * commands pass false: run in the wrong folder, they would otherwise start an empty village beside the real one.
   */
  readonly create?: boolean;
  /** The services' clock (epoch ms); the real one unless given. The demo village moves it back to fill history. */
  readonly now?: (() => number) | undefined;
  /** PBKDF2 rounds for new PIN hashes (see Keyring); only the demo village sets it. */
  readonly pinHashIterations?: number | undefined;
}

export async function openAppContext(
  config: Config,
  logger: Logger,
  opts: OpenOptions = {},
): Promise<AppContext> {
  const create = opts.create ?? true;
  const sqliteFile = join(config.dataDir, 'warganet.db');
  if (!create) requireExisting(config, sqliteFile);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // Half the secrets may be under the new key and half under the old: nothing may run until it is finished.
  if (existsSync(join(config.dataDir, NEXT_KEY_FILE)))
    throw new StartupError(
      'penggantian kunci rahasia belum selesai. Jalankan lagi: warganet key rotate (melanjutkan dari titik terakhir)',
    );
  const keyHex = config.secretKeyHex ?? loadOrCreateSecretKey(config.dataDir);
  const indexFile = join(config.dataDir, INDEX_KEY_FILE);
  let keyring = await Keyring.fromHex(keyHex, {
    pinHashIterations: opts.pinHashIterations,
    legacyIndexKeyHex: readKeyFile(indexFile),
  });
  const database = openDatabase({ url: config.databaseUrl, sqliteFile });
  if (!create && database.kind === 'postgres' && !(await hasSchema(database))) {
    await database.close();
    throw new NoDatabaseError(
      'basis data PostgreSQL di WARGANET_DATABASE_URL belum berisi data Warganet. Periksa URL-nya (sama dengan ' +
        'milik server?), atau siapkan dengan: warganet init',
    );
  }
  const migrated = await migrateToLatest(database.db);
  if (migrated.error) {
    await database.close();
    throw new StartupError(`migrasi basis data gagal: ${migrated.error}`);
  }
  if (migrated.applied.length > 0) logger.info({ migrations: migrated.applied }, 'database migrated');
  if (keyring.legacyKeyId) {
    // After a key rotation: the old key is deleted at a start when nothing is under it any more (a roster
    // re-index done while the server was stopped); while it runs, when the last PIN is re-hashed at a sign-in
    // (services.keyStatus.settle, wired below).
    await reindexVouchers(database.db, keyring);
    const status = await keyStatusOf(database.db, keyring).status();
    if (retireLegacyKeyIfDone(config.dataDir, status)) {
      logger.warn({ file: indexFile }, 'key rotation: the old key is needed no more and was deleted');
      keyring = await Keyring.fromHex(keyHex, { pinHashIterations: opts.pinHashIterations });
    } else logger.info(status, 'key rotation: NIK/KK indexes or PINs still under the old key');
  }
  const metrics = createRadiusMetrics();
  const storage = createStorageHealth({
    now: Date.now,
    refine: config.databaseUrl ? undefined : () => sqliteFileProblem(sqliteFile),
    onChange: (s) =>
      s.ok
        ? logger.warn('storage: writing works again')
        : logger.error(
            { problem: s.problem, detail: s.detail },
            'storage: cannot write; accounting is not acknowledged',
          ),
  });
  const services = createServices(
    {
      stores: createStores(database.db, { reportRollups: config.reportRollups !== false }),
      keyring,
      now: opts.now ?? Date.now,
      villageCode: config.villageCode,
      timeZone: config.timeZone,
    },
    {
      portal: {
        minAge: config.minAge,
        unverifiedPolicy: config.unverifiedPolicy,
        interimIntervalS: config.radiusInterimS,
        pinGate: createCheckGate(config.pinChecks),
      },
      radius: {
        interimIntervalS: config.radiusInterimS,
        lookupConcurrency: database.kind === 'postgres' ? 4 : 1,
        authLogRetentionDays: config.authLogRetentionDays,
        observer: radiusObserver(metrics, logger, storage),
      },
      admin: { twoFactorRequired: config.adminTwoFactorRequired },
      storage: storage.status,
      // A device removed on the portal loses its live sessions by RADIUS Disconnect-Request to the router.
      deviceDisconnector: coaLiveSessions({ port: config.radiusCoaPort, timeoutMs: 1000, retries: 1 }),
      onDeviceDisconnected: (e) => logger.info(e, 'portal: removed device disconnected'),
      keys: {
        retireLegacyKey: (status) => {
          const gone = retireLegacyKeyIfDone(config.dataDir, status);
          if (gone)
            logger.warn({ file: indexFile }, 'key rotation: the last PIN moved; the old key was deleted');
          return gone;
        },
      },
    },
  );
  return {
    config,
    logger,
    database,
    keyring,
    services,
    metrics,
    storage,
    migrationsApplied: migrated.applied,
    close: () => database.close(),
  };
}

/**
 * The key-status service over a database the caller opened (`warganet key …` runs with the server stopped); with
 * `dataDir`, `settle()` may delete the old key file there.
 */
export function keyStatusOf(db: OpenDatabase['db'], keyring: Keyring, dataDir?: string): KeyStatusService {
  return createKeyStatus({
    store: createKeyStatusStore(db),
    keyring,
    retireLegacyKey: dataDir === undefined ? undefined : (s) => retireLegacyKeyIfDone(dataDir, s),
  });
}

const POINT_HERE =
  'Jalankan dengan folder data server: WARGANET_DATA_DIR=/folder/data warganet … (atau warganet --data-dir ' +
  '/folder/data …; di server, lihat berkas .env-nya). Untuk menyiapkan desa baru di folder ini: warganet init';

function requireExisting(config: Config, sqliteFile: string): void {
  const dir = resolve(config.dataDir);
  if (!config.databaseUrl && !existsSync(sqliteFile))
    throw new NoDatabaseError(
      `belum ada basis data Warganet di ${dir} (warganet.db tidak ada). ${POINT_HERE}`,
    );
  // Without its key, a database's secrets and NIK lookups are unreadable: a new key would hide that.
  if (!config.secretKeyHex && !existsSync(join(config.dataDir, SECRET_KEY_FILE)))
    throw new NoDatabaseError(
      `kunci rahasia tidak ada di ${dir} (${SECRET_KEY_FILE}) dan WARGANET_SECRET_KEY kosong. ${POINT_HERE}`,
    );
}

async function hasSchema(database: OpenDatabase): Promise<boolean> {
  const tables = await database.db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.some((t) => t.name === 'kysely_migration');
}

/**
 * Why SQLite cannot write, when it only says "disk I/O error": a file system that turned read-only under the
 * server (an SD card remounted read-only after errors) refuses to open the file for writing with EROFS.
 */
function sqliteFileProblem(file: string): 'read_only' | undefined {
  try {
    closeSync(openSync(file, 'r+'));
    return undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? 'read_only' : undefined;
  }
}
