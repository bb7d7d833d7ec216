// `router provision`: what a router must have for Warganet (its RADIUS client entry, CoA, hotspot profile, walled
// garden and login pages for the portal, one user profile per plan, an uplink cap) built from our data, compared
// with the router and applied through the gateway. A dry run only reports.
import { normalizeHotspotAddress } from '../../domain/hotspot-address.js';
import { normalizeIp } from '../../domain/ip-address.js';
import { rateLimitString } from '../../domain/rate-limit.js';
import { formatRate } from '../../domain/units.js';
import { ServiceError } from '../errors.js';
import type { Keyring } from '../keyring.js';
import {
  type ProvisionReport,
  type ProvisionRunOptions,
  type ProvisionSpec,
  RouterCallError,
  type RouterGateway,
  type RouterTarget,
  type UserProfileSpec,
} from './router-gateway.js';
import type { ManagedRouterStore, PlanProfile, RouterOpsStore } from './router-ops-ports.js';
import type { Router } from './router-record.js';

export interface ProvisioningSettings {
  /** WARGANET_PUBLIC_URL: the captive portal. */
  readonly publicUrl: string | undefined;
  /** Where routers send RADIUS: an IP address (RouterOS takes no host names there). */
  readonly radiusAddress: string | undefined;
  readonly radiusAuthPort: number;
  readonly radiusAcctPort: number;
  readonly coaPort: number;
  /** RouterOS duration. The default 300 ms is too short for a village backhaul. */
  readonly radiusTimeout?: string | undefined;
  /** The hotspot page files the portal serves at `<public URL>/hotspot/<file>`; the composition root passes the
   * portal's own list, so provisioning never fetches a page that does not exist. */
  readonly pages: readonly string[];
}

export interface ProvisioningDeps {
  readonly routers: ManagedRouterStore;
  readonly routerOps: RouterOpsStore;
  readonly gateway: RouterGateway;
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly settings: ProvisioningSettings;
}

export interface ProvisionOutcome {
  readonly router: string;
  readonly dryRun: boolean;
  readonly report: ProvisionReport;
}

export function createProvisioningService(deps: ProvisioningDeps) {
  return {
    async provision(name: string, opts: ProvisionRunOptions): Promise<ProvisionOutcome> {
      const router = await deps.routers.findByName(name.trim());
      if (!router) throw new ServiceError('not-found', `router ${name.trim()} tidak ada`, 'name');
      const target = await routerTarget(router, deps.keyring);
      const spec = provisionSpec(
        router,
        await deps.routerOps.listPlans(),
        await deps.keyring.decrypt(router.radiusSecretEnc),
        deps.settings,
      );
      let report: ProvisionReport;
      try {
        report = await deps.gateway.provision(target, spec, opts);
      } catch (err) {
        throw routerFailure(router.name, err);
      }
      const at = deps.now();
      await deps.routers.recordUp(router.id, at, { version: report.rosVersion });
      if (!opts.dryRun && !report.error) {
        await deps.routers.markProvisioned(router.id, at);
        // The router is the authority on where its login pages are: the portal posts logins only there.
        const learnt = report.hotspotAddress ? normalizeHotspotAddress(report.hotspotAddress) : undefined;
        if (learnt && learnt !== router.hotspotAddress)
          await deps.routers.setHotspotAddress(router.id, learnt, at);
      }
      return { router: router.name, dryRun: opts.dryRun, report };
    },
  };
}

export type ProvisioningService = ReturnType<typeof createProvisioningService>;

/** How to reach a router's API, secrets opened; refuses a router without API settings. */
export async function routerTarget(router: Router, keyring: Keyring): Promise<RouterTarget> {
  if (!router.apiHost || !router.apiPort || !router.apiUser || !router.apiPasswordEnc) {
    throw new ServiceError(
      'invalid-input',
      `router ${router.name} belum punya pengaturan API (alamat, pengguna, sandi)`,
      'apiHost',
    );
  }
  return {
    id: router.id,
    name: router.name,
    host: router.apiHost,
    port: router.apiPort,
    tls: router.apiTls,
    user: router.apiUser,
    password: await keyring.decrypt(router.apiPasswordEnc),
  };
}

export function profileSpec(plan: PlanProfile): UserProfileSpec {
  return { name: plan.profile_name, rateLimit: rateLimitString(plan), sharedUsers: plan.devices_allowed };
}

export function provisionSpec(
  router: Router,
  plans: readonly PlanProfile[],
  radiusSecret: string,
  settings: ProvisioningSettings,
): ProvisionSpec {
  const portal = portalOf(settings.publicUrl);
  const pages = portal ? settings.pages.map((file) => ({ url: pageUrl(portal.url, file), file })) : [];
  return {
    routerName: router.name,
    radius: {
      address: radiusAddress(settings),
      secret: radiusSecret,
      authPort: settings.radiusAuthPort,
      acctPort: settings.radiusAcctPort,
      timeout: settings.radiusTimeout ?? '2s',
      requireMessageAuth: router.requireMessageAuth,
    },
    coaPort: settings.coaPort,
    hotspot: { server: router.hotspotServer, profile: router.hotspotProfile },
    portal,
    pages,
    userProfiles: plans.map(profileSpec),
    uplink:
      router.uplinkDownRate && router.uplinkUpRate
        ? { up: formatRate(router.uplinkUpRate), down: formatRate(router.uplinkDownRate) }
        : undefined,
  };
}

function radiusAddress(settings: ProvisioningSettings): string {
  const explicit = settings.radiusAddress && normalizeIp(settings.radiusAddress);
  if (explicit && !['0.0.0.0', '::'].includes(explicit.address)) return explicit.address;
  const fromUrl =
    settings.publicUrl && normalizeIp(new URL(settings.publicUrl).hostname.replace(/^\[|\]$/g, ''));
  if (fromUrl) return fromUrl.address;
  throw new ServiceError(
    'invalid-input',
    'alamat server RADIUS untuk router tidak diketahui: atur WARGANET_RADIUS_ADDRESS ke alamat IP server ini ' +
      '(seperti yang dilihat router), atau pakai alamat IP di WARGANET_PUBLIC_URL',
  );
}

function portalOf(publicUrl: string | undefined): ProvisionSpec['portal'] {
  if (!publicUrl) return undefined;
  const u = new URL(publicUrl);
  const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
  return { url: publicUrl, host: u.hostname.replace(/^\[|\]$/g, ''), port };
}

function pageUrl(base: string, file: string): string {
  return new URL(`hotspot/${file}`, base.endsWith('/') ? base : `${base}/`).toString();
}

/** A gateway failure as the one error type services throw, in the operator's words. */
export function routerFailure(router: string, err: unknown): ServiceError {
  if (!(err instanceof RouterCallError)) throw err;
  return new ServiceError(
    err.kind === 'login' ? 'unauthorized' : 'unavailable',
    `router ${router}: ${err.message}`,
  );
}
