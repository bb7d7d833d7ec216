// `warganet router add|list`: the MikroTik routers the village runs. Secrets can come from stdin or an
// environment variable so they stay out of shell history; they are never printed.
import type { Command } from 'commander';
import type { RouterView } from '../../services/routers/router-record.js';
import type { CliContext } from '../context.js';
import { formatLocalTime, formatTable } from '../format.js';
import { CliError } from '../io.js';
import { type RouterOptions, readRouterInput } from '../router-input.js';
import { serviceAction } from '../service-errors.js';
import { registerRouterOps, routerListExtras } from './router-ops.js';
import { registerRouterSet } from './router-set.js';

type RouterAddOptions = RouterOptions & { nasIp: string; requireMessageAuth: boolean };

const ADD_HELP = `
Rahasia RADIUS dan sandi API tidak pernah ditampilkan dan disimpan terenkripsi. Agar tidak tercatat di riwayat
shell, berikan lewat stdin atau variabel lingkungan:
  printf '%s\\n' "$RAHASIA" | warganet router add balai --nas-ip 10.0.0.2 --secret -
  RADIUS_SECRET=… warganet router add balai --nas-ip 10.0.0.2 --secret-env RADIUS_SECRET
Hanya satu opsi yang boleh membaca stdin (-).`;

const HEALTH_LABELS: Record<string, string> = { unknown: 'belum diketahui', up: 'hidup', down: 'mati' };

export function registerRouter(program: Command, ctx: CliContext): void {
  const router = program.command('router').description('router MikroTik (klien RADIUS dan API RouterOS)');

  router
    .command('add')
    .description('menambah router')
    .argument('<nama>', 'nama router, mis. balai-desa')
    .requiredOption('--nas-ip <ip>', 'alamat IP sumber paket RADIUS router (IPv4/IPv6)')
    .option('--secret <rahasia>', 'rahasia RADIUS bersama; "-" membaca satu baris dari stdin')
    .option('--secret-env <VAR>', 'ambil rahasia RADIUS dari variabel lingkungan VAR')
    .option('--api-host <host>', 'alamat API RouterOS (IP atau nama host)')
    .option('--api-port <port>', 'port API (bawaan 8728, atau 8729 dengan --api-tls)')
    .option('--api-user <nama>', 'pengguna API RouterOS')
    .option('--api-password <sandi>', 'sandi API; "-" membaca satu baris dari stdin')
    .option('--api-password-env <VAR>', 'ambil sandi API dari variabel lingkungan VAR')
    .option('--api-tls', 'API lewat TLS (api-ssl)')
    .option('--hotspot-server <nama>', 'nama server hotspot di router')
    .option('--hotspot-profile <nama>', 'nama profil server hotspot di router')
    .option(
      '--hotspot-address <host[:port]>',
      'alamat halaman login hotspot (dns-name atau hotspot-address); portal hanya mengirim login ke sini',
    )
    .option('--dusun <dusun>', 'dusun tempat router berada')
    .option('--no-require-message-auth', 'untuk RouterOS < 7.15: tidak mewajibkan Message-Authenticator')
    .option('--json', 'keluaran JSON')
    .addHelpText('after', ADD_HELP)
    .action(
      serviceAction(async (name: string, opts: RouterAddOptions) => {
        const input = await readRouterInput(ctx, opts);
        if (input.secret === undefined) {
          throw new CliError('rahasia RADIUS wajib: --secret -, --secret-env VAR, atau --secret RAHASIA');
        }
        const app = await ctx.open();
        const added = await app.services.routers.add(
          name,
          { ...input, nasIp: opts.nasIp, secret: input.secret },
          'cli',
        );
        if (opts.json) return ctx.printJson(routerJson(added));
        ctx.print(`Router ${added.name} ditambahkan (NAS ${added.nasIp}, API ${api(added)}).`);
        if (!added.requireMessageAuth) {
          ctx.print(
            'Catatan: Message-Authenticator tidak diwajibkan; aktifkan lagi setelah RouterOS ≥ 7.15.',
          );
        }
      }),
    );

  router
    .command('list')
    .description('daftar router')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (opts: { json?: boolean }) => {
        const app = await ctx.open();
        const routers = await app.services.routers.list();
        const ops = await routerListExtras(app); // router-ops.ts: RouterOS version, pending jobs
        if (opts.json) return ctx.printJson(routers.map((r) => ({ ...routerJson(r), ...ops.json(r) })));
        if (routers.length === 0) {
          return ctx.print(
            'Belum ada router. Tambahkan dengan: warganet router add NAMA --nas-ip IP --secret -',
          );
        }
        const tz = app.config.timeZone;
        ctx.print(
          formatTable(
            ['NAMA', 'NAS IP', 'API', 'TLS', 'KESEHATAN', 'KONTAK TERAKHIR', ...ops.headers],
            routers.map((r) => [
              r.name,
              r.nasIp,
              api(r),
              r.apiHost ? (r.apiTls ? 'ya' : 'tidak') : '-',
              HEALTH_LABELS[r.health] ?? r.health,
              r.lastContactAt === null ? 'belum pernah' : formatLocalTime(r.lastContactAt, tz),
              ...ops.cells(r),
            ]),
          ),
        );
      }),
    );

  registerRouterSet(router, ctx); // router-set.ts: set, remove
  registerRouterOps(router, ctx); // router-ops.ts: provision, sync, status
}

function api(r: RouterView): string {
  if (!r.apiHost) return '-';
  const host = r.apiHost.includes(':') ? `[${r.apiHost}]` : r.apiHost;
  return `${host}:${r.apiPort}`;
}

/** `--json` keeps the column names scripts have always read (the router's own fields, as in the table). */
function routerJson(r: RouterView) {
  return {
    id: r.id,
    name: r.name,
    nas_ip: r.nasIp,
    require_message_auth: r.requireMessageAuth,
    api_host: r.apiHost,
    api_port: r.apiPort,
    api_tls: r.apiTls,
    api_user: r.apiUser,
    hotspot_server: r.hotspotServer,
    hotspot_profile: r.hotspotProfile,
    hotspot_address: r.hotspotAddress,
    dusun: r.dusun,
    health: r.health,
    last_contact_at: r.lastContactAt,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}
