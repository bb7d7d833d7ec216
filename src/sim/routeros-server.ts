// A virtual MikroTik speaking the RouterOS API on 127.0.0.1: plain (8728-style) or API-SSL with or without a
// certificate, a chosen RouterOS version, its users, and faults to inject. Tests drive node-routeros against it;
// the hotspot simulator and the demo use it as the router's API side.
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { RouterModel } from './routeros-model.js';
import {
  type FetchedPage,
  serveApiConnection,
  type VirtualRouterOsFaults,
  type VirtualRouterOsUser,
} from './routeros-session.js';

export type { FetchedPage, VirtualRouterOsFaults, VirtualRouterOsUser };

export interface VirtualRouterOsOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /** The RouterOS version it behaves as, e.g. `7.18.2` (sends `!empty`) or `7.14.3`, `6.49.10`. */
  readonly version?: string | undefined;
  readonly users?: readonly VirtualRouterOsUser[] | undefined;
  readonly faults?: VirtualRouterOsFaults | undefined;
  /** API-SSL: with a certificate, or `anonymous` (anonymous Diffie-Hellman, as RouterOS without one). */
  readonly tls?: { readonly key: string; readonly cert: string } | 'anonymous' | undefined;
  /** Where `.tag` goes in replies: second (as real traces show) or last (as the manual's example). */
  readonly tagPosition?: 'second' | 'last' | undefined;
  /** How `/tool/fetch` downloads; the default is a real HTTP request. */
  readonly fetchUrl?: ((url: string) => Promise<FetchedPage>) | undefined;
  /** Start from this configuration instead of a factory-fresh one. */
  readonly model?: RouterModel | undefined;
}

export interface VirtualRouterOsStats {
  connections: number;
  /** Commands that changed the configuration. */
  writes: number;
  /** Every command path received, in order (arguments left out: they may hold passwords). */
  readonly commands: string[];
}

export interface VirtualRouterOs {
  readonly host: string;
  readonly port: number;
  readonly version: string;
  readonly model: RouterModel;
  readonly stats: VirtualRouterOsStats;
  faults: VirtualRouterOsFaults;
  /** Cuts every open API connection, as a reboot or a cable pull would. */
  dropConnections(): void;
  /** Stops answering: open connections are cut and new ones refused, until `comeBack`. */
  goDown(): Promise<void>;
  comeBack(): Promise<void>;
  stop(): Promise<void>;
}

const ANONYMOUS_CIPHERS = 'ADH-AES256-GCM-SHA384:ADH-AES128-GCM-SHA256:@SECLEVEL=0';

export async function startVirtualRouterOs(options: VirtualRouterOsOptions = {}): Promise<VirtualRouterOs> {
  const host = options.host ?? '127.0.0.1';
  const version = options.version ?? '7.18.2';
  const model = options.model ?? new RouterModel(version);
  const users = options.users ?? [{ name: 'admin', password: '' }];
  const sockets = new Set<Socket>();
  const stats: VirtualRouterOsStats = { connections: 0, writes: 0, commands: [] };
  let faults: VirtualRouterOsFaults = options.faults ?? {};

  const onConnection = (socket: Socket) => {
    stats.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveApiConnection(socket, {
      model,
      users,
      tagPosition: options.tagPosition ?? 'second',
      faults: () => faults,
      fetchUrl: options.fetchUrl ?? httpFetch,
      onWrite: () => {
        stats.writes++;
      },
      onCommand: (command) => {
        stats.commands.push(command);
      },
    });
  };

  const makeServer = (): Server => {
    const tls = options.tls;
    if (!tls) return createTcpServer(onConnection);
    const server =
      tls === 'anonymous'
        ? createTlsServer(
            { ciphers: ANONYMOUS_CIPHERS, dhparam: 'auto', maxVersion: 'TLSv1.2' },
            onConnection,
          )
        : createTlsServer({ key: tls.key, cert: tls.cert }, onConnection);
    server.on('tlsClientError', () => {});
    return server;
  };

  let server: Server | undefined = makeServer();
  const port = await listen(server, options.port ?? 0, host);

  const dropConnections = () => {
    for (const s of sockets) s.destroy();
  };
  const close = async () => {
    const s = server;
    server = undefined;
    dropConnections();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  return {
    host,
    port,
    version,
    model,
    stats,
    get faults() {
      return faults;
    },
    set faults(next: VirtualRouterOsFaults) {
      faults = next;
    },
    dropConnections,
    goDown: close,
    async comeBack() {
      if (server) return;
      server = makeServer();
      await listen(server, port, host);
    },
    stop: close,
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

async function httpFetch(url: string): Promise<FetchedPage> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'manual' });
  return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) };
}
