// One hardened RouterOS API connection, on node-routeros (its socket, TLS, login and encoder), kept open and
// reused for every command to that router, reopened on demand with backoff after failures.
//
// node-routeros 1.6.9 can take the whole process down from inside a socket callback, where no promise can catch
// it: an unknown reply word such as RouterOS 7.18's `!empty` (UNKNOWNREPLY), a reply for a tag it no longer
// knows (UNREGISTEREDTAG), an `error` event nobody listens to (idle timeout). It also drops a trap's category and
// leaves a command waiting forever when the connection breaks. So, per connection and without touching the
// library's files: its reader is replaced by ours (wire.ts), which ignores `!empty` and stray sentences and turns
// anything unreadable into a dropped connection; its `error` events always have a listener; and commands run on
// our own tags, each with a timeout, all failed at once when the connection goes.
import type { Socket } from 'node:net';
import { getSystemErrorName } from 'node:util';
import { RosException, RouterOSAPI } from 'node-routeros';
import { RouterOsError, RouterOsTrapError } from './errors.js';
import { SentenceReader } from './wire.js';

export interface RouterOsEndpoint {
  readonly host: string;
  readonly port: number;
  /** API-SSL. Works with a router certificate and without one (anonymous Diffie-Hellman). */
  readonly tls: boolean;
  readonly user: string;
  readonly password: string;
  /** PEM of the certificate (or its CA) to insist on; without it a self-signed router certificate is accepted. */
  readonly tlsCa?: string | undefined;
}

export interface ConnectionOptions {
  readonly connectTimeoutMs: number;
  readonly commandTimeoutMs: number;
  /** A connection with nothing to do is closed after this long (the router would drop it anyway). */
  readonly idleTimeoutMs: number;
  /** When set, an idle connection is kept open by a cheap command this often; failures drop it early. */
  readonly keepaliveMs?: number | undefined;
  /** After a failed connect, wait this long before the next (doubling up to the maximum). */
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  /** Connection events for the log (never the password). */
  readonly onEvent?: ((event: ConnectionEvent) => void) | undefined;
  readonly now?: (() => number) | undefined;
}

export type ConnectionEvent =
  | { readonly type: 'connected' }
  | { readonly type: 'connect-failed'; readonly error: RouterOsError }
  | { readonly type: 'lost'; readonly error: RouterOsError }
  | { readonly type: 'ignored-reply'; readonly word: string; readonly tag: string | undefined };

export const DEFAULT_CONNECTION_OPTIONS: ConnectionOptions = {
  connectTimeoutMs: 10_000,
  commandTimeoutMs: 15_000,
  idleTimeoutMs: 120_000,
  backoffInitialMs: 2_000,
  backoffMaxMs: 120_000,
};

export type RouterOsRow = Readonly<Record<string, string>>;

export interface CommandResult {
  readonly rows: RouterOsRow[];
  /** `=ret=` of `!done`: the new item's id after `add`, the count after `count-only`. */
  readonly ret: string | undefined;
}

// The parts of node-routeros we reach behind its typings, named in one place.
interface ConnectorInternals {
  socket: Socket;
  receiver: {
    processRawData(data: Buffer): void;
    tags: Map<string, { callback(packet: string[]): void }>;
  };
  write(words: string[]): void;
  destroy(): void;
  emit(event: string | symbol, ...args: unknown[]): boolean;
  listenerCount(event: string | symbol): number;
}

