// MikroTik routers: the RADIUS clients we answer (known by the source address of their packets) and the
// RouterOS API endpoints we manage. Their RADIUS secret and API password are kept encrypted and never shown.
import { normalizeHotspotAddress } from '../../domain/hotspot-address.js';
import { normalizeIp } from '../../domain/ip-address.js';
import { type AuditEntry, auditDetail } from '../audit/audit.js';
import { invalidInput, ServiceError } from '../errors.js';
import type { Keyring } from '../keyring.js';
import { type Router, type RouterView, toRouterView } from './router-record.js';

/** What is stored for a new router; secrets sealed with the keyring. The rest of the row starts empty. */
export type RouterFields = Pick<
  Router,
  | 'name'
  | 'nasIp'
  | 'radiusSecretEnc'
  | 'requireMessageAuth'
  | 'apiHost'
  | 'apiPort'
  | 'apiTls'
  | 'apiUser'
  | 'apiPasswordEnc'
  | 'hotspotServer'
  | 'hotspotProfile'
  | 'hotspotAddress'
  | 'dusun'
>;

export interface RouterStore {
  list(): Promise<Router[]>;
  findByName(name: string): Promise<Router | undefined>;
  findByNasIp(nasIp: string): Promise<Router | undefined>;
  /** Inserts and audits in one transaction. */
  create(fields: RouterFields, at: number, audit: AuditEntry): Promise<Router>;
  /** Changes the given fields and audits in one transaction. */
  update(id: number, fields: Partial<RouterFields>, at: number, audit: AuditEntry): Promise<Router>;
  activeSessionCount(routerId: number): Promise<number>;
  /** When the router went up or down, newest first. */
  healthHistory(routerId: number, limit: number): Promise<Array<{ at: number; health: string }>>;
  /**
   * Deletes the router with its sessions and queued jobs, audited, in one transaction. Daily usage stays for
   * the reports (it names the router only by id).
   */
  remove(id: number, audit: AuditEntry): Promise<void>;
}

export interface RouterServiceDeps {
  readonly stores: { readonly routers: RouterStore };
  readonly keyring: Keyring;
  readonly now: () => number;
}

export interface RouterInput {
  readonly nasIp: string;
  /** The RADIUS shared secret, in clear; sealed before it is stored. */
  readonly secret: string;
  readonly apiHost?: string | undefined;
  readonly apiPort?: string | number | undefined;
  readonly apiUser?: string | undefined;
  readonly apiPassword?: string | undefined;
  readonly apiTls?: boolean | undefined;
  readonly hotspotServer?: string | undefined;
  readonly hotspotProfile?: string | undefined;
  /** `dns-name` or `hotspot-address` of its hotspot profile (host or host:port); learnt at provisioning too. */
  readonly hotspotAddress?: string | undefined;
  readonly dusun?: string | undefined;
  /** RouterOS ≥ 7.15 `require-message-auth` (BlastRADIUS); on unless switched off for older routers. */
  readonly requireMessageAuth?: boolean | undefined;
}

export const ROUTEROS_API_PORT = 8728;
export const ROUTEROS_API_TLS_PORT = 8729;

