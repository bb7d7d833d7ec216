// `warganet router set|remove`: changing a router's settings (every option of `router add`; only what is named
// changes) and removing a router (refused while it has live sessions, unless --force).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { printableCell as cell } from '../format.js';
import { type RouterOptions, readRouterInput } from '../router-input.js';
import { serviceAction } from '../service-errors.js';

const SET_HELP = `
Hanya pengaturan yang disebut yang berubah. --api-host "" melepas router dari pengelolaan API (pengaturan API
dihapus); --dusun "" mengosongkan dusun. Rahasia dan sandi seperti pada "router add" (stdin atau variabel
lingkungan), tidak pernah ditampilkan.`;

export function registerRouterSet(router: Command, ctx: CliContext): void {
  router
    .command('set')
    .description('mengubah pengaturan router')
    .argument('<nama>', 'nama router (huruf besar/kecil sama)')
    .option('--nas-ip <ip>', 'alamat IP sumber paket RADIUS router (IPv4/IPv6)')
    .option('--secret <rahasia>', 'rahasia RADIUS bersama; "-" membaca satu baris dari stdin')
    .option('--secret-env <VAR>', 'ambil rahasia RADIUS dari variabel lingkungan VAR')
    .option('--api-host <host>', 'alamat API RouterOS (IP atau nama host); "" melepas pengelolaan API')
    .option('--api-port <port>', 'port API (bawaan 8728, atau 8729 dengan --api-tls)')
    .option('--api-user <nama>', 'pengguna API RouterOS')
    .option('--api-password <sandi>', 'sandi API; "-" membaca satu baris dari stdin')
    .option('--api-password-env <VAR>', 'ambil sandi API dari variabel lingkungan VAR')
    .option('--api-tls', 'API lewat TLS (api-ssl)')
    .option('--no-api-tls', 'API tanpa TLS')
    .option('--hotspot-server <nama>', 'nama server hotspot di router')
    .option('--hotspot-profile <nama>', 'nama profil server hotspot di router')
    .option(
      '--hotspot-address <host[:port]>',
      'alamat halaman login hotspot (dns-name atau hotspot-address); portal hanya mengirim login ke sini',
    )
    .option('--dusun <dusun>', 'dusun tempat router berada')
    .option('--require-message-auth', 'mewajibkan Message-Authenticator (RouterOS ≥ 7.15)')
    .option('--no-require-message-auth', 'untuk RouterOS < 7.15: tidak mewajibkan Message-Authenticator')
    .option('--json', 'keluaran JSON')
    .addHelpText('after', SET_HELP)
    .action(
      serviceAction(async (name: string, opts: RouterOptions) => {
        const input = await readRouterInput(ctx, opts);
        const app = await ctx.open();
        const r = await app.services.routers.set(name, input, 'cli');
        if (opts.json) {
          const { id, name: n, nasIp, requireMessageAuth, apiHost, apiPort, apiTls, apiUser } = r;
          return ctx.printJson({
            id,
            name: n,
            nas_ip: nasIp,
            require_message_auth: requireMessageAuth,
            api_host: apiHost,
            api_port: apiPort,
            api_tls: apiTls,
            api_user: apiUser,
            hotspot_server: r.hotspotServer,
            hotspot_profile: r.hotspotProfile,
            hotspot_address: r.hotspotAddress,
            dusun: r.dusun,
          });
        }
        const api = r.apiHost ? `${r.apiHost}:${r.apiPort}${r.apiTls ? ' (TLS)' : ''}` : '-';
        ctx.print(`Router ${cell(r.name)} diubah (NAS ${r.nasIp}, API ${cell(api)}).`);
        ctx.print(
          r.requireMessageAuth
            ? 'Message-Authenticator diwajibkan.'
            : 'Catatan: Message-Authenticator tidak diwajibkan; aktifkan lagi setelah RouterOS ≥ 7.15.',
        );
        ctx.print('Jalankan "warganet router provision" agar router mengikuti pengaturan baru.');
      }),
    );

  router
    .command('remove')
    .description('menghapus router (ditolak selama ada sesi aktif, kecuali --force)')
    .argument('<nama>', 'nama router (huruf besar/kecil sama)')
    .option('--force', 'hapus walau masih ada sesi aktif')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (name: string, opts: { force?: boolean; json?: boolean }) => {
        const app = await ctx.open();
        const r = await app.services.routers.remove(name, { force: opts.force }, 'cli');
        if (opts.json) return ctx.printJson(r);
        ctx.print(`Router ${cell(r.name)} dihapus.`);
        if (r.activeSessions > 0) {
          ctx.print(
            `Catatan: ${r.activeSessions} sesi aktif ditinggalkan; router tidak lagi dijawab oleh RADIUS.`,
          );
        }
      }),
    );
}
