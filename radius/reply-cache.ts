// Answers to recent requests, so that a retransmission (same source address and port, code, identifier, length
// and authenticator) gets the very same answer and is processed, and counted, once. A request still in progress
// is held as its promise, so a retransmission arriving meanwhile waits for the same answer.
//
// At 15,000 requests/s a few seconds of answers are ~50,000 entries. Kept as a Map of strings and Buffers they
// cost ~30 MB and, as they outlive the young generation, most of the server's garbage-collection work. So the
// answers are copied into one fixed ring of bytes and indexed by typed arrays: no object per entry, memory
// bounded by `maxEntries` and `maxBytes` whatever the load. When the ring is full the oldest answers go first,
// before their time; a resend after that is processed again, harmlessly (accounting is idempotent).

export interface ReplyCacheOptions {
  /** How long an answer is kept: RouterOS resends after its timeout (1.1 s by default), a few times. */
  readonly ttlMs: number;
  readonly now: () => number;
  /** Rounded up to a power of two. */
  readonly maxEntries?: number;
  readonly maxBytes?: number;
}

const HEADER_WORDS = 5; // code, identifier, length and the 16-byte authenticator: the first 20 bytes

export class ReplyCache {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #inFlight = new Map<string, Promise<Buffer | undefined>>();
  /** Source addresses (known routers only: unknown sources are dropped before the cache) as small numbers. */
  readonly #addressIds = new Map<string, number>();

  // Entry slots, a ring in insertion order; slot = sequence number & mask.
  readonly #mask: number;
  readonly #hashShift: number;
  readonly #header: Int32Array;
  readonly #source: Float64Array; // addressId * 65536 + port
  readonly #at: Float64Array;
  readonly #offset: Int32Array;
  readonly #length: Int32Array;
  readonly #nextInBucket: Int32Array;
  readonly #bucketOf: Int32Array;
  readonly #buckets: Int32Array;
  #oldest = 0;
  #count = 0;

  // The answers' bytes, a ring too: written at #write, always in the same order as the slots.
  readonly #bytes: Buffer;
  #write = 0;

  constructor(opts: ReplyCacheOptions) {
    this.#ttlMs = opts.ttlMs;
    this.#now = opts.now;
    const bits = Math.ceil(Math.log2(Math.max(16, opts.maxEntries ?? 65_536)));
    const capacity = 2 ** bits;
    this.#mask = capacity - 1;
    this.#hashShift = 32 - bits;
    this.#header = new Int32Array(capacity * HEADER_WORDS);
    this.#source = new Float64Array(capacity);
    this.#at = new Float64Array(capacity);
    this.#offset = new Int32Array(capacity);
    this.#length = new Int32Array(capacity);
    this.#nextInBucket = new Int32Array(capacity);
    this.#bucketOf = new Int32Array(capacity);
    this.#buckets = new Int32Array(capacity).fill(-1);
    // Pages are only resident once written: a quiet village never touches most of it.
    this.#bytes = Buffer.allocUnsafeSlow(Math.max(4096, opts.maxBytes ?? 8 * 2 ** 20));
  }

