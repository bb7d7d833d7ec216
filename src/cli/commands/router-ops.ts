// `warganet router provision|sync|status NAME`: setting a router up for Warganet, delivering its pending plan
// pushes, and checking it now. Registered onto the `router` command group; output in the operator's words.
import type { Command } from 'commander';
import type { AppContext } from '../../app-context.js';
import { createRouterOps, type RouterOps } from '../../router-ops-wiring.js';
import { msg } from '../../routeros/provision-messages.js';
import { versionAtLeast } from '../../routeros/values.js';
import { ServiceError } from '../../services/errors.js';
import type { ProvisionOutcome } from '../../services/routers/provisioning.js';
import type { HealthPoll } from '../../services/routers/router-health.js';
import type { JobRun } from '../../services/routers/router-jobs.js';
import type { RouterJob } from '../../services/routers/router-ops-ports.js';
import type { Router, RouterView } from '../../services/routers/router-record.js';
import type { CliContext } from '../context.js';
import { formatLocalTime } from '../format.js';
import { CliError } from '../io.js';
import { serviceAction } from '../service-errors.js';

const HEALTH: Record<string, string> = { unknown: 'belum diketahui', up: 'hidup', down: 'mati' };
const MARK: Record<string, string> = { add: '+', set: '~', remove: '-', fetch: '↓' };
const NOTE: Record<string, string> = { problem: '! masalah:', warning: '• perhatian:', info: '• ' };

const PROVISION_HELP = `
Yang disiapkan: klien RADIUS untuk hotspot (require-message-auth), /radius incoming port CoA, profil hotspot
(use-radius, accounting, login-by mac dan http-chap, login MAC), walled garden dan halaman login dari
WARGANET_PUBLIC_URL, satu profil pengguna per paket, dan batas uplink bila diatur. Yang tidak dibuat Warganet
(entri operator, skrip Mikhmon) tidak pernah diubah atau dihapus. Menjalankannya dua kali tidak mengubah apa pun.
Kode keluar 1 bila router tidak terjangkau, ada perubahan yang gagal, atau ada masalah yang harus dibereskan.`;

async function withOps<T>(
  ctx: CliContext,
  work: (ops: RouterOps, app: AppContext) => Promise<T>,
): Promise<T> {
  const app = await ctx.open();
  const ops = createRouterOps(app);
  try {
    return await work(ops, app);
  } finally {
    ops.close();
  }
}

