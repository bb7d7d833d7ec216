// The virtual RouterOS API server speaks the protocol as RouterOS does: raw sentences over TCP (to see exactly
// which words come back, `.tag` placement, `!empty`, `!fatal`), and the menus through node-routeros.
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RouterOsConnection } from '../src/routeros/connection.js';
import { RouterOsError, RouterOsTrapError } from '../src/routeros/errors.js';
import { encodeSentence, SentenceReader } from '../src/routeros/wire.js';
import { RouterModel } from '../src/sim/routeros-model.js';
import {
  startVirtualRouterOs,
  type VirtualRouterOs,
  type VirtualRouterOsOptions,
} from '../src/sim/routeros-server.js';

const started: Array<{ stop(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const s of started.splice(0).reverse()) await s.stop();
});

async function router(options: VirtualRouterOsOptions = {}): Promise<VirtualRouterOs> {
  const r = await startVirtualRouterOs({ users: [{ name: 'admin', password: 'rahasia' }], ...options });
  started.push(r);
  return r;
}

function client(r: VirtualRouterOs, password = 'rahasia'): RouterOsConnection {
  const c = new RouterOsConnection(
    { host: r.host, port: r.port, tls: false, user: 'admin', password },
    { connectTimeoutMs: 2000, commandTimeoutMs: 2000, backoffInitialMs: 10, backoffMaxMs: 10 },
  );
  started.push({ stop: () => c.close() });
  return c;
}

/** A bare TCP client: sends sentences, returns every sentence received up to `!done` (or `!fatal`). */
async function raw(r: VirtualRouterOs) {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect(r.port, r.host, () => resolve(s));
    s.once('error', reject);
  });
  started.push({ stop: () => void socket.destroy() });
  const reader = new SentenceReader();
  const queue: string[][] = [];
  let wake: (() => void) | undefined;
  socket.on('data', (d) => {
    queue.push(...reader.push(d));
    wake?.();
  });
  socket.on('close', () => wake?.());
  return {
    socket,
    async send(words: string[]): Promise<string[][]> {
      socket.write(encodeSentence(words));
      const got: string[][] = [];
      for (;;) {
        while (queue.length === 0) {
          if (socket.destroyed) return got;
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
        const s = queue.shift()!;
        got.push(s);
        if (s[0] === '!done' || s[0] === '!fatal') return got;
      }
    },
  };
}

async function loggedIn(r: VirtualRouterOs) {
  const c = await raw(r);
  expect(await c.send(['/login', '=name=admin', '=password=rahasia'])).toEqual([['!done']]);
  return c;
}

