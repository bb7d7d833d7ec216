import { createSocket } from 'node:dgram';
import { fork } from 'node:child_process';
if (process.argv[2] === 'srv') {
  const s = createSocket('udp4');
  s.on('message', (m, r) => { m[0] = 2; s.send(m, r.port, r.address); });
  s.bind(0, '127.0.0.1', () => process.send!(s.address().port));
} else {
  const c = fork(new URL(import.meta.url).pathname, ['srv'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((r) => c.once('message', (p) => r(p as number)));
  const sock = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  const pkt = Buffer.alloc(250);
  let n = 0; const N = 200000; const t = performance.now();
  await new Promise<void>((res) => {
    sock.on('message', () => { if (++n === N) res(); else if (n <= N - 256) sock.send(pkt, port, '127.0.0.1'); });
    for (let i = 0; i < 256; i++) sock.send(pkt, port, '127.0.0.1');
  });
  console.log('echo', Math.round(N / ((performance.now() - t) / 1000)), '/s');
  c.kill(); sock.close();
}