interface Pending {
  readonly command: string;
  readonly rows: RouterOsRow[];
  trap?: { message: string; category: number | undefined };
  /** Timed out: the late reply is read and dropped. */
  abandoned: boolean;
  readonly resolve: (r: CommandResult) => void;
  readonly reject: (e: RouterOsError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

interface Session {
  readonly api: RouterOSAPI;
  connector?: ConnectorInternals;
  readonly pending: Map<string, Pending>;
  alive: boolean;
  lastUsed: number;
  keepalive?: ReturnType<typeof setInterval>;
  /** Rejects the login in progress when the connection breaks before it completes. */
  failLogin?: (e: RouterOsError) => void;
}

const ANONYMOUS_DH = 'HIGH:ADH-AES256-GCM-SHA384:ADH-AES128-GCM-SHA256:@SECLEVEL=0';

export class RouterOsConnection {
  readonly endpoint: RouterOsEndpoint;
  readonly #options: ConnectionOptions;
  readonly #now: () => number;
  #session: Session | undefined;
  #connecting: Promise<Session> | undefined;
  #failures = 0;
  #retryAt = 0;
  #lastError: RouterOsError | undefined;
  #closed = false;
  #nextTag = 0;

  constructor(endpoint: RouterOsEndpoint, options: Partial<ConnectionOptions> = {}) {
    this.endpoint = endpoint;
    this.#options = { ...DEFAULT_CONNECTION_OPTIONS, ...options };
    this.#now = options.now ?? Date.now;
  }

  get connected(): boolean {
    return this.#session?.alive === true;
  }

  /** Runs one API sentence (`/path/verb`, `=attr=value`, `?query`) and returns its rows, or throws RouterOsError. */
  async run(words: readonly string[], timeoutMs = this.#options.commandTimeoutMs): Promise<CommandResult> {
    const session = await this.#ensureSession();
    return this.#send(session, words, timeoutMs);
  }

  /** Closes the connection; later calls fail with kind `closed`. */
  close(): void {
    this.#closed = true;
    if (this.#session) this.#drop(this.#session, new RouterOsError('closed', 'koneksi router sudah ditutup'));
  }

  async #ensureSession(): Promise<Session> {
    if (this.#closed) throw new RouterOsError('closed', 'koneksi router sudah ditutup');
    if (this.#session?.alive) return this.#session;
    if (!this.#connecting) {
      if (this.#now() < this.#retryAt && this.#lastError) {
        const wait = Math.ceil((this.#retryAt - this.#now()) / 1000);
        throw new RouterOsError(
          this.#lastError.kind,
          `${this.#lastError.message} (coba lagi dalam ${wait} detik)`,
          this.#retryAt,
        );
      }
      this.#connecting = this.#connect().finally(() => {
        this.#connecting = undefined;
      });
    }
    return this.#connecting;
  }

  async #connect(): Promise<Session> {
    const { endpoint } = this;
    const opts = this.#options;
    const api = new RouterOSAPI({
      host: endpoint.host,
      port: endpoint.port,
      user: endpoint.user,
      password: endpoint.password,
      timeout: opts.connectTimeoutMs / 1000,
      keepalive: false,
      ...(endpoint.tls ? { tls: tlsOptions(endpoint) } : {}),
    });
    const session: Session = { api, pending: new Map(), alive: false, lastUsed: this.#now() };
    let socketError: NodeJS.ErrnoException | undefined;
    // After login node-routeros re-emits socket errors and idle timeouts here; unheard, they would throw.
    api.on('error', (e: unknown) => this.#drop(session, lostError(e)));
    api.on('close', () =>
      this.#drop(session, new RouterOsError('connection-lost', 'koneksi API ditutup router')),
    );

    const login = new Promise<void>((resolve, reject) => {
      session.failLogin = reject;
      api.connect().then(() => resolve(), reject);
    });
    const connector = (api as unknown as { connector: ConnectorInternals }).connector;
    session.connector = connector;
    this.#harden(session, connector);
    connector.socket.on('error', (e: NodeJS.ErrnoException) => {
      socketError ??= e;
    });
    // node-routeros writes each word separately; with Nagle on, every sentence after the first word waits for
    // the router's delayed ACK (40 ms on Linux).
    connector.socket.setNoDelay(true);

    let deadline: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        login,
        new Promise<never>((_, reject) => {
          deadline = setTimeout(
            () => reject(new RosException('SOCKTMOUT', { seconds: opts.connectTimeoutMs / 1000 })),
            opts.connectTimeoutMs,
          );
        }),
      ]);
    } catch (err) {
      const error = connectError(err, socketError, endpoint, opts.connectTimeoutMs);
      session.alive = false;
      safely(() => connector.destroy());
      this.#failures++;
      this.#retryAt =
        this.#now() + Math.min(opts.backoffInitialMs * 2 ** (this.#failures - 1), opts.backoffMaxMs);
      this.#lastError = error;
      opts.onEvent?.({ type: 'connect-failed', error });
      throw error;
    } finally {
      clearTimeout(deadline);
      session.failLogin = undefined;
    }
    if (this.#closed) {
      safely(() => connector.destroy());
      throw new RouterOsError('closed', 'koneksi router sudah ditutup');
    }
    this.#failures = 0;
    this.#retryAt = 0;
    this.#lastError = undefined;
    session.alive = true;
    this.#session = session;
    connector.socket.setTimeout(opts.idleTimeoutMs);
    if (opts.keepaliveMs) {
      session.keepalive = setInterval(() => this.#keepalive(session), opts.keepaliveMs);
      session.keepalive.unref();
    }
    opts.onEvent?.({ type: 'connected' });
    return session;
  }

  #harden(session: Session, connector: ConnectorInternals): void {
    const reader = new SentenceReader();
    connector.receiver.processRawData = (data: Buffer) => {
      try {
        for (const words of reader.push(data)) this.#dispatch(session, connector, words);
      } catch (err) {
        this.#drop(
          session,
          new RouterOsError('protocol', `jawaban router tidak bisa dibaca: ${message(err)}`),
        );
      }
    };
    const emit = connector.emit.bind(connector);
    connector.emit = (event, ...args) => {
      if (event === 'error' && connector.listenerCount('error') === 0) {
        this.#drop(session, lostError(args[0]));
        return false;
      }
      return emit(event, ...args);
    };
  }

  #dispatch(session: Session, connector: ConnectorInternals, words: string[]): void {
    const reply = words[0] ?? '';
    if (reply === '!fatal') {
      const reason = words[1] ?? '';
      this.#drop(session, new RouterOsError('connection-lost', `router memutus koneksi API: ${reason}`));
      return;
    }
    const tagWord = words.findIndex((w) => w.startsWith('.tag='));
    const tag = tagWord < 0 ? undefined : words[tagWord]!.slice(5);
    const rest = words.filter((_, i) => i !== 0 && i !== tagWord);
    const pending = tag === undefined ? undefined : session.pending.get(tag);
    if (pending) {
      this.#settle(session, tag!, pending, reply, rest);
      return;
    }
    // Replies to node-routeros's own channels (the login): only the words it understands.
    const reader = tag === undefined ? undefined : connector.receiver.tags.get(tag);
    if (reader && (reply === '!re' || reply === '!done' || reply === '!trap')) {
      reader.callback([reply, ...rest]);
      return;
    }
    if (reply !== '!empty') this.#options.onEvent?.({ type: 'ignored-reply', word: reply, tag });
  }

