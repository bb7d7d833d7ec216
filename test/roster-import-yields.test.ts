// A regency-size roster must not hold the server still: the import gives the event loop a turn between chunks
// while it reads and checks the file, compares it with the residents and writes them, so a timer (a portal
// request, a RADIUS packet) set meanwhile runs long before the import ends; its progress moves while it runs; and
// the CSV read a slice at a time gives exactly the records csv-parse gives for the whole file, even with quoted
// line breaks and doubled quotes at the slice boundaries. Both databases.
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { createResidentStore } from '../db/stores/resident-store.js';
import { Keyring } from '../src/services/keyring.js';
import { cellText, openRosterFile } from '../src/services/residents/roster-file.js';
import { createRosterImport, type ImportStage } from '../src/services/residents/roster-import.js';
import { makePerson, sheetRows, toCsv } from './fixtures/roster.js';
import { TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

const ROWS = 9_000;
const rosterCsv = (n: number) =>
  toCsv(sheetRows(Array.from({ length: n }, (_, i) => makePerson(i))), {
    delimiter: ';',
    bom: true,
    crlf: true,
  });

describe.each(databaseKinds)('roster import gives the event loop turns (%s)', (kind) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });

  const setup = async () => {
    const t = await createTestDatabase(kind);
    open.push(t);
    return createRosterImport({
      store: createResidentStore(t.db),
      keyring: await Keyring.fromHex(TEST_SECRET_KEY),
      now: () => Date.UTC(2026, 11, 15, 3),
      villageCode: '35.23.12.2002',
      timeZone: 'Asia/Jakarta',
    });
  };

  /**
   * Runs the import with a zero timer armed at the start of each stage: `ranAt` says how far the stage had got
   * when that timer ran. Without turns of the event loop, the timer of a stage with no I/O runs only at its end.
   */
  const watched = async (
    run: (onProgress: (s: ImportStage, d: number, t: number) => void) => Promise<unknown>,
  ) => {
    const last = new Map<ImportStage, { done: number; total: number }>();
    const ranAt = new Map<ImportStage, number>();
    const armed = new Set<ImportStage>();
    const readings: string[] = [];
    await run((stage, done, total) => {
      last.set(stage, { done, total });
      readings.push(`${stage}:${done}`);
      if (armed.has(stage)) return;
      armed.add(stage);
      setTimeout(() => ranAt.set(stage, last.get(stage)!.done), 0);
    });
    return { last, ranAt, readings: new Set(readings) };
  };

  it('a dry run of 9,000 rows lets a timer run while it is still checking rows, and reports progress on the way', async () => {
    const roster = await setup();
    const { last, ranAt, readings } = await watched((onProgress) =>
      roster.importRoster({ fileName: 'penduduk.csv', bytes: rosterCsv(ROWS), dryRun: true, onProgress }),
    );
    expect(last.get('checking')!.done).toBe(ROWS);
    expect(ranAt.get('checking')).toBeLessThan(ROWS);
    expect([...readings].filter((r) => r.startsWith('checking:')).length).toBeGreaterThanOrEqual(
      ROWS / 2_000,
    );
  });

  it('applying 9,000 rows lets a timer run while it is still saving, and still writes all or nothing', async () => {
    const roster = await setup();
    let result: Awaited<ReturnType<typeof roster.importRoster>> | undefined;
    const { last, ranAt } = await watched(async (onProgress) => {
      result = await roster.importRoster({ fileName: 'penduduk.csv', bytes: rosterCsv(ROWS), onProgress });
    });
    expect(result?.ok && result.summary.added).toBe(ROWS);
    expect(last.get('saving')!.done).toBe(ROWS);
    expect(ranAt.get('checking')).toBeLessThan(ROWS);
    expect(ranAt.get('saving')).toBeLessThan(ROWS);
  });
});

describe('the CSV read a slice at a time', () => {
  it('gives the records csv-parse gives for the whole file, with quoted line breaks and quotes across slices', async () => {
    const header = 'nik;no_kk;nama;dusun;rw;rt;status_dasar;sex';
    const lines = [header];
    for (let i = 0; i < 40; i++) {
      const name = [
        `"SITI ${i}\nBINTI ""ALI"""`,
        `BUDI "ANAK" ${i}`,
        `"A;B ${i}"`,
        `"KATA ""${i}""\r\nBARU"`,
        `"" `,
      ][i % 5]!;
      lines.push(`35231201010${String(i).padStart(5, '0')};3523120101000001;${name};KRAJAN;001;002;1;1`);
    }
    const text = `${lines.join('\r\n')}\r\n`;
    const whole = (
      parseCsv(text, { delimiter: ';', relax_column_count: true, relax_quotes: true }) as string[][]
    )
      .slice(1)
      .map((r) => r[2]!.trim());
    for (const chunkRows of [1, 2, 3, 7, 2_000]) {
      const stream = await openRosterFile(new TextEncoder().encode(text), chunkRows);
      expect(stream.ok).toBe(true);
      if (!stream.ok) return;
      const names: string[] = [];
      const rows: number[] = [];
      for await (const chunk of stream.chunks)
        for (const r of chunk.records) {
          names.push(cellText(r.cells.get('nama') ?? null));
          rows.push(r.row);
        }
      expect(names).toEqual(whole);
      expect(rows).toEqual(whole.map((_, i) => i + 2));
    }
  });
});
