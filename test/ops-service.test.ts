// `warganet service install` writes a hardened systemd unit that systemd itself accepts; logs read as lines on a
// terminal and as JSON for machines.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RADIUS_RECV_BUFFER_BYTES } from '../radius/server.js';
import { parseConfig } from '../src/config.js';
import { formatLine, prettyDestination } from '../src/log-pretty.js';
import { createLogger } from '../src/logger.js';
import { cli } from './support/cli.js';

const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

describe('warganet service install', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'warganet-service-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('--dry-run prints a unit with its own user, data directory, restart and hardening, and writes nothing', async () => {
    const dir = fresh();
    const run = await cli({ dataDir: dir }, [
      'service',
      'install',
      '--dry-run',
      '--unit-dir',
      join(dir, 'units'),
      '--env-file',
      join(dir, 'warganet.env'),
    ]);
    expect(run.stderr).toBe('');
    const unit = run.stdout;
    for (const line of [
      'User=warganet',
      'WorkingDirectory=/var/lib/warganet',
      'StateDirectory=warganet',
      'ReadWritePaths=/var/lib/warganet',
      `EnvironmentFile=-${join(dir, 'warganet.env')}`,
      'Restart=on-failure',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'PrivateTmp=yes',
      'MemoryMax=512M',
      'Environment=MALLOC_ARENA_MAX=2',
      'CapabilityBoundingSet=\n',
    ])
      expect(unit).toContain(line);
    expect(unit).toMatch(/^ProtectHome=(yes|read-only)$/m);
    expect(unit).toMatch(
      /^ExecStart=\S+node\S* --max-semi-space-size=4 --max-old-space-size=128 \S+\/dist\/src\/main\.js$/m,
    );
    expect(unit).not.toContain('MemoryDenyWriteExecute');
    expect(() => readFileSync(join(dir, 'units', 'warganet.service'))).toThrow();
  });

  it('grants only CAP_NET_BIND_SERVICE, and only when a port is below 1024', async () => {
    const run = await cli({ dataDir: fresh(), env: { WARGANET_HTTP_PORT: '80' } }, [
      'service',
      'install',
      '--dry-run',
      '--user',
      'wifi',
      '--data',
      '/srv/warganet',
    ]);
    expect(run.stdout).toContain('CapabilityBoundingSet=CAP_NET_BIND_SERVICE\n');
    expect(run.stdout).toContain('AmbientCapabilities=CAP_NET_BIND_SERVICE\n');
    expect(run.stdout).toContain('User=wifi');
    expect(run.stdout).toContain('ReadWritePaths=/srv/warganet');
    expect(run.stdout).not.toContain('StateDirectory=');
  });

  it('writes the unit and an environment file that systemd-analyze verify accepts', async () => {
    const dir = fresh();
    const run = await cli({ dataDir: dir }, [
      'service',
      'install',
      '--user',
      'root', // a user that exists on every machine the test runs on; verify checks it
      '--unit-dir',
      join(dir, 'units'),
      '--env-file',
      join(dir, 'etc', 'warganet.env'),
      '--sysctl-dir',
      join(dir, 'sysctl.d'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('systemctl daemon-reload && systemctl enable --now warganet');
    // Room for a reboot storm in the RADIUS sockets: the kernel's ceiling raised to what they ask for.
    expect(readFileSync(join(dir, 'sysctl.d', '60-warganet.conf'), 'utf8')).toContain(
      `net.core.rmem_max = ${RADIUS_RECV_BUFFER_BYTES}\n`,
    );
    expect(run.stdout).toContain(`sysctl -p ${join(dir, 'sysctl.d', '60-warganet.conf')}`);
    expect(readFileSync(join(dir, 'etc', 'warganet.env'), 'utf8')).toContain(
      'WARGANET_DATA_DIR=/var/lib/warganet',
    );
    const unitFile = join(dir, 'units', 'warganet.service');
    if (!hasSystemdAnalyze) return;
    const verify = spawnSync('systemd-analyze', ['verify', unitFile], { encoding: 'utf8' });
    // Only complaints about this unit count (the host's own units may be noisy in a container).
    const ours = `${verify.stdout}${verify.stderr}`.split('\n').filter((l) => l.includes('warganet.service'));
    expect(ours).toEqual([]);
  });

  it('refuses a user name that is not one', async () => {
    const run = await cli({ dataDir: fresh() }, ['service', 'install', '--dry-run', '--user', 'a b;rm']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nama pengguna tidak sah');
  });
});

describe('log format', () => {
  it('pretty: one readable line per entry, fields as key=value, errors with their stack, no colour off a TTY', () => {
    const lines: string[] = [];
    const logger = createLogger('info', prettyDestination({ write: (s: string) => lines.push(s) }));
    logger.info({ port: 8080, host: '0.0.0.0' }, 'http listening');
    logger.warn({ err: new Error('disk full') }, 'daily backup failed');
    logger.debug('not shown');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO {2}http listening port=8080 host=0\.0\.0\.0\n$/);
    expect(lines[1]).toMatch(
      /^\d\d:\d\d:\d\d WARN {2}daily backup failed\n {2}Error: disk full\n {2} {4}at /,
    );
    expect(lines.join('')).not.toContain('\x1b[');
    expect(lines).toHaveLength(2);
  });

  it('still hides secrets in pretty lines', () => {
    const lines: string[] = [];
    const logger = createLogger('info', prettyDestination({ write: (s: string) => lines.push(s) }));
    logger.info({ resident: { nik: '3523010101010001' } }, 'x');
    expect(lines.join('')).not.toContain('3523010101010001');
  });

  it('a line that is not JSON passes through unchanged', () => {
    expect(formatLine('plain text', false)).toBe('plain text\n');
  });

  it('WARGANET_LOG_FORMAT accepts pretty and json only, and leaves the choice to the terminal by default', () => {
    const base = { WARGANET_DATA_DIR: '/tmp/x' };
    const pick = (v?: string) => {
      const r = parseConfig(v === undefined ? base : { ...base, WARGANET_LOG_FORMAT: v });
      return r.ok ? r.config.logFormat : 'invalid';
    };
    expect(pick()).toBeUndefined();
    expect(pick('pretty')).toBe('pretty');
    expect(pick('json')).toBe('json');
    expect(pick('xml')).toBe('invalid');
  });
});
