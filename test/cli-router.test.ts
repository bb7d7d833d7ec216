import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Keyring } from '../src/services/keyring.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

const RADIUS_SECRET = 'rahasia-Radius-7f3c9a';
const API_PASSWORD = 'sandi-API-b81d42';

describe.each(databaseKinds)('warganet router (%s)', (kind) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await t.close();
  });
  const run = (args: string[], stdin?: string, env?: Record<string, string>) =>
    cli({ dataDir: t.dir, databaseUrl: t.url, ...(env ? { env } : {}) }, args, stdin);
  const routers = () => t.db.selectFrom('routers').selectAll().orderBy('id').execute();
  const audit = () => t.db.selectFrom('audit_log').selectAll().orderBy('id').execute();

  it('takes the RADIUS secret from stdin and stores it sealed, recoverable only with the key', async () => {
    const r = await run(
      ['router', 'add', 'balai-desa', '--nas-ip', '10.10.0.2', '--secret', '-', '--dusun', 'Krajan'],
      `${RADIUS_SECRET}\n`,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Router balai-desa ditambahkan');
    expect(r.stdout).not.toContain(RADIUS_SECRET);
    const [row] = await routers();
    expect(row).toMatchObject({
      name: 'balai-desa',
      nas_ip: '10.10.0.2',
      dusun: 'Krajan',
      require_message_auth: 1,
    });
    expect(row!.radius_secret_enc).not.toContain(RADIUS_SECRET);
    const keyring = await Keyring.fromHex(TEST_SECRET_KEY);
    expect(await keyring.decrypt(row!.radius_secret_enc)).toBe(RADIUS_SECRET);
  });

  it('takes secrets from environment variables, and fills API defaults (port 8729 with TLS)', async () => {
    const r = await run(
      [
        ...['router', 'add', 'posyandu', '--nas-ip', '10.10.0.3', '--secret-env', 'WN_SECRET'],
        ...[
          '--api-host',
          'Router.Local',
          '--api-user',
          'warganet',
          '--api-password-env',
          'WN_API',
          '--api-tls',
        ],
        ...['--hotspot-server', 'hs1', '--hotspot-profile', 'hsprof1', '--no-require-message-auth'],
      ],
      undefined,
      { WN_SECRET: RADIUS_SECRET, WN_API: API_PASSWORD },
    );
    expect(r.stderr).toBe('');
    const [row] = await routers();
    expect(row).toMatchObject({
      api_host: 'router.local',
      api_port: 8729,
      api_tls: 1,
      api_user: 'warganet',
      hotspot_server: 'hs1',
      hotspot_profile: 'hsprof1',
      require_message_auth: 0,
    });
    const keyring = await Keyring.fromHex(TEST_SECRET_KEY);
    expect(await keyring.decrypt(row!.radius_secret_enc)).toBe(RADIUS_SECRET);
    expect(await keyring.decrypt(row!.api_password_enc!)).toBe(API_PASSWORD);
  });

  it('takes the hotspot address the portal may send logins to, as host or host:port, and refuses a URL', async () => {
    const ok = await run(
      [
        ...['router', 'add', 'balai', '--nas-ip', '10.10.0.4', '--secret-env', 'WN_SECRET'],
        ...['--hotspot-address', 'Wifi.Socorejo.Desa:8080', '--json'],
      ],
      undefined,
      { WN_SECRET: RADIUS_SECRET },
    );
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout)).toMatchObject({ hotspot_address: 'wifi.socorejo.desa:8080' });
    const bad = await run(
      [
        ...['router', 'add', 'pos', '--nas-ip', '10.10.0.5', '--secret-env', 'WN_SECRET'],
        ...['--hotspot-address', 'http://evil.example/login'],
      ],
      undefined,
      { WN_SECRET: RADIUS_SECRET },
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('alamat hotspot harus host atau host:port');
    expect((await routers()).map((r) => r.hotspot_address)).toEqual(['wifi.socorejo.desa:8080']);
  });

  it('never leaves a secret in the database as plain text', async () => {
    await run(
      [
        ...['router', 'add', 'balai', '--nas-ip', '10.10.0.2', '--secret', '-'],
        ...['--api-host', '10.10.0.2', '--api-user', 'wn', '--api-password-env', 'WN_API'],
      ],
      RADIUS_SECRET,
      { WN_API: API_PASSWORD },
    );
    expect(await routers()).toHaveLength(1);
    if (kind === 'sqlite') {
      // The file and its write-ahead log, as bytes: whatever SQLite has written anywhere.
      const files = ['warganet.db', 'warganet.db-wal']
        .map((f) => join(t.dir, f))
        .filter((f) => existsSync(f));
      const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
      expect(bytes.includes(Buffer.from('10.10.0.2'))).toBe(true);
      expect(bytes.includes(Buffer.from(RADIUS_SECRET))).toBe(false);
      expect(bytes.includes(Buffer.from(API_PASSWORD))).toBe(false);
    } else {
      const { rows } = await sql<{ dump: string }>`select string_agg(t::text, ' ') as dump from (
          select * from routers) t`.execute(t.db);
      const logged = await sql<{
        dump: string;
      }>`select string_agg(a::text, ' ') as dump from audit_log a`.execute(t.db);
      const dump = `${rows[0]!.dump} ${logged.rows[0]!.dump}`;
      expect(dump).toContain('10.10.0.2');
      expect(dump).not.toContain(RADIUS_SECRET);
      expect(dump).not.toContain(API_PASSWORD);
    }
  });

  it('refuses a duplicate name or NAS address (in any notation) and writes nothing', async () => {
    await run(['router', 'add', 'balai', '--nas-ip', '2001:db8::10', '--secret', 'a-secret']);
    const before = await routers();
    const name = await run(['router', 'add', 'balai', '--nas-ip', '10.0.0.9', '--secret', 'x']);
    expect(name.code).toBe(4);
    expect(name.stderr).toBe('warganet: router balai sudah ada\n');
    const ip = await run(['router', 'add', 'kedua', '--nas-ip', '2001:DB8:0:0::0:10', '--secret', 'x']);
    expect(ip.code).toBe(4);
    expect(ip.stderr).toBe('warganet: --nas-ip: alamat NAS 2001:db8::10 sudah dipakai router balai\n');
    expect(await routers()).toEqual(before);
    expect(await audit()).toHaveLength(1);
  });

  it.each([
    [['--nas-ip', '10.0.0.300', '--secret', 'x'], '--nas-ip: alamat NAS bukan alamat IPv4/IPv6 yang sah'],
    [['--nas-ip', '10.0.0.2'], 'rahasia RADIUS wajib'],
    [['--nas-ip', '10.0.0.2', '--secret', '-'], '--secret -: tidak ada masukan di stdin', ''],
    [
      ['--nas-ip', '10.0.0.2', '--secret-env', 'TIDAK_ADA'],
      '--secret-env: variabel lingkungan TIDAK_ADA kosong',
    ],
    [
      ['--nas-ip', '10.0.0.2', '--secret', 'x', '--secret-env', 'X'],
      'pilih salah satu: --secret atau --secret-env',
    ],
    [
      ['--nas-ip', '10.0.0.2', '--secret', '-', '--api-host', 'h', '--api-user', 'u', '--api-password', '-'],
      'hanya satu dari --secret, --api-password yang boleh dibaca dari stdin',
    ],
    [
      ['--nas-ip', '10.0.0.2', '--secret', 'x', '--api-host', '10.0.0.2', '--api-port', '70000'],
      '--api-port: port API harus 1–65535',
    ],
    [
      ['--nas-ip', '10.0.0.2', '--secret', 'x', '--api-user', 'u'],
      '--api-user: pengaturan API hanya berlaku',
    ],
    [
      ['--nas-ip', '10.0.0.2', '--secret', 'x', '--api-host', 'a b'],
      '--api-host: alamat API bukan IP atau nama host',
    ],
    [
      ['--nas-ip', '10.0.0.2', '--secret', 'x', '--api-host', 'r1', '--api-user', 'u'],
      '--api-password: sandi API wajib diisi',
    ],
  ] as [string[], string, string?][])(
    'bad input %j is one line on stderr, exit 1, and writes nothing',
    async (opts, message, stdin) => {
      const r = await run(['router', 'add', 'balai', ...opts], stdin ?? 'secret-line\n');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.stderr).toContain(message);
      expect(await routers()).toEqual([]);
      expect(await audit()).toEqual([]);
    },
  );

  it('router list shows name, NAS IP, API host:port, TLS, health and last contact, never a secret', async () => {
    await run(
      [
        ...['router', 'add', 'balai', '--nas-ip', '10.10.0.2', '--secret', RADIUS_SECRET],
        ...['--api-host', '10.10.0.2', '--api-user', 'wn', '--api-password', API_PASSWORD],
      ],
      undefined,
    );
    await run(['router', 'add', 'masjid', '--nas-ip', 'fd00::5', '--secret', RADIUS_SECRET]);
    // What the health poller (another role) records.
    const contact = Date.UTC(2026, 10, 28, 7, 5); // 14:05 in Asia/Jakarta
    await t.db
      .updateTable('routers')
      .set({ health: 'up', last_contact_at: contact })
      .where('name', '=', 'balai')
      .execute();

    const text = await run(['router', 'list']);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^NAMA\s+NAS IP\s+API\s+TLS\s+KESEHATAN\s+KONTAK TERAKHIR\s+ROUTEROS\s+TERTUNDA\s+GAGAL$/,
    );
    expect(lines[1]).toMatch(
      /^balai\s+10\.10\.0\.2\s+10\.10\.0\.2:8728\s+tidak\s+hidup\s+2026-11-28 14:05\s+-\s+0\s+0$/,
    );
    expect(lines[2]).toMatch(/^masjid\s+fd00::5\s+-\s+-\s+belum diketahui\s+belum pernah\s+-\s+-\s+-$/);

    const json = await run(['router', 'list', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject([
      {
        name: 'balai',
        api_host: '10.10.0.2',
        api_port: 8728,
        api_tls: false,
        health: 'up',
        last_contact_at: contact,
      },
      { name: 'masjid', nas_ip: 'fd00::5', api_host: null },
    ]);
    for (const out of [text.stdout, json.stdout]) {
      expect(out).not.toContain(RADIUS_SECRET);
      expect(out).not.toContain(API_PASSWORD);
      expect(out).not.toContain('v1.');
    }
  });

  it('accepts an IPv6 API host in brackets and shows it bracketed with its port', async () => {
    const r = await run(
      [
        ...['router', 'add', 'aula', '--nas-ip', 'fd00::5', '--secret', 'x', '--api-host', '[FD00::5]'],
        ...['--api-user', 'wn', '--api-password-env', 'WN_API', '--api-port', '18728'],
      ],
      undefined,
      { WN_API: API_PASSWORD },
    );
    expect(r.stdout).toContain('Router aula ditambahkan (NAS fd00::5, API [fd00::5]:18728).');
    expect((await routers())[0]).toMatchObject({ api_host: 'fd00::5', api_port: 18728, api_tls: 0 });
  });

  it('records each router added in the audit log, without its secrets', async () => {
    await run(['router', 'add', 'balai', '--nas-ip', '10.10.0.2', '--secret', RADIUS_SECRET]);
    const [a] = await audit();
    expect(a).toMatchObject({ actor: 'cli', action: 'router.add', target: 'router:balai' });
    expect(a!.detail).toContain('10.10.0.2');
    expect(a!.detail).not.toContain(RADIUS_SECRET);
  });
});
