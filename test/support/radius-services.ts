// The RADIUS use cases for a test database, built as the Node root builds them: by createServices, with the
// role's metrics and logger as observers.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { createStores } from '../../db/stores/index.js';
import type { RadiusMetrics } from '../../radius/metrics.js';
import { radiusObserver } from '../../radius/start-radius.js';
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
