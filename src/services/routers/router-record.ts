// A row of the `routers` table as every service sees it: the routers service (add, list), router operations
// (provisioning, the outbox, health) and the CLI. One shape, so that both ports return the same thing.

/** A MikroTik router: a RADIUS client, and when it has API settings, one we manage. Secrets still sealed. */
export interface Router {
  readonly id: number;
  readonly name: string;
  /** The source address of its RADIUS packets. */
  readonly nasIp: string;
  readonly radiusSecretEnc: string;
  readonly requireMessageAuth: boolean;
  readonly apiHost: string | null;
  readonly apiPort: number | null;
  readonly apiTls: boolean;
  readonly apiUser: string | null;
  readonly apiPasswordEnc: string | null;
  readonly hotspotServer: string | null;
  readonly hotspotProfile: string | null;
  /** Host or host:port of its hotspot login pages: the only origin the portal posts logins and redirects to. */
  readonly hotspotAddress: string | null;
  readonly dusun: string | null;
  /** Bits per second. */
  readonly uplinkDownRate: number | null;
  readonly uplinkUpRate: number | null;
  /** 'unknown' | 'up' | 'down' */
  readonly health: string;
  readonly healthChangedAt: number | null;
  readonly lastContactAt: number | null;
  readonly rosVersion: string | null;
  readonly board: string | null;
  readonly lastSyncAt: number | null;
  /** Last successful provisioning; null until then (the agent pushes plans only to provisioned routers). */
  readonly provisionedAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A router as shown to people: no secrets, not even sealed ones. */
export type RouterView = Omit<Router, 'radiusSecretEnc' | 'apiPasswordEnc'>;

export function toRouterView(r: Router): RouterView {
  const { radiusSecretEnc: _s, apiPasswordEnc: _p, ...view } = r;
  return view;
}
