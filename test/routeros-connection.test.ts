// The hardened RouterOS client against the virtual router, over TCP and TLS through node-routeros: nothing a
// router does may take the process down, failures come back as typed errors, one connection is reused.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConnectionEvent,
  type ConnectionOptions,
  RouterOsConnection,
} from '../src/routeros/connection.js';
import { RouterOsError } from '../src/routeros/errors.js';
import {
  startVirtualRouterOs,
  type VirtualRouterOs,
  type VirtualRouterOsOptions,
} from '../src/sim/routeros-server.js';

// Test-only certificate for 127.0.0.1 (self-signed, P-256, valid until 2126).
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg/1y+bGGDXr30aumv
ksmL7BNj8d9di8WM2iONw8MF97yhRANCAAQwQ2t53mzLxIXxFPe5nYySunjvwkfi
ecDc6MU22et5SpimcXAnRU1W3KynfN2VIvibx4qrr5ArMoKyVhDruFk4
-----END PRIVATE KEY-----`;
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBnjCCAUSgAwIBAgIUE1ILj+WmPX99tW4hjYWFaJycrqswCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQdmlydHVhbC1yb3V0ZXJvczAgFw0yNjExMjgwNjA1MDJaGA8y
MTI2MTEwNDA2MDUwMlowGzEZMBcGA1UEAwwQdmlydHVhbC1yb3V0ZXJvczBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABDBDa3nebMvEhfEU97mdjJK6eO/CR+J5wNzo
xTbZ63lKmKZxcCdFTVbcrKd83ZUi+JvHiquvkCsygrJWEOu4WTijZDBiMB0GA1Ud
DgQWBBT4lvNRpKcQGn9+v9UCCiUBuoDedzAfBgNVHSMEGDAWgBT4lvNRpKcQGn9+
v9UCCiUBuoDedzAPBgNVHRMBAf8EBTADAQH/MA8GA1UdEQQIMAaHBH8AAAEwCgYI
KoZIzj0EAwIDSAAwRQIhAKc04CrArfmm4PgSlxdFTDRQPUTJqz0E+Px+Yu564W7U
AiAIicmE4J9Mi/MEHvYimlueCQRxAhFjXs41EUJvudELUw==
-----END CERTIFICATE-----`;

const FAST: Partial<ConnectionOptions> = {
  connectTimeoutMs: 1000,
  commandTimeoutMs: 1000,
  idleTimeoutMs: 5000,
  backoffInitialMs: 50,
  backoffMaxMs: 200,
};

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function router(options: VirtualRouterOsOptions = {}): Promise<VirtualRouterOs> {
  const r = await startVirtualRouterOs({ users: [{ name: 'api', password: 'pw' }], ...options });
  cleanup.push(() => r.stop());
  return r;
}

function client(
  r: VirtualRouterOs,
  options: Partial<ConnectionOptions> = {},
  tls = false,
): RouterOsConnection {
  const c = new RouterOsConnection(
    { host: r.host, port: r.port, tls, user: 'api', password: 'pw' },
    { ...FAST, ...options },
  );
  cleanup.push(() => c.close());
  return c;
}

