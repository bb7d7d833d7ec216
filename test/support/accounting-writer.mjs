// A stand-in for a busy RADIUS accounting role in its own process: each transaction stores one session and adds
// its bytes to the day's usage, as the accounting store does, so sum(sessions) = sum(usage) in any consistent
// copy. Prints the number of committed transactions every 50. Usage: node accounting-writer.mjs DB ROUTER_ID
import Sqlite from 'better-sqlite3';

const [file, routerId] = process.argv.slice(2);
const db = new Sqlite(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
const insert = db.prepare(
  `insert into sessions (router_id, acct_session_id, username, started_at, updated_at, stopped_at, input_bytes,
     output_bytes, state) values (?, ?, 'wn-load', ?, ?, ?, ?, ?, 'stopped')`,
);
db.prepare(
  `insert into usage_daily (day, device_id, router_id, bytes_in, bytes_out, seconds, sessions)
   values ('2026-12-01', 0, ?, 0, 0, 0, 0) on conflict do nothing`,
).run(Number(routerId));
const add = db.prepare(
  `update usage_daily set bytes_in = bytes_in + ?, bytes_out = bytes_out + ?, sessions = sessions + 1
   where day = '2026-12-01' and device_id = 0 and router_id = ?`,
);
const write = db.transaction((i) => {
  const now = Date.now();
  insert.run(Number(routerId), `load-${i}`, now, now, now, 1000 + i, 2 * i);
  add.run(1000 + i, 2 * i, Number(routerId));
});
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});
let i = 0;
const loop = () => {
  for (let k = 0; k < 10 && !stopping; k++) write(++i);
  if (i % 50 === 0) process.stdout.write(`${i}\n`);
  if (stopping) {
    db.close();
    process.exit(0);
  }
  setImmediate(loop);
};
loop();