  #settle(session: Session, tag: string, p: Pending, reply: string, rest: string[]): void {
    switch (reply) {
      case '!re':
        p.rows.push(attributes(rest));
        return;
      case '!trap': {
        const attrs = attributes(rest);
        const category = attrs.category === undefined ? undefined : Number(attrs.category);
        p.trap = { message: attrs.message ?? '', category };
        return;
      }
      case '!done': {
        session.pending.delete(tag);
        clearTimeout(p.timer);
        if (p.abandoned) return;
        if (p.trap) p.reject(new RouterOsTrapError(p.command, p.trap.message, p.trap.category));
        else p.resolve({ rows: p.rows, ret: attributes(rest).ret });
        return;
      }
      case '!empty':
        return;
      default:
        this.#options.onEvent?.({ type: 'ignored-reply', word: reply, tag });
    }
  }

  #send(session: Session, words: readonly string[], timeoutMs: number): Promise<CommandResult> {
    const command = words[0] ?? '';
    const tag = `w${(this.#nextTag++).toString(36)}`;
    session.lastUsed = this.#now();
    if (!session.alive)
      return Promise.reject(new RouterOsError('connection-lost', 'koneksi API ke router terputus'));
    return new Promise<CommandResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.abandoned = true;
        reject(
          new RouterOsError('timeout', `router tidak menjawab ${command} dalam ${seconds(timeoutMs)} detik`),
        );
        // Ask the router to stop; its `interrupted` trap and `!done` then clear the entry.
        if (session.alive) safely(() => session.connector!.write(['/cancel', `=tag=${tag}`, `.tag=${tag}c`]));
      }, timeoutMs);
      const pending: Pending = { command, rows: [], abandoned: false, resolve, reject, timer };
      session.pending.set(tag, pending);
      session.connector!.write([...words, `.tag=${tag}`]);
    });
  }

  async #keepalive(session: Session): Promise<void> {
    if (!session.alive || session.pending.size > 0) return;
    if (this.#now() - session.lastUsed < (this.#options.keepaliveMs ?? 0)) return;
    try {
      await this.#send(session, ['/system/identity/print'], this.#options.commandTimeoutMs);
    } catch (err) {
      this.#drop(session, err instanceof RouterOsError ? err : lostError(err));
    }
  }

  /** Forgets a broken session: every waiting command fails with `error`, the socket is destroyed. */
  #drop(session: Session, error: RouterOsError): void {
    session.failLogin?.(error);
    if (!session.alive && this.#session !== session) {
      safely(() => session.connector?.destroy());
      return;
    }
    session.alive = false;
    if (this.#session === session) this.#session = undefined;
    clearInterval(session.keepalive);
    for (const p of session.pending.values()) {
      clearTimeout(p.timer);
      if (!p.abandoned) p.reject(error);
    }
    session.pending.clear();
    safely(() => session.connector?.destroy());
    if (error.kind !== 'closed') this.#options.onEvent?.({ type: 'lost', error });
  }
}

