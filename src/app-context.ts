// The Node composition root's shared part: from a validated configuration to an open database, the key, the
// logger and the services. `main.ts` and the CLI both start here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrateToLatest } from '../db/migrate.js';
import { type OpenDatabase, openDatabase } from '../db/open-database.js';
import { createStores } from '../db/stores/index.js';
import { createServices, type Services } from './compose.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { loadOrCreateSecretKey } from './secret-key-file.js';
import { Keyring } from './services/keyring.js';

export interface AppContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: OpenDatabase;
  readonly keyring: Keyring;
  readonly services: Services;
  /** Migrations applied while opening (the database was behind). */
  readonly migrationsApplied: readonly string[];
  close(): Promise<void>;
}

export class StartupError extends Error {
  override name = 'StartupError';
}

export async function openAppContext(config: Config, logger: Logger): Promise<AppContext> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const keyHex = config.secretKeyHex ?? loadOrCreateSecretKey(config.dataDir);
  const keyring = await Keyring.fromHex(keyHex);
  const database = openDatabase({ url: config.databaseUrl, sqliteFile: join(config.dataDir, 'warganet.db') });
  const migrated = await migrateToLatest(database.db);
  if (migrated.error) {
    await database.close();
    throw new StartupError(`migrasi basis data gagal: ${migrated.error}`);
  }
  if (migrated.applied.length > 0) logger.info({ migrations: migrated.applied }, 'database migrated');
  const services = createServices({
    stores: createStores(database.db),
    keyring,
    now: Date.now,
    villageCode: config.villageCode,
    timeZone: config.timeZone,
  });
  return {
    config,
    logger,
    database,
    keyring,
    services,
    migrationsApplied: migrated.applied,
    close: () => database.close(),
  };
}