describe('virtual RouterOS: protocol', () => {
  it('plain /login succeeds with the right password and traps with a wrong one', async () => {
    const r = await router();
    const c = await raw(r);
    expect(await c.send(['/login', '=name=admin', '=password=salah', '.tag=a'])).toEqual([
      ['!trap', '.tag=a', '=message=invalid user name or password (6)'],
      ['!done', '.tag=a'],
    ]);
    expect(await c.send(['/login', '=name=admin', '=password=rahasia', '.tag=b'])).toEqual([
      ['!done', '.tag=b'],
    ]);
  });

  it('refuses commands before login', async () => {
    const c = await raw(await router());
    expect(await c.send(['/system/identity/print'])).toEqual([
      ['!trap', '=message=not logged in'],
      ['!done'],
    ]);
  });

  it('echoes .tag wherever the client put it, as second word or last word as configured', async () => {
    const second = await loggedIn(await router());
    expect(await second.send(['/system/identity/print', '.tag=t1', '=.proplist=name'])).toEqual([
      ['!re', '.tag=t1', '=name=MikroTik'],
      ['!done', '.tag=t1'],
    ]);
    const last = await loggedIn(await router({ tagPosition: 'last' }));
    expect(await last.send(['.tag=t2', '/system/identity/print'].reverse())).toEqual([
      ['!re', '=name=MikroTik', '.tag=t2'],
      ['!done', '.tag=t2'],
    ]);
  });

  it('RouterOS 7.18 answers an empty print with !empty before !done; 7.14 with !done alone', async () => {
    const new718 = await loggedIn(await router({ version: '7.18.2' }));
    expect(await new718.send(['/radius/print', '.tag=e'])).toEqual([
      ['!empty', '.tag=e'],
      ['!done', '.tag=e'],
    ]);
    const old714 = await loggedIn(await router({ version: '7.14.3' }));
    expect(await old714.send(['/radius/print', '.tag=e'])).toEqual([['!done', '.tag=e']]);
  });

  it('traps carry a category: unknown command (0), bad argument value (1)', async () => {
    const c = await loggedIn(await router());
    expect(await c.send(['/ip/frobnicate/print'])).toEqual([
      ['!trap', '=category=0', '=message=no such command prefix'],
      ['!done'],
    ]);
    expect(await c.send(['/radius/add', '=timeout=sebentar'])).toEqual([
      ['!trap', '=category=1', '=message=invalid value for argument timeout'],
      ['!done'],
    ]);
  });

  it('/quit ends the session with !fatal and its reason, then closes', async () => {
    const c = await loggedIn(await router());
    expect(await c.send(['/quit'])).toEqual([['!fatal', 'session terminated on request']]);
    await new Promise((r) => c.socket.once('close', r));
  });
});

