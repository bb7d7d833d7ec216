// `npm run demo`: the demo village (demo-village.ts) on a data directory of its own, until Ctrl+C. Prints where to
// sign in, and how long it took to be ready.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDemoVillage } from './demo-village.js';

const MARKER = '.warganet-demo';

/**
 * Where the village lives: WARGANET_DEMO_DIR (emptied first, but only when it is empty or a demo made it), else a
 * fresh folder in /dev/shm (RAM: the demo writes 90 days in seconds, and a disk's fsync per transaction would take
 * minutes) or the system's temporary folder, removed at the end.
 */
function dataDir(): { dir: string; temporary: boolean } {
  const chosen = process.env.WARGANET_DEMO_DIR;
  if (chosen) {
    const dir = resolve(chosen);
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      if (!existsSync(join(dir, MARKER)))
        throw new Error(
          `${dir} berisi berkas yang bukan dari demo; pilih folder lain untuk WARGANET_DEMO_DIR`,
        );
      rmSync(dir, { recursive: true, force: true });
    }
    return { dir, temporary: false };
  }
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return { dir: mkdtempSync(join(base, 'warganet-demo-')), temporary: true };
}

const started = performance.now();
const { dir, temporary } = dataDir();
mkdirSync(dir, { recursive: true, mode: 0o700 });
writeFileSync(join(dir, MARKER), 'made by npm run demo\n');
const log = (line: string) => console.log(`  ${line}`);
console.log(`Desa demo Warganet — data di ${dir}${temporary ? ' (dihapus saat berhenti)' : ''}`);
const village = await startDemoVillage({
  dataDir: dir,
  httpPort: Number(process.env.WARGANET_DEMO_PORT ?? 8080),
  residents: Number(process.env.WARGANET_DEMO_RESIDENTS ?? 3000),
  healthDays: Number(process.env.WARGANET_DEMO_HEALTH_DAYS ?? 30),
  progress: log,
}).catch((error: unknown) => {
  if (temporary) rmSync(dir, { recursive: true, force: true });
  console.error(`Demo tidak bisa dimulai: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\nSiap dalam ${seconds} detik. Buka ${village.url}/admin dan masuk sebagai:`);
for (const u of village.signIn)
  console.log(`  ${u.role.padEnd(9)} ${u.username.padEnd(14)} sandi: ${u.password}`);
console.log(`Laporan untuk perangkat desa: ${village.url}/reports`);
console.log(
  `Portal warga: ${village.url}/ — contoh warga terdaftar: ${village.sampleResident.name}, NIK ${village.sampleResident.nik}, PIN ${village.sampleResident.pin}`,
);
if (village.sampleVoucher)
  console.log(
    `Voucher tamu yang belum dipakai: ${village.sampleVoucher} (Admin → Voucher untuk mencetak kartu)`,
  );
console.log(
  `Langkah (ms, dan ms CPU): ${village.figures.steps.map(([s, ms, cpu]) => `${s} ${ms} (${cpu})`).join(', ')}`,
);
console.log('HP warga terus memakai Wi-Fi (accounting tiap 30 detik). Ctrl+C untuk berhenti.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nBerhenti…');
  await village.stop();
  if (temporary) rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
