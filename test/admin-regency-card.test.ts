// The dashboard's regency card: what `warganet regency status` knows, in plain words, for every role: not linked
// yet (with how to link), then linked with the last day the Worker accepted, the days waiting and the last error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, createAdminHarness, T0 } from './fixtures/admin-web.js';
import { databaseKinds } from './support/databases.js';

const HOSTILE = 'HTTP 502: <script>alert(1)</script>';

describe.each(databaseKinds)('admin dashboard regency card (%s)', (kind) => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await createAdminHarness(kind);
  });
  afterAll(() => h.close());

  it('says the village is not linked and how to link it', async () => {
    const page = await (await h.signedIn('operator')).get('/admin');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kiriman ke kabupaten');
    expect(page.text).toContain('belum terhubung ke server kabupaten');
    expect(page.text).toContain('warganet regency join ALAMAT TOKEN');
  });

  it('shows the last day sent, the days waiting with the oldest, and the last error (escaped)', async () => {
    const db = h.db.db;
    await db
      .insertInto('regency_link')
      .values({
        id: 1,
        url: 'https://wifi.tubankab.go.id',
        village: '3523122002',
        token_enc: 'v1.x',
        joined_at: T0 - 86_400_000 * 5,
        last_success_at: T0 - 2 * 86_400_000,
        today_sent_at: null,
        failures: 3,
        next_try: T0 + 600_000,
        last_error: HOSTILE,
        last_error_at: T0 - 60_000,
      })
      .execute();
    const row = (day: string, sent: boolean) => ({
      village: '3523122002',
      day,
      payload: '{}',
      computed_at: 1,
      sent_at: sent ? T0 - 2 * 86_400_000 : null,
    });
    await db
      .insertInto('regency_outbox')
      .values([
        row('2026-11-25', true),
        row('2026-11-26', true),
        row('2026-11-27', false),
        row('2026-11-28', false),
      ])
      .execute();
    for (const role of ['operator', 'official'] as const) {
      const page = await (await h.signedIn(role)).get('/admin');
      expect(page.status).toBe(200);
      expect(page.text).toContain('https://wifi.tubankab.go.id');
      expect(page.text).toContain('Gagal mengirim');
      expect(page.text).toMatch(/Hari terakhir terkirim<\/dt><dd>2026-11-26</);
      expect(page.text).toMatch(/Hari menunggu dikirim<\/dt><dd>2 \(tertua 2026-11-27\)</);
      expect(page.text).toContain('HTTP 502: &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.text).not.toContain('<script>alert(1)');
      expect(page.text).toContain('Dicoba lagi');
    }
    const en = await (await h.signedIn('operator')).get('/admin?lang=en');
    expect(en.text).toMatch(/Last day sent<\/dt><dd>2026-11-26</);
    expect(en.text).toContain('Sending fails');
  });
});
