// The port through which services reach MikroTik routers (implemented over the RouterOS API in src/routeros):
// what a router should look like, what it reports, and the one error type its failures arrive as.

/** How to reach one router's API; the password is in clear here and goes nowhere but the router. */
export interface RouterTarget {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly user: string;
  readonly password: string;
}

/** One plan as a hotspot user profile. */
export interface UserProfileSpec {
  readonly name: string;
  /** RouterOS order: `rx/tx` from the router's side, i.e. upload/download of the client. */
  readonly rateLimit: string;
  readonly sharedUsers: number;
}

/** Everything Warganet wants on a router. */
export interface ProvisionSpec {
  /** The router's name in Warganet, for notes that tell the operator which command to run. */
  readonly routerName?: string | undefined;
  readonly radius: {
    readonly address: string;
    readonly secret: string;
    readonly authPort: number;
    readonly acctPort: number;
    /** RouterOS duration, e.g. `2s`. */
    readonly timeout: string;
    readonly requireMessageAuth: boolean;
  };
  readonly coaPort: number;
  /** Which hotspot to configure: named by the operator, or found on the router when null. */
  readonly hotspot: { readonly server: string | null; readonly profile: string | null };
  /** The captive portal (WARGANET_PUBLIC_URL); without it, walled garden and login pages are left alone. */
  readonly portal?: { readonly url: string; readonly host: string; readonly port: number } | undefined;
  /** Pages the router fetches from the portal into its own hotspot page folder. */
  readonly pages: ReadonlyArray<{ readonly url: string; readonly file: string }>;
  /** Every plan: owned profiles missing from this list are removed. */
  readonly userProfiles: readonly UserProfileSpec[];
  /** Cap on the whole hotspot, as RouterOS rates (`10M`); absent removes our cap. */
  readonly uplink?: { readonly up: string; readonly down: string } | undefined;
}

export type ChangeArea =
  | 'radius'
  | 'radius-incoming'
  | 'hotspot-profile'
  | 'walled-garden'
  | 'login-page'
  | 'user-profile'
  | 'uplink';

/** One difference between the router and what we want, in words for an operator. */
export interface ProvisionChange {
  readonly action: 'add' | 'set' | 'remove' | 'fetch';
  readonly area: ChangeArea;
  /** The RouterOS menu (or command) touched. */
  readonly menu: string;
  readonly description: string;
}

/** Something provisioning could not or would not do; `problem` means the router is not fully set up. */
export interface ProvisionNote {
  readonly level: 'info' | 'warning' | 'problem';
  readonly message: string;
}

export interface ProvisionReport {
  readonly rosVersion: string;
  readonly changes: readonly ProvisionChange[];
  readonly notes: readonly ProvisionNote[];
  /** How many of `changes` were applied (0 for a dry run); fewer than all when `error` is set. */
  readonly applied: number;
  readonly error?: RouterCallError | undefined;
  /** The hotspot profile's `dns-name`, else its `hotspot-address`, as read (the portal's login target). */
  readonly hotspotAddress?: string | undefined;
}

export interface RouterHealthReading {
  readonly version: string;
  readonly boardName: string;
  readonly uptimeSeconds: number | undefined;
  readonly cpuLoad: number | undefined;
  readonly freeMemory: number | undefined;
  readonly totalMemory: number | undefined;
}

/** A host logged in to the hotspot, as the router lists it. */
export interface ActiveHost {
  readonly id: string;
  readonly user: string;
  readonly address: string;
  /** Upper case with colons. */
  readonly macAddress: string;
}

export interface ProvisionRunOptions {
  readonly dryRun: boolean;
  /** Told before the first change is applied and after each one: `applied` of `total` (a job page shows it). */
  readonly onStep?: ((applied: number, total: number) => void) | undefined;
}

export interface RouterGateway {
  /** Compares the router with `spec`; unless `dryRun`, applies the differences in order, stopping at a failure. */
  provision(target: RouterTarget, spec: ProvisionSpec, opts: ProvisionRunOptions): Promise<ProvisionReport>;
  /** Creates or updates these user profiles only (a plan push); returns what changed. */
  pushUserProfiles(target: RouterTarget, profiles: readonly UserProfileSpec[]): Promise<ProvisionChange[]>;
  readHealth(target: RouterTarget): Promise<RouterHealthReading>;
  listActive(target: RouterTarget): Promise<ActiveHost[]>;
  /** Logs hosts out (`/ip/hotspot/active/remove`); they come back through MAC authentication. */
  removeActive(target: RouterTarget, ids: readonly string[]): Promise<void>;
  /** Closes every connection. */
  close(): void;
}

export type RouterCallErrorKind =
  | 'unreachable'
  | 'login'
  | 'timeout'
  | 'connection-lost'
  | 'refused'
  | 'protocol'
  | 'closed';

/** A router call that failed; `transient` when trying again later may work (the router was away). */
export class RouterCallError extends Error {
  override name = 'RouterCallError';
  constructor(
    readonly kind: RouterCallErrorKind,
    message: string,
  ) {
    super(message);
  }

  get transient(): boolean {
    return this.kind === 'unreachable' || this.kind === 'timeout' || this.kind === 'connection-lost';
  }
}
