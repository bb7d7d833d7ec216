// The RouterGateway port over the RouterOS API: one connection per router, kept and reused, replaced when the
// router's API settings change; RouterOS failures become RouterCallErrors for the services.
import {
  type ActiveHost,
  type ProvisionChange,
  type ProvisionReport,
  type ProvisionSpec,
  RouterCallError,
  type RouterGateway,
  type RouterHealthReading,
  type RouterTarget,
  type UserProfileSpec,
} from '../services/routers/router-gateway.js';
import { listHotspotActive, readResource, remove } from './commands.js';
import { type ConnectionEvent, type ConnectionOptions, RouterOsConnection } from './connection.js';
import { RouterOsError } from './errors.js';
import { ProfileConflictError, provisionRouter, pushUserProfiles } from './provision-run.js';

export interface RouterOsGatewayOptions {
  readonly connection?: Partial<ConnectionOptions> | undefined;
  /** Longest wait for `/tool/fetch` of one login page. */
  readonly fetchTimeoutMs?: number | undefined;
  readonly onEvent?: ((router: string, event: ConnectionEvent) => void) | undefined;
}

export function createRouterOsGateway(options: RouterOsGatewayOptions = {}): RouterGateway {
  const pool = new Map<number, { key: string; connection: RouterOsConnection }>();
  let closed = false;

  function connectionFor(target: RouterTarget): RouterOsConnection {
    if (closed) throw new RouterCallError('closed', 'akses router sudah ditutup');
    const key = JSON.stringify([target.host, target.port, target.tls, target.user, target.password]);
    const held = pool.get(target.id);
    if (held?.key === key) return held.connection;
    held?.connection.close();
    const connection = new RouterOsConnection(
      { host: target.host, port: target.port, tls: target.tls, user: target.user, password: target.password },
      { ...options.connection, onEvent: (e) => options.onEvent?.(target.name, e) },
    );
    pool.set(target.id, { key, connection });
    return connection;
  }

  async function call<T>(target: RouterTarget, work: (c: RouterOsConnection) => Promise<T>): Promise<T> {
    try {
      return await work(connectionFor(target));
    } catch (err) {
      throw toCallError(err);
    }
  }

  return {
    async provision(target, spec: ProvisionSpec, opts): Promise<ProvisionReport> {
      const fetchTimeoutMs = options.fetchTimeoutMs ?? 60_000;
      const run = await call(target, (c) =>
        provisionRouter(c, spec, { dryRun: opts.dryRun, fetchTimeoutMs, onStep: opts.onStep }),
      );
      const { failure, ...report } = run;
      return failure === undefined ? report : { ...report, error: toCallError(failure) };
    },

    async pushUserProfiles(target, profiles: readonly UserProfileSpec[]): Promise<ProvisionChange[]> {
      return (await call(target, (c) => pushUserProfiles(c, profiles))).map((x) => x.change);
    },

    async readHealth(target): Promise<RouterHealthReading> {
      const r = await call(target, readResource);
      return {
        version: r.version,
        boardName: r.boardName,
        uptimeSeconds: r.uptimeSeconds,
        cpuLoad: r.cpuLoad,
        freeMemory: r.freeMemory,
        totalMemory: r.totalMemory,
      };
    },

    async listActive(target): Promise<ActiveHost[]> {
      const hosts = await call(target, listHotspotActive);
      return hosts.map(({ id, user, address, macAddress }) => ({ id, user, address, macAddress }));
    },

    async removeActive(target, ids): Promise<void> {
      if (ids.length === 0) return;
      await call(target, async (c) => {
        for (const id of ids) {
          // Gone already (logged out meanwhile) is what we wanted.
          await remove(c, '/ip/hotspot/active', id).catch((err) => {
            if (!(err instanceof RouterOsError && err.kind === 'trap' && /no such item/.test(err.message)))
              throw err;
          });
        }
      });
    },

    close() {
      closed = true;
      for (const { connection } of pool.values()) connection.close();
      pool.clear();
    },
  };
}

function toCallError(err: unknown): RouterCallError {
  if (err instanceof RouterCallError) return err;
  if (err instanceof ProfileConflictError) return new RouterCallError('refused', err.message);
  if (err instanceof RouterOsError) {
    const kind = err.kind === 'trap' ? 'refused' : err.kind;
    return new RouterCallError(kind, err.message);
  }
  return new RouterCallError('protocol', err instanceof Error ? err.message : String(err));
}
