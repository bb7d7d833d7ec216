// The side-by-side run of `npm run bench:radius`: FreeRADIUS 3 with rlm_sql_sqlite (WAL) on the same 10,000
// devices (radcheck Cleartext-Password for CHAP, radreply Mikrotik-Rate-Limit), the same packets and the same
// load; accounting and post-auth logged to SQL like ours. Runs only where `freeradius` is installed.
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { secretFor, usernameFor } from '../test/support/radius-fixtures.js';
import {
  accountingPhase,
  chapRequests,
  closedLoop,
  DEVICES,
  IN_FLIGHT,
  merge,
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

function config(dir: string, auth: number, acct: number): string {
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
  }
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
    sql
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
    sql
    Post-Auth-Type REJECT {
      sql
    }
  }
  preacct {
    acct_unique
  }
  accounting {
    sql
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

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
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
  readonly auth: RunResult;
  readonly acct: RunResult;
}

export async function runFreeradius(opts: {
  authRequests: number;
  acctRounds: number;
}): Promise<FreeradiusResult | undefined> {
  if (!existsSync(BINARY) || !existsSync(SCHEMA)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'warganet-bench-freeradius-'));
  const [auth, acct] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'radiusd.conf'), config(dir, auth, acct));
  writeFileSync(join(dir, 'dictionary'), '');
  seed(join(dir, 'radius.db'));
  const child = spawn(BINARY, ['-f', '-d', dir], { stdio: 'ignore' });
  try {
    await waitReady(auth, child);
    let peak = 0;
    const sample = setInterval(() => {
      peak = Math.max(peak, rssOf(child.pid!));
    }, 250);
    const authRun = await closedLoop(
      `FreeRADIUS auth CHAP, ${IN_FLIGHT} in flight`,
      auth,
      chapRequests(opts.authRequests, 0),
      IN_FLIGHT,
      resignAccess,
    );
    const authLine = report(authRun, peak);
    const acctRuns: RunResult[] = [];
    for (let round = 0; round < opts.acctRounds; round++) {
      for (const status of ['start', 'interim', 'stop'] as const) {
        acctRuns.push(
          await closedLoop(status, acct, accountingPhase(status, round), IN_FLIGHT, resignAccounting),
        );
      }
    }
    const acctRun = merge(`FreeRADIUS acct Start/Interim/Stop, ${IN_FLIGHT} in flight`, acctRuns);
    clearInterval(sample);
    return { lines: [authLine, report(acctRun, peak)], auth: authRun, acct: acctRun };
  } finally {
    child.kill('SIGTERM');
    await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
    rmSync(dir, { recursive: true, force: true });
  }
}