export function registerRouterOps(router: Command, ctx: CliContext): void {
  router
    .command('provision')
    .description('menyiapkan router untuk Warganet (RADIUS, hotspot, walled garden, profil paket)')
    .argument('<nama>', 'nama router')
    .option('--dry-run', 'hanya menampilkan perbedaan; tidak mengubah router')
    .option('--json', 'keluaran JSON')
    .addHelpText('after', PROVISION_HELP)
    .action(
      serviceAction(async (name: string, opts: { dryRun?: boolean; json?: boolean }) => {
        const outcome = await withOps(ctx, (ops) =>
          ops.provisioning.provision(name, { dryRun: opts.dryRun === true }),
        );
        if (opts.json) ctx.printJson(provisionJson(outcome));
        else printProvision(ctx, outcome);
        const { report } = outcome;
        if (report.error) {
          throw new CliError(
            `berhenti setelah ${report.applied} dari ${report.changes.length} perubahan: ${report.error.message}; ` +
              'jalankan lagi untuk melanjutkan',
          );
        }
        if (report.notes.some((n) => n.level === 'problem')) {
          throw new CliError('router belum siap sepenuhnya: bereskan masalah di atas lalu jalankan lagi');
        }
      }),
    );

  router
    .command('sync')
    .description('mengirim sekarang pekerjaan yang tertunda untuk router (perubahan paket)')
    .argument('<nama>', 'nama router')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (name: string, opts: { json?: boolean }) => {
        const {
          router: routerName,
          runs,
          tz,
        } = await withOps(ctx, async (ops, app) => ({
          ...(await ops.runner.syncRouter(name)),
          tz: app.config.timeZone,
        }));
        if (opts.json) ctx.printJson({ router: routerName, runs: runs.map(runJson) });
        else if (runs.length === 0) ctx.print(`Tidak ada pekerjaan tertunda untuk router ${routerName}.`);
        else for (const r of runs) ctx.print(describeRun(r, tz));
        const undone = runs.filter((r) => r.outcome !== 'done').length;
        if (undone > 0) throw new CliError(`${undone} pekerjaan belum terkirim ke router ${routerName}`);
      }),
    );

  router
    .command('status')
    .description('memeriksa router sekarang: keadaan, versi, kontak terakhir, pekerjaan tertunda')
    .argument('<nama>', 'nama router')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (name: string, opts: { json?: boolean }) => {
        const result = await withOps(ctx, async (ops, app) => {
          const { routerJobs } = app.services;
          const found = await routerJobs.findRouter(name);
          if (!found) throw new ServiceError('not-found', `router ${name.trim()} tidak ada`, 'name');
          const poll = found.apiHost ? await ops.health.pollRouter(found) : undefined;
          const router = (await routerJobs.findRouterById(found.id)) ?? found;
          const jobs = await routerJobs.listForRouter(found.id, { includeDone: false, limit: 100 });
          return {
            router,
            poll,
            pending: await routerJobs.listPending(found.id),
            failed: jobs.filter((j) => j.state === 'failed'),
            tz: app.config.timeZone,
          };
        });
        const { router, poll, pending, failed, tz } = result;
        if (opts.json) {
          ctx.printJson({
            router: router.name,
            health: router.health,
            healthChangedAt: iso(router.healthChangedAt),
            rosVersion: router.rosVersion,
            board: router.board,
            lastContactAt: iso(router.lastContactAt),
            lastSyncAt: iso(router.lastSyncAt),
            reading: poll?.reading ?? null,
            error: poll?.error ?? null,
            closedSessions: poll?.closedSessions ?? 0,
            provisionedAt: iso(router.provisionedAt),
            pending: pending.map(jobJson),
            failed: failed.map(jobJson),
          });
        } else {
          printStatus(ctx, router, poll, pending, tz);
          printFailed(ctx, router.name, failed, tz);
        }
        if (router.apiHost && router.health !== 'up')
          throw new CliError(`router ${router.name} tidak terjangkau`);
      }),
    );

  router
    .command('jobs')
    .description('pekerjaan router (kirim paket): yang tertunda dan yang gagal, dengan galatnya')
    .argument('<nama>', 'nama router')
    .option('--retry [id]', 'coba lagi sekarang semua pekerjaan gagal, atau satu (ID)')
    .option('--all', 'tampilkan juga yang sudah selesai')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (name: string, opts: { retry?: string | true; all?: boolean; json?: boolean }) => {
        if (opts.retry !== undefined)
          return retry(ctx, name, opts.retry === true ? undefined : opts.retry, opts);
        const {
          router: routerName,
          jobs,
          tz,
        } = await withOps(ctx, async (ops, app) => ({
          ...(await ops.runner.listJobs(name, { includeDone: opts.all === true, limit: 100 })),
          tz: app.config.timeZone,
        }));
        if (opts.json) return ctx.printJson({ router: routerName, jobs: jobs.map(jobJson) });
        if (jobs.length === 0)
          return ctx.print(`Tidak ada pekerjaan tertunda atau gagal untuk router ${routerName}.`);
        ctx.print(`Pekerjaan router ${routerName}:`);
        for (const j of jobs) ctx.print(`  ${describeJob(j, tz)}`);
        if (jobs.some((j) => j.state === 'failed'))
          ctx.print(
            `Coba lagi yang gagal: warganet router retry ${routerName} (atau --retry ID untuk satu).`,
          );
      }),
    );

  router
    .command('retry')
    .description('mencoba lagi sekarang pekerjaan router yang gagal')
    .argument('<nama>', 'nama router')
    .argument('[id]', 'hanya pekerjaan ini (lihat warganet router jobs NAMA)')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (name: string, id: string | undefined, opts: { json?: boolean }) =>
        retry(ctx, name, id, opts),
      ),
    );
}

