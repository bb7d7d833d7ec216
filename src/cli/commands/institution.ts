// `warganet institution add|list|show|set|remove` and `institution device add|remove`: public-service accounts
// (the school, the puskesmas, the balai desa kiosk) and their devices. Rules live in the institution service.
import type { Command } from 'commander';
import { dayOf } from '../../domain/quota-day.js';
import { formatSize } from '../../domain/units.js';
import type { InstitutionInput, InstitutionRecord } from '../../services/institutions/institutions.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../format.js';
import { serviceAction } from '../service-errors.js';

interface InstitutionOptions {
  kind?: string;
  dusun?: string;
  plan?: string;
  priority?: string;
  note?: string;
  disable?: boolean;
  enable?: boolean;
  json?: boolean;
}

function withOptions(cmd: Command, forAdd: boolean): Command {
  return cmd
    .option('--kind <jenis>', `jenis: sekolah, puskesmas, balai-desa, lainnya${forAdd ? ' (wajib)' : ''}`)
    .option('--dusun <nama>', 'dusun tempat lembaga')
    .option('--plan <nama>', 'paket lembaga ("none": paket bawaan)')
    .option('--priority <1-8>', 'prioritas antrean di router, 1 tertinggi ("none": prioritas paket)')
    .option('--note <teks>', 'catatan')
    .option('--json', 'keluaran JSON');
}

function inputOf(o: InstitutionOptions): InstitutionInput {
  return {
    kind: o.kind,
    dusun: o.dusun,
    plan: o.plan,
    priority: o.priority,
    note: o.note,
    disabled: o.disable ? true : o.enable ? false : undefined,
  };
}

const json = (i: InstitutionRecord) => ({
  id: i.id,
  name: i.name,
  kind: i.kind,
  dusun: i.dusun,
  plan: i.planName,
  priority: i.priority,
  note: i.note,
  disabled: i.disabledAt !== null,
  devices: i.devices.map((d) => ({ mac: d.mac, label: d.label })),
});

function describe(i: InstitutionRecord): string {
  return [
    `  jenis      ${i.kind}${i.dusun ? `, dusun ${i.dusun}` : ''}`,
    `  paket      ${i.planName ?? '(paket bawaan)'}${i.priority ? `, prioritas ${i.priority}` : ''}`,
    `  status     ${i.disabledAt === null ? 'aktif' : 'nonaktif'}`,
    `  perangkat  ${i.devices.length === 0 ? '-' : i.devices.map((d) => d.mac + (d.label ? ` (${d.label})` : '')).join(', ')}`,
  ].join('\n');
}

