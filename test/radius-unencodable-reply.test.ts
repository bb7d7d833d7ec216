// An answer that cannot be encoded (an Access-Accept that would pass 4,096 bytes with the Proxy-States it must
// copy back) is dropped like any internal error, and its reply-cache entry is settled: a retransmission is
// processed again rather than handed the failed attempt, and nothing stays in flight.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attr, Code } from '../radius/dictionary.js';
import { createRadiusMetrics } from '../radius/metrics.js';
import { type OutAttribute, str } from '../radius/packet.js';
import type { Pipeline } from '../radius/pipeline/pipeline.js';
import { encodeAccessRequest, encryptPapPassword } from '../radius/signing.js';
import { createRadiusPipeline } from '../radius/start-radius.js';
import type { Logger } from '../src/logger.js';
import type { AuthLogService } from '../src/services/radius/auth-log.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedPlan, seedRouter, seedSubscriber, testKeyring } from './support/radius-fixtures.js';
import { radiusServicesFor } from './support/radius-services.js';

const SECRET = Buffer.from('testing123');
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0);
const ROUTER = { address: '127.0.0.1', port: 40001 };
const MAC = 'AA:BB:CC:00:00:01';

/** A small PAP request padded with Proxy-States to `size` bytes, as a proxy chain in front of us might. */
function paddedRequest(size: number): Buffer {
  const authenticator = randomBytes(16);
  const base: OutAttribute[] = [
    str(Attr.UserName, 'wn-00000001'),
    [Attr.UserPassword, encryptPapPassword(Buffer.from('rahasia-1'), SECRET, authenticator)],
    str(Attr.CallingStationId, MAC),
  ];
  const encode = (extra: OutAttribute[]) =>
    encodeAccessRequest({
      code: Code.AccessRequest,
      identifier: 9,
      authenticator,
      attributes: [...base, ...extra],
      secret: SECRET,
      messageAuthenticator: 'last',
    });
  const proxyStates: OutAttribute[] = [];
  let room = size - encode([]).length;
  while (room > 2) {
    const n = Math.min(253, room - 2);
    proxyStates.push([Attr.ProxyState, randomBytes(n)]);
    room -= n + 2;
  }
  return encode(proxyStates);
}

describe.each(databaseKinds)('an unencodable RADIUS answer (%s)', (kind) => {
  let tdb: TestDatabase;
  let pipeline: Pipeline;
  let authLog: AuthLogService;
  const metrics = createRadiusMetrics();
  const errors: unknown[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const keyring = await testKeyring();
    await seedRouter(tdb.db, keyring, { nasIp: '127.0.0.1', secret: 'testing123' });
    await seedPlan(tdb.db, { is_default: 1 });
    await seedSubscriber(tdb.db, keyring, { mac: MAC, username: 'wn-00000001', secret: 'rahasia-1' });
    // Only what the pipeline reports as a failed request is collected.
    const logger = { error: (o: { err: unknown }) => errors.push(o.err) } as unknown as Logger;
    const built = createRadiusPipeline({
      services: radiusServicesFor({
        db: tdb.db,
        keyring,
        now: () => NOW,
        timeZone: 'Asia/Jakarta',
        metrics,
        logger,
      }),
      now: () => NOW,
      metrics,
      settings: { macAuthPassword: 'macauth' },
      logger,
    });
    pipeline = built.pipeline;
    authLog = built.authLog;
  });
  afterAll(async () => {
    await authLog?.flush();
    await tdb?.close();
  });

  it('drops it, and handles the retransmission afresh instead of replaying the failed attempt', async () => {
    // The same login with few Proxy-States is accepted: the request itself is fine.
    expect((await pipeline.handle(paddedRequest(400), ROUTER, 'auth'))?.[0]).toBe(Code.AccessAccept);
    const request = paddedRequest(4096);
    expect(request.length).toBe(4096);

    expect(await pipeline.handle(request, ROUTER, 'auth')).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('packet too long');
    const duplicates = metrics.duplicates.get({ kind: 'access' });

    // The router resends the very same bytes: processed again (and dropped again), not a cached duplicate.
    expect(await pipeline.handle(Buffer.from(request), ROUTER, 'auth')).toBeUndefined();
    expect(metrics.duplicates.get({ kind: 'access' })).toBe(duplicates);
    expect(errors).toHaveLength(2);
    expect(metrics.drops.get({ reason: 'internal_error' })).toBe(2);
  });
});
