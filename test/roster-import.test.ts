import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createResidentStore } from '../db/stores/resident-store.js';
import { Keyring } from '../src/services/keyring.js';
import { createRosterImport } from '../src/services/residents/roster-import.js';
import {
  type Cell,
  KODE_DATA_SHEET,
  makeNik,
  makePerson,
  type Person,
  sheetRows,
  toCsv,
  toXlsx,
} from './fixtures/roster.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

interface ImportJson {
  added: number;
  updated: number;
  deactivated: number;
  warnings: { row: number; code: string; message: string }[];
  rejected: { row: number; reason: string }[];
}

describe.each(databaseKinds)('warganet residents import (%s)', (kind) => {
  const open: TestDatabase[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const setup = async () => {
    const t = await createTestDatabase(kind);
    open.push(t);
    const files = mkdtempSync(join(tmpdir(), 'warganet-roster-'));
    dirs.push(files);
    const write = (name: string, bytes: Buffer | string) => {
      const path = join(files, name);
      writeFileSync(path, bytes);
      return path;
    };
    const run = (...args: string[]) =>
      cli({ dataDir: t.dir, databaseUrl: t.url }, ['residents', 'import', ...args]);
    const runJson = async (...args: string[]) => {
      const r = await run(...args, '--json');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // The clerk-facing fields (names, masked NIKs, who was deactivated) are proved in
      // roster-import-report.test.ts; these tests check the counts and rows.
      const { warnings, rejected, added, updated, deactivated } = JSON.parse(r.stdout) as ImportJson;
      return {
        added,
        updated,
        deactivated,
        warnings: warnings.map(({ row, code, message }) => ({ row, code, message })),
        rejected: rejected.map(({ row, reason }) => ({ row, reason })),
      };
    };
    const residents = () => t.db.selectFrom('residents').selectAll().orderBy('id').execute();
    const batches = () => t.db.selectFrom('import_batches').selectAll().orderBy('id').execute();
    const keyring = await Keyring.fromHex(TEST_SECRET_KEY);
    const byNik = async (nik: string) => {
      const index = await keyring.blindIndex('nik', nik);
      return t.db.selectFrom('residents').selectAll().where('nik_index', '=', index).executeTakeFirst();
    };
    return { t, write, run, runJson, residents, batches, byNik };
  };

  const people = (n: number) => Array.from({ length: n }, (_, i) => makePerson(i));
  const csv = (rows: Cell[][]) => toCsv(rows, { delimiter: ';', bom: true, crlf: true });

  it('reports exact counts and every bad row by number and reason, and still imports the good rows', async () => {
    const s = await setup();
    const good = people(4);
    const rows: Person[] = [
      good[0]!, // row 2
      good[1]!, // row 3
      makePerson(10, { nik: `99${good[2]!.nik!.toString().slice(2)}` }), // row 4: unknown province
      makePerson(11, { no_kk: '3523120113100001' }), // row 5: KK month 13
      makePerson(12, { nama: '  ' }), // row 6: no name
      makePerson(13, { nik: String(good[0]!.nik) }), // row 7: same NIK as row 2
      makePerson(14, { status_dasar: 2 }), // row 8: died: stored, not active
      makePerson(15, { nik: makeNik('1980-03-04', 2, 15, '352313') }), // row 9: another kecamatan
      makePerson(16, { sex: 'PEREMPUAN' }), // row 10: NIK says man
    ];
    const json = await s.runJson(s.write('roster.csv', csv(sheetRows(rows))));
    expect(json).toEqual({
      added: 5,
      updated: 0,
      deactivated: 0,
      warnings: [
        { row: 9, code: 'outside-kecamatan', message: 'NIK pertama terdaftar di luar kecamatan desa ini' },
        {
          row: 10,
          code: 'sex-mismatch',
          message: 'jenis kelamin di kolom sex berbeda dengan yang tersirat di NIK',
        },
      ],
      rejected: [
        { row: 4, reason: 'kode provinsi NIK tidak dikenal' },
        { row: 5, reason: 'bulan pencatatan pada nomor KK tidak valid (harus 01–12)' },
        { row: 6, reason: 'nama kosong' },
        { row: 7, reason: 'NIK sama dengan baris 2' },
      ],
    });
    const stored = await s.residents();
    expect(stored).toHaveLength(5);
    expect(stored.filter((r) => r.active === 1)).toHaveLength(4);
    const died = await s.byNik(String(rows[6]!.nik));
    expect(died).toMatchObject({ active: 0, status_dasar: 2 });
    expect(died?.deactivated_at).not.toBeNull();
    const first = await s.byNik(String(good[0]!.nik));
    expect(first).toMatchObject({
      name: good[0]!.nama,
      active: 1,
      nik_masked: expect.stringMatching(/^3523\*{10}\d\d$/),
    });
    expect(await s.byNik(String(rows[8]!.nik))).toMatchObject({ warnings: '["sex-mismatch"]', sex: 2 });
    expect(await s.batches()).toMatchObject([
      { file_name: 'roster.csv', full: 1, added: 5, updated: 0, deactivated: 0, rejected: 4, warnings: 2 },
    ]);
  });

  it('prints the same summary for people: counts, warnings with row numbers, each rejected row', async () => {
    const s = await setup();
    const rows = [
      makePerson(0),
      makePerson(1, { nik: '123' }),
      makePerson(2, { nik: makeNik('1990-01-01', 1, 7, '330101') }),
    ];
    const r = await s.run(s.write('roster.csv', csv(sheetRows(rows))));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ditambahkan           : 2');
    expect(r.stdout).toContain('peringatan            : 1');
    expect(r.stdout).toContain('NIK pertama terdaftar di luar kecamatan desa ini (1): baris 4');
    expect(r.stdout).toContain('ditolak               : 1');
    expect(r.stdout).toContain(`baris 3: ${rows[1]!.nama} — NIK harus 16 digit (terbaca 3 digit)`);
  });

  it('reads the "Data Penduduk" sheet of an .xlsx: any header case, extra columns, stops at ###', async () => {
    const s = await setup();
    const group = people(3);
    const columns = [
      'Alamat',
      ' NIK ',
      'No_KK',
      'NAMA',
      'dusun',
      'rw',
      'rt',
      'sex',
      'tanggallahir',
      'status_dasar',
      'kolom_baru',
    ];
    const rows = sheetRows(
      group,
      columns.map((c) => c.trim().toLowerCase()),
    );
    rows[0] = columns;
    rows[1]![8] = new Date(`${group[0]!.tanggallahir}T00:00:00Z`); // a real date cell
    rows.push([null, '###', null]);
    rows.push(
      sheetRows(
        [makePerson(50)],
        columns.map((c) => c.trim().toLowerCase()),
      )[1]!,
    );
    const file = await toXlsx([{ name: 'Data Penduduk', rows }, KODE_DATA_SHEET]);
    expect(await s.runJson(s.write('roster.xlsx', file))).toEqual({
      added: 3,
      updated: 0,
      deactivated: 0,
      warnings: [],
      rejected: [],
    });
    expect(await s.byNik(String(makePerson(50).nik))).toBeUndefined();
    expect(await s.byNik(String(group[0]!.nik))).toMatchObject({ birth_date: group[0]!.tanggallahir });
    const dusun = (await s.residents()).map((r) => r.dusun);
    expect(dusun).toEqual(['KRAJAN', 'KRAJAN', 'KRAJAN']);
  });

  it('finds "Data Penduduk" by name when it is not the first sheet', async () => {
    const s = await setup();
    const file = await toXlsx([KODE_DATA_SHEET, { name: 'Data Penduduk', rows: sheetRows(people(2)) }]);
    expect(await s.runJson(s.write('roster.xlsx', file))).toMatchObject({ added: 2, rejected: [] });
  });

  it('reads semicolon CSV with BOM and CRLF and comma CSV with LF as the same roster', async () => {
    const s = await setup();
    const group = people(6).map((p, i) => (i === 0 ? { ...p, alamat: 'JL. MERDEKA, GG. 2; BLOK "A"' } : p));
    const semicolon = toCsv(sheetRows(group), { delimiter: ';', bom: true, crlf: true });
    const comma = toCsv(sheetRows(group), { delimiter: ',' });
    expect(semicolon.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(await s.runJson(s.write('a.csv', semicolon))).toMatchObject({
      added: 6,
      rejected: [],
      warnings: [],
    });
    expect(await s.runJson(s.write('b.csv', comma))).toEqual({
      added: 0,
      updated: 0,
      deactivated: 0,
      warnings: [],
      rejected: [],
    });
  });

  it('a second import of the same file adds, updates and deactivates nothing', async () => {
    const s = await setup();
    const file = s.write(
      'roster.xlsx',
      await toXlsx([{ name: 'Data Penduduk', rows: sheetRows(people(20)) }]),
    );
    expect(await s.runJson(file)).toMatchObject({ added: 20, updated: 0, deactivated: 0 });
    const before = await s.residents();
    expect(await s.runJson(file)).toMatchObject({ added: 0, updated: 0, deactivated: 0 });
    expect(await s.residents()).toEqual(before);
    expect(await s.batches()).toHaveLength(2);
  });

  it('a later full roster deactivates exactly the residents who left or moved, and welcomes back returners', async () => {
    const s = await setup();
    const group = people(8);
    await s.runJson(s.write('v1.csv', csv(sheetRows(group))));

    // Resident 2 left (missing), resident 5 moved (status_dasar 3), resident 6 changed name, one newcomer.
    const v2 = group.filter((_, i) => i !== 2);
    const moved = v2.findIndex((p) => p.nik === group[5]!.nik);
    v2[moved] = { ...v2[moved]!, status_dasar: 3 };
    const renamed = v2.findIndex((p) => p.nik === group[6]!.nik);
    v2[renamed] = { ...v2[renamed]!, nama: 'NAMA BARU' };
    v2.push(makePerson(30));
    // 2 of 8 is more than the 10 % guard: confirmed by its exact number.
    expect(await s.runJson(s.write('v2.csv', csv(sheetRows(v2))), '--confirm-deactivate', '2')).toMatchObject(
      {
        added: 1,
        updated: 1,
        deactivated: 2,
      },
    );
    const inactive = (await s.residents()).filter((r) => r.active === 0);
    expect(inactive.map((r) => r.name).sort()).toEqual([group[2]!.nama, group[5]!.nama].sort());
    expect(inactive.every((r) => r.deactivated_at !== null)).toBe(true);

    // The one who left comes back: active again, counted as updated; a partial import deactivates no one.
    expect(await s.runJson(s.write('v3.csv', csv(sheetRows([group[2]!]))), '--partial')).toEqual({
      added: 0,
      updated: 1,
      deactivated: 0,
      warnings: [],
      rejected: [],
    });
    expect(await s.byNik(String(group[2]!.nik))).toMatchObject({ active: 1, deactivated_at: null });
    expect((await s.batches()).map((b) => b.full)).toEqual([1, 1, 0]);
  });

  it('an import that fails half-way writes nothing: no resident, no batch', async () => {
    const s = await setup();
    const group = people(6);
    await s.runJson(s.write('v1.csv', csv(sheetRows(group))));
    const before = { residents: await s.residents(), batches: await s.batches() };
    const real = createResidentStore(s.t.db, { maxParams: 40 }); // two rows per statement: many writes before the crash
    const roster = createRosterImport({
      store: {
        ...real,
        transaction: (work) =>
          real.transaction((tx) =>
            work({
              ...tx,
              deactivateResidents: async () => {
                throw new Error('listrik padam');
              },
            }),
          ),
      },
      keyring: await Keyring.fromHex(TEST_SECRET_KEY),
      now: Date.now,
      villageCode: '35.23.12.2002',
      timeZone: 'Asia/Jakarta',
    });
    const v2 = [
      ...group.slice(1).map((p) => ({ ...p, nama: `${p.nama} BARU` })),
      makePerson(50),
      makePerson(51),
    ];
    await expect(
      roster.importRoster({ fileName: 'v2.csv', bytes: csv(sheetRows(v2)), confirmDeactivate: 1 }),
    ).rejects.toThrow('listrik padam');
    expect({ residents: await s.residents(), batches: await s.batches() }).toEqual(before);
  });

  it('a rejected row with a valid NIK does not deactivate that resident', async () => {
    const s = await setup();
    const group = people(3);
    await s.runJson(s.write('v1.csv', csv(sheetRows(group))));
    const v2 = [group[0]!, { ...group[1]!, no_kk: '123' }, group[2]!];
    expect(await s.runJson(s.write('v2.csv', csv(sheetRows(v2))))).toMatchObject({
      deactivated: 0,
      rejected: [{ row: 3, reason: 'nomor KK harus 16 digit (terbaca 3 digit)' }],
    });
    expect(await s.byNik(String(group[1]!.nik))).toMatchObject({ active: 1 });
  });

  it('--dry-run prints the same summary and writes nothing', async () => {
    const s = await setup();
    const group = people(5);
    await s.runJson(s.write('v1.csv', csv(sheetRows(group))));
    const before = { residents: await s.residents(), batches: await s.batches() };
    const v2 = [...group.slice(1), makePerson(40), makePerson(41, { nik: '1' })];
    const file = s.write('v2.csv', csv(sheetRows(v2)));
    const dry = await s.runJson(file, '--dry-run');
    expect(dry).toMatchObject({ added: 1, updated: 0, deactivated: 1, rejected: [{ row: 7 }] });
    expect({ residents: await s.residents(), batches: await s.batches() }).toEqual(before);
    const human = await s.run(file, '--dry-run');
    expect(human.stdout).toContain('Uji coba: tidak ada yang disimpan.');
    expect(await s.runJson(file, '--confirm-deactivate', '1')).toEqual(dry);
  });

  it('a file that is not a roster changes nothing and exits 1 with the reason', async () => {
    const s = await setup();
    await s.runJson(s.write('v1.csv', csv(sheetRows(people(4)))));
    const before = { residents: await s.residents(), batches: await s.batches() };
    const cases: [string, Buffer | string, string][] = [
      ['no-nik.csv', 'nama;dusun;rw;rt\nSITI;KRAJAN;001;002\n', 'kolom "nik" tidak ada'],
      [
        'kode.xlsx',
        await toXlsx([KODE_DATA_SHEET]),
        'kolom "nik" tidak ada di baris judul di lembar "Kode Data"',
      ],
      [
        'foto.png',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        'bukan berkas .xlsx atau .csv',
      ],
      [
        'lama.xls',
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
        '.xls (Excel 97–2003) tidak didukung',
      ],
      ['kosong.csv', '', 'berkas kosong'],
      ['judul.csv', toCsv(sheetRows([]), { delimiter: ';' }), 'tidak ada baris data penduduk'],
      ['rusak.xlsx', Buffer.from('PK\x03\x04garbage'), 'berkas .xlsx rusak'],
      [
        'kurang.csv',
        'nik;nama\n3523120101900001;SITI\n',
        'kolom wajib tidak ada: no_kk, dusun, rw, rt, status_dasar',
      ],
      [
        'semua-salah.csv',
        csv(sheetRows([makePerson(1, { nik: '1' })])),
        'tidak ada satu pun baris yang bisa dipakai',
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const r = await s.run(s.write(name, bytes));
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toContain(message);
      expect(r.stderr, name).not.toContain('    at ');
      expect(r.stdout, name).toBe('');
    }
    expect((await s.run(join(s.t.dir, 'tidak-ada.csv'))).stderr).toContain('berkas tidak ditemukan');
    expect({ residents: await s.residents(), batches: await s.batches() }).toEqual(before);
  });
});

describe('warganet residents import --help', () => {
  it('documents the exact --json shape', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warganet-help-'));
    try {
      const r = await cli({ dataDir: dir }, ['residents', 'import', '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(
        '"warnings": [ { "row": number, "code": string, "message": string, "name": string, "nikMasked": string } ]',
      );
      expect(r.stdout).toContain(
        '"rejected": [ { "row": number, "reason": string, "name": string, "nikMasked": string } ]',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing file argument is an error, not a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warganet-help-'));
    try {
      const r = await cli({ dataDir: dir }, ['residents', 'import']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('warganet: argumen wajib belum diisi: file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
