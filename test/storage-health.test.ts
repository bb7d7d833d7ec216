// Storage health: database errors named in an operator's terms, the problem told once when it begins and once
// when it ends, and /healthz answering 503 with a plain sentence while writes fail.
import { describe, expect, it } from 'vitest';
import { createHttpApp } from '../src/http-app.js';
import {
  classifyStorageError,
  createStorageHealth,
  type StorageStatus,
} from '../src/services/health/storage-health.js';

const err = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('storage health', () => {
  it("names SQLite's and PostgreSQL's failures", () => {
    expect(classifyStorageError(err('SQLITE_FULL', 'database or disk is full'))).toBe('disk_full');
    expect(classifyStorageError(err('53100', 'could not extend file: No space left on device'))).toBe(
      'disk_full',
    );
    expect(classifyStorageError(err('SQLITE_READONLY_DBMOVED'))).toBe('read_only');
    expect(classifyStorageError(err('25006', 'cannot execute INSERT in a read-only transaction'))).toBe(
      'read_only',
    );
    expect(classifyStorageError(err('ECONNREFUSED'))).toBe('unreachable');
    expect(classifyStorageError(new Error('Connection terminated unexpectedly'))).toBe('unreachable');
    expect(classifyStorageError(err('57P01', 'terminating connection due to administrator command'))).toBe(
      'unreachable',
    );
    expect(classifyStorageError(err('SQLITE_CONSTRAINT_UNIQUE'))).toBe('write_failed');
  });

  it('tells a problem once when it begins and once when it ends', () => {
    const changes: StorageStatus[] = [];
    let now = 1000;
    const h = createStorageHealth({ now: () => now, onChange: (s) => changes.push(s) });
    h.succeeded();
    h.failed(err('SQLITE_FULL'));
    now = 2000;
    h.failed(err('SQLITE_FULL'));
    expect(h.status()).toMatchObject({ ok: false, problem: 'disk_full', since: 1000 });
    h.succeeded();
    h.succeeded();
    expect(h.status()).toEqual({ ok: true });
    expect(changes.map((c) => c.ok)).toEqual([false, true]);
  });

  it('/healthz answers 503 with plain words while writes fail, 200 once they work', async () => {
    let status: StorageStatus = { ok: false, problem: 'disk_full', since: Date.UTC(2026, 11, 1) };
    const app = createHttpApp({ checkDatabase: async () => true, checkStorage: async () => status });
    const bad = await app.request('/healthz');
    expect(bad.status).toBe(503);
    expect(await bad.json()).toMatchObject({
      status: 'degraded',
      database: 'ok',
      storage: 'disk_full',
      message: expect.stringContaining('Disk full'),
      pesan: expect.stringContaining('Disk penuh'),
      since: '2026-12-01T00:00:00.000Z',
    });
    status = { ok: true };
    const good = await app.request('/healthz');
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ status: 'ok', database: 'ok', storage: 'ok' });
    const down = createHttpApp({ checkDatabase: async () => false });
    expect((await (await down.request('/healthz')).json()).storage).toBe('unreachable');
  });

  it('lets the runtime name a failure the error alone cannot (SQLite\'s "disk I/O error" on a read-only file system)', () => {
    let readOnly = true;
    const h = createStorageHealth({ now: () => 1, refine: () => (readOnly ? 'read_only' : undefined) });
    const ioError = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
    h.failed(ioError);
    expect(h.status()).toMatchObject({ ok: false, problem: 'read_only' });
    readOnly = false;
    h.failed(ioError);
    expect(h.status()).toMatchObject({ ok: false, problem: 'write_failed' });
    // Only an unnamed failure is refined: a full disk stays a full disk.
    readOnly = true;
    h.failed(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    expect(h.status().problem).toBe('disk_full');
  });
});