  /** The answer to this request if it was answered recently (a copy) or is being answered now. */
  get(address: string, port: number, raw: Buffer): Buffer | Promise<Buffer | undefined> | undefined {
    if (this.#inFlight.size > 0) {
      const pending = this.#inFlight.get(inFlightKey(address, port, raw));
      if (pending) return pending;
    }
    const slot = this.#find(address, port, raw);
    if (slot < 0) return undefined;
    const start = this.#offset[slot]!;
    // A copy: the ring may be overwritten before the socket has sent it.
    return Buffer.from(this.#bytes.subarray(start, start + this.#length[slot]!));
  }

  /** Marks the request as being answered; `settle` ends it. */
  begin(address: string, port: number, raw: Buffer, answer: Promise<Buffer | undefined>): void {
    this.#inFlight.set(inFlightKey(address, port, raw), answer);
  }

  /** Keeps the answer (or forgets the request when there is none, so that a resend is processed again). */
  settle(address: string, port: number, raw: Buffer, answer: Buffer | undefined): void {
    this.#inFlight.delete(inFlightKey(address, port, raw));
    if (answer === undefined || answer.length > this.#bytes.length) return;
    this.#store(address, port, raw, answer);
  }

  /** Entries held, answered and in progress. */
  get size(): number {
    return this.#count + this.#inFlight.size;
  }

  #sourceId(address: string, port: number): number {
    let id = this.#addressIds.get(address);
    if (id === undefined) {
      id = this.#addressIds.size;
      this.#addressIds.set(address, id);
    }
    return id * 65_536 + port;
  }

  #bucket(raw: Buffer, source: number): number {
    // The authenticator is random (Access-Request) or an MD5 (Accounting-Request): its bits hash well.
    let h = raw.readInt32LE(4) ^ raw.readInt32LE(8) ^ raw.readInt32LE(12) ^ raw.readInt32LE(16);
    h = Math.imul(h ^ raw.readInt32LE(0) ^ source, 0x9e3779b1);
    return h >>> this.#hashShift; // the product's high bits are its best mixed
  }

  #find(address: string, port: number, raw: Buffer): number {
    if (raw.length < 20) return -1;
    const source = this.#sourceId(address, port);
    const expired = this.#now() - this.#ttlMs;
    for (let slot = this.#buckets[this.#bucket(raw, source)]!; slot >= 0; slot = this.#nextInBucket[slot]!) {
      if (this.#source[slot] !== source || this.#at[slot]! <= expired) continue;
      const h = slot * HEADER_WORDS;
      let same = true;
      for (let w = 0; w < HEADER_WORDS && same; w++) same = this.#header[h + w] === raw.readInt32LE(w * 4);
      if (same) return slot;
    }
    return -1;
  }

  #store(address: string, port: number, raw: Buffer, answer: Buffer): void {
    if (raw.length < 20) return;
    const length = answer.length;
    if (this.#write + length > this.#bytes.length) {
      // Wrap: what lies between the write position and the end is the oldest; it goes.
      while (this.#count > 0 && this.#offset[this.#oldest]! >= this.#write) this.#evictOldest();
      this.#write = 0;
    }
    while (
      this.#count > 0 &&
      (this.#count > this.#mask ||
        (this.#offset[this.#oldest]! >= this.#write && this.#offset[this.#oldest]! < this.#write + length))
    ) {
      this.#evictOldest();
    }
    const slot = (this.#oldest + this.#count) & this.#mask;
    this.#count++;
    const source = this.#sourceId(address, port);
    const h = slot * HEADER_WORDS;
    for (let w = 0; w < HEADER_WORDS; w++) this.#header[h + w] = raw.readInt32LE(w * 4);
    this.#source[slot] = source;
    this.#at[slot] = this.#now();
    this.#offset[slot] = this.#write;
    this.#length[slot] = length;
    answer.copy(this.#bytes, this.#write);
    this.#write += length;
    const bucket = this.#bucket(raw, source);
    this.#bucketOf[slot] = bucket;
    this.#nextInBucket[slot] = this.#buckets[bucket]!;
    this.#buckets[bucket] = slot;
  }

  #evictOldest(): void {
    const slot = this.#oldest;
    const bucket = this.#bucketOf[slot]!;
    // Unlink from its bucket's chain; being the oldest it is usually the chain's last link.
    let link = this.#buckets[bucket]!;
    if (link === slot) this.#buckets[bucket] = this.#nextInBucket[slot]!;
    else {
      while (this.#nextInBucket[link] !== slot) link = this.#nextInBucket[link]!;
      this.#nextInBucket[link] = this.#nextInBucket[slot]!;
    }
    this.#oldest = (slot + 1) & this.#mask;
    this.#count--;
  }
}

function inFlightKey(address: string, port: number, raw: Buffer): string {
  return `${address}:${port}:${raw.toString('latin1', 0, 20)}`;
}
