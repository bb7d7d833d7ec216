// No NIK or KK number is ever stored or written in clear: a roster goes through the real CLI (its own process, so
// the logger writes to a real fd 2, captured at debug level into the data directory), and then every byte of every
// file in the data directory — the database, its un-checkpointed WAL, the shared-memory file, the log, the output —
// is searched for every number in the roster.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenDatabase, openDatabase } from '../db/open-database.js';
import { createResidentStore } from '../db/stores/resident-store.js';
import { maskNik } from '../src/domain/nik.js';
import { Keyring } from '../src/services/keyring.js';
import { makeNik, makePerson, type Person, sheetRows, toCsv, toXlsx } from './fixtures/roster.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';

const runner = join(process.cwd(), 'test', 'fixtures', 'run-cli.ts');

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

describe('privacy: NIK and KK numbers never reach the disk or the output in clear', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'warganet-privacy-data-'));
  const inputDir = mkdtempSync(join(tmpdir(), 'warganet-privacy-input-'));
  let reader: OpenDatabase;

  const good = Array.from({ length: 12 }, (_, i) => makePerson(i));
  const bad: Person[] = [
    makePerson(20, { no_kk: '3523121399100001' }), // valid NIK, KK month 13: the reason must not quote either
    makePerson(21, { nik: `99${String(makePerson(21).nik).slice(2)}` }), // unknown province
    makePerson(22, { nik: String(good[0]!.nik) }), // duplicate
    makePerson(23, { nama: '' }),
  ];
  const flagged: Person[] = [
    makePerson(30, { nik: makeNik('1985-07-09', 1, 30, '330101'), sex: 1 }), // outside the kecamatan
    makePerson(31, { nik: '0352312200200031' }), // OpenSID temporary NIK
    makePerson(32, { status_dasar: 2 }),
  ];
  const roster = [...good, ...bad, ...flagged];
  const secrets = [...new Set(roster.flatMap((p) => [String(p.nik), String(p.no_kk)]))];
  const stored = [...good, ...flagged];

  const runCliProcess = (args: string[], outName: string) => {
    const out = openSync(join(dataDir, outName), 'w');
    const log = openSync(join(dataDir, 'warganet.log'), 'a');
    try {
      return spawnSync(process.execPath, ['--import', 'tsx', runner, ...args], {
        cwd: process.cwd(),
        stdio: ['ignore', out, log],
        env: {
          PATH: process.env.PATH,
          WARGANET_DATA_DIR: dataDir,
          WARGANET_SECRET_KEY: TEST_SECRET_KEY,
          WARGANET_DATABASE_URL: '',
          WARGANET_LOG_LEVEL: 'debug',
          WARGANET_CLI_LOG_LEVEL: 'debug',
        },
        timeout: 60_000,
      });
    } finally {
      closeSync(out);
      closeSync(log);
    }
  };

  beforeAll(async () => {
    expect((await cli({ dataDir }, ['migrate'])).code).toBe(0);
    // Held open while the CLI writes, so its close is not the last and the WAL stays un-checkpointed on disk.
    reader = openDatabase({ sqliteFile: join(dataDir, 'warganet.db') });
    const xlsx = join(inputDir, 'penduduk.xlsx');
    writeFileSync(xlsx, await toXlsx([{ name: 'Data Penduduk', rows: sheetRows(roster) }]));
    const first = runCliProcess(['residents', 'import', xlsx], 'import-1.txt');
    expect(first.status, readFileSync(join(dataDir, 'warganet.log'), 'utf8')).toBe(0);
    // A second roster in which one resident left: deactivation and --json output are covered too.
    const csv = join(inputDir, 'penduduk.csv');
    writeFileSync(csv, toCsv(sheetRows(roster.filter((p) => p !== good[1])), { delimiter: ';', bom: true }));
    const second = runCliProcess(['residents', 'import', csv, '--json'], 'import-2.json');
    expect(second.status).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await reader?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(inputDir, { recursive: true, force: true });
  });

  it('the import really happened, with debug logs and an un-checkpointed WAL to search', () => {
    const json = JSON.parse(readFileSync(join(dataDir, 'import-2.json'), 'utf8'));
    expect(json).toMatchObject({ added: 0, deactivated: 1 });
    expect(json.rejected).toHaveLength(4);
    expect(readFileSync(join(dataDir, 'import-1.txt'), 'utf8')).toContain('ditolak               : 4');
    const log = readFileSync(join(dataDir, 'warganet.log'), 'utf8');
    expect(log).toContain('"level":20'); // debug lines were captured
    expect(log).toContain('roster row rejected');
    expect(statSync(join(dataDir, 'warganet.db-wal')).size).toBeGreaterThan(0);
  });

  it('no file in the data directory contains any NIK or KK number, as ASCII or UTF-16', () => {
    const files = listFiles(dataDir);
    expect(files.map((f) => f.slice(dataDir.length + 1)).sort()).toEqual(
      expect.arrayContaining(['warganet.db', 'warganet.db-wal', 'warganet.db-shm', 'warganet.log']),
    );
    expect(secrets.length).toBeGreaterThan(20);
    const leaks = (file: string) =>
      secrets.filter((secret) => {
        const bytes = readFileSync(file);
        return bytes.includes(Buffer.from(secret, 'ascii')) || bytes.includes(Buffer.from(secret, 'utf16le'));
      }).length;
    // The search itself works: the CSV the operator imported holds every number in clear.
    expect(leaks(join(inputDir, 'penduduk.csv'))).toBeGreaterThan(20);
    for (const file of files) expect(leaks(file), `${file} contains roster numbers`).toBe(0);
  });

  it('every stored resident is still found by the blind index of their NIK, shown masked', async () => {
    const keyring = await Keyring.fromHex(TEST_SECRET_KEY);
    const store = createResidentStore(reader.db);
    for (const p of stored) {
      const nik = String(p.nik);
      const found = await store.findByNikIndex(await keyring.blindIndex('nik', nik));
      expect(found, `row for ${maskNik(nik)}`).toMatchObject({ nikMasked: maskNik(nik), name: p.nama });
    }
    const rows = await reader.db.selectFrom('residents').select(['nik_index', 'kk_index']).execute();
    expect(rows).toHaveLength(stored.length);
    const kkIndex = await keyring.blindIndex('kk', String(good[0]!.no_kk));
    expect(rows.some((r) => r.kk_index === kkIndex)).toBe(true);
  });
});
