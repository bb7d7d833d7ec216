// The side-by-side runs of `npm run bench:radius`: FreeRADIUS 3 on the same 10,000 devices, the same packets and
// the same load, two ways. `sql`: rlm_sql_sqlite (WAL; radcheck Cleartext-Password for CHAP, radreply
// Mikrotik-Rate-Limit), accounting and post-auth logged to SQL like ours. `files`: the users in its `files`
// module (held in memory: the anchor for CPU per request), accounting to a `detail` file, no post-auth log.
// Its CPU time is read from /proc like ours. Runs only where `freeradius` is installed.
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { secretFor, usernameFor } from '../test/support/radius-fixtures.js';
import { cpuPerRequest, peakRssOf } from './proc-stat.js';
import {
  accountingPhase,
  chapRequests,
  closedLoop,
  DEVICES,
  IN_FLIGHT,
  merge,
  paced,
  type RunResult,
  report,
  resignAccess,
  resignAccounting,
  SECRET,
} from './radius-load.js';

const BINARY = '/usr/sbin/freeradius';
const SCHEMA = '/etc/freeradius/3.0/mods-config/sql/main/sqlite/schema.sql';

async function freePort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export type FreeradiusStore = 'sql' | 'files';

const SQL_MODULE = (dir: string) => `
  sql {
    dialect = "sqlite"
    driver = "rlm_sql_sqlite"
    sqlite {
      filename = "${dir}/radius.db"
      busy_timeout = 200
    }
    radius_db = "radius"
    acct_table1 = "radacct"
    acct_table2 = "radacct"
    postauth_table = "radpostauth"
    authcheck_table = "radcheck"
    groupcheck_table = "radgroupcheck"
    authreply_table = "radreply"
    groupreply_table = "radgroupreply"
    usergroup_table = "radusergroup"
    read_groups = no
    read_profiles = no
    delete_stale_sessions = yes
    read_clients = no
    client_table = "nas"
    group_attribute = "SQL-Group"
    pool {
      start = 8
      min = 4
      max = 32
      spare = 8
      uses = 0
      retry_delay = 30
      lifetime = 0
      idle_timeout = 60
    }
    $INCLUDE \${modconfdir}/sql/main/\${dialect}/queries.conf
  }`;

const FILES_MODULE = (dir: string) => `
  files {
    filename = "${dir}/users"
  }
  detail {
    filename = "${dir}/detail"
    permissions = 0600
    header = "%t"
  }`;

function config(dir: string, auth: number, acct: number, store: FreeradiusStore): string {
  return `
prefix = /usr
exec_prefix = /usr
sysconfdir = /etc
localstatedir = /var
sbindir = /usr/sbin
datarootdir = /usr/share
dictdir = /usr/share/freeradius
logdir = ${dir}
raddbdir = ${dir}
radacctdir = ${dir}
name = freeradius
confdir = ${dir}
modconfdir = /etc/freeradius/3.0/mods-config
run_dir = ${dir}
db_dir = ${dir}
libdir = /usr/lib/freeradius
pidfile = ${dir}/radiusd.pid
max_request_time = 30
cleanup_delay = 5
max_requests = 65536
hostname_lookups = no
log {
  destination = files
  file = ${dir}/radius.log
  auth = no
}
security {
  allow_core_dumps = no
  max_attributes = 200
  reject_delay = 0
  status_server = yes
}
thread pool {
  start_servers = 8
  max_servers = 32
  min_spare_servers = 3
  max_spare_servers = 16
  max_requests_per_server = 0
  max_queue_size = 65536
}
client bench {
  ipaddr = 127.0.0.1
  secret = ${SECRET}
  require_message_authenticator = yes
}
modules {
  expr {
  }
  chap {
  }
  pap {
  }
${store === 'sql' ? SQL_MODULE(dir) : FILES_MODULE(dir)}
}
policy {
  acct_unique {
    update request {
      &Acct-Unique-Session-Id := "%{md5:%{User-Name},%{Acct-Session-ID},%{NAS-IP-Address},%{NAS-Port}}"
    }
  }
}
server default {
  listen {
    type = auth
    ipaddr = 127.0.0.1
    port = ${auth}
  }
  listen {
    type = acct
    ipaddr = 127.0.0.1
    port = ${acct}
  }
  authorize {
    chap
    ${store}
    pap
  }
  authenticate {
    Auth-Type CHAP {
      chap
    }
    Auth-Type PAP {
      pap
    }
  }
  post-auth {
    ${store === 'sql' ? 'sql\n    Post-Auth-Type REJECT {\n      sql\n    }' : ''}
  }
  preacct {
    acct_unique
  }
  accounting {
    ${store === 'sql' ? 'sql' : 'detail'}
  }
}
`;
}

