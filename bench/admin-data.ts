// The regency-size database `npm run bench:admin` reads: 300,000 OpenSID-shaped residents (NIK and KK through the
// keyring's blind index, as the roster import stores them), a realistic share registered with devices, 500
// routers with health, and a year of sessions and usage_daily (the auth log's 90 days of retention) written in
// time order, as accounting and the auth log write them. Migrated by the app's own migrations, then filled with
// prepared statements on the same SQLite file (Kysely's per-row overhead would take minutes). Cached in the temp
// directory under a key of every parameter and the local day (today's figures must be today's).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kysely } from 'kysely';
import { migrateToLatest } from '../db/migrate.js';
import type { Database } from '../db/schema.js';
import { createSqliteDialect } from '../db/sqlite-dialect.js';
import { maskNik } from '../src/domain/nik.js';
import { dayOf } from '../src/domain/quota-day.js';
import { Keyring } from '../src/services/keyring.js';
import { makeKk, makeNik } from '../test/fixtures/roster.js';

export interface AdminDataParams {
  readonly residents: number;
  /** Share of residents with a Wi-Fi account. */
  readonly registeredShare: number;
  readonly routers: number;
  /** Days of sessions and usage kept (WARGANET_SESSION_RETENTION_DAYS). */
  readonly days: number;
  /** Days of auth log kept (WARGANET_AUTH_LOG_RETENTION_DAYS). */
  readonly authLogDays: number;
  /** Share of devices online on a given day. */
  readonly dailyActiveShare: number;
  readonly timeZone: string;
}

export const DEFAULT_PARAMS: AdminDataParams = {
  residents: Number(process.env.BENCH_RESIDENTS ?? 300_000),
  registeredShare: Number(process.env.BENCH_REGISTERED_SHARE ?? 0.35),
  routers: Number(process.env.BENCH_ROUTERS ?? 500),
  days: Number(process.env.BENCH_DAYS ?? 365),
  authLogDays: Number(process.env.BENCH_AUTH_LOG_DAYS ?? 90),
  dailyActiveShare: Number(process.env.BENCH_DAILY_ACTIVE ?? 0.05),
  timeZone: 'Asia/Jakarta',
};

/** What the load generator needs to ask realistic questions: real NIKs, name starts, places that exist. */
export interface AdminDataSample {
  readonly niks: string[];
  readonly namePrefixes: string[];
  readonly places: Array<{ dusun: string; rt: string }>;
  readonly residentIds: number[];
  readonly counts: Record<string, number>;
}

export interface AdminData {
  readonly dataDir: string;
  readonly secretKeyHex: string;
  readonly sample: AdminDataSample;
  readonly generatedMs: number | undefined;
}

// A fixed key: the cached database's blind indexes must match it on the next run. Never used outside the bench.
const BENCH_KEY = 'b3'.repeat(32);
const DAY_MS = 86_400_000;

const FIRST = [
  'SITI',
  'NUR',
  'MUHAMMAD',
  'AHMAD',
  'DEWI',
  'SRI',
  'BUDI',
  'EKO',
  'AGUS',
  'jumadi',
  'SUPRIYADI',
  'WAHYU',
  'RINA',
  'LILIK',
  'Yuli',
  'ANI',
  'DWI',
  'TRI',
  'ENDANG',
  'SUMARNI',
  'KASIANI',
  'Moch.',
  'ABDUL',
  'IMAM',
  'FITRI',
  'RATNA',
  'HARTONO',
  'SLAMET',
  'SUGENG',
  'PUJI',
  'NUNUK',
  'WARSINI',
  'MUJI',
  'KARTINI',
  'SUTRISNO',
  'SUWARNO',
  'ROHMAT',
  'FAUZI',
  'INDAH',
  'LESTARI',
];
const LAST = [
  'AMINAH',
  'HIDAYAH',
  'SANTOSO',
  'PRASETYO',
  'LESTARI',
  'WAHYUNI',
  'RAHAYU',
  'SETIAWAN',
  'MULYONO',
  'HANDAYANI',
  'KURNIAWAN',
  'SUSANTI',
  'PURNOMO',
  'ROHMAH',
  'SAFITRI',
  'NINGSIH',
  'WIBOWO',
  'FAUZIAH',
  'ARIFIN',
  'MAHMUDAH',
  'UTOMO',
  'SUGIARTO',
  'ZAINAL',
  'MASRUROH',
  'KHOIRIYAH',
  "MA'RUF",
  'ANWAR',
  'SHOLIHAH',
  'YULIANTO',
  'HASANAH',
];
const DUSUN = [
  'KRAJAN',
  'SOCO',
  'NGEPON',
  'TEGALREJO',
  'SUMBERAGUNG',
  'KARANGASEM',
  'DUKUH',
  'GEDANGAN',
  'SIDOMULYO',
  'WONOREJO',
  'NGADIREJO',
  'PUCANGAN',
  'KEDUNGREJO',
  'BANJAR',
  'JATISARI',
  'SUKOREJO',
  'MOJO',
  'GLAGAH',
  'TAMBAKBOYO',
  'KALIREJO',
  'PANDEAN',
  'SUMBEREJO',
  'NGAGLIK',
  'KEPUH',
  'BULU',
  'GENENG',
  'SAMBIREJO',
  'KEBONAGUNG',
  'TANJUNGSARI',
  'SIDOREJO',
];
const REJECTS: ReadonlyArray<readonly [string, number]> = [
  ['unknown_device', 40],
  ['bad_credentials', 15],
  ['quota_exhausted', 12],
  ['account_pending', 8],
  ['too_many_devices', 6],
  ['device_revoked', 4],
  ['account_suspended', 3],
  ['ticket_expired', 2],
];

