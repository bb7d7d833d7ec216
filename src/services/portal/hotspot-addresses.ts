// The routers' hotspot addresses, for the portal: a login form is posted, and a redirect sent, only to a URL on
// one of them. Read from the routers table and kept for a few seconds (every login page asks), so that a router
// added or provisioned is trusted within moments without a read per page.
import { isHotspotUrl } from '../../domain/hotspot-address.js';

export interface HotspotAddressStore {
  /** Every router's hotspot address that is set (normalised host or host:port). */
  hotspotAddresses(): Promise<string[]>;
}

export function createHotspotAddressService(deps: {
  store: HotspotAddressStore;
  now: () => number;
  ttlMs?: number;
}) {
  const ttl = deps.ttlMs ?? 10_000;
  let cached: { until: number; addresses: Promise<ReadonlySet<string>> } | undefined;
  const addresses = () => {
    const now = deps.now();
    if (!cached || cached.until <= now) {
      const read = deps.store.hotspotAddresses().then((list) => new Set(list));
      // A failed read (database down) is not remembered.
      read.catch(() => {
        cached = undefined;
      });
      cached = { until: now + ttl, addresses: read };
    }
    return cached.addresses;
  };
  return {
    /** Whether the URL's origin is a router's hotspot address. */
    async isRouterUrl(url: string | undefined): Promise<boolean> {
      return url !== undefined && isHotspotUrl(url, await addresses());
    },
    /** One router's hotspot address (the lowest), for a link opened outside the hotspot's own pages. */
    async any(): Promise<string | undefined> {
      return [...(await addresses())].sort()[0];
    },
  };
}

export type HotspotAddressService = ReturnType<typeof createHotspotAddressService>;