function tlsOptions(endpoint: RouterOsEndpoint) {
  // RouterOS without a certificate offers only anonymous DH, which OpenSSL 3 disables below security level 0.
  // Router certificates are self-signed as a rule: without a pinned CA, the link is encrypted but not verified.
  return endpoint.tlsCa
    ? { ca: endpoint.tlsCa, ciphers: ANONYMOUS_DH, checkServerIdentity: () => undefined }
    : { ciphers: ANONYMOUS_DH, rejectUnauthorized: false };
}

function attributes(words: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const w of words) {
    if (!w.startsWith('=')) continue;
    const eq = w.indexOf('=', 1);
    if (eq < 0) out[w.slice(1)] = '';
    else out[w.slice(1, eq)] = w.slice(eq + 1);
  }
  return out;
}

function connectError(
  err: unknown,
  socketError: NodeJS.ErrnoException | undefined,
  endpoint: RouterOsEndpoint,
  timeoutMs: number,
): RouterOsError {
  if (err instanceof RouterOsError) return err;
  const where = `${endpoint.host}:${endpoint.port}`;
  if (err instanceof RosException) {
    const errno = (err as RosException & { errno?: unknown }).errno;
    if (errno === 'CANTLOGIN') return loginRefused();
    if (errno === 'SOCKTMOUT') {
      return new RouterOsError('timeout', `router ${where} tidak menjawab dalam ${seconds(timeoutMs)} detik`);
    }
    return new RouterOsError(
      'unreachable',
      `router ${where} tidak terjangkau (${socketCode(socketError, errno)})`,
    );
  }
  // Anything else node-routeros rejects with is the `!trap` of the `/login` sentence.
  if (err instanceof Error) return loginRefused(err.message);
  return new RouterOsError('unreachable', `router ${where} tidak terjangkau (${String(err)})`);
}

function loginRefused(detail?: string): RouterOsError {
  const why = detail ? ` (${detail})` : '';
  return new RouterOsError('login', `router menolak login API${why}: periksa pengguna dan sandi API`);
}

function socketCode(socketError: NodeJS.ErrnoException | undefined, errno: unknown): string {
  if (socketError?.code) return socketError.code;
  if (typeof errno === 'number') {
    try {
      return getSystemErrorName(errno);
    } catch {
      return String(errno);
    }
  }
  return socketError?.message || 'galat jaringan';
}

function lostError(e: unknown): RouterOsError {
  if (e instanceof RouterOsError) return e;
  const errno = (e as { errno?: unknown } | undefined)?.errno;
  if (errno === 'SOCKTMOUT')
    return new RouterOsError('timeout', 'koneksi API menganggur terlalu lama dan ditutup');
  return new RouterOsError(
    'connection-lost',
    `koneksi API ke router terputus (${message(e) || 'tanpa keterangan'})`,
  );
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e ?? '');
}

function seconds(ms: number): string {
  return (ms / 1000).toLocaleString('id-ID', { maximumFractionDigits: 1 });
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Tearing down an already broken socket may throw; it is gone either way.
  }
}