function seed(file: string): void {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.exec(readFileSync(SCHEMA, 'utf8'));
  const check = db.prepare(
    `insert into radcheck (username, attribute, op, value) values (?, 'Cleartext-Password', ':=', ?)`,
  );
  const reply = db.prepare(
    `insert into radreply (username, attribute, op, value) values (?, 'Mikrotik-Rate-Limit', ':=', '2M/5M')`,
  );
  db.transaction(() => {
    for (let i = 0; i < DEVICES; i++) {
      check.run(usernameFor(i), secretFor(i));
      reply.run(usernameFor(i));
    }
  })();
  db.close();
}

/** The `files` module's users file: the same devices, secrets and reply attribute. */
function usersFile(file: string): void {
  const lines: string[] = [];
  for (let i = 0; i < DEVICES; i++)
    lines.push(
      `"${usernameFor(i)}" Cleartext-Password := "${secretFor(i)}"\n\tMikrotik-Rate-Limit := "2M/5M"\n`,
    );
  writeFileSync(file, lines.join(''));
}

async function waitReady(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) throw new Error(`freeradius exited with ${child.exitCode}`);
    const probe = await closedLoop('probe', port, chapRequests(1, 0), 1, resignAccess, 200);
    if (probe.answered === 1) return;
  }
  throw new Error('freeradius did not start');
}

export interface FreeradiusResult {
  readonly lines: readonly string[];
  readonly auth: RunResult & { cpuUs: number };
  readonly acct: RunResult & { cpuUs: number };
  readonly peakRss: number;
}

export async function runFreeradius(opts: {
  store: FreeradiusStore;
  authRequests: number;
  acctRounds: number;
  /** Requests of a paced 1,000/s auth run too (its tail latency, for comparison); none when 0 or absent. */
  paced?: number;
}): Promise<FreeradiusResult | undefined> {
  if (!existsSync(BINARY) || (opts.store === 'sql' && !existsSync(SCHEMA))) return undefined;
  const dir = mkdtempSync(join(tmpdir(), `warganet-bench-freeradius-${opts.store}-`));
  const [auth, acct] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'radiusd.conf'), config(dir, auth, acct, opts.store));
  writeFileSync(join(dir, 'dictionary'), '');
  if (opts.store === 'sql') seed(join(dir, 'radius.db'));
  else usersFile(join(dir, 'users'));
  const child = spawn(BINARY, ['-f', '-d', dir], { stdio: 'ignore' });
  try {
    await waitReady(auth, child).catch((error: Error) => {
      const log = join(dir, 'radius.log');
      throw new Error(`${error.message}\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-3000) : ''}`);
    });
    const pid = child.pid!;
    const label = `FreeRADIUS ${opts.store}`;
    // Warmed like ours (every device once): its thread pool and SQLite pages, before anything is counted.
    await closedLoop('warm-up', auth, chapRequests(DEVICES, 0), IN_FLIGHT, resignAccess);
    const authRun = await cpuPerRequest(pid, () =>
      closedLoop(
        `${label} auth CHAP+MA, ${IN_FLIGHT} in flight`,
        auth,
        chapRequests(opts.authRequests, 0),
        IN_FLIGHT,
        resignAccess,
      ),
    );
    const lines = [report(authRun, peakRssOf(pid), authRun.cpuUs)];
    const acctRuns: RunResult[] = [];
    const acctRun = await cpuPerRequest(pid, async () => {
      for (let round = 0; round < opts.acctRounds; round++) {
        for (const status of ['start', 'interim', 'stop'] as const) {
          acctRuns.push(
            await closedLoop(status, acct, accountingPhase(status, round), IN_FLIGHT, resignAccounting),
          );
        }
      }
      return merge(`${label} acct Start/Interim/Stop, ${IN_FLIGHT} in flight`, acctRuns);
    });
    if (opts.acctRounds > 0) lines.push(report(acctRun, peakRssOf(pid), acctRun.cpuUs));
    if (opts.paced) {
      const count = opts.paced;
      const p = await cpuPerRequest(pid, () =>
        paced(`${label} auth CHAP+MA at 1,000/s`, auth, chapRequests(count, 50_000), 1000, resignAccess),
      );
      lines.push(report(p, peakRssOf(pid), p.cpuUs));
    }
    return { lines, auth: authRun, acct: acctRun, peakRss: peakRssOf(pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
    rmSync(dir, { recursive: true, force: true });
  }
}
