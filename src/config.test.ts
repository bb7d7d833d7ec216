import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('configuration', () => {
  it('runs on defaults alone: SQLite in ./data, every role, standard ports, Jakarta time', () => {
    const parsed = parseConfig({});
    expect(parsed).toMatchObject({
      ok: true,
      config: {
        dataDir: './data',
        databaseUrl: undefined,
        httpPort: 8080,
        radiusAuthPort: 1812,
        radiusAcctPort: 1813,
        roles: ['http', 'radius', 'agent'],
        villageCode: '35.23.12.2002',
        timeZone: 'Asia/Jakarta',
        radiusAddress: undefined,
      },
    });
  });

  it('limits slow clients and connections by default below a 1,024 descriptor limit, and takes overrides', () => {
    const parsed = parseConfig({});
    expect(parsed).toMatchObject({
      ok: true,
      config: {
        http: {
          headersTimeoutMs: 10_000,
          requestTimeoutMs: 30_000,
          keepAliveTimeoutMs: 5_000,
          idleTimeoutMs: 30_000,
          maxConnections: 512,
        },
        pinChecks: { concurrency: 2, queue: 64 },
      },
    });
    const tuned = parseConfig({ WARGANET_HTTP_MAX_CONNECTIONS: '200', WARGANET_PIN_CHECKS: '1' });
    expect(tuned).toMatchObject({
      ok: true,
      config: { http: { maxConnections: 200 }, pinChecks: { concurrency: 1 } },
    });
    const bad = parseConfig({ WARGANET_HTTP_HEADERS_TIMEOUT_S: '0', WARGANET_PIN_QUEUE: 'banyak' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.split(':')[0]).sort()).toEqual([
      'WARGANET_HTTP_HEADERS_TIMEOUT_S',
      'WARGANET_PIN_QUEUE',
    ]);
  });

  it('reports every bad variable at once, each on its own line, naming the variable', () => {
    const parsed = parseConfig({
      WARGANET_DATABASE_URL: 'mysql://x',
      WARGANET_SECRET_KEY: 'abc',
      WARGANET_ROLES: 'http,kopi',
      WARGANET_VILLAGE_CODE: '3523',
      WARGANET_RADIUS_ADDRESS: 'balai-desa',
    });
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors.map((e) => e.split(':')[0]).sort()).toEqual([
      'WARGANET_DATABASE_URL',
      'WARGANET_RADIUS_ADDRESS',
      'WARGANET_ROLES',
      'WARGANET_SECRET_KEY',
      'WARGANET_VILLAGE_CODE',
    ]);
    expect(errors.find((e) => e.startsWith('WARGANET_ROLES'))).toContain('kopi');
  });

  it('reads a role subset, PostgreSQL URL and the address routers use for RADIUS', () => {
    const parsed = parseConfig({
      WARGANET_ROLES: 'radius, agent',
      WARGANET_DATABASE_URL: 'postgres://u:p@db/warganet',
      WARGANET_RADIUS_ADDRESS: '10.5.50.2',
    });
    expect(parsed).toMatchObject({
      ok: true,
      config: {
        roles: ['radius', 'agent'],
        databaseUrl: 'postgres://u:p@db/warganet',
        radiusAddress: '10.5.50.2',
      },
    });
  });
});
