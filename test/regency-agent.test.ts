// The agent role's regency schedule: a tick at start (the days missed while the box was off), then one a minute,
// never two at once, and stopping waits for the tick under way.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/logger.js';
import { startRegencyAgent } from '../src/regency-agent.js';
import type { PushResult } from '../src/services/regency/regency-link.js';

describe('regency agent schedule', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks at start and every minute, never overlapping, and stop waits for the tick under way', async () => {
    vi.useFakeTimers();
    let calls = 0;
    let release: (r: PushResult | undefined) => void = () => {};
    const regency = {
      tick: () => {
        calls++;
        return new Promise<PushResult | undefined>((done) => {
          release = done;
        });
      },
    };
    const agent = startRegencyAgent(regency, createLogger('silent'));
    expect(calls).toBe(1);
    // The first tick (a long send across a slow uplink) is still running: the schedule does not start another.
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(calls).toBe(1);
    release({ sent: ['2026-12-01'], today: true, waiting: 0 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(2);
    let stopped = false;
    const stopping = agent.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release(undefined);
    await stopping;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls).toBe(2);
  });

  it('keeps ticking after a tick throws', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const agent = startRegencyAgent(
      {
        tick: async () => {
          calls++;
          throw new Error('database busy');
        },
      },
      createLogger('silent'),
    );
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(calls).toBe(3);
    await agent.stop();
  });
});
