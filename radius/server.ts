// The UDP sockets, and nothing else: packets in, pipeline, answers out. Knows nothing of users or sessions.
import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { Pipeline } from './pipeline/pipeline.js';
import type { ListenerKind } from './pipeline/types.js';

/**
 * The receive buffer asked for on each RADIUS socket. A reboot storm (every device of the village
 * re-authenticating within seconds) queues thousands of requests at once; what does not fit is dropped by the
 * kernel before the server sees it. Linux grants at most net.core.rmem_max (often 208 KiB), hence the sysctl
 * drop-in `warganet service install` writes (src/ops/systemd-unit.ts).
 */
export const RADIUS_RECV_BUFFER_BYTES = 4 * 1024 * 1024;

export interface RadiusListeners {
  readonly authPort: number;
  readonly acctPort: number;
  /** The receive buffer the kernel granted (the smaller of the two sockets'; Linux reports double the size). */
  readonly recvBufferBytes: number;
  close(): Promise<void>;
}

async function listen(
  host: string,
  port: number,
  kind: ListenerKind,
  pipeline: Pipeline,
  onError: (error: unknown) => void,
): Promise<Socket> {
  // An IPv6 host ('::') also receives IPv4, as ::ffff:a.b.c.d; routers are stored by their plain address.
  const socket = createSocket({
    type: isIP(host) === 6 ? 'udp6' : 'udp4',
    recvBufferSize: RADIUS_RECV_BUFFER_BYTES,
  });
  // One send callback for every answer, not a closure per packet.
  const sent = (err: Error | null) => {
    if (err) onError(err);
  };
  socket.on('message', (msg, rinfo) => {
    const address = rinfo.address.startsWith('::ffff:') ? rinfo.address.slice(7) : rinfo.address;
    const source = { address, port: rinfo.port };
    void pipeline.handle(msg, source, kind).then((answer) => {
      if (answer) socket.send(answer, rinfo.port, rinfo.address, sent);
    });
  });
  // A bind failure (port in use) is the caller's to report, once; runtime socket errors go to onError.
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', onError);
  return socket;
}

export async function startRadiusListeners(opts: {
  host: string;
  authPort: number;
  acctPort: number;
  pipeline: Pipeline;
  onError: (error: unknown) => void;
}): Promise<RadiusListeners> {
  const auth = await listen(opts.host, opts.authPort, 'auth', opts.pipeline, opts.onError);
  const acct = await listen(opts.host, opts.acctPort, 'acct', opts.pipeline, opts.onError).catch((e) => {
    auth.close();
    throw e;
  });
  return {
    authPort: auth.address().port,
    acctPort: acct.address().port,
    recvBufferBytes: Math.min(auth.getRecvBufferSize(), acct.getRecvBufferSize()),
    close: () =>
      Promise.all([auth, acct].map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(
        () => {},
      ),
  };
}