const CONTROL = /[\u0000-\u001f\u007f]/;
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export function createRouterService(deps: RouterServiceDeps) {
  const { routers } = deps.stores;

  async function named(name: string): Promise<Router> {
    const router = await routers.findByName(name.trim());
    if (!router) throw new ServiceError('not-found', `router ${name.trim()} tidak ada`, 'name');
    return router;
  }

  return {
    /**
     * Changes what is given, as `add` would check it; the rest stays. An empty API host takes the router out of
     * management (API settings cleared). Secrets are replaced only when given.
     */
    async set(name: string, input: Partial<RouterInput>, actor: string): Promise<RouterView> {
      const current = await named(name);
      const fields: { -readonly [K in keyof RouterFields]?: RouterFields[K] } = {};
      if (input.nasIp !== undefined) {
        const ip = normalizeIp(input.nasIp);
        if (!ip) throw invalidInput(`alamat NAS bukan alamat IPv4/IPv6 yang sah: "${input.nasIp}"`, 'nasIp');
        const sameIp = await routers.findByNasIp(ip.address);
        if (sameIp && sameIp.id !== current.id) {
          throw new ServiceError(
            'conflict',
            `alamat NAS ${ip.address} sudah dipakai router ${sameIp.name}`,
            'nasIp',
          );
        }
        fields.nasIp = ip.address;
      }
      if (input.requireMessageAuth !== undefined) fields.requireMessageAuth = input.requireMessageAuth;
      if (input.hotspotAddress !== undefined) fields.hotspotAddress = hotspotAddress(input.hotspotAddress);
      for (const [key, label] of [
        ['hotspotServer', 'nama server hotspot'],
        ['hotspotProfile', 'nama profil hotspot'],
        ['dusun', 'dusun'],
      ] as const) {
        if (input[key] !== undefined) fields[key] = text(input[key], key, label);
      }
      const apiGiven = (['apiHost', 'apiPort', 'apiUser', 'apiPassword', 'apiTls'] as const).some(
        (f) => input[f] !== undefined,
      );
      let apiPassword: string | undefined;
      if (apiGiven) {
        const host = input.apiHost ?? current.apiHost ?? undefined;
        const tls = input.apiTls ?? current.apiTls;
        // A port follows TLS when it was the default for the old setting.
        const defaultPort = current.apiPort === (current.apiTls ? ROUTEROS_API_TLS_PORT : ROUTEROS_API_PORT);
        const port =
          input.apiPort ?? (defaultPort && input.apiTls !== undefined ? undefined : current.apiPort);
        const keepPassword = input.apiPassword === undefined && current.apiPasswordEnc !== null;
        const api = checkApi({
          nasIp: '',
          secret: '',
          apiHost: host,
          apiPort: host?.trim() ? (port ?? undefined) : input.apiPort,
          apiTls: host?.trim() ? tls : input.apiTls,
          apiUser: input.apiUser ?? (host?.trim() ? (current.apiUser ?? undefined) : undefined),
          apiPassword: input.apiPassword ?? (keepPassword && host?.trim() ? 'disimpan' : undefined),
        });
        Object.assign(fields, api.fields);
        if (!api.fields.apiHost) fields.apiPasswordEnc = null;
        else if (input.apiPassword !== undefined) apiPassword = api.password;
      }
      if (input.secret !== undefined) {
        fields.radiusSecretEnc = await deps.keyring.encrypt(
          secretText(input.secret, 'secret', 'rahasia RADIUS'),
        );
      }
      if (apiPassword !== undefined) fields.apiPasswordEnc = await deps.keyring.encrypt(apiPassword);
      if (Object.keys(fields).length === 0) {
        throw invalidInput('tidak ada yang diubah: sebutkan setidaknya satu pengaturan');
      }
      const at = deps.now();
      // Secrets are named in the audit as changed, never with their (sealed) values.
      const { radiusSecretEnc, apiPasswordEnc, ...plain } = fields;
      const updated = await routers.update(current.id, fields, at, {
        at,
        actor,
        action: 'router.set',
        target: `router:${current.name}`,
        detail: auditDetail({
          ...columnNames(plain),
          radius_secret: radiusSecretEnc === undefined ? undefined : 'diganti',
          api_password: apiPasswordEnc === undefined ? undefined : apiPasswordEnc ? 'diganti' : 'dihapus',
        }),
      });
      return toRouterView(updated);
    },

    /** Removes a router; refused while it has live sessions, unless `force`. */
    async remove(name: string, opts: { force?: boolean | undefined }, actor: string) {
      const router = await named(name);
      const live = await routers.activeSessionCount(router.id);
      if (live > 0 && !opts.force) {
        throw new ServiceError(
          'conflict',
          `router ${router.name} masih punya ${live} sesi aktif; tunggu sampai selesai atau pakai --force`,
          'name',
        );
      }
      const at = deps.now();
      await routers.remove(router.id, {
        at,
        actor,
        action: 'router.remove',
        target: `router:${router.name}`,
        detail: auditDetail({ nas_ip: router.nasIp, active_sessions: live, forced: opts.force === true }),
      });
      return { name: router.name, activeSessions: live };
    },

    /** The router's up/down history, newest first (the routers row keeps only the latest change). */
    async healthHistory(name: string, limit = 20) {
      const router = await named(name);
      return routers.healthHistory(router.id, Math.min(Math.max(limit, 1), 200));
    },

    async list(): Promise<RouterView[]> {
      return (await routers.list()).map(toRouterView);
    },

    async add(name: string, input: RouterInput, actor: string): Promise<RouterView> {
      const routerName = text(name, 'name', 'nama router', true)!;
      const ip = normalizeIp(input.nasIp);
      if (!ip) throw invalidInput(`alamat NAS bukan alamat IPv4/IPv6 yang sah: "${input.nasIp}"`, 'nasIp');
      const secret = secretText(input.secret, 'secret', 'rahasia RADIUS');
      const api = checkApi(input);
      const fields = {
        name: routerName,
        nasIp: ip.address,
        requireMessageAuth: input.requireMessageAuth !== false,
        ...api.fields,
        hotspotServer: text(input.hotspotServer, 'hotspotServer', 'nama server hotspot'),
        hotspotProfile: text(input.hotspotProfile, 'hotspotProfile', 'nama profil hotspot'),
        hotspotAddress: hotspotAddress(input.hotspotAddress),
        dusun: text(input.dusun, 'dusun', 'dusun'),
      };
      if (await routers.findByName(routerName)) {
        throw new ServiceError('conflict', `router ${routerName} sudah ada`, 'name');
      }
      const sameIp = await routers.findByNasIp(ip.address);
      if (sameIp) {
        throw new ServiceError(
          'conflict',
          `alamat NAS ${ip.address} sudah dipakai router ${sameIp.name}`,
          'nasIp',
        );
      }
      const at = deps.now();
      const created = await routers.create(
        {
          ...fields,
          radiusSecretEnc: await deps.keyring.encrypt(secret),
          apiPasswordEnc: api.password === undefined ? null : await deps.keyring.encrypt(api.password),
        },
        at,
        {
          at,
          actor,
          action: 'router.add',
          target: `router:${routerName}`,
          detail: auditDetail(columnNames(fields)),
        },
      );
      return toRouterView(created);
    },
  };
}

