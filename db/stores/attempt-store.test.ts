import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADDRESS_POLICY,
  type AttemptCounter,
  book,
  GLOBAL_POLICY,
  NIK_POLICY,
  refund,
} from '../../src/domain/attempt-limit.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/support/databases.js';
import { createAttemptStore } from './attempt-store.js';

/** A policy whose first wait is already its longest (one flat wait, no doubling steps). */
const FLAT_POLICY = { free: 3, baseDelayMs: 10 * 60_000, maxDelayMs: 10 * 60_000, windowMs: 30 * 60_000 };

describe.each(databaseKinds)('attempt store (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('books and refunds exactly as the domain rule says, in one statement per try', async () => {
    const store = createAttemptStore(t.db);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(ADDRESS_POLICY, NIK_POLICY, GLOBAL_POLICY, FLAT_POLICY),
        fc.array(
          fc.record({
            gapMs: fc.oneof(
              fc.constant(0),
              fc.integer({ min: 0, max: 120_000 }),
              fc.integer({ min: 0, max: 40 * 60_000 }),
            ),
            refund: fc.boolean(),
          }),
          {
            minLength: 1,
            maxLength: 25,
          },
        ),
        async (policy, steps) => {
          const key = `nik:prop-${run++}`;
          let model: AttemptCounter | undefined;
          let now = 1_000_000;
          for (const step of steps) {
            now += step.gapMs;
            const expected = book(model, now, policy);
            const got = await store.bookAttempt(key, policy, now);
            expect(got).toEqual(expected);
            model = expected.counter;
            if (step.refund && expected.admitted) {
              await store.refundAttempt(key, policy, now);
              model = refund(model, policy);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