/** Deterministic: the same parameters give the same database. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Resident i's NIK: 20 kecamatan of Kabupaten Tuban, unique birth-date and serial per kecamatan. */
function residentNik(i: number): { nik: string; kk: string; sex: 1 | 2; birth: string } {
  const area = `3523${pad((i % 20) + 1, 2)}`;
  const j = Math.floor(i / 20);
  const sex: 1 | 2 = i % 2 === 0 ? 1 : 2;
  const birth = new Date(Date.UTC(1950, 0, 1) + (j % 20_000) * DAY_MS).toISOString().slice(0, 10);
  return {
    nik: makeNik(birth, sex, Math.floor(j / 20_000) + 1, area),
    kk: makeKk(Math.floor(i / 4), area),
    sex,
    birth,
  };
}

function residentName(i: number, r: () => number): string {
  const first = FIRST[Math.floor(r() * FIRST.length)]!;
  const last = LAST[Math.floor(r() * LAST.length)]!;
  return r() < 0.25 ? `${first} ${LAST[(i * 7) % LAST.length]} ${last}` : `${first} ${last}`;
}

/** Bump when the generator changes what it writes; later migrations are applied when the server opens it. */
const DATA_VERSION = 1;

function cacheDir(p: AdminDataParams, now: number): string {
  const key = [
    `v${DATA_VERSION}`,
    p.residents,
    p.registeredShare,
    p.routers,
    p.days,
    p.authLogDays,
    p.dailyActiveShare,
    p.timeZone.replace('/', '_'),
    dayOf(now, p.timeZone),
  ].join('-');
  return join(tmpdir(), `warganet-bench-admin-${key}`);
}

