// KK (Kartu Keluarga) number structure checks: pp RR SS ddmmyy ssss, where ddmmyy is the date the family was
// recorded (no +40). A KK number changes on moves, deaths and divorces, so it is checked only for shape, never
// used as a stable household key. Reasons never repeat the number.
import { maskNik, normalizeIdNumber, PROVINCE_CODES, resolveDdMmYy, shapeProblem } from './nik.js';

export type KkCheck = { ok: true; kk: string } | { ok: false; reason: string };

const KK_DATE_REASONS = {
  month: 'bulan pencatatan pada nomor KK tidak valid (harus 01–12)',
  day: 'tanggal pencatatan pada nomor KK tidak valid (harus 01–31)',
  calendar: 'tanggal pencatatan pada nomor KK tidak ada di kalender',
} as const;

export function checkKk(text: string, opts: { today: Date }): KkCheck {
  const kk = normalizeIdNumber(text);
  const shape = shapeProblem('nomor KK', kk);
  if (shape) return { ok: false, reason: shape };
  if (!PROVINCE_CODES.has(kk.slice(0, 2)))
    return { ok: false, reason: 'kode provinsi nomor KK tidak dikenal' };
  // The century rule (20yy unless that is after today) already keeps the date out of the future.
  const resolved = resolveDdMmYy(
    Number(kk.slice(6, 8)),
    Number(kk.slice(8, 10)),
    Number(kk.slice(10, 12)),
    opts.today,
  );
  if ('problem' in resolved) return { ok: false, reason: KK_DATE_REASONS[resolved.problem] };
  return { ok: true, kk };
}

/** Same display form as a NIK: `3523**********01`. */
export function maskKk(kk: string): string {
  return maskNik(kk);
}