describe('virtual RouterOS: menus through node-routeros', () => {
  it('add returns *N ids; print filters with queries and .proplist; set and remove by id or name', async () => {
    const r = await router();
    const c = client(r);
    const a = (await c.run(['/queue/simple/add', '=name=a', '=target=10.0.0.1/32', '=max-limit=1M/2M'])).ret;
    const b = (await c.run(['/queue/simple/add', '=name=b', '=target=10.0.0.2/32', '=comment=warganet'])).ret;
    expect([a, b]).toEqual(['*1', '*2']);
    const named = await c.run(['/queue/simple/print', '=.proplist=.id,name', '?comment=warganet']);
    expect(named.rows).toEqual([{ '.id': '*2', name: 'b' }]);
    const either = await c.run(['/queue/simple/print', '=.proplist=name', '?name=a', '?name=b', '?#|']);
    expect(either.rows.map((x) => x.name)).toEqual(['a', 'b']);
    const uncommented = await c.run(['/queue/simple/print', '=.proplist=name', '?-comment']);
    expect(uncommented.rows).toEqual([{ name: 'a' }]);
    await c.run(['/queue/simple/set', '=.id=a', '=max-limit=3M/4M']);
    await c.run(['/queue/simple/remove', '=.id=*2']);
    const all = await c.run(['/queue/simple/print']);
    expect(all.rows).toHaveLength(1);
    expect(all.rows[0]).toMatchObject({ '.id': '*1', name: 'a', 'max-limit': '3M/4M', disabled: 'false' });
  });

  it('a second add with the same name traps "already have such name" and changes nothing', async () => {
    const r = await router();
    const c = client(r);
    await c.run(['/ip/hotspot/user/profile/add', '=name=warga']);
    const err = await c.run(['/ip/hotspot/user/profile/add', '=name=warga']).catch((e) => e);
    expect(err).toBeInstanceOf(RouterOsTrapError);
    expect((err as RouterOsTrapError).trapMessage).toBe('failure: already have such name');
    expect(r.model.print('/ip/hotspot/user/profile', { queries: ['?name=warga'] })).toHaveLength(1);
  });

  it('with the duplicate-add fault, repeating any entry traps', async () => {
    const r = await router({ faults: { trapDuplicateAdd: true } });
    const c = client(r);
    const entry = ['/ip/hotspot/walled-garden/add', '=dst-host=portal.desa.id', '=comment=x'];
    await c.run(entry);
    await expect(c.run(entry)).rejects.toThrow(/already have such entry/);
  });

  it('singleton menus print one item without an id and are set without one', async () => {
    const r = await router();
    const c = client(r);
    expect((await c.run(['/radius/incoming/print'])).rows).toEqual([
      { accept: 'false', port: '3799', vrf: 'main' },
    ]);
    await c.run(['/radius/incoming/set', '=accept=yes', '=port=3799']);
    expect(r.model.print('/radius/incoming')[0]).toMatchObject({ accept: 'true' });
    const [resource] = (await c.run(['/system/resource/print'])).rows;
    expect(resource).toMatchObject({
      version: '7.18.2 (stable)',
      'board-name': 'hAP ac lite',
      platform: 'MikroTik',
    });
  });

  it('before 7.0 booleans print as yes/no, /radius incoming defaults to port 1700', async () => {
    const r = await router({ version: '6.49.10' });
    const c = client(r);
    expect((await c.run(['/radius/incoming/print'])).rows).toEqual([{ accept: 'no', port: '1700' }]);
  });

  it('require-message-auth exists from RouterOS 7.15 on; older versions refuse it', async () => {
    const add = [
      '/radius/add',
      '=service=hotspot',
      '=address=192.0.2.1',
      '=require-message-auth=yes-for-request-resp',
    ];
    await expect(client(await router({ version: '7.15.3' })).run(add)).resolves.toMatchObject({ ret: '*1' });
    const err = await client(await router({ version: '7.14.3' }))
      .run(add)
      .catch((e) => e);
    expect(err).toMatchObject({
      kind: 'trap',
      category: 1,
      trapMessage: 'unknown parameter require-message-auth',
    });
  });

  it('login-by is kept in RouterOS order whatever order it is given in', async () => {
    const r = await router();
    const c = client(r);
    await c.run(['/ip/hotspot/profile/add', '=name=hs', '=login-by=http-chap,mac,cookie']);
    expect(r.model.print('/ip/hotspot/profile', { queries: ['?name=hs'] })[0]!['login-by']).toBe(
      'mac,cookie,http-chap',
    );
  });

  it('/tool/fetch downloads a page onto the router as a file, and traps on an HTTP error', async () => {
    const http: Server = createServer((req, res) => {
      if (req.url === '/hotspot/login.html') res.end('<html>login</html>');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    started.push({ stop: () => new Promise<void>((resolve) => http.close(() => resolve())) });
    const { port } = http.address() as { port: number };
    const r = await router();
    const c = client(r);
    const url = `http://127.0.0.1:${port}/hotspot/login.html`;
    const done = await c.run(['/tool/fetch', `=url=${url}`, '=dst-path=warganet/login.html']);
    expect(done.rows[0]).toMatchObject({ status: 'finished' });
    expect(r.model.print('/file', { queries: ['?name=warganet/login.html'] })[0]).toMatchObject({
      size: '18',
      contents: '<html>login</html>',
    });
    const missing = c.run(['/tool/fetch', `=url=http://127.0.0.1:${port}/nope`, '=dst-path=x.html']);
    await expect(missing).rejects.toThrow(/404/);
  });

  it('a given model is served as is, so tests and the demo can start half-configured', async () => {
    const model = new RouterModel('7.16');
    model.add('/system/script', { name: 'mikhmon-expire', source: ':log info x', comment: 'mikhmon' });
    const r = await router({ model, version: '7.16' });
    const rows = (await client(r).run(['/system/script/print', '?comment=mikhmon'])).rows;
    expect(rows.map((x) => x.name)).toEqual(['mikhmon-expire']);
  });

  it('a wrong API password is a login error, not a crash or a hang', async () => {
    const err = await client(await router(), 'salah')
      .run(['/system/identity/print'])
      .catch((e) => e);
    expect(err).toBeInstanceOf(RouterOsError);
    expect(err).toMatchObject({ kind: 'login' });
  });
});