const identity = ['/system/identity/print'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RouterOS client: odd routers do not take the process down', () => {
  const here = fileURLToPath(new URL('.', import.meta.url));

  /** Runs `code` in a fresh Node process (TypeScript allowed) and reports how it ended. */
  function child(code: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', code],
        { cwd: here, timeout: 15_000 },
        (err, stdout, stderr) => resolve({ exitCode: err ? ((err.code as number) ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('plain node-routeros dies on 7.18 !empty; our client gets [] and the process lives on', async () => {
    const r = await router({ version: '7.18.2' });
    const plain = await child(`
      import { RouterOSAPI } from 'node-routeros';
      const api = new RouterOSAPI({ host: '127.0.0.1', port: ${r.port}, user: 'api', password: 'pw' });
      api.on('error', () => {});
      await api.connect();
      await api.write('/radius/print');
      console.log('survived');`);
    expect(plain.exitCode).not.toBe(0);
    expect(plain.stderr).toMatch(/unknown reply: !empty/);

    const ours = await child(`
      import { RouterOsConnection } from '../src/routeros/connection.ts';
      const c = new RouterOsConnection({ host: '127.0.0.1', port: ${r.port}, tls: false, user: 'api', password: 'pw' },
        { idleTimeoutMs: 300 });
      const { rows } = await c.run(['/radius/print']);
      await new Promise((r) => setTimeout(r, 600)); // idle timeout passes with the connection open
      const again = await c.run(['/system/identity/print']);
      c.close();
      console.log('survived', rows.length, again.rows[0].name);`);
    expect(ours.stderr).toBe('');
    expect(ours.stdout.trim()).toBe('survived 0 MikroTik');
  });

  it('plain node-routeros dies on an idle timeout without an error listener; our client reconnects', async () => {
    const r = await router();
    const plain = await child(`
      import { RouterOSAPI } from 'node-routeros';
      const api = new RouterOSAPI({ host: '127.0.0.1', port: ${r.port}, user: 'api', password: 'pw', timeout: 0.3 });
      await api.connect();
      await new Promise((r) => setTimeout(r, 1000));
      console.log('survived');`);
    expect(plain.exitCode).not.toBe(0);
    expect(plain.stderr).toMatch(/Timed out after 0.3 seconds/);

    const events: ConnectionEvent[] = [];
    const before = r.stats.connections;
    const c = client(r, { idleTimeoutMs: 100, onEvent: (e) => events.push(e) });
    await c.run(identity);
    await sleep(300);
    expect(c.connected).toBe(false);
    expect(events).toContainEqual({ type: 'lost', error: expect.objectContaining({ kind: 'timeout' }) });
    await expect(c.run(identity)).resolves.toMatchObject({ rows: [{ name: 'MikroTik' }] });
    expect(r.stats.connections - before).toBe(2);
  });

  it('keepalive holds an idle connection open past the idle timeout', async () => {
    const r = await router();
    const c = client(r, { idleTimeoutMs: 200, keepaliveMs: 60 });
    await c.run(identity);
    await sleep(500);
    expect(c.connected).toBe(true);
    await c.run(identity);
    expect(r.stats.connections).toBe(1);
  });

  it('stray sentences, untagged ones and unknown reply words are ignored', async () => {
    const r = await router({ faults: { strayReplies: true } });
    const events: ConnectionEvent[] = [];
    const c = client(r, { onEvent: (e) => events.push(e) });
    await expect(c.run(['/ip/hotspot/profile/print', '=.proplist=name'])).resolves.toMatchObject({
      rows: [{ name: 'default' }],
    });
    expect(
      events.filter((e) => e.type === 'ignored-reply').map((e) => e.type === 'ignored-reply' && e.word),
    ).toContain('!odd');
  });

  it('replies cut into 7-byte pieces, with .tag as the second word, are read whole', async () => {
    const r = await router({ faults: { fragmentReplies: true }, tagPosition: 'second' });
    const c = client(r);
    for (let i = 0; i < 5; i++)
      await c.run(['/queue/simple/add', `=name=q${i}`, `=comment=${'x'.repeat(150)}`]);
    const { rows } = await c.run(['/queue/simple/print']);
    expect(rows.map((x) => x.name)).toEqual(['q0', 'q1', 'q2', 'q3', 'q4']);
    expect(rows.every((x) => x.comment === 'x'.repeat(150))).toBe(true);
  });

  it("!fatal fails the waiting command as connection-lost, with the router's reason", async () => {
    const r = await router({ faults: { fatalOn: '/ip/hotspot/active' } });
    const c = client(r);
    await expect(c.run(['/ip/hotspot/active/print'])).rejects.toMatchObject({
      kind: 'connection-lost',
      message: expect.stringContaining('out of memory'),
    });
    r.faults = {};
    await expect(c.run(identity)).resolves.toBeDefined();
  });
});

describe('RouterOS client: failures are reported as what they are', () => {
  it('a dropped connection mid-command is connection-lost; the next command reconnects', async () => {
    const r = await router({ faults: { dropOn: '/radius/add' } });
    const c = client(r);
    await c.run(identity);
    await expect(c.run(['/radius/add', '=address=192.0.2.1'])).rejects.toMatchObject({
      kind: 'connection-lost',
    });
    r.faults = {};
    await expect(c.run(identity)).resolves.toBeDefined();
    expect(r.stats.connections).toBe(2);
  });

  it('a slow answer within the timeout is waited for; beyond it times out, and the late reply is harmless', async () => {
    const r = await router({ faults: { replyDelayMs: 150 } });
    const c = client(r, { commandTimeoutMs: 1000 });
    await expect(c.run(identity)).resolves.toMatchObject({ rows: [{ name: 'MikroTik' }] });
    r.faults = { replyDelayMs: 400 };
    await expect(c.run(identity, 100)).rejects.toMatchObject({ kind: 'timeout' });
    r.faults = {};
    await sleep(500); // the late reply and the cancel's answer arrive and are dropped
    await expect(c.run(identity)).resolves.toMatchObject({ rows: [{ name: 'MikroTik' }] });
    expect(r.stats.commands).toContain('/cancel');
    expect(r.stats.connections).toBe(1);
  });

  it('a router that is down is unreachable, retried only after a backoff, and used again once back', async () => {
    const r = await router();
    const c = client(r, { backoffInitialMs: 300, backoffMaxMs: 300 });
    await c.run(identity);
    await r.goDown();
    await sleep(50); // the client notices the cut
    expect(c.connected).toBe(false);
    await expect(c.run(identity)).rejects.toMatchObject({ kind: 'unreachable', message: /ECONNREFUSED/ });
    const fast = await c.run(identity).catch((e: RouterOsError) => e);
    expect(fast).toMatchObject({ kind: 'unreachable', message: /coba lagi dalam/ });
    expect((fast as RouterOsError).retryAt).toBeGreaterThan(Date.now());
    await r.comeBack();
    await sleep(350);
    await expect(c.run(identity)).resolves.toMatchObject({ rows: [{ name: 'MikroTik' }] });
  });

  it('a wrong password is a login error', async () => {
    const r = await router();
    const c = new RouterOsConnection(
      { host: r.host, port: r.port, tls: false, user: 'api', password: 'salah' },
      FAST,
    );
    cleanup.push(() => c.close());
    await expect(c.run(identity)).rejects.toMatchObject({ kind: 'login', message: /menolak login API/ });
  });

  it('a trap keeps its message and category', async () => {
    const c = client(await router());
    await expect(
      c.run(['/ip/hotspot/profile/set', '=.id=tidak-ada', '=use-radius=yes']),
    ).rejects.toMatchObject({
      kind: 'trap',
      category: 0,
      trapMessage: 'no such item',
    });
  });

  it('a closed client refuses further commands', async () => {
    const c = client(await router());
    await c.run(identity);
    c.close();
    await expect(c.run(identity)).rejects.toMatchObject({ kind: 'closed' });
  });
});

describe('RouterOS client: one connection, reused', () => {
  it('twenty concurrent commands share one connection, each gets its own answer', async () => {
    const r = await router();
    const c = client(r);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => c.run(['/queue/simple/add', `=name=q${i}`]).then((x) => x.ret)),
    );
    expect(new Set(results).size).toBe(20);
    expect(r.stats.connections).toBe(1);
  });
});

describe('RouterOS client: API-SSL', () => {
  it('connects to a router with a certificate', async () => {
    const r = await router({ tls: { key: TEST_KEY, cert: TEST_CERT } });
    await expect(client(r, {}, true).run(identity)).resolves.toMatchObject({ rows: [{ name: 'MikroTik' }] });
  });

  it('connects to a router without a certificate (anonymous Diffie-Hellman)', async () => {
    const r = await router({ tls: 'anonymous' });
    await expect(client(r, {}, true).run(identity)).resolves.toMatchObject({ rows: [{ name: 'MikroTik' }] });
  });

  it('with a pinned certificate, the router holding it is accepted', async () => {
    const r = await router({ tls: { key: TEST_KEY, cert: TEST_CERT } });
    const c = new RouterOsConnection(
      { host: r.host, port: r.port, tls: true, user: 'api', password: 'pw', tlsCa: TEST_CERT },
      FAST,
    );
    cleanup.push(() => c.close());
    await expect(c.run(identity)).resolves.toMatchObject({ rows: [{ name: 'MikroTik' }] });
  });

  it('with a pinned certificate, a router without it is refused', async () => {
    const r = await router({ tls: 'anonymous' });
    const c = new RouterOsConnection(
      { host: r.host, port: r.port, tls: true, user: 'api', password: 'pw', tlsCa: TEST_CERT },
      FAST,
    );
    cleanup.push(() => c.close());
    await expect(c.run(identity)).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('speaking plain API to an API-SSL port fails cleanly', async () => {
    const r = await router({ tls: 'anonymous' });
    await expect(client(r, { connectTimeoutMs: 300 }).run(identity)).rejects.toBeInstanceOf(RouterOsError);
  });
});
