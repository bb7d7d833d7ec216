// `npm run demo`, CI-sized: a small demo village starts on its own database (SQLite, and PostgreSQL when CI has
// one), the admin web answers and the printed admin signs in, and the data a newcomer would look at is there:
// usage over 90 days, registered accounts with their phones, three routers provisioned through the RouterOS API,
// live sessions that came through the RADIUS server. Then it stops, and its port is closed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DemoVillage, startDemoVillage } from '../src/demo/demo-village.js';
import { databaseKinds, pgUrl } from './support/databases.js';

const DAY = 86_400_000;

/** A fresh PostgreSQL database for the demo, dropped afterwards. */
async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { Kysely } = await import('kysely');
  const { createPostgresDialect } = await import('../db/postgres-dialect.js');
  const admin = new Kysely<unknown>({ dialect: createPostgresDialect(pgUrl!, 1).dialect });
  const name = `warganet_demo_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await sql`create database ${sql.id(name)}`.execute(admin);
  const u = new URL(pgUrl!);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      for (let i = 0; i < 200; i++) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity where datname = ${name}`.execute(admin);
        if (rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    },
  };
}

describe.each(databaseKinds)('demo village (%s)', (kind) => {
  let dir: string;
  let village: DemoVillage | undefined;
  let pg: Awaited<ReturnType<typeof postgresDatabase>> | undefined;
  const printed: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warganet-demo-test-'));
    if (kind === 'postgres') pg = await postgresDatabase();
    const write = process.stdout.write.bind(process.stdout);
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk, ...rest) => {
      printed.push(String(chunk));
      return write(chunk, ...(rest as []));
    });
    village = await startDemoVillage({
      dataDir: dir,
      databaseUrl: pg?.url,
      httpPort: 0,
      residents: 240,
      registrations: 40,
      days: 90,
      healthDays: 2,
      livePhonesPerRouter: 2,
      newResidentEveryS: 0,
    }).finally(() => spy.mockRestore());
  }, 180_000);

  it('prints its own admins, not the fresh install\'s "no admin yet" setup link', () => {
    expect(village?.signIn.length).toBe(3);
    expect(printed.join('')).not.toContain('/admin/setup?token=');
  });

  afterAll(async () => {
    await village?.stop();
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the admin web, and the admin it printed signs in', async () => {
    const v = village!;
    const first = await fetch(`${v.url}/admin`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toMatch(/^\/admin\/masuk/);
    const form = await fetch(`${v.url}/admin/masuk`);
    expect(form.status).toBe(200);
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
    expect(csrf).toBeDefined();
    const admin = v.signIn.find((u) => u.role === 'admin')!;
    const signedIn = await fetch(`${v.url}/admin/masuk`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf!, username: admin.username, password: admin.password }),
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/admin');
    const session = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const dashboard = await fetch(`${v.url}/admin`, { headers: { cookie: session } });
    expect(dashboard.status).toBe(200);
    // Signed in: the page names the user (the dashboard's figures come with the admin pages' own tests).
    expect(await dashboard.text()).toContain(admin.username);
    expect(v.signIn.map((u) => u.role)).toEqual(['admin', 'operator', 'official']);
  });

  it('has 90 days of usage, registered residents with phones, and three provisioned routers', async () => {
    const v = village!;
    const db = v.ctx.database.db;
    const usage = await db
      .selectFrom('usage_daily')
      .select([
        sql<string>`min(day)`.as('first'),
        sql<string>`max(day)`.as('last'),
        sql<number>`count(distinct day)`.as('days'),
        sql<string>`sum(bytes_out)`.as('down'),
      ])
      .executeTakeFirstOrThrow();
    const spanDays = (Date.parse(usage.last) - Date.parse(usage.first)) / DAY;
    expect(spanDays).toBeGreaterThanOrEqual(88);
    expect(Number(usage.days)).toBeGreaterThanOrEqual(80);
    expect(Number(usage.down)).toBeGreaterThan(0);
    // The heat map's busiest local hour is in the evening, as the village's phones are used.
    const hours = await db
      .selectFrom('usage_hourly')
      .select(['hour', sql<string>`sum(bytes_out)`.as('down')])
      .groupBy('hour')
      .execute();
    const busiest = hours.reduce((a, b) => (Number(b.down) > Number(a.down) ? b : a));
    expect(Number(busiest.hour)).toBeGreaterThanOrEqual(18);
    expect(Number(busiest.hour)).toBeLessThanOrEqual(21);

    const accounts = await db
      .selectFrom('accounts')
      .select([sql<number>`count(*)`.as('n'), sql<number>`min(created_at)`.as('first')])
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(Number(accounts.n)).toBeGreaterThanOrEqual(40);
    // Registrations spread over the history, not all today.
    expect(Date.now() - Number(accounts.first)).toBeGreaterThan(30 * DAY);
    const devices = await db
      .selectFrom('devices')
      .select(sql<number>`count(*)`.as('n'))
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(devices.n)).toBeGreaterThanOrEqual(40);
    expect(v.figures.portalRegistrations).toBeGreaterThanOrEqual(1);

    const routers = await db
      .selectFrom('routers')
      .select(['name', 'provisioned_at', 'health', 'ros_version'])
      .orderBy('name')
      .execute();
    expect(routers.map((r) => r.name)).toEqual(['balai-desa', 'masjid-soco', 'sd-ngepon']);
    for (const r of routers) {
      expect(r.provisioned_at).not.toBeNull();
      expect(r.ros_version).toMatch(/^7\.18/);
    }
  });

  it('has phones online now, their sessions opened through the RADIUS server', async () => {
    const db = village!.ctx.database.db;
    const live = await db
      .selectFrom('sessions')
      .select(sql<number>`count(*)`.as('n'))
      .where('state', '=', 'active')
      .where('acct_session_id', 'not like', 'H%')
      .executeTakeFirstOrThrow();
    expect(Number(live.n)).toBeGreaterThanOrEqual(village!.figures.livePhones);
    expect(village!.figures.livePhones).toBeGreaterThanOrEqual(6);
    const accepts = await db
      .selectFrom('auth_log')
      .select(['decision', sql<number>`count(*)`.as('n')])
      .groupBy('decision')
      .execute();
    expect(accepts.length).toBeGreaterThan(0);
  });

  it('has guest vouchers sold over the months, most used, and a guest online with one now', async () => {
    const v = village!;
    const report = await v.ctx.services.vouchers.report({
      from: new Date(Date.now() - 91 * DAY).toISOString().slice(0, 10),
      to: new Date(Date.now() + DAY).toISOString().slice(0, 10),
    });
    expect(report.totals.created).toBe(v.figures.vouchersCreated);
    expect(v.figures.vouchersUsed).toBeGreaterThan(v.figures.vouchersCreated / 2);
    // The guest's login counts as a use too (its first login was just now).
    expect(report.totals.used).toBe(v.figures.vouchersUsed + (v.figures.guestOnline ? 1 : 0));
    expect(report.totals.revenueRp).toBeGreaterThan(0);
    expect(v.figures.guestOnline).toBe(true);
  });

  it('stops: the admin web no longer answers', async () => {
    const v = village!;
    await v.stop();
    village = undefined;
    await expect(fetch(`${v.url}/admin/masuk`)).rejects.toThrow();
  });
});
