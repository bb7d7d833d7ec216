import { describe, expect, it } from 'vitest';
import { readRosterFile } from '../src/services/residents/roster-file.js';
import { villageToday } from '../src/services/residents/roster-import.js';
import {
  normalizeDusun,
  parseKkLevel,
  parseRosterDate,
  parseRosterRow,
  parseSex,
  parseStatusDasar,
} from '../src/services/residents/roster-row.js';
import { makePerson, sheetRows, toCsv, toXlsx } from './fixtures/roster.js';

const today = new Date('2026-06-15T00:00:00Z');

describe('OpenSID value normalisation', () => {
  it('reads birth dates as Excel serials, Date cells, dd-mm-YYYY, dd/mm/YYYY and YYYY-MM-DD', () => {
    expect(parseRosterDate('32874', today)).toBe('1990-01-01');
    expect(parseRosterDate('32874.5', today)).toBe('1990-01-01');
    expect(parseRosterDate(new Date('1990-01-01T00:00:00Z'), today)).toBe('1990-01-01');
    expect(parseRosterDate('05-01-1990', today)).toBe('1990-01-05');
    expect(parseRosterDate('05/01/1990', today)).toBe('1990-01-05');
    expect(parseRosterDate('1990-01-05', today)).toBe('1990-01-05');
    expect(parseRosterDate('1990-01-05 00:00:00', today)).toBe('1990-01-05');
  });

  it('refuses dates that do not exist, lie in the future, or are not dates', () => {
    for (const bad of ['31/02/1990', '2026-06-16', '1899-12-31', '1', 'kemarin', '13/13/1990']) {
      expect(parseRosterDate(bad, today), bad).toBeUndefined();
    }
  });

  it('accepts every sex spelling OpenSID does', () => {
    for (const m of ['1', 'L', 'lk', 'LAKI-LAKI', 'Laki laki']) expect(parseSex(m), m).toBe(1);
    for (const f of ['2', 'P', 'Pr', 'PEREMPUAN', 'perempuan']) expect(parseSex(f), f).toBe(2);
    expect(parseSex('X')).toBeUndefined();
  });

  it('normalises dusun as OpenSID does', () => {
    expect(normalizeDusun('dusun_krajan')).toBe('KRAJAN');
    expect(normalizeDusun(' Dusun  Soco ')).toBe('SOCO');
    expect(normalizeDusun('tegal_rejo')).toBe('TEGAL REJO');
    expect(normalizeDusun('')).toBe('-');
  });

  it('reads status_dasar and kk_level as codes or labels', () => {
    expect(parseStatusDasar('1')).toBe(1);
    expect(parseStatusDasar('pindah')).toBe(3);
    expect(parseStatusDasar('TIDAK VALID')).toBe(9);
    expect(parseStatusDasar('5')).toBeUndefined();
    expect(parseKkLevel('1')).toBe(1);
    expect(parseKkLevel('Kepala Keluarga')).toBe(1);
    expect(parseKkLevel('FAMILI LAIN')).toBe(9);
    expect(parseKkLevel('12')).toBeUndefined();
  });

  it('strips every non-digit from NIK and KK, as OpenSID does for Disdukcapil files', () => {
    const p = makePerson(0);
    const cells = new Map(
      Object.entries({ ...p, nik: `'${p.nik}\u200b`, no_kk: ` ${p.no_kk}\u00a0` }).map(([k, v]) => [
        k as never,
        v === null ? null : String(v),
      ]),
    );
    const outcome = parseRosterRow({ row: 2, cells }, { today, villageCode: '35.23.12.2002' });
    expect(outcome).toMatchObject({ ok: true, entry: { nik: p.nik, kk: p.no_kk } });
  });

  it('takes today in the village time zone', () => {
    // 2026-06-14 20:00 UTC is already 15 June in Jakarta.
    expect(villageToday(Date.UTC(2026, 5, 14, 20), 'Asia/Jakarta').toISOString()).toBe(
      '2026-06-15T00:00:00.000Z',
    );
  });
});

describe('readRosterFile', () => {
  it('keeps spreadsheet row numbers across blank rows and stops at ### in a CSV too', async () => {
    const rows = sheetRows([makePerson(0), makePerson(1), makePerson(2)]);
    rows.splice(
      2,
      0,
      rows[0]!.map(() => null),
    );
    rows.push(['x', '###'], sheetRows([makePerson(3)])[1]!);
    const result = await readRosterFile(toCsv(rows, { delimiter: ',' }));
    expect(result.ok && result.table.records.map((r) => r.row)).toEqual([2, 4, 5]);
  });

  it('reads a NIK stored as a number cell without rounding it', async () => {
    const p = makePerson(0);
    const rows = sheetRows([p]);
    const nikAt = rows[0]!.indexOf('nik');
    rows[1]![nikAt] = Number(p.nik);
    const result = await readRosterFile(await toXlsx([{ name: 'Data Penduduk', rows }]));
    expect(result.ok && result.table.records[0]!.cells.get('nik')).toBe(p.nik);
  });

  it('reads a Windows-1252 CSV that is not valid UTF-8', async () => {
    const text =
      'nik;no_kk;nama;dusun;rw;rt;status_dasar\n3523120101900001;3523120101100001;JOS\xc9;KRAJAN;1;1;1\n';
    const result = await readRosterFile(Uint8Array.from(text, (c) => c.charCodeAt(0)));
    expect(result.ok && result.table.records[0]!.cells.get('nama')).toBe('JOSÉ');
  });
});
