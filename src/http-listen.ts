// The Node HTTP listener for the Hono app, with the limits that keep it up when clients misbehave: a slow client
// gets a bounded time to send its headers and its whole request, an idle socket is closed, and past a cap new
// connections are refused at once, so sockets never eat the process's file descriptors (systemd's soft limit is
// 1,024) and the RADIUS, database and router connections of the same process keep theirs.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface HttpLimits {
  /** Time to receive a request's headers. */
  readonly headersTimeoutMs: number;
  /** Time to receive a whole request (headers and body). */
  readonly requestTimeoutMs: number;
  /** How long a kept-alive connection waits for its next request. */
  readonly keepAliveTimeoutMs: number;
  /** A socket with no traffic for this long is closed, whatever state it is in. */
  readonly idleTimeoutMs: number;
  /** Open connections at most; more are closed as they arrive. */
  readonly maxConnections: number;
}

export interface HttpListener {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

export async function listenHttp(
  app: Pick<Hono, 'fetch'>,
  at: { readonly port: number; readonly host: string },
  limits: HttpLimits,
): Promise<HttpListener> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: at.port,
        hostname: at.host,
        serverOptions: {
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          keepAliveTimeout: limits.keepAliveTimeoutMs,
          // Node checks the two timeouts above on this period (30 s by default, longer than they are).
          connectionsCheckingInterval: Math.max(100, Math.min(1000, limits.headersTimeoutMs / 2)),
        },
      },
      () => resolve(s as Server),
    );
    s.once('error', reject);
  });
  // With no 'timeout' listener, Node destroys a socket idle this long.
  server.setTimeout(limits.idleTimeoutMs);
  server.maxConnections = limits.maxConnections;
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : at.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