async function retry(ctx: CliContext, name: string, idText: string | undefined, opts: { json?: boolean }) {
  let id: number | undefined;
  if (idText !== undefined) {
    id = Number(idText.replace(/^#/, ''));
    if (!Number.isSafeInteger(id) || id < 1) throw new CliError(`ID pekerjaan tidak valid: ${idText}`);
  }
  const { router, requeued, runs, tz } = await withOps(ctx, async (ops, app) => ({
    ...(await ops.runner.retryFailed(name, id)),
    tz: app.config.timeZone,
  }));
  if (opts.json) ctx.printJson({ router, requeued, runs: runs.map(runJson) });
  else if (requeued === 0) ctx.print(`Tidak ada pekerjaan gagal untuk router ${router}.`);
  else for (const r of runs) ctx.print(describeRun(r, tz));
  const undone = runs.filter((r) => r.outcome !== 'done').length;
  if (undone > 0) throw new CliError(`${undone} pekerjaan belum terkirim ke router ${router}`);
}

const JOB_STATES: Record<string, string> = { pending: 'tertunda', failed: 'GAGAL', done: 'selesai' };

function describeJob(j: RouterJob, tz: string): string {
  const head = `#${j.id} ${j.kind} ${JOB_STATES[j.state] ?? j.state} — percobaan ${j.attempts}`;
  const when =
    j.state === 'pending'
      ? `, berikutnya ${formatLocalTime(j.nextTryAt, tz)}`
      : `, ${formatLocalTime(j.updatedAt, tz)}`;
  return `${head}${when}${j.lastError ? `; galat: ${j.lastError}` : ''}`;
}

function printFailed(ctx: CliContext, name: string, failed: readonly RouterJob[], tz: string): void {
  ctx.print(`  Pekerjaan gagal  : ${failed.length}`);
  for (const j of failed) ctx.print(`    ${describeJob(j, tz)}`);
  if (failed.length > 0) ctx.print(`    Coba lagi: warganet router retry ${name}`);
}

function printProvision(ctx: CliContext, outcome: ProvisionOutcome): void {
  const { report } = outcome;
  const head = `Router ${outcome.router} (RouterOS ${report.rosVersion || '?'})`;
  if (report.changes.length === 0) ctx.print(`${head}: sudah sesuai, tidak ada yang perlu diubah.`);
  else if (outcome.dryRun)
    ctx.print(`${head}: ${report.changes.length} perbedaan — uji coba, router tidak diubah.`);
  else ctx.print(`${head}: ${report.changes.length} perbedaan.`);
  report.changes.forEach((c, i) => {
    const failed = !outcome.dryRun && report.error && i === report.applied ? '  ← gagal' : '';
    ctx.print(`  ${MARK[c.action] ?? '*'} ${c.description}${failed}`);
  });
  if (report.notes.length > 0) {
    ctx.print('Catatan:');
    for (const n of report.notes) ctx.print(`  ${NOTE[n.level]} ${n.message}`);
  }
  if (!outcome.dryRun && !report.error && report.changes.length > 0) {
    ctx.print(`${report.applied} perubahan diterapkan.`);
  }
}

function provisionJson(o: ProvisionOutcome) {
  const r = o.report;
  return {
    router: o.router,
    dryRun: o.dryRun,
    rosVersion: r.rosVersion,
    changes: r.changes,
    notes: r.notes,
    applied: r.applied,
    error: r.error ? { kind: r.error.kind, message: r.error.message } : null,
  };
}

function printStatus(
  ctx: CliContext,
  router: Router,
  poll: HealthPoll | undefined,
  pending: readonly RouterJob[],
  tz: string,
): void {
  const at = (ms: number | null) => (ms === null ? 'belum pernah' : formatLocalTime(ms, tz));
  const since =
    router.healthChangedAt === null ? '' : ` sejak ${formatLocalTime(router.healthChangedAt, tz)}`;
  ctx.print(`Router ${router.name}`);
  if (!router.apiHost) ctx.print('  API belum diatur: router hanya dipakai sebagai klien RADIUS.');
  ctx.print(`  Keadaan          : ${HEALTH[router.health] ?? router.health}${since}`);
  if (poll?.error) ctx.print(`  Galat            : ${poll.error}`);
  const board = router.board ? `, ${router.board}` : '';
  ctx.print(`  RouterOS         : ${router.rosVersion ?? '?'}${board}`);
  // The agent's health poll reads the version too: an old router that must send Message-Authenticator has every
  // login dropped, and status is where an operator looks when logins time out.
  if (router.requireMessageAuth && router.rosVersion && !versionAtLeast(router.rosVersion, '7.15'))
    ctx.print(`  Perhatian        : ${msg.noMessageAuth(router.rosVersion, router.name)}`);
  ctx.print(`  Kontak terakhir  : ${at(router.lastContactAt)}`);
  ctx.print(`  Sinkron terakhir : ${at(router.lastSyncAt)}`);
  const r = poll?.reading;
  if (r) {
    const mem =
      r.freeMemory !== undefined && r.totalMemory !== undefined
        ? `, memori bebas ${mib(r.freeMemory)} dari ${mib(r.totalMemory)}`
        : '';
    ctx.print(`  Beban            : CPU ${r.cpuLoad ?? '?'}%${mem}, hidup ${uptime(r.uptimeSeconds)}`);
  }
  if (poll && poll.closedSessions > 0)
    ctx.print(`  Sesi ditutup     : ${poll.closedSessions} (tidak ada lagi di router)`);
  ctx.print(`  Pekerjaan tertunda: ${pending.length}`);
  for (const j of pending) {
    const error = j.lastError ? `; galat terakhir: ${j.lastError}` : '';
    ctx.print(
      `    #${j.id} ${j.kind} — percobaan ${j.attempts}, berikutnya ${formatLocalTime(j.nextTryAt, tz)}${error}`,
    );
  }
}

function describeRun(r: JobRun, tz: string): string {
  const what = `#${r.job.id} ${r.job.kind}`;
  if (r.outcome === 'done') return `✓ ${what}: ${r.detail}`;
  if (r.outcome === 'failed') return `✗ ${what} gagal: ${r.detail}`;
  const next = r.nextTryAt === undefined ? '' : ` (dicoba lagi ${formatLocalTime(r.nextTryAt, tz)})`;
  return `… ${what} belum terkirim: ${r.detail}${next}`;
}

function runJson(r: JobRun) {
  return {
    job: r.job.id,
    kind: r.job.kind,
    outcome: r.outcome,
    detail: r.detail,
    nextTryAt: iso(r.nextTryAt ?? null),
  };
}

function jobJson(j: RouterJob) {
  return {
    id: j.id,
    kind: j.kind,
    state: j.state,
    payload: JSON.parse(j.payload) as unknown,
    attempts: j.attempts,
    nextTryAt: iso(j.nextTryAt),
    lastError: j.lastError,
    updatedAt: iso(j.updatedAt),
  };
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1_048_576)} MiB`;
}

function uptime(seconds: number | undefined): string {
  if (seconds === undefined) return '?';
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d} hari ${h} jam` : h > 0 ? `${h} jam ${m} menit` : `${m} menit`;
}

/**
 * What router operations add to `router list`: the RouterOS version last seen and the pending jobs. Kept here so
 * that the list command only appends these columns (and JSON fields) to its own. Only routers with an API have
 * a version or jobs.
 */
export async function routerListExtras(app: AppContext) {
  const jobs = app.services.routerJobs;
  const pending = await jobs.countPending();
  const failed = await jobs.countFailed();
  return {
    headers: ['ROUTEROS', 'TERTUNDA', 'GAGAL'],
    cells: (r: RouterView) =>
      r.apiHost
        ? [r.rosVersion ?? '-', String(pending.get(r.id) ?? 0), failedCell(failed.get(r.id) ?? 0, r.name)]
        : ['-', '-', '-'],
    json: (r: RouterView) => ({
      rosVersion: r.apiHost ? r.rosVersion : null,
      pendingJobs: pending.get(r.id) ?? 0,
      failedJobs: failed.get(r.id) ?? 0,
      provisionedAt: iso(r.provisionedAt),
    }),
  };
}

/** A failed count points at the command that shows the errors. */
function failedCell(n: number, name: string): string {
  return n === 0 ? '0' : `${n} (warganet router jobs ${name})`;
}
