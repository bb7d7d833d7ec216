// The dashboard says in plain Indonesian when usage records cannot be stored (disk full, read-only database),
// and says nothing once storage works again; the API carries the same state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageStatus } from '../src/services/health/storage-health.js';
import { type AdminHarness, createAdminHarness, T0 } from './fixtures/admin-web.js';

describe('dashboard storage banner', () => {
  let h: AdminHarness;
  let storage: StorageStatus = { ok: true };
  beforeAll(async () => {
    h = await createAdminHarness('sqlite', { storage: () => storage });
  });
  afterAll(() => h.close());

  it('shows a full disk in Indonesian, with what still works, and hides it once writing works again', async () => {
    const b = await h.signedIn('official');
    storage = { ok: false, problem: 'disk_full', since: T0 - 5 * 60_000, detail: 'database or disk is full' };
    const full = await b.get('/admin');
    expect(full.text).toContain('Penyimpanan bermasalah');
    expect(full.text).toContain('Disk server penuh');
    expect(full.text).toContain('Perangkat yang sudah terdaftar tetap bisa masuk.');
    expect(full.text).toContain('role="alert"');
    const api = JSON.parse((await b.api('GET', '/api/v1/dashboard')).text);
    expect(api.storage).toMatchObject({ ok: false, problem: 'disk_full' });

    storage = { ok: false, problem: 'read_only', since: T0 };
    expect((await b.get('/admin')).text).toContain('Basis data hanya bisa dibaca');

    storage = { ok: true };
    const fine = await b.get('/admin');
    expect(fine.text).not.toContain('Penyimpanan bermasalah');
    expect(JSON.parse((await b.api('GET', '/api/v1/dashboard')).text).storage).toEqual({ ok: true });
  });
});
