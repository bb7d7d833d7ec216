// The portal under hostile or unlucky input, through the HTTP app's front door on SQLite and PostgreSQL: a
// NIK registered ten times at once (one account, the rest told "already registered", never a 500), and a form
// body that cannot be parsed (a 400 page, not a 500).
import { describe, expect, it } from 'vitest';
import { BUILTIN_NOTICE_VERSION } from '../captive-portal/app.js';
import {
  hotspotFields,
  hotspotQuery,
  PORTAL_URL,
  PortalBrowser,
  type PortalHarness,
  pageText,
} from './fixtures/portal.js';
import { portalHarnessPerTest } from './fixtures/portal-per-test.js';
import { databaseKinds } from './support/databases.js';

const PIN = '482915';

describe.each(databaseKinds)('captive portal robustness (%s)', (kind) => {
  const harness = portalHarnessPerTest(kind);

  /**
   * Five browsers, each with its own CSRF cookie, post the same registration at the same moment (five: the NIK's
   * free tries, so the attempt limits do not slow any of them and the race is the database's alone).
   */
  async function registerAtOnce(h: PortalHarness, r: { nik: string; kk: string }) {
    const browsers = Array.from({ length: 5 }, (_, i) => ({
      b: new PortalBrowser(h.app),
      mac: `5C:1A:2B:00:20:${String(i).padStart(2, '0')}`,
    }));
    for (const { b, mac } of browsers) await b.get(`/daftar?${hotspotQuery(mac)}`);
    return Promise.all(
      browsers.map(({ b, mac }) =>
        b.post('/daftar', {
          ...hotspotFields(mac),
          nik: r.nik,
          kk: r.kk,
          pin: PIN,
          pin2: PIN,
          consent: '1',
          notice: `${BUILTIN_NOTICE_VERSION}-id`,
        }),
      ),
    );
  }

  it('parallel registrations of one NIK make one account; the rest hear "already registered", none a 500', async () => {
    const h = await harness();
    const siti = await h.resident();
    const replies = await registerAtOnce(h, siti);
    const statuses = replies.map((r) => r.status);
    expect(statuses).not.toContain(500);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    for (const r of replies.filter((x) => x.status === 409)) {
      expect(pageText(r.body)).toContain('Anda sudah terdaftar');
    }
    const accounts = await h.db.db.selectFrom('accounts').selectAll().execute();
    expect(accounts).toHaveLength(1);
    const registered = await h.db.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'account.register')
      .execute();
    expect(registered).toHaveLength(1);
  });

  it('parallel unverified registrations of one unknown NIK leave one pending account and no 500', async () => {
    const h = await harness({ unverifiedPolicy: 'pending' });
    const stranger = await h.resident();
    // The NIK is not in the roster at all: each request would add the same placeholder row.
    await h.db.db.deleteFrom('residents').where('id', '=', stranger.id).execute();
    const replies = await registerAtOnce(h, stranger);
    const statuses = replies.map((r) => r.status);
    // Misses count towards the NIK's attempt limit: the later ones may be told to wait instead.
    expect(statuses.every((s) => s === 202 || s === 429)).toBe(true);
    expect(statuses).toContain(202);
    expect(await h.db.db.selectFrom('accounts').selectAll().execute()).toHaveLength(1);
    expect(await h.db.db.selectFrom('residents').selectAll().execute()).toHaveLength(1);
  });

  it('answers a multipart body that cannot be parsed with a 400 page, and changes nothing', async () => {
    const h = await harness();
    const errors: unknown[] = [];
    const app = (await harness({ portal: { onError: (e) => errors.push(e) } })).app;
    for (const target of [h.app, app]) {
      const res = await target.request(`${PORTAL_URL}/daftar`, {
        method: 'POST',
        // A boundary the body never uses: the parser cannot find a single part.
        headers: { 'content-type': 'multipart/form-data; boundary=----tidak-ada' },
        body: 'nik=3523125505900002&kk=1&pin=482915',
      });
      expect(res.status).toBe(400);
      const text = pageText(await res.text());
      expect(text).toContain('Isian formulir tidak terbaca');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    expect(errors).toEqual([]);
    expect(await h.db.db.selectFrom('accounts').selectAll().execute()).toEqual([]);
  });
});
