// The Node listener's limits against real sockets on loopback: idle and slow clients are closed by the timeouts,
// connections past the cap are refused at once, and the portal still answers a real request afterwards.
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpListener, listenHttp } from '../src/http-listen.js';
import { createPortalHarness, type PortalHarness } from './fixtures/portal.js';

const LIMITS = {
  headersTimeoutMs: 1000,
  requestTimeoutMs: 2000,
  keepAliveTimeoutMs: 500,
  idleTimeoutMs: 1000,
  maxConnections: 20,
};

function openIdle(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP listener limits', () => {
  let h: PortalHarness | undefined;
  let listener: HttpListener | undefined;
  afterEach(async () => {
    await listener?.close();
    await h?.close();
  });

  it('refuses connections past the cap, closes idle ones, and then serves a real request', async () => {
    h = await createPortalHarness('sqlite');
    listener = await listenHttp(h.app, { port: 0, host: '127.0.0.1' }, LIMITS);
    const { port, server } = listener;
    const idle = await Promise.all(Array.from({ length: 60 }, () => openIdle(port).catch(() => undefined)));
    const sockets = idle.filter((s) => s !== undefined);
    let closedCount = 0;
    for (const s of sockets) void s.closed.then(() => closedCount++);
    // Those past the cap are dropped as they arrive; the server never holds more than the cap.
    const open = await new Promise<number>((resolve, reject) =>
      server.getConnections((err, n) => (err ? reject(err) : resolve(n))),
    );
    expect(open).toBeLessThanOrEqual(LIMITS.maxConnections);
    // Every idle socket is closed by the server (the idle and header timeouts), none by us.
    await Promise.all(sockets.map((s) => s.closed));
    expect(closedCount).toBe(sockets.length);
    expect(await get(port, '/daftar')).toBe(200);
  });

  it('closes a client that sends half its headers and stops', async () => {
    h = await createPortalHarness('sqlite');
    listener = await listenHttp(h.app, { port: 0, host: '127.0.0.1' }, LIMITS);
    const { socket, closed } = await openIdle(listener.port);
    let reply = '';
    socket.on('data', (d: Buffer) => (reply += d.toString()));
    socket.write(
      'POST /daftar HTTP/1.1\r\nHost: portal.desa.test\r\nContent-Type: application/x-www-form-urlencoded\r\n',
    );
    await closed;
    // Node answers 408 to a request whose headers did not arrive in time (or just closes an idle socket).
    expect(reply === '' || reply.startsWith('HTTP/1.1 408')).toBe(true);
    expect(await get(listener.port, '/daftar')).toBe(200);
  });
});
