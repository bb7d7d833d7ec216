// The reply cache: a retransmission gets the very answer of the first request, from the same source only, for
// as long as the cache keeps it; a request in progress is answered by its promise; and the fixed ring of bytes
// never hands out another request's answer, however it wraps and evicts.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplyCache } from '../radius/reply-cache.js';

/** A request's first 20 bytes (code, identifier, length, authenticator), then some attributes. */
function request(identifier = 7, authenticator: Buffer = randomBytes(16)): Buffer {
  const raw = Buffer.alloc(40);
  raw[0] = 4;
  raw[1] = identifier;
  raw.writeUInt16BE(40, 2);
  authenticator.copy(raw, 4);
  return raw;
}

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('reply cache', () => {
  it('answers a retransmission with a copy of the same bytes, from the same source only', () => {
    const c = clock();
    const cache = new ReplyCache({ ttlMs: 3000, now: c.now });
    const raw = request();
    const answer = randomBytes(60);
    cache.settle('10.0.0.1', 1700, raw, answer);

    const again = cache.get('10.0.0.1', 1700, Buffer.from(raw));
    expect(again).toEqual(answer);
    expect(again).not.toBe(answer);
    expect(cache.get('10.0.0.1', 1701, raw)).toBeUndefined();
    expect(cache.get('10.0.0.2', 1700, raw)).toBeUndefined();
    const otherId = Buffer.from(raw);
    otherId[1] = 8;
    expect(cache.get('10.0.0.1', 1700, otherId)).toBeUndefined();
  });

  it('forgets an answer after its time, and a request that got no answer at once', () => {
    const c = clock();
    const cache = new ReplyCache({ ttlMs: 3000, now: c.now });
    const answered = request();
    const dropped = request();
    cache.settle('10.0.0.1', 1700, answered, randomBytes(20));
    cache.settle('10.0.0.1', 1700, dropped, undefined);
    expect(cache.get('10.0.0.1', 1700, dropped)).toBeUndefined();
    c.advance(2999);
    expect(cache.get('10.0.0.1', 1700, answered)).toBeDefined();
    c.advance(1);
    expect(cache.get('10.0.0.1', 1700, answered)).toBeUndefined();
  });

  it('hands a retransmission the promise of the request still in progress', async () => {
    const c = clock();
    const cache = new ReplyCache({ ttlMs: 3000, now: c.now });
    const raw = request();
    const answer = randomBytes(30);
    const pending = Promise.resolve(answer);
    cache.begin('10.0.0.1', 1700, raw, pending);
    expect(cache.get('10.0.0.1', 1700, raw)).toBe(pending);
    cache.settle('10.0.0.1', 1700, raw, answer);
    expect(cache.get('10.0.0.1', 1700, raw)).toEqual(answer);
    expect(cache.size).toBe(1);
  });

  it('keeps memory bounded: the oldest answers go first, the newest are always found', () => {
    const c = clock();
    const cache = new ReplyCache({ ttlMs: 60_000, now: c.now, maxEntries: 64, maxBytes: 4096 });
    const sent: Array<{ raw: Buffer; answer: Buffer }> = [];
    for (let i = 0; i < 1000; i++) {
      const raw = request(i & 0xff);
      const answer = randomBytes(20 + (i % 150));
      cache.settle('10.0.0.1', 1700, raw, answer);
      sent.push({ raw, answer });
    }
    expect(cache.size).toBeLessThanOrEqual(64);
    expect(cache.get('10.0.0.1', 1700, sent[0]!.raw)).toBeUndefined();
    for (const { raw, answer } of sent.slice(-20)) expect(cache.get('10.0.0.1', 1700, raw)).toEqual(answer);
  });

  it('on wrapping round, evicts what the last lap left at the end of the ring before writing at its start', () => {
    const cache = new ReplyCache({ ttlMs: 60_000, now: () => 1, maxEntries: 64, maxBytes: 4096 });
    // Lap 1 fills the ring up to 4,000 bytes, its last answer at 3,960. Lap 2 stops short at 3,950, so that
    // answer survives there as the oldest, and the next answer wraps to offset 0, over lap 2's first one.
    const sizes = [1000, 1000, 1000, 960, 40, 1000, 1000, 1000, 950, 200];
    const raws = sizes.map((_, i) => Buffer.alloc(20, i));
    sizes.forEach((n, i) => {
      cache.settle('10.0.0.1', 1700, raws[i]!, Buffer.alloc(n, i));
    });
    expect(cache.get('10.0.0.1', 1700, raws[5]!)).toBeUndefined();
    expect(cache.get('10.0.0.1', 1700, raws[4]!)).toBeUndefined();
    expect(cache.get('10.0.0.1', 1700, raws[9]!)).toEqual(Buffer.alloc(200, 9));
    expect(cache.get('10.0.0.1', 1700, raws[6]!)).toEqual(Buffer.alloc(1000, 6));
  });

  it('never returns another request’s bytes, whatever the sizes, sources and wrap-arounds', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            source: fc.integer({ min: 0, max: 3 }),
            identifier: fc.integer({ min: 0, max: 3 }),
            // Few distinct authenticators, so that equal hashes and equal headers from other sources happen.
            authenticator: fc.integer({ min: 0, max: 7 }),
            size: fc.integer({ min: 20, max: 300 }),
          }),
          { minLength: 1, maxLength: 300 },
        ),
        (ops) => {
          const c = clock();
          const cache = new ReplyCache({ ttlMs: 60_000, now: c.now, maxEntries: 64, maxBytes: 4096 });
          const latest = new Map<string, Buffer>();
          const order: string[] = [];
          for (const op of ops) {
            const raw = request(op.identifier, Buffer.alloc(16, op.authenticator));
            const address = `10.0.0.${op.source}`;
            const key = `${address}/${op.identifier}/${op.authenticator}`;
            const answer = Buffer.alloc(op.size, order.length & 0xff);
            // A request is answered once; a later identical one is a retransmission and is not stored again.
            const before = cache.get(address, 1700, raw);
            if (before !== undefined) {
              const known = latest.get(key);
              if (!known || !(before instanceof Buffer) || !before.equals(known)) return false;
              continue;
            }
            cache.settle(address, 1700, raw, answer);
            latest.set(key, answer);
            order.push(key);
            const newest = cache.get(address, 1700, raw);
            if (!newest || !(newest instanceof Buffer) || !newest.equals(answer)) return false;
            for (const [k, bytes] of latest) {
              const [a, id, auth] = k.split('/');
              const got = cache.get(a!, 1700, request(Number(id), Buffer.alloc(16, Number(auth))));
              if (got !== undefined && !(got instanceof Buffer && got.equals(bytes))) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});