export async function prepareAdminData(
  p: AdminDataParams = DEFAULT_PARAMS,
  now = Date.now(),
  log: (line: string) => void = console.log,
): Promise<AdminData> {
  const dir = cacheDir(p, now);
  const done = join(dir, 'sample.json');
  if (existsSync(done)) {
    log(`bench data: reusing ${dir}`);
    return {
      dataDir: dir,
      secretKeyHex: BENCH_KEY,
      sample: JSON.parse(readFileSync(done, 'utf8')),
      generatedMs: undefined,
    };
  }
  rmSync(dir, { recursive: true, force: true });
  const work = `${dir}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true, mode: 0o700 });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const sample = await generate(join(work, 'warganet.db'), p, now, log);
  writeFileSync(join(work, 'sample.json'), JSON.stringify(sample));
  renameSync(work, dir);
  const generatedMs = performance.now() - t0;
  // CPU time beside wall time: on a shared machine the wall clock says more about the neighbours.
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  log(`bench data: generated in ${(generatedMs / 1000).toFixed(1)} s (CPU ${cpuS.toFixed(1)} s) into ${dir}`);
  return { dataDir: dir, secretKeyHex: BENCH_KEY, sample, generatedMs };
}

async function generate(
  file: string,
  p: AdminDataParams,
  now: number,
  log: (line: string) => void,
): Promise<AdminDataSample> {
  const handle = createSqliteDialect(file);
  const db = new Kysely<Database>({ dialect: handle.dialect });
  const migrated = await migrateToLatest(db);
  if (migrated.error) throw new Error(migrated.error);
  const native = handle.native;
  // A scratch database: durability is not wanted while filling it.
  native.pragma('synchronous = OFF');
  native.pragma('cache_size = -262144');
  const keyring = await Keyring.fromHex(BENCH_KEY);
  const r = prng(11);
  const counts: Record<string, number> = {};
  const step = (name: string, t: number, n: number) => {
    counts[name] = n;
    log(
      `  ${name.padEnd(12)} ${String(n).padStart(10)} rows  ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  };
  const yearAgo = now - p.days * DAY_MS;

  // Residents, with their blind indexes computed in batches through Web Crypto.
  let t = performance.now();
  const insResident = native.prepare(
    `insert into residents (id, nik_index, nik_masked, kk_index, kk_masked, name, sex, birth_date, dusun, rw, rt,
       kk_level, status_dasar, active, warnings, import_batch_id, created_at, updated_at, deactivated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, ?, ?, ?)`,
  );
  const sample: AdminDataSample = { niks: [], namePrefixes: [], places: [], residentIds: [], counts };
  const BATCH = 5000;
  for (let from = 0; from < p.residents; from += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, p.residents - from) }, (_, k) => from + k);
    const people = ids.map((i) => ({ i, ...residentNik(i) }));
    const nikIdx = await Promise.all(people.map((x) => keyring.blindIndex('nik', x.nik)));
    const kkIdx = await Promise.all(people.map((x) => keyring.blindIndex('kk', x.kk)));
    native.transaction(() => {
      people.forEach((x, k) => {
        // 300 villages of 1,000 people, four dusun each (names recur across villages, as they do), RT 1–8.
        const village = Math.floor(x.i / 1000);
        const dusun = DUSUN[(village * 4 + Math.floor((x.i % 1000) / 250)) % DUSUN.length]!;
        const rt = pad(((x.i * 13) % 8) + 1, 3);
        const inactive = r() < 0.015;
        const name = residentName(x.i, r);
        insResident.run(
          ...[x.i + 1, nikIdx[k], maskNik(x.nik), kkIdx[k], maskNik(x.kk), name, x.sex, x.birth],
          ...[dusun, pad(((x.i >> 6) % 4) + 1, 3), rt, (x.i % 4) + 1, inactive ? 2 : 1, inactive ? 0 : 1],
          ...[yearAgo, yearAgo, inactive ? yearAgo : null],
        );
        if (x.i % 997 === 0) {
          sample.niks.push(x.nik);
          sample.namePrefixes.push(name.slice(0, 3 + (x.i % 4)).toLowerCase());
          sample.places.push({ dusun: dusun.toLowerCase(), rt: String(Number(rt)) });
          sample.residentIds.push(x.i + 1);
        }
      });
    })();
  }
  step('residents', t, p.residents);

  t = performance.now();
  native
    .prepare(
      `insert into plans (name, profile_name, down_rate, up_rate, devices_allowed, daily_quota_bytes, is_default,
         created_at, updated_at) values ('Dasar', 'warganet-dasar', 5000000, 2000000, 3, 2000000000, 1, ?, ?)`,
    )
    .run(yearAgo, yearAgo);

  // Routers: most up and heard from within the poll interval, some down for a while, a few never polled.
  const insRouter = native.prepare(
    `insert into routers (id, name, nas_ip, radius_secret_enc, require_message_auth, api_tls, health,
       health_changed_at, last_contact_at, ros_version, board, dusun, created_at, updated_at)
     values (?, ?, ?, 'v1.bench', 1, 0, ?, ?, ?, '7.18.2', 'hAP ax2', ?, ?, ?)`,
  );
  native.transaction(() => {
    for (let i = 1; i <= p.routers; i++) {
      const x = r();
      const health = x < 0.94 ? 'up' : x < 0.99 ? 'down' : 'unknown';
      const contact =
        health === 'unknown'
          ? null
          : health === 'up'
            ? now - Math.floor(r() * 60_000)
            : now - Math.floor(r() * 3 * DAY_MS);
      insRouter.run(
        ...[
          i,
          `AP ${pad(Math.ceil(i / 2), 3)}-${i % 2 === 0 ? 'Balai' : 'Masjid'}`,
          `10.${i >> 8}.${i & 255}.1`,
        ],
        ...[health, contact, contact, DUSUN[i % DUSUN.length], yearAgo, yearAgo],
      );
    }
  })();
  step('routers', t, p.routers);

  // Accounts: registrations spread over the year (a handful today), mostly active.
  t = performance.now();
  const insAccount = native.prepare(
    `insert into accounts (id, resident_id, status, plan_id, pin_hash, pin_failures, consent_at,
       consent_notice_version, consent_channel, approved_by, approved_at, unverified_reason, created_at, updated_at)
     values (?, ?, ?, null, 'bench', 0, ?, '2026-11', 'portal', ?, ?, ?, ?, ?)`,
  );
  const insDevice = native.prepare(
    `insert into devices (id, account_id, mac, username, secret_enc, label, first_seen_at, last_seen_at,
       revoked_at, created_at) values (?, ?, ?, ?, 'v1.bench', ?, ?, ?, null, ?)`,
  );
  const devices: Array<{ id: number; router: number }> = [];
  let accountId = 0;
  let deviceId = 0;
  native.transaction(() => {
    for (let i = 0; i < p.residents; i++) {
      if (r() >= p.registeredShare) continue;
      accountId++;
      const x = r();
      const status = x < 0.9 ? 'active' : x < 0.97 ? 'pending' : 'suspended';
      // Registrations grow through the year; about one in a thousand is from today.
      const created =
        r() < 0.001
          ? now - Math.floor(r() * 8 * 3_600_000)
          : yearAgo + Math.floor(r() ** 0.7 * (now - yearAgo));
      const approved = status === 'pending' ? null : created + 3_600_000;
      insAccount.run(
        ...[accountId, i + 1, status, created, approved === null ? null : 'operator', approved],
        ...[status === 'pending' && r() < 0.5 ? 'kk-mismatch' : null, created, created],
      );
      const home = 1 + (Math.floor(i / 600) % p.routers);
      for (let d = 0; d < (r() < 0.3 ? 2 : 1); d++) {
        const id = ++deviceId;
        const mac = `5C:1A:${hex(id >> 16)}:${hex(id >> 8)}:${hex(id)}:0${d}`;
        insDevice.run(
          id,
          accountId,
          mac,
          `wn-${id.toString(36)}`,
          d === 0 ? 'HP' : 'Laptop',
          created,
          now,
          created,
        );
        if (status === 'active') devices.push({ id, router: home });
      }
    }
  })();
  step('accounts', t, accountId);
  counts.devices = deviceId;

  // A year of sessions and usage, day by day in time order; the auth log for its retention period. Their
  // secondary indexes are dropped while filling and built again after (sorting once beats a year of inserts).
  t = performance.now();
  const indexes = native
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null
         and tbl_name in ('sessions', 'usage_daily', 'auth_log')`,
    )
    .all() as Array<{ name: string; sql: string }>;
  for (const i of indexes) native.exec(`drop index "${i.name}"`);
  const insSession = native.prepare(
    `insert into sessions (router_id, acct_session_id, device_id, username, mac, framed_ip, nas_port, class,
       started_at, updated_at, stopped_at, input_bytes, output_bytes, session_time_s, terminate_cause, state)
     values (?, ?, ?, ?, null, ?, null, null, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insUsage = native.prepare(
    `insert into usage_daily (day, device_id, router_id, bytes_in, bytes_out, seconds, sessions)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insLog = native.prepare(
    `insert into auth_log (at, last_at, count, router_id, mac, username, decision, reason, source)
     values (?, ?, ?, ?, null, ?, ?, ?, null)`,
  );
  const rejectTotal = REJECTS.reduce((n, [, w]) => n + w, 0);
  const rejectReason = () => {
    let x = r() * rejectTotal;
    for (const [reason, w] of REJECTS) {
      x -= w;
      if (x < 0) return reason;
    }
    return 'unknown_device';
  };
  let sessions = 0;
  let usage = 0;
  let logs = 0;
  let acct = 0;
  const active = Math.max(1, Math.round(devices.length * p.dailyActiveShare));
  for (let day = p.days - 1; day >= 0; day--) {
    const dayStart = now - day * DAY_MS - (now % DAY_MS);
    const dayName = dayOf(dayStart + DAY_MS / 2, p.timeZone);
    const events: Array<{ at: number; run: () => void }> = [];
    const offset = Math.floor(r() * devices.length);
    for (let k = 0; k < active; k++) {
      const dev = devices[(offset + k * 7919) % devices.length]!;
      const n = r() < 0.2 ? 2 : 1;
      let bytesIn = 0;
      let bytesOut = 0;
      let seconds = 0;
      for (let s = 0; s < n; s++) {
        const started = dayStart + Math.floor(r() * (DAY_MS - 3_600_000));
        const length = 300 + Math.floor(r() * 3 * 3600);
        const stopped = started + length * 1000;
        const live = stopped > now || (day === 0 && r() < 0.5 && now - started < 4 * 3_600_000);
        if (started > now) continue;
        const up = Math.floor(r() * 80e6);
        const down = Math.floor(r() * 600e6);
        bytesIn += up;
        bytesOut += down;
        seconds += length;
        const sessionId = (++acct).toString(16).padStart(8, '0');
        events.push({
          at: started,
          run: () =>
            insSession.run(
              ...[dev.router, sessionId, dev.id, `wn-${dev.id.toString(36)}`],
              ...[`10.5.${(dev.id >> 8) & 255}.${dev.id & 255}`, started, live ? now : stopped],
              ...[
                live ? null : stopped,
                up,
                down,
                length,
                live ? null : 'User-Request',
                live ? 'active' : 'stopped',
              ],
            ),
        });
        sessions++;
        if (day < p.authLogDays) {
          events.push({
            at: started,
            run: () =>
              insLog.run(started, started, 1, dev.router, `wn-${dev.id.toString(36)}`, 'accept', 'ok'),
          });
          logs++;
        }
      }
      if (bytesIn + bytesOut > 0) {
        events.push({
          at: dayStart,
          run: () => insUsage.run(dayName, dev.id, dev.router, bytesIn, bytesOut, seconds, n),
        });
        usage++;
      }
    }
    if (day < p.authLogDays) {
      // About one reject for every eight accepts, repeats folded into rows counting up to an hour.
      for (let k = 0; k < active / 8; k++) {
        const at = dayStart + Math.floor(r() * DAY_MS);
        if (at > now) continue;
        const count = r() < 0.3 ? 2 + Math.floor(r() * 30) : 1;
        const last = Math.min(now, at + (count > 1 ? Math.floor(r() * 3_600_000) : 0));
        const router = 1 + Math.floor(r() * p.routers);
        const reason = rejectReason();
        events.push({ at, run: () => insLog.run(at, last, count, router, null, 'reject', reason) });
        logs++;
      }
    }
    events.sort((a, b) => a.at - b.at);
    native.transaction(() => {
      for (const e of events) e.run();
    })();
  }
  step('sessions', t, sessions);
  t = performance.now();
  for (const i of indexes) native.exec(i.sql);
  step('indexes', t, indexes.length);
  counts.usage_daily = usage;
  counts.auth_log = logs;

  t = performance.now();
  const insJob = native.prepare(
    `insert into router_jobs (router_id, kind, payload, state, attempts, next_try_at, last_error, created_at,
       updated_at) values (?, 'plan-push', '{}', ?, ?, ?, ?, ?, ?)`,
  );
  native.transaction(() => {
    for (let i = 0; i < 2000; i++) {
      const at = now - Math.floor(r() * 30 * DAY_MS);
      const state = i < 40 ? 'failed' : i < 60 ? 'pending' : 'done';
      insJob.run(
        1 + (i % p.routers),
        state,
        state === 'done' ? 1 : 8,
        at,
        state === 'failed' ? 'timeout' : null,
        at,
        at,
      );
    }
  })();
  step('router_jobs', t, 2000);
  // No ANALYZE: the server never runs one, so the planner sees what it sees in a village.
  await db.destroy();
  return sample;
}

const hex = (n: number) => (n & 255).toString(16).padStart(2, '0').toUpperCase();

/**
 * Before each run: the last hour's auth log (the cached data may be hours old, and the dashboard counts the last
 * hour), and the hotspot address the portal's welcome page is asked from (the portal bench's query).
 */
export function touchUp(data: AdminData, now = Date.now()): void {
  const handle = createSqliteDialect(join(data.dataDir, 'warganet.db'));
  const native = handle.native;
  const r = prng(now % 100_000);
  const routers = (native.prepare('select count(*) as n from routers').get() as { n: number }).n;
  const ins = native.prepare(
    `insert into auth_log (at, last_at, count, router_id, mac, username, decision, reason, source)
     values (?, ?, ?, ?, null, null, ?, ?, null)`,
  );
  native.transaction(() => {
    const events = Array.from({ length: 1500 }, () => now - Math.floor(r() * 3_600_000)).sort(
      (a, b) => a - b,
    );
    events.forEach((at, i) => {
      const reject = i % 9 === 0;
      const reason = reject ? REJECTS[i % REJECTS.length]![0] : 'ok';
      ins.run(at, at, 1, 1 + (i % routers), reject ? 'reject' : 'accept', reason);
    });
    native.prepare(`update routers set hotspot_address = '10.5.50.1' where id = 1`).run();
  })();
  native.close();
}
