// The RADIUS use cases for a test database, built as the Node root builds them: by createServices, with the
// role's metrics and logger as observers; and a RADIUS node's pipeline on them, driven without UDP.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { createStores } from '../../db/stores/index.js';
import { createRadiusMetrics, type RadiusMetrics } from '../../radius/metrics.js';
import { decodePacket, type Packet } from '../../radius/packet.js';
import type { Pipeline } from '../../radius/pipeline/pipeline.js';
import type { ListenerKind } from '../../radius/pipeline/types.js';
import { createRadiusPipeline, radiusObserver } from '../../radius/start-radius.js';
import { createServices } from '../../src/compose.js';
import type { Logger } from '../../src/logger.js';
import type { Keyring } from '../../src/services/keyring.js';

export function radiusServicesFor(opts: {
  db: Kysely<Database>;
  keyring: Keyring;
  now: () => number;
  timeZone: string;
  metrics: RadiusMetrics;
  logger?: Pick<Logger, 'error'>;
}) {
  const services = createServices(
    {
      stores: createStores(opts.db),
      keyring: opts.keyring,
      now: opts.now,
      villageCode: '3523',
      timeZone: opts.timeZone,
    },
    {
      radius: {
        interimIntervalS: 300,
        lookupConcurrency: 1,
        authLogRetentionDays: 90,
        observer: radiusObserver(opts.metrics, opts.logger),
      },
    },
  );
  return services.radius;
}

/** A RADIUS node on the test database: its services and pipeline, MAC logins with the password 'macauth'. */
export function radiusNodeFor(opts: {
  db: Kysely<Database>;
  keyring: Keyring;
  now: () => number;
  timeZone: string;
}) {
  const metrics = createRadiusMetrics();
  const services = radiusServicesFor({ ...opts, metrics });
  const { pipeline } = createRadiusPipeline({
    services,
    now: opts.now,
    metrics,
    settings: { macAuthPassword: 'macauth' },
  });
  return { services, pipeline };
}

let nextPort = 40_000;

/**
 * A packet through a node's pipeline as from 127.0.0.1, each from a new source port (so the reply cache never
 * answers it as a duplicate), with the reply decoded.
 */
export async function sendThrough(
  pipeline: Pipeline,
  packet: Buffer,
  listener: ListenerKind = 'auth',
): Promise<Packet> {
  const out = await pipeline.handle(packet, { address: '127.0.0.1', port: nextPort++ }, listener);
  const d = decodePacket(out!);
  if (!d.ok) throw new Error(d.error);
  return d.packet;
}
