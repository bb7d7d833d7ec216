// One API connection to the virtual router: reads sentences, logs in, runs commands against the model and writes
// the replies (`!re`/`!done`/`!trap`/`!empty`/`!fatal`) with the command's `.tag`, bent by the injected faults.
import type { Socket } from 'node:net';
import { versionAtLeast } from '../routeros/values.js';
import { encodeSentence, SentenceReader } from '../routeros/wire.js';
import { type RouterModel, SimTrap } from './routeros-model.js';
import { QueryError } from './routeros-query.js';

export interface VirtualRouterOsUser {
  readonly name: string;
  readonly password: string;
}

/** Misbehaviour to inject; each can be changed while the router runs. */
export interface VirtualRouterOsFaults {
  /** Drop the connection, without a reply, when a command starting with this path arrives. */
  readonly dropOn?: string | undefined;
  /** Answer `!fatal` and close when a command starting with this path arrives. */
  readonly fatalOn?: string | undefined;
  /** Hold every reply back this long. */
  readonly replyDelayMs?: number | undefined;
  /** An `add` whose values repeat an existing entry traps `failure: already have such entry`. */
  readonly trapDuplicateAdd?: boolean | undefined;
  /** Send replies a few bytes at a time, so sentences arrive cut at arbitrary points. */
  readonly fragmentReplies?: boolean | undefined;
  /** Before each reply: one sentence for a tag nobody asked for, one without a tag, one unknown reply word. */
  readonly strayReplies?: boolean | undefined;
}

export interface FetchedPage {
  readonly status: number;
  readonly body: Uint8Array;
}

export interface SessionContext {
  readonly model: RouterModel;
  readonly users: readonly VirtualRouterOsUser[];
  readonly tagPosition: 'second' | 'last';
  faults(): VirtualRouterOsFaults;
  fetchUrl(url: string): Promise<FetchedPage>;
  /** Called after a command changed the configuration (add, set, remove, fetch). */
  onWrite(command: string): void;
  onCommand(command: string): void;
}

type Reply = readonly [word: string, attrs?: Readonly<Record<string, string>>];

