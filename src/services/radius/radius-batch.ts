// Group commit and batched lookups for the RADIUS hot path: requests that arrive together are served by one
// query or one transaction. While a batch runs, new items wait for the next one, so the batch size grows with
// the load by itself and durability (one fsync per transaction) stops costing throughput.

export interface Batcher<I, O> {
  submit(item: I): Promise<O>;
  /** Resolves when everything submitted so far has been processed. */
  drain(): Promise<void>;
}

export interface BatcherOptions {
  /** Upper bound per run; a longer queue is split over several runs. */
  readonly maxBatch: number;
  /** How many runs may be in flight at once (1 for writes; more for reads on PostgreSQL). */
  readonly concurrency?: number;
}

// setImmediate collects everything that arrived in the current event-loop turn; setTimeout(0) elsewhere.
const defer: (fn: () => void) => void =
  typeof globalThis.setImmediate === 'function'
    ? (fn) => globalThis.setImmediate(fn)
    : (fn) => void setTimeout(fn, 0);

interface Pending<I, O> {
  readonly item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/**
 * `run` receives the items of one batch and returns one result per item, in order (or throws, failing the
 * whole batch: nothing of it was stored).
 */
export function createBatcher<I, O>(run: (items: I[]) => Promise<O[]>, opts: BatcherOptions): Batcher<I, O> {
  const queue: Pending<I, O>[] = [];
  const concurrency = opts.concurrency ?? 1;
  let running = 0;
  let scheduled = false;
  const idle: Array<() => void> = [];

  const pump = () => {
    scheduled = false;
    while (running < concurrency && queue.length > 0) {
      const batch = queue.splice(0, opts.maxBatch);
      running++;
      run(batch.map((p) => p.item))
        .then(
          (results) => {
            batch.forEach((p, i) => {
              p.resolve(results[i] as O);
            });
          },
          (error: unknown) => {
            for (const p of batch) p.reject(error);
          },
        )
        .finally(() => {
          running--;
          if (queue.length > 0) pump();
          else if (running === 0) for (const done of idle.splice(0)) done();
        });
    }
  };

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!scheduled && running < concurrency) {
          scheduled = true;
          defer(pump);
        }
      });
    },
    drain() {
      if (queue.length === 0 && running === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