export type RouterService = ReturnType<typeof createRouterService>;

function checkApi(input: RouterInput) {
  // `[fd00::1]` is how people write an IPv6 host next to a port.
  const host = input.apiHost?.trim().replace(/^\[(.*)\]$/, '$1');
  if (!host) {
    const stray = (['apiPort', 'apiUser', 'apiPassword', 'apiTls'] as const).find(
      (f) => input[f] !== undefined && input[f] !== false,
    );
    if (stray) throw invalidInput('pengaturan API hanya berlaku bersama alamat API (host)', stray);
    return {
      fields: { apiHost: null, apiPort: null, apiTls: false, apiUser: null },
      password: undefined,
    };
  }
  const ip = normalizeIp(host);
  if (!ip && !HOSTNAME.test(host))
    throw invalidInput(`alamat API bukan IP atau nama host: "${host}"`, 'apiHost');
  const tls = input.apiTls === true;
  let port = tls ? ROUTEROS_API_TLS_PORT : ROUTEROS_API_PORT;
  if (input.apiPort !== undefined) {
    const t = String(input.apiPort).trim();
    port = /^\d+$/.test(t) ? Number(t) : Number.NaN;
    if (!(port >= 1 && port <= 65535)) throw invalidInput('port API harus 1–65535', 'apiPort');
  }
  const user = text(input.apiUser, 'apiUser', 'pengguna API');
  if (!user) throw invalidInput('pengguna API wajib diisi bersama alamat API', 'apiUser');
  if (input.apiPassword === undefined) {
    throw invalidInput('sandi API wajib diisi bersama alamat API', 'apiPassword');
  }
  const password = secretText(input.apiPassword, 'apiPassword', 'sandi API');
  return {
    fields: { apiHost: ip?.address ?? host.toLowerCase(), apiPort: port, apiTls: tls, apiUser: user },
    password,
  };
}

function hotspotAddress(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  const address = normalizeHotspotAddress(value);
  if (!address) {
    throw invalidInput(
      `alamat hotspot harus host atau host:port, tanpa http:// ("${value.trim().slice(0, 64)}")`,
      'hotspotAddress',
    );
  }
  return address;
}

/** `nasIp` → `nas_ip`: the audit log names fields as the table does, like every other entry in it. */
function columnNames(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  );
}

/** Optional one-line text, trimmed; undefined or blank is null. */
function text(value: string | undefined, field: string, label: string, required = false): string | null {
  const t = value?.trim() ?? '';
  if (t === '') {
    if (required) throw invalidInput(`${label} wajib diisi`, field);
    return null;
  }
  if (t.length > 64) throw invalidInput(`${label} paling panjang 64 karakter`, field);
  if (CONTROL.test(t)) throw invalidInput(`${label} berisi karakter yang tidak sah`, field);
  return t;
}

/** A secret is taken as given (spaces count), but must be one non-empty line. Never echoed. */
function secretText(value: string, field: string, label: string): string {
  if (value.length === 0) throw invalidInput(`${label} kosong`, field);
  if (value.length > 128) throw invalidInput(`${label} paling panjang 128 karakter`, field);
  if (CONTROL.test(value)) throw invalidInput(`${label} berisi karakter kontrol`, field);
  return value;
}
