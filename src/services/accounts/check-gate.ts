// A small semaphore in front of the slow hashes (PBKDF2 for a PIN, or the decoy for an unknown NIK). Web Crypto
// runs them on libuv's few worker threads, which every other request's HMACs share: unbounded, a burst of PIN
// checks queues everyone's page behind it. A short queue waits; beyond it the caller is told to come back.

export interface CheckGate {
  /** Runs `work` when a slot is free; `busy` when the queue is full too (nothing ran). */
  run<T>(
    work: () => Promise<T>,
  ): Promise<{ readonly busy: false; readonly value: T } | { readonly busy: true }>;
  /** Checks running and waiting now. */
  load(): { readonly running: number; readonly waiting: number };
  /** True when `run` would answer busy now: a caller can turn away a request before doing any work for it. */
  full(): boolean;
}

export function createCheckGate(opts: { readonly concurrency: number; readonly queue: number }): CheckGate {
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  return {
    async run(work) {
      if (running >= opts.concurrency) {
        if (waiting.length >= opts.queue) return { busy: true };
        // The slot passes straight from the releasing check to this one, so `running` stays counted.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        return { busy: false, value: await work() };
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
    full: () => running >= opts.concurrency && waiting.length >= opts.queue,
  };
}
