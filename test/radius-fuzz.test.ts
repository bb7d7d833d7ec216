// Random, truncated and mutated packets: the pipeline never throws and never answers any of them. Runs the
// real pipeline over in-memory services (no database), from a router that requires Message-Authenticator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRadiusMetrics } from '../radius/metrics.js';
import { createPipeline } from '../radius/pipeline/pipeline.js';
import type { AccountingService } from '../src/services/radius/accounting.js';
import type { AuthLogService } from '../src/services/radius/auth-log.js';
import type { SubjectService } from '../src/services/radius/radius-auth.js';
import type { NasService } from '../src/services/radius/radius-nas.js';
import { accessRequest, accountingRequest, statusServer } from './support/radius-fixtures.js';

const nas: NasService = {
  find: async (ip) =>
    ip === '127.0.0.1'
      ? {
          routerId: 1,
          name: 'r',
          nasIp: ip,
          secret: new TextEncoder().encode('testing123'),
          requireMessageAuth: true,
        }
      : undefined,
  invalidate: () => {},
};
const subjects: SubjectService = {
  lookup: async () => undefined,
  decide: () => ({ decision: 'reject', reason: 'unknown_device', message: 'x' }),
};
const accounting: AccountingService = { submit: async () => {}, drain: async () => {} };
const authLog: AuthLogService = {
  record: () => {},
  flush: async () => {},
  recent: async () => [],
  list: async () => [],
  prune: async () => 0,
};

const metrics = createRadiusMetrics();
const pipeline = createPipeline({
  nas,
  subjects,
  accounting,
  authLog,
  metrics,
  macAuthPassword: '',
  now: Date.now,
});
const valid = [
  accessRequest({ userName: 'wn-00000001', pap: 'x', callingStationId: 'AA:BB:CC:DD:EE:FF' }),
  accessRequest({
    userName: 'wn-00000001',
    chap: 'x',
    callingStationId: 'AA:BB:CC:DD:EE:FF',
    messageAuthenticator: 'first',
  }),
  accountingRequest({ status: 'interim', inputBytes: 2 ** 33, outputBytes: 5 }),
  accountingRequest({ status: 'on' }),
  statusServer(),
];
let port = 1;
const handle = (buf: Buffer, listener: 'auth' | 'acct') =>
  pipeline.handle(buf, { address: '127.0.0.1', port: port++ }, listener);

describe('RADIUS pipeline when storage fails', () => {
  it('does not answer accounting it could not store, and answers the retransmission once it can', async () => {
    let failing = true;
    const flaky: AccountingService = {
      submit: async () => {
        if (failing) throw new Error('database is locked');
      },
      drain: async () => {},
    };
    const m = createRadiusMetrics();
    const p = createPipeline({
      nas,
      subjects,
      accounting: flaky,
      authLog,
      metrics: m,
      macAuthPassword: '',
      now: Date.now,
    });
    const packet = accountingRequest({ status: 'start' });
    const source = { address: '127.0.0.1', port: 9 };
    expect(await p.handle(packet, source, 'acct')).toBeUndefined();
    expect(m.drops.get({ reason: 'storage_error' })).toBe(1);
    failing = false;
    expect(await p.handle(packet, source, 'acct')).toBeDefined();
  });
});

describe('RADIUS pipeline under fuzzing', () => {
  it('answers the valid seeds (so silence below means the mutation was caught)', async () => {
    for (const v of valid) {
      const listener = v[0] === 4 ? 'acct' : 'auth';
      expect(await handle(v, listener)).toBeDefined();
    }
  });

  it('never answers random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom('auth', 'acct'),
        async (bytes, listener) => {
          expect(await handle(Buffer.from(bytes), listener as 'auth' | 'acct')).toBeUndefined();
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never answers a truncated packet', async () => {
    for (const v of valid) {
      const listener = v[0] === 4 ? 'acct' : 'auth';
      for (let n = 0; n < v.length; n++) expect(await handle(v.subarray(0, n), listener)).toBeUndefined();
    }
  });

  it('never answers a packet with any byte changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: valid.length - 1 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (which, at, xor) => {
          const v = Buffer.from(valid[which]!);
          const i = at % v.length;
          v[i] = v[i]! ^ xor;
          expect(await handle(v, v[0] === 4 ? 'acct' : 'auth')).toBeUndefined();
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('never answers attribute soup with a forged header', async () => {
    const attribute = fc.tuple(
      fc.integer({ min: 0, max: 255 }),
      fc.uint8Array({ maxLength: 40 }),
      fc.integer({ min: -3, max: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(1, 4, 12, 40, 43, 2),
        fc.array(attribute, { maxLength: 20 }),
        async (code, attrs) => {
          const body = Buffer.concat(
            attrs.map(([t, v, skew]) =>
              Buffer.concat([
                Buffer.from([t, Math.max(0, Math.min(255, v.length + 2 + skew))]),
                Buffer.from(v),
              ]),
            ),
          );
          const head = Buffer.alloc(20);
          head[0] = code;
          head.writeUInt16BE(Math.min(65535, 20 + body.length), 2);
          expect(await handle(Buffer.concat([head, body]), code === 4 ? 'acct' : 'auth')).toBeUndefined();
        },
      ),
      { numRuns: 3000 },
    );
    expect(metrics.drops.get({ reason: 'internal_error' })).toBe(0);
  });
});
