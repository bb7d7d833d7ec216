// /healthz's storage check on Node: the last write's outcome (src/services/health/storage-health.ts), and for
// SQLite the free space of the data directory's file system, so a disk that filled up shows before the next
// accounting record fails on it.
import { statfs } from 'node:fs/promises';
import type { AppContext } from './app-context.js';
import type { StorageStatus } from './services/health/storage-health.js';

/** Below this, SQLite may fail any write (a WAL frame is a page, 4 KiB; a checkpoint needs more). */
const MIN_FREE_BYTES = 1024 * 1024;

export function storageProbe(ctx: Pick<AppContext, 'storage' | 'database' | 'config'>) {
  return async (): Promise<StorageStatus> => {
    const last = ctx.storage.status();
    if (!last.ok || ctx.database.kind !== 'sqlite') return last;
    const fs = await statfs(ctx.config.dataDir).catch(() => undefined);
    if (fs && fs.bavail * fs.bsize < MIN_FREE_BYTES) return { ok: false, problem: 'disk_full' };
    return last;
  };
}