export function registerInstitution(program: Command, ctx: CliContext): void {
  const inst = program
    .command('institution')
    .description('lembaga (sekolah, puskesmas, balai desa): perangkat milik lembaga, bukan warga');

  withOptions(
    inst.command('add').description('menambah lembaga').argument('<nama>', 'nama lembaga'),
    true,
  ).action(
    serviceAction(async (name: string, opts: InstitutionOptions) => {
      const app = await ctx.open();
      const i = await app.services.institutions.add(name, inputOf(opts), 'cli');
      if (opts.json) return ctx.printJson(json(i));
      ctx.print(`Lembaga ${i.name} ditambahkan.`);
      ctx.print(describe(i));
      ctx.print(`Tambahkan perangkatnya: warganet institution device add "${i.name}" AA:BB:CC:DD:EE:FF`);
    }),
  );

  withOptions(
    inst
      .command('set')
      .description('mengubah lembaga; hanya yang disebut yang berubah')
      .argument('<nama>', 'nama lembaga')
      .option('--disable', 'nonaktifkan (perangkatnya ditolak)')
      .option('--enable', 'aktifkan lagi'),
    false,
  ).action(
    serviceAction(async (name: string, opts: InstitutionOptions) => {
      const app = await ctx.open();
      const i = await app.services.institutions.set(name, inputOf(opts), 'cli');
      if (opts.json) return ctx.printJson(json(i));
      ctx.print(`Lembaga ${i.name} diubah.`);
      ctx.print(describe(i));
    }),
  );

  inst
    .command('list')
    .description('daftar lembaga dengan pemakaian 30 hari terakhir')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (opts: { json?: boolean }) => {
        const app = await ctx.open();
        const list = await app.services.institutions.list();
        const to = dayOf(Date.now(), app.config.timeZone);
        const from = dayOf(Date.now() - 29 * 86_400_000, app.config.timeZone);
        const usage = await app.services.institutions.usage(from, to);
        if (opts.json)
          return ctx.printJson(
            list.map((i) => ({
              ...json(i),
              usage30d: {
                bytesDown: usage.get(i.id)?.bytesDown ?? 0,
                bytesUp: usage.get(i.id)?.bytesUp ?? 0,
                sessions: usage.get(i.id)?.sessions ?? 0,
              },
            })),
          );
        if (list.length === 0)
          return ctx.print(
            'Belum ada lembaga. Tambahkan dengan: warganet institution add NAMA --kind sekolah',
          );
        ctx.print(
          formatTable(
            ['NAMA', 'JENIS', 'DUSUN', 'PAKET', 'PRIORITAS', 'PERANGKAT', 'STATUS', 'UNDUH 30 HARI'],
            list.map((i) => [
              i.name,
              i.kind,
              i.dusun ?? '-',
              i.planName ?? '(bawaan)',
              i.priority === null ? '-' : String(i.priority),
              String(i.devices.length),
              i.disabledAt === null ? 'aktif' : 'nonaktif',
              formatSize(usage.get(i.id)?.bytesDown ?? 0),
            ]),
          ),
        );
      }),
    );

  inst
    .command('show')
    .description('rincian satu lembaga')
    .argument('<nama>', 'nama lembaga')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (name: string, opts: { json?: boolean }) => {
        const app = await ctx.open();
        const i = await app.services.institutions.get(name);
        if (opts.json) return ctx.printJson(json(i));
        ctx.print(i.name);
        ctx.print(describe(i));
      }),
    );

  inst
    .command('remove')
    .description('menghapus lembaga dan perangkatnya (pemakaiannya tetap di laporan)')
    .argument('<nama>', 'nama lembaga')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (name: string, opts: { json?: boolean }) => {
        const app = await ctx.open();
        const r = await app.services.institutions.remove(name, 'cli');
        if (opts.json) return ctx.printJson(r);
        ctx.print(`Lembaga ${r.name} dihapus bersama ${r.devices} perangkat.`);
      }),
    );

  const device = inst.command('device').description('perangkat lembaga (masuk lewat MAC)');
  device
    .command('add')
    .description('menambah perangkat ke lembaga')
    .argument('<lembaga>', 'nama lembaga')
    .argument('<mac>', 'alamat MAC, mis. AA:BB:CC:DD:EE:FF')
    .option('--label <teks>', 'nama perangkat, mis. "PC pendaftaran"')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (name: string, mac: string, opts: { label?: string; json?: boolean }) => {
        const app = await ctx.open();
        const r = await app.services.institutions.addDevice(name, mac, opts.label, 'cli');
        if (opts.json) return ctx.printJson(r);
        ctx.print(
          `Perangkat ${r.mac} ditambahkan ke ${r.institution}; ia masuk Wi-Fi lewat MAC tanpa portal.`,
        );
      }),
    );
  device
    .command('remove')
    .description('mencabut perangkat dari lembaganya')
    .argument('<mac>', 'alamat MAC')
    .option('--json', 'keluaran JSON')
    .action(
      serviceAction(async (mac: string, opts: { json?: boolean }) => {
        const app = await ctx.open();
        const r = await app.services.institutions.removeDevice(mac, 'cli');
        if (opts.json) return ctx.printJson(r);
        ctx.print(`Perangkat ${r.mac} dicabut dari ${r.institution}.`);
      }),
    );
}
