// Answers to recent requests, keyed by source address and port, code, identifier, length and authenticator,
// so that a retransmission gets the very same answer and is processed (and counted) once. A request still in
// progress is cached as its promise, so a retransmission arriving meanwhile waits for the same answer.
// Two generations rotated every `ttlMs`: memory stays bounded by the request rate, with no timer.

export type CachedReply = Buffer | Promise<Buffer | undefined>;

export class ReplyCache {
  #current = new Map<string, CachedReply>();
  #previous = new Map<string, CachedReply>();
  #rotatedAt: number;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {
    this.#rotatedAt = now();
  }

  static key(address: string, port: number, raw: Buffer): string {
    return `${address}:${port}:${raw.toString('latin1', 0, 20)}`;
  }

  get(key: string): CachedReply | undefined {
    this.#rotate();
    return this.#current.get(key) ?? this.#previous.get(key);
  }

  set(key: string, reply: CachedReply): void {
    this.#rotate();
    this.#current.set(key, reply);
  }

  delete(key: string): void {
    this.#current.delete(key);
    this.#previous.delete(key);
  }

  get size(): number {
    return this.#current.size + this.#previous.size;
  }

  #rotate(): void {
    const now = this.now();
    if (now - this.#rotatedAt < this.ttlMs) return;
    this.#previous = now - this.#rotatedAt < 2 * this.ttlMs ? this.#current : new Map();
    this.#current = new Map();
    this.#rotatedAt = now;
  }
}
