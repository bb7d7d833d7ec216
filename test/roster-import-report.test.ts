// The roster import's safety guard and its report for the village clerk, through the CLI's front door.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePerson, sheetRows, toCsv } from './fixtures/roster.js';
import { cli } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

const csv = (people: ReturnType<typeof makePerson>[]) =>
  toCsv(sheetRows(people), { delimiter: ';', bom: true, crlf: true });

describe.each(databaseKinds)('residents import: guard and clerk report (%s)', (kind) => {
  let t: TestDatabase;
  let files: string;
  const roster = Array.from({ length: 3000 }, (_, i) => makePerson(i));
  const write = (name: string, bytes: Buffer | string) => {
    const path = join(files, name);
    writeFileSync(path, bytes);
    return path;
  };
  const run = (...args: string[]) =>
    cli({ dataDir: t.dir, databaseUrl: t.url }, ['residents', 'import', ...args]);
  /** Every row of every table an import touches, in a stable order. */
  const snapshot = async () => ({
    residents: await t.db.selectFrom('residents').selectAll().orderBy('id').execute(),
    batches: await t.db.selectFrom('import_batches').selectAll().orderBy('id').execute(),
    accounts: await t.db.selectFrom('accounts').selectAll().orderBy('id').execute(),
  });
  const sqliteBytes = () =>
    kind === 'sqlite'
      ? createHash('sha256')
          .update(readFileSync(join(t.dir, 'warganet.db')))
          .digest('hex')
      : null;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    files = mkdtempSync(join(tmpdir(), 'warganet-guard-'));
    const first = await run(write('penuh.csv', csv(roster)), '--json');
    expect(first.code).toBe(0);
    // Residents 0 and 1 have Wi-Fi accounts; resident 1's is suspended, so only resident 0 "had Wi-Fi".
    const ids = await t.db.selectFrom('residents').select('id').orderBy('id').limit(2).execute();
    const now = Date.now();
    await t.db
      .insertInto('accounts')
      .values([
        { resident_id: ids[0]!.id, status: 'active', created_at: now, updated_at: now },
        { resident_id: ids[1]!.id, status: 'suspended', created_at: now, updated_at: now },
      ])
      .execute();
  }, 120_000);
  afterAll(async () => {
    await t.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('refuses a 2-row full import against 3,000 residents, says why, and changes nothing at all', async () => {
    const before = await snapshot();
    const beforeBytes = sqliteBytes();
    const file = write('dua-baris.csv', csv([roster[2]!, roster[3]!]));
    const r = await run(file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('impor penuh ini akan menonaktifkan 2998 dari 3000 penduduk aktif');
    expect(r.stderr).toContain('ekspor sebagian');
    expect(r.stderr).toContain('--confirm-deactivate 2998');
    expect(r.stdout).toContain('Impor DIBATALKAN');
    expect(r.stdout).toContain('Tidak ada yang disimpan.');
    // A wrong number is refused too: the operator must name exactly what will happen.
    const wrong = await run(file, '--confirm-deactivate', '3000');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('--confirm-deactivate 3000 tidak cocok');
    expect(wrong.stderr).toContain('akan menonaktifkan 2998 penduduk');
    expect(await snapshot()).toEqual(before);
    expect(sqliteBytes()).toBe(beforeBytes);
    expect(before.batches).toHaveLength(1);
  });

  it('a dry run names the number a real import must confirm, and writes nothing', async () => {
    const before = await snapshot();
    const r = await run(write('dua-baris.csv', csv([roster[2]!, roster[3]!])), '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('impor sungguhan perlu --confirm-deactivate 2998');
    expect(await snapshot()).toEqual(before);
  });

  it('a small import below the guard goes through without confirmation', async () => {
    // One resident missing of 3,000 (0.03 %): ordinary roster churn.
    const r = await run(write('hampir-penuh.csv', csv(roster.slice(0, 2999))), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      deactivated: 1,
      deactivatedResidents: [{ name: roster[2999]!.nama, why: 'missing', hadWifi: false }],
    });
  });

  it('with the exact number confirmed, deactivates them and names who lost Wi-Fi', async () => {
    const r = await run(
      write('dua-baris.csv', csv([roster[2]!, roster[3]!])),
      '--confirm-deactivate',
      '2997',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dinonaktifkan         : 2997');
    expect(r.stdout).toMatch(
      new RegExp(
        `${roster[0]!.nama} \\(3523\\*+\\d\\d, dusun KRAJAN\\) — tidak ada di berkas; punya Wi-Fi: ya`,
      ),
    );
    expect(r.stdout).toContain(`${roster[1]!.nama} (`);
    expect(r.stdout).toMatch(/… dan 2967 lagi \(semuanya ada di berkas --report\)/);
    const active = await t.db.selectFrom('residents').select('name').where('active', '=', 1).execute();
    expect(active.map((a) => a.name).sort()).toEqual([roster[2]!.nama, roster[3]!.nama].sort());
  });
});

describe.each(databaseKinds)('residents import: rows a clerk hands back (%s)', (kind) => {
  let t: TestDatabase;
  let files: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    files = mkdtempSync(join(tmpdir(), 'warganet-report-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(files, { recursive: true, force: true });
  });
  const run = (...args: string[]) =>
    cli({ dataDir: t.dir, databaseUrl: t.url }, ['residents', 'import', ...args]);

  const people = [
    makePerson(0),
    makePerson(1, { nik: `3523O${String(makePerson(1).nik).slice(5)}` }), // row 3: letter O for zero
    makePerson(2, { nama: 'DEWI LESTARI 2', status_dasar: 2 }), // row 4: died
    makePerson(3, { sex: 'LAKI-LAKI' }), // row 5: warning, NIK says woman
    makePerson(4, { nama: '=HYPERLINK("x")', nik: '12' }), // row 6: rejected, a name that looks like a formula
  ];

  it('prints a plain summary and writes the problem rows to .xlsx and .csv with masked NIKs only', async () => {
    const src = join(files, 'roster.csv');
    writeFileSync(src, csv(people));
    const xlsx = join(files, 'masalah.xlsx');
    const csvOut = join(files, 'masalah.csv');
    const r = await run(src, '--report', xlsx);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const line of [
      'baris dibaca          : 5',
      'ditambahkan           : 3',
      'tidak aktif di data   : 1',
      'dinonaktifkan         : 0',
      'ditolak               : 2',
      'peringatan            : 1',
      'jenis kelamin di kolom sex berbeda dengan yang tersirat di NIK (1): baris 5',
      `baris 3: ${people[1]!.nama} — NIK berisi huruf`,
      'Laporan 3 baris bermasalah ditulis ke',
    ])
      expect(r.stdout).toContain(line);

    const [first] = (await readXlsxFile(readFileSync(xlsx))) as unknown as {
      sheet: string;
      data: unknown[][];
    }[];
    expect(first!.sheet).toBe('Masalah impor');
    const sheet = first!.data;
    expect(sheet[0]).toEqual(['baris', 'nama', 'nik (disamarkan)', 'jenis', 'keterangan']);
    expect(sheet.slice(1)).toEqual([
      [3, people[1]!.nama, expect.stringMatching(/^3523\*{10}\d\d$/), 'ditolak', 'NIK berisi huruf'],
      [5, people[3]!.nama, expect.stringMatching(/^3523\*{10}\d\d$/), 'peringatan', expect.any(String)],
      [6, '=HYPERLINK("x")', '**', 'ditolak', expect.stringContaining('NIK harus 16 digit')],
    ]);

    // The same rows as CSV; with --json the note goes to stderr and stdout stays one JSON object.
    const again = await run(src, '--dry-run', '--json', '--report', csvOut);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Laporan 3 baris bermasalah');
    expect(JSON.parse(again.stdout).rejected[0]).toMatchObject({ row: 3, reason: 'NIK berisi huruf' });
    const text = readFileSync(csvOut, 'utf8');
    expect(text.startsWith('\ufeffbaris;nama;nik (disamarkan);jenis;keterangan\r\n')).toBe(true);
    expect(text).toContain(`6;"'=HYPERLINK(""x"")";**;ditolak;`);
    for (const p of people) expect(`${text}${r.stdout}`).not.toContain(String(p.nik));
  });

  it('refuses a report name that is neither .xlsx nor .csv before reading anything', async () => {
    const r = await run(join(files, 'tidak-ada.csv'), '--report', join(files, 'laporan.pdf'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--report: nama berkas harus berakhiran .xlsx atau .csv');
  });
});