export function serveApiConnection(socket: Socket, ctx: SessionContext): void {
  const reader = new SentenceReader();
  let user: string | undefined;
  let closed = false;
  socket.setNoDelay(true);
  socket.on('error', () => {});
  socket.on('close', () => {
    closed = true;
  });

  socket.on('data', (chunk: Buffer) => {
    let sentences: string[][];
    try {
      sentences = reader.push(chunk);
    } catch {
      socket.destroy();
      return;
    }
    for (const words of sentences) void handle(words);
  });

  async function handle(words: string[]): Promise<void> {
    const command = words[0];
    if (!command) return;
    const tag = words.find((w) => w.startsWith('.tag='))?.slice(5);
    const attrs: Record<string, string> = {};
    const queries: string[] = [];
    for (const w of words.slice(1)) {
      if (w.startsWith('=')) {
        const eq = w.indexOf('=', 1);
        if (eq < 0) attrs[w.slice(1)] = '';
        else attrs[w.slice(1, eq)] = w.slice(eq + 1);
      } else if (w.startsWith('?')) queries.push(w);
    }
    ctx.onCommand(command);
    const faults = ctx.faults();
    if (faults.dropOn && command.startsWith(faults.dropOn)) {
      socket.destroy();
      return;
    }
    if (faults.fatalOn && command.startsWith(faults.fatalOn)) return fatal('out of memory');
    let replies: Reply[];
    if (command === '/login') replies = login(attrs);
    else if (command === '/quit') return fatal('session terminated on request');
    else if (user === undefined) replies = trap(new SimTrap('not logged in'));
    else replies = await execute(command, attrs, queries);
    await send(replies, tag);
  }

  function login(attrs: Record<string, string>): Reply[] {
    const match = ctx.users.find((u) => u.name === attrs.name && u.password === (attrs.password ?? ''));
    if (!match) return trap(new SimTrap('invalid user name or password (6)'));
    user = match.name;
    return [['!done']];
  }

  async function execute(
    command: string,
    attrs: Record<string, string>,
    queries: string[],
  ): Promise<Reply[]> {
    try {
      if (command === '/cancel') return [['!done']];
      if (command === '/tool/fetch') return await fetchCommand(attrs);
      const cut = command.lastIndexOf('/');
      const menu = command.slice(0, cut);
      const verb = command.slice(cut + 1);
      if (!ctx.model.hasMenu(menu)) throw new SimTrap('no such command prefix', 0);
      const { '.id': id, numbers, ...props } = attrs;
      switch (verb) {
        case 'print':
        case 'getall':
          return print(menu, attrs, queries);
        case 'add': {
          if (ctx.faults().trapDuplicateAdd && repeatsAnEntry(menu, props)) {
            throw new SimTrap('failure: already have such entry');
          }
          const ret = ctx.model.add(menu, props);
          ctx.onWrite(command);
          return [['!done', { ret }]];
        }
        case 'set':
          ctx.model.set(menu, id ?? numbers, props);
          ctx.onWrite(command);
          return [['!done']];
        case 'remove':
          ctx.model.remove(menu, id ?? numbers);
          ctx.onWrite(command);
          return [['!done']];
        default:
          throw new SimTrap('no such command', 0);
      }
    } catch (err) {
      if (err instanceof SimTrap) return trap(err);
      if (err instanceof QueryError) return trap(new SimTrap(err.message, 1));
      return trap(new SimTrap(`failure: ${err instanceof Error ? err.message : String(err)}`, 4));
    }
  }

  function print(menu: string, attrs: Record<string, string>, queries: string[]): Reply[] {
    const proplist = attrs['.proplist']?.split(',').filter(Boolean);
    const rows = ctx.model.print(menu, { proplist, queries });
    if ('count-only' in attrs) return [['!done', { ret: String(rows.length) }]];
    const replies: Reply[] = rows.map((row) => ['!re', row] as const);
    // RouterOS 7.18 changelog: "console - put !empty sentence when API query returns nothing".
    if (rows.length === 0 && versionAtLeast(ctx.model.version, '7.18')) replies.push(['!empty']);
    replies.push(['!done']);
    return replies;
  }

  function repeatsAnEntry(menu: string, props: Record<string, string>): boolean {
    const entries = Object.entries(props);
    return ctx.model.print(menu).some((row) => entries.every(([k, v]) => row[k] === v));
  }

  async function fetchCommand(attrs: Record<string, string>): Promise<Reply[]> {
    const url = attrs.url;
    if (!url) throw new SimTrap('failure: url is required', 1);
    const started = Date.now();
    let page: FetchedPage;
    try {
      page = await ctx.fetchUrl(url);
    } catch (err) {
      throw new SimTrap(`failure: connection failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (page.status !== 200) throw new SimTrap(`failure: closing connection: <${page.status}> "${url}"`);
    const kib = String(Math.ceil(page.body.length / 1024));
    const status = { status: 'finished', downloaded: kib, total: kib, duration: `${Date.now() - started}ms` };
    if (attrs.output === 'user') {
      return [['!re', { ...status, data: Buffer.from(page.body).toString('latin1') }], ['!done']];
    }
    const name = attrs['dst-path'] || new URL(url).pathname.split('/').pop() || 'index.html';
    const contents = Buffer.from(page.body).toString('latin1');
    const existing = ctx.model.print('/file', { queries: [`?name=${name}`] })[0];
    if (existing) ctx.model.remove('/file', existing['.id']);
    ctx.model.insert('/file', { name, size: String(page.body.length), contents, 'creation-time': stamp() });
    ctx.onWrite('/tool/fetch');
    return [['!re', status], ['!done']];
  }

  /** `!fatal` is untagged and carries its reason as a plain word; the router then closes the connection. */
  async function fatal(reason: string): Promise<void> {
    if (closed) return;
    socket.end(encodeSentence(['!fatal', reason]));
  }

  async function send(replies: readonly Reply[], tag: string | undefined): Promise<void> {
    const faults = ctx.faults();
    if (faults.replyDelayMs) await new Promise((r) => setTimeout(r, faults.replyDelayMs));
    const sentences: string[][] = [];
    if (faults.strayReplies) {
      sentences.push(['!re', '.tag=nobody-asked', '=stray=yes'], ['!re', '=untagged=yes']);
      if (tag !== undefined) sentences.push(['!odd', `.tag=${tag}`]);
    }
    for (const [word, attrs = {}] of replies) {
      const attrWords = Object.entries(attrs).map(([k, v]) => `=${k}=${v}`);
      if (tag === undefined) sentences.push([word, ...attrWords]);
      else if (ctx.tagPosition === 'second') sentences.push([word, `.tag=${tag}`, ...attrWords]);
      else sentences.push([word, ...attrWords, `.tag=${tag}`]);
    }
    const bytes = Buffer.concat(sentences.map(encodeSentence));
    if (closed) return;
    if (!faults.fragmentReplies) {
      socket.write(bytes);
      return;
    }
    for (let i = 0; i < bytes.length && !closed; i += 7) {
      socket.write(bytes.subarray(i, i + 7));
      await new Promise((r) => setImmediate(r));
    }
  }
}

function trap(err: SimTrap): Reply[] {
  const attrs: Record<string, string> = { message: err.message };
  return [
    ['!trap', err.category === undefined ? attrs : { category: String(err.category), ...attrs }],
    ['!done'],
  ];
}

function stamp(): string {
  return new Date().toISOString().replace('T', ' ').slice(0, 19);
}
